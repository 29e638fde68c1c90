import { istanbulWallClock } from '../../queues/istanbul-time.js';
import type { Cell, ColumnDef, Label } from '../report-types.js';
import type { ReportLang } from '../report-query.js';

/**
 * How a report cell leaves in a file. CSV numbers are not localised (a dot decimal, no thousands separator):
 * a file is read back by programs as often as by people, and Excel's import takes them as numbers. Times are
 * the Istanbul wall clock (`2026-03-15 14:03:22`), the time the centre speaks in.
 */

const pad = (value: number) => String(value).padStart(2, '0');

/** `2026-03-15 14:03:22` in Europe/Istanbul, or null for a value that is not a time. */
export function istanbulText(value: Cell): string | null {
  const at = typeof value === 'number' ? value : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(at)) return null;
  const c = istanbulWallClock(at);
  return `${c.year}-${pad(c.month)}-${pad(c.day)} ${pad(c.hour)}:${pad(c.minute)}:${pad(c.second)}`;
}

/** A CSV field: null is empty, numbers as JavaScript writes them (dot decimal), times on the Istanbul clock. */
export function csvCell(column: ColumnDef, value: Cell): string | number {
  if (value === null) return '';
  if (column.kind === 'datetime') return istanbulText(value) ?? String(value);
  return value;
}

/**
 * An XLSX cell: numbers stay numbers (seconds too, so sums work in Excel), times become Excel dates of the
 * Istanbul wall clock (Excel dates have no zone; the file shows what the centre's clock showed).
 */
export function xlsxCell(column: ColumnDef, value: Cell): string | number | Date | null {
  if (value === null) return null;
  if (column.kind !== 'datetime') return value;
  const text = istanbulText(value);
  return text === null ? String(value) : new Date(`${text.replace(' ', 'T')}Z`);
}

export const XLSX_FORMATS: Readonly<Record<ColumnDef['kind'], string | undefined>> = {
  text: undefined,
  count: '0',
  seconds: '0',
  number: '0.##',
  percent: '0.0',
  score: '0.00',
  datetime: 'yyyy-mm-dd hh:mm:ss',
};

/** Width in characters: the header's, at least what the kind needs. */
export function columnWidth(column: ColumnDef, lang: ReportLang): number {
  const least = column.kind === 'datetime' ? 20 : column.kind === 'text' ? 16 : 10;
  return Math.min(60, Math.max(least, column.label[lang].length + 2));
}

export const labelOf = (label: Label, lang: ReportLang): string => label[lang];

/**
 * `rapor-calls-by-queue-2025` and the like: ASCII letters, digits and dashes only, so the header needs no
 * encoding and no name can climb out of a download folder.
 */
export function exportFileName(parts: readonly string[], extension: 'csv' | 'xlsx'): string {
  const base = parts
    .map((part) => part.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, ''))
    .filter((part) => part.length > 0)
    .join('-')
    .slice(0, 120);
  return `${base || 'rapor'}.${extension}`;
}
