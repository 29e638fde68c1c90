/**
 * How the wallboard's Talepler section writes its figures (pure; importable from Node for tests).
 */

import { t, getLang } from './i18n.js';

/** @typedef {import('./i18n.js').Lang} Lang */

/**
 * A median in seconds as a person says it: "45 dk", "3 sa 20 dk", "2 gün 4 sa"; "—" when there is none.
 * @param {number | null | undefined} seconds
 * @param {Lang} [lang]
 */
export function formatSpan(seconds, lang = getLang()) {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const minutesTotal = Math.round(Math.max(0, seconds) / 60);
  if (minutesTotal < 1) return t('requests.span.underMinute', undefined, lang);
  const days = Math.floor(minutesTotal / 1440);
  const hours = Math.floor((minutesTotal % 1440) / 60);
  const minutes = minutesTotal % 60;
  if (days > 0) return t(hours > 0 ? 'requests.span.daysHours' : 'requests.span.days', { d: days, h: hours }, lang);
  if (hours > 0) return t(minutes > 0 ? 'requests.span.hoursMinutes' : 'requests.span.hours', { h: hours, m: minutes }, lang);
  return t('requests.span.minutes', { m: minutes }, lang);
}

/**
 * @typedef {object} FiguresRow
 * @property {string | null} [department]
 * @property {string | null} [name]
 * @property {number} open
 * @property {number} dueSoon
 * @property {number} overdue
 * @property {number | null} acceptMedianS
 * @property {number | null} answerMedianS
 * @property {number | null} informMedianS
 * @property {number | null} inTimeShare
 * @property {{ answered: number, answeredInTime: number, inTimeShare: number | null }} cimer
 */

/**
 * The wall's order: most overdue first, then the biggest backlog, then by name (tickets without a department last).
 * @param {FiguresRow} a
 * @param {FiguresRow} b
 */
export function compareRows(a, b) {
  if (a.overdue !== b.overdue) return b.overdue - a.overdue;
  if (a.open !== b.open) return b.open - a.open;
  if ((a.department ?? null) === null) return 1;
  if ((b.department ?? null) === null) return -1;
  return String(a.name ?? a.department).localeCompare(String(b.name ?? b.department), 'tr');
}
