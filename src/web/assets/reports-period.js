/**
 * The period picker's arithmetic and the query every report request and export link carries. Periods are Istanbul
 * calendar days: the page sends `period` with an anchor `date` (or `from`/`to` for a custom period) and the server
 * turns them into the period's edges, so the page never does time-zone sums. Pure and importable from Node.
 */

import { TIME_ZONE } from './i18n.js';

/** @typedef {'day' | 'week' | 'month' | 'year' | 'custom'} Period */
/** @typedef {'tr' | 'en'} Lang */
/**
 * @typedef {object} ReportState
 * @property {Period} period
 * @property {string} date anchor YYYY-MM-DD (day, week, month, year)
 * @property {string} from custom start YYYY-MM-DD
 * @property {string} to custom end YYYY-MM-DD (inclusive)
 * @property {Record<string, string>} filters queue, category, department, district, source, agent ('' = all)
 */

export const PERIODS = /** @type {const} */ (['day', 'week', 'month', 'year', 'custom']);
export const FILTER_KEYS = /** @type {const} */ (['queue', 'category', 'department', 'district', 'source', 'agent']);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** @param {unknown} value @returns {value is Period} */
export const isPeriod = (value) => typeof value === 'string' && /** @type {readonly string[]} */ (PERIODS).includes(value);

/** Today's date on the Istanbul calendar, whatever the PC's zone. @param {number} [now] */
export function istanbulToday(now = Date.now()) {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** @param {string} text @returns {boolean} */
export function isDate(text) {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Calendar arithmetic in UTC: a calendar date has no zone. @param {number} year @param {number} month0 @param {number} day */
const ymd = (year, month0, day) => new Date(Date.UTC(year, month0, day)).toISOString().slice(0, 10);

/**
 * The anchor one period earlier (step -1) or later (+1). A month step keeps the day where the month has it
 * (31 March − 1 month → 28/29 February), so stepping never skips a month.
 * @param {Exclude<Period, 'custom'>} period
 * @param {string} date
 * @param {1 | -1} step
 */
export function shiftDate(period, date, step) {
  const [year, month, day] = date.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return date;
  if (period === 'day') return ymd(year, month - 1, day + step);
  if (period === 'week') return ymd(year, month - 1, day + 7 * step);
  if (period === 'year') return ymd(year + step, 0, 1);
  const lastDay = new Date(Date.UTC(year, month - 1 + step + 1, 0)).getUTCDate();
  return ymd(year, month - 1 + step, Math.min(day, lastDay));
}

/**
 * What the page can tell before asking the server (which checks again): a message key, or null.
 * @param {ReportState} state
 * @returns {string | null}
 */
export function periodProblem(state) {
  if (state.period !== 'custom') return isDate(state.date) ? null : 'rep.error.date';
  if (!isDate(state.from) || !isDate(state.to)) return 'rep.error.customDates';
  return state.from > state.to ? 'rep.error.customOrder' : null;
}

/**
 * The query string of a report, its exports and listings: the same period and filters everywhere.
 * @param {ReportState} state
 * @param {Lang} lang
 */
export function reportQuery(state, lang) {
  const query = new URLSearchParams({ period: state.period });
  if (state.period === 'custom') {
    query.set('from', state.from);
    query.set('to', state.to);
  } else query.set('date', state.date);
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) query.set(key, value);
  }
  query.set('lang', lang);
  return query;
}

/**
 * @param {string} report
 * @param {string} table
 * @param {'csv' | 'xlsx'} format
 * @param {URLSearchParams} query
 */
export const exportUrl = (report, table, format, query) => `/api/reports/${encodeURIComponent(report)}/${encodeURIComponent(table)}.${format}?${query}`;

/** @param {string} listing @param {'csv' | 'xlsx'} format @param {URLSearchParams} query */
export const listingUrl = (listing, format, query) => `/api/reports/listings/${encodeURIComponent(listing)}.${format}?${query}`;

/**
 * The page's state from its address (a report link can be shared); anything missing or malformed is the default:
 * this month.
 * @param {URLSearchParams} params
 * @param {string} today
 * @returns {ReportState}
 */
export function stateFromQuery(params, today) {
  const period = params.get('period');
  const date = params.get('date') ?? '';
  /** @type {Record<string, string>} */
  const filters = {};
  for (const key of FILTER_KEYS) filters[key] = params.get(key) ?? '';
  return {
    period: isPeriod(period) ? period : 'month',
    date: isDate(date) ? date : today,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    filters,
  };
}
