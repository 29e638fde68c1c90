/**
 * An inbox item's clock: the time left to its deadline as the department reads it ("2 gün 3 sa kaldı"), red
 * and "Süresi geçti" once it passed, amber from its due-soon moment. Counted on the server's clock (the
 * page keeps the offset), so a PC with a wrong clock shows the same as the server. Pure: Node tests use it.
 */

import { t } from './i18n.js';

/** @typedef {'overdue' | 'soon' | 'ok' | 'none'} ClockTone */
/** @typedef {{ dueAt: string | null, dueSoonAt: string | null, ackDueAt: string | null, status: string }} ClockItem */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "2 gün 3 sa", "5 sa 10 dk", "12 dk": the two largest units, rounded down (never more time than there is).
 * @param {number} ms
 * @param {import('./i18n.js').Lang} [lang]
 */
export function spanText(ms, lang) {
  const span = Math.max(0, ms);
  if (span < MINUTE) return t('inbox.underMinute', undefined, lang);
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  /** @type {string[]} */
  const parts = [];
  if (days > 0) parts.push(t('inbox.days', { d: days }, lang));
  if (hours > 0 && parts.length < 2) parts.push(t('inbox.hours', { h: hours }, lang));
  if (days === 0 && minutes > 0 && parts.length < 2) parts.push(t('inbox.minutes', { m: minutes }, lang));
  return parts.join(' ');
}

/**
 * @param {ClockItem} item
 * @param {number} now the server's clock, epoch ms
 * @param {import('./i18n.js').Lang} [lang]
 * @returns {{ tone: ClockTone, text: string, ack: string | null }}
 */
export function clockOf(item, now, lang) {
  const due = item.dueAt ? Date.parse(item.dueAt) : NaN;
  const soon = item.dueSoonAt ? Date.parse(item.dueSoonAt) : NaN;
  const ackDue = item.ackDueAt ? Date.parse(item.ackDueAt) : NaN;
  // Acceptance is owed only until the item is accepted.
  const ack = item.status !== 'forwarded' || !Number.isFinite(ackDue) ? null : ackDue <= now ? t('inbox.ackOverdue', undefined, lang) : t('inbox.ackLeft', { time: spanText(ackDue - now, lang) }, lang);
  if (!Number.isFinite(due)) return { tone: 'none', text: t('inbox.noDeadline', undefined, lang), ack };
  if (due <= now) return { tone: 'overdue', text: t('inbox.overdueBy', { time: spanText(now - due, lang) }, lang), ack };
  const tone = Number.isFinite(soon) && soon <= now ? 'soon' : 'ok';
  return { tone, text: t('inbox.left', { time: spanText(due - now, lang) }, lang), ack };
}
