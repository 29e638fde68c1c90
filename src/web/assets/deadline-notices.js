/**
 * The deadline clock's notices on a screen: supervisors see them on `escalations`, a department on its
 * `inbox:<code>` stream, in the entry `notifications` (newest first; see src/requests/deadlines/deadline-hub-notifier.ts).
 * A screen that connects later still shows what was told recently: the entry travels in the snapshot.
 */

import { t, formatDate, formatHourMinute } from './i18n.js';
import { departmentName } from './desk-catalogue.js';

/** @typedef {{ id: string, kind: 'due-soon' | 'overdue' | 'ack-overdue', ticket: string, department: string | null, deadline: string, at: string }} DeadlineNotice */

const KINDS = new Set(['due-soon', 'overdue', 'ack-overdue']);

/** @param {unknown} entry @returns {DeadlineNotice[]} */
export function deadlineNotices(entry) {
  if (!Array.isArray(entry)) return [];
  return entry.filter((item) => item && typeof item === 'object' && KINDS.has(item.kind) && typeof item.ticket === 'string' && typeof item.at === 'string');
}

/**
 * @param {HTMLElement} list an element (ul) with aria-live, hidden while there is nothing to say
 * @param {unknown} entry the stream's `notifications` entry
 * @param {number} [max]
 */
export function renderDeadlineNotices(list, entry, max = 5) {
  const notices = deadlineNotices(entry).slice(0, max);
  list.replaceChildren(
    ...notices.map((notice) => {
      const item = document.createElement('li');
      item.className = `deadline-notice deadline-notice-${notice.kind}`;
      item.dataset.testid = `deadline-notice-${notice.kind}-${notice.ticket}`;
      const at = Date.parse(notice.at);
      const deadline = Date.parse(notice.deadline);
      item.textContent = t(`notice.${notice.kind}`, {
        ticket: notice.ticket,
        department: notice.department ? departmentName(notice.department) : t('notice.noDepartment'),
        deadline: Number.isFinite(deadline) ? `${formatDate(deadline)} ${formatHourMinute(deadline)}` : '—',
        time: Number.isFinite(at) ? formatHourMinute(at) : '—',
      });
      return item;
    }),
  );
  list.hidden = notices.length === 0;
}
