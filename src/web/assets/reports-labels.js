/**
 * Codes a report cell carries that people read by name on screen: a queue by its site label, a ticket source by
 * its channel name. The exported files keep the codes (a spreadsheet filters on them); only the page translates.
 */

import { t } from './i18n.js';
import { siteQueueLabel } from './site-data.js';
import { formatCell } from './reports-format.js';

/** @typedef {'tr' | 'en'} Lang */

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
  return (column.kind === 'text' ? codeLabel(column.key, value, lang) : null) ?? formatCell(column.kind, value ?? null, lang);
}
