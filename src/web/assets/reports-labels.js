/**
 * Codes a report cell carries that people read by name on screen: a queue by its site label, a ticket source by
 * its channel name. The exported files keep the codes (a spreadsheet filters on them); only the page translates.
 */

import { t } from './i18n.js';
import { siteQueueLabel } from './site-data.js';
import { formatCell } from './reports-format.js';

/** @typedef {'tr' | 'en'} Lang */

/**
 * Whether a table has nothing to show for the period: no rows, or rows whose every count and duration is zero or
 * blank (a report lists the 168 hours of its heat map and a totals row even when no call came).
 * @param {{ columns: readonly { key: string, kind: string }[], rows: readonly Readonly<Record<string, string | number | null>>[] }} table
 */
export function isEmptyTable(table) {
  const figures = table.columns.filter((column) => column.kind === 'count' || column.kind === 'seconds');
  if (table.rows.length === 0) return true;
  if (figures.length === 0) return false;
  return table.rows.every((row) => figures.every((column) => row[column.key] === null || row[column.key] === undefined || row[column.key] === 0));
}

/**
 * The text shown for a text cell of column `key`; null when it is not a code this page names.
 * @param {string} key
 * @param {string | number | null | undefined} value
 * @param {Lang} lang
 * @returns {string | null}
 */
export function codeLabel(key, value, lang) {
  if (typeof value !== 'string' || value === '') return null;
  if (key === 'queue') return siteQueueLabel(value, lang);
  if (key === 'source') {
    const text = t(`ticket.source.${value}`, undefined, lang);
    return text === `ticket.source.${value}` ? value : text;
  }
  return null;
}

/**
 * A cell as the page shows it: a known code by its name, anything else formatted by its column's kind.
 * @param {{ key: string, kind: import('./reports-format.js').ColumnKind }} column
 * @param {string | number | null | undefined} value
 * @param {Lang} lang
 */
export function cellText(column, value, lang) {
  // ISO weekday 1..7 (the heat map's rows): a day people read by name.
  if (column.key === 'weekday' && typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 7) return t(`rep.day.${value}`, undefined, lang);
  return (column.kind === 'text' ? codeLabel(column.key, value, lang) : null) ?? formatCell(column.kind, value ?? null, lang);
}
