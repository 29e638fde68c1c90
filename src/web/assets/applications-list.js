/**
 * The open applications of /basvurular (GET /api/applications), nearest deadline first, with the time left; a
 * row's button opens it. "Yalnız cevaplananlar" narrows it to the answered ones waiting to be entered into the portal.
 */

import { t } from './i18n.js';
import { statusName } from './supervisor-labels.js';
import { call } from './supervisor-api.js';
import { istanbulDate, portalName } from './applications-format.js';

const rows = /** @type {HTMLElement} */ (document.getElementById('list-rows'));
const summary = /** @type {HTMLElement} */ (document.getElementById('list-summary'));
const answeredOnly = /** @type {HTMLInputElement} */ (document.getElementById('list-answered'));

/** @type {{ items: any[], more: boolean, now: string } | null} */
let page = null;
/** @type {(number: string) => void} */
let opener = () => {};

export function renderList() {
  if (!page) return;
  const now = Date.parse(page.now);
  rows.replaceChildren(
    ...page.items.map((item) => {
      const line = document.createElement('tr');
      line.dataset.number = item.number;
      const late = item.dueAt !== null && Date.parse(item.dueAt) <= now;
      const cells = [
        `${istanbulDate(item.dueAt)}${late ? ` · ${t('apps.list.overdue')}` : ''}`,
        `${portalName(item.source)} ${item.externalRef}`,
        item.callerName ?? '—',
        statusName(item.status),
      ];
      for (const text of cells) {
        const cell = document.createElement('td');
        cell.textContent = text;
        line.append(cell);
      }
      line.firstElementChild?.classList.toggle('late', late);
      const action = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-small';
      button.textContent = item.number;
      button.setAttribute('aria-label', `${t('apps.list.open')} ${item.number}`);
      button.addEventListener('click', () => opener(item.number));
      action.append(button);
      line.append(action);
      return line;
    }),
  );
  summary.textContent = page.items.length === 0 ? t('apps.list.none') : t(page.more ? 'apps.list.more' : 'apps.list.count', { count: page.items.length });
}

export async function reloadList() {
  const result = await call('GET', `/api/applications${answeredOnly.checked ? '?status=answered' : ''}`);
  if (!result.ok) {
    summary.textContent = t('sup.error.failed', { status: result.status });
    return;
  }
  page = result.body;
  renderList();
}

/** @param {(number: string) => void} open */
export function bootList(open) {
  opener = open;
  answeredOnly.addEventListener('change', () => void reloadList());
}
