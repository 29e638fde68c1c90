/**
 * How a report cell is shown, by its column kind (src/reports/report-types.ts): counts with the language's
 * thousands separators, percentages (0..100) and scores with one decimal, seconds as mm:ss or h:mm:ss, instants
 * on the Istanbul clock. Pure and importable from Node; the export files carry the raw values instead.
 */

import { formatNumber, formatDuration, formatDate, TIME_ZONE } from './i18n.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {'text' | 'count' | 'number' | 'percent' | 'seconds' | 'score' | 'datetime'} ColumnKind */
/** @typedef {string | number | null} Cell */

export const EMPTY = '—';

/** @type {Record<Lang, string>} */
const LOCALES = { tr: 'tr-TR', en: 'en-GB' };

/** @type {Map<string, Intl.NumberFormat | Intl.DateTimeFormat>} */
const formats = new Map();

/**
 * @template {Intl.NumberFormat | Intl.DateTimeFormat} F
 * @param {string} key
 * @param {() => F} make
 * @returns {F}
 */
function cached(key, make) {
  let format = formats.get(key);
  if (!format) {
    format = make();
    formats.set(key, format);
  }
  return /** @type {F} */ (format);
}

/** @param {Cell | undefined} value @returns {value is number} */
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);

/**
 * A percentage given as 0..100. One decimal, unlike the wallboard's whole percent: a report compares periods,
 * and 0.4 % against 1.4 % abandonment is a difference a manager reports.
 * @param {Cell | undefined} value
 * @param {Lang} lang
 */
export function formatReportPercent(value, lang) {
  if (!isNumber(value)) return EMPTY;
  return cached(`pct:${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1 })).format(value / 100);
}

/** A survey score 1..5 with exactly one decimal ("4,3"). @param {Cell | undefined} value @param {Lang} lang */
export function formatScore(value, lang) {
  if (!isNumber(value)) return EMPTY;
  return cached(`score:${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { minimumFractionDigits: 1, maximumFractionDigits: 1 })).format(value);
}

/** Whole seconds as mm:ss, or h:mm:ss from an hour on (the wallboard's durations). @param {Cell | undefined} value */
export function formatSeconds(value) {
  return isNumber(value) ? formatDuration(value * 1000) : EMPTY;
}

/**
 * An instant (epoch ms or an ISO text) as a date and time on the Istanbul clock.
 * @param {Cell | undefined} value
 * @param {Lang} lang
 */
export function formatDateTime(value, lang) {
  if (value === null || value === undefined || value === '') return EMPTY;
  const epoch = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(epoch)) return String(value);
  return cached(`dt:${lang}`, () => new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).format(epoch);
}

/**
 * An Istanbul calendar day (YYYY-MM-DD, as the API names a period's first and last days) written out with its
 * weekday. Noon UTC of that date is the same date in Istanbul, so no zone sum is needed.
 * @param {string} day
 * @param {Lang} lang
 */
export function formatDay(day, lang) {
  const [year, month, date] = day.split('-').map(Number);
  return year && month && date ? formatDate(Date.UTC(year, month - 1, date, 12), lang) : day;
}

/** A plain number: up to two decimals with the language's separators. @param {Cell | undefined} value @param {Lang} lang */
function formatPlain(value, lang) {
  if (!isNumber(value)) return EMPTY;
  return cached(`num:${lang}`, () => new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 })).format(value);
}

/**
 * @param {ColumnKind} kind
 * @param {Cell | undefined} value
 * @param {Lang} lang
 * @returns {string}
 */
export function formatCell(kind, value, lang) {
  switch (kind) {
    case 'count':
      return isNumber(value) ? formatNumber(value, lang) : EMPTY;
    case 'number':
      return formatPlain(value, lang);
    case 'percent':
      return formatReportPercent(value, lang);
    case 'seconds':
      return formatSeconds(value);
    case 'score':
      return formatScore(value, lang);
    case 'datetime':
      return formatDateTime(value, lang);
    default:
      return value === null || value === undefined || value === '' ? EMPTY : String(value);
  }
}

/** Figures align right so digits line up; text reads from the left. @param {ColumnKind} kind */
export const isNumericKind = (kind) => kind !== 'text' && kind !== 'datetime';
