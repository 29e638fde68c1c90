/**
 * The rows of the requests report's statements (requests-sql.ts), checked and made compact: one per fine group.
 * Checked by hand, not by a zod schema per row: a year has ~60,000 fine groups of 13 columns, and zod's union
 * parse of them took a quarter of a second of the report's two (the numbers come as strings from PostgreSQL's
 * bigint and numeric, as numbers from SQLite).
 */

/** The five keys of a fine group, in the order of the statements' columns. */
export const FINE_KEY_COLUMNS = ['category_code', 'source', 'district', 'neighbourhood', 'department_code'] as const;
export type FineKeyColumn = (typeof FINE_KEY_COLUMNS)[number];
export type FineKeys = (string | null)[];

/** The counts a fine group's row holds, added up into every group it belongs to. */
export interface FactSums {
  opened: number;
  surveyN: number;
  surveySum: number;
  answered: number;
  withDeadline: number;
  inTime: number;
}

export interface FineFacts extends FactSums {
  keys: FineKeys;
  /** The durations' value lists ("12,7,40"), accept / answer / inform. */
  acceptList: string | null;
  answerList: string | null;
  informList: string | null;
}

export class BadReportRow extends Error {
  constructor(column: string, value: unknown) {
    super(`requests report: column ${column} has ${typeof value} ${String(value).slice(0, 40)}`);
    this.name = 'BadReportRow';
  }
}

type Row = Record<string, unknown>;

function asRow(row: unknown): Row {
  if (typeof row !== 'object' || row === null) throw new BadReportRow('(row)', row);
  return row as Row;
}

function text(row: Row, column: string): string | null {
  const value = row[column];
  if (value === null || typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new BadReportRow(column, value);
}

function count(row: Row, column: string): number {
  const value = row[column];
  if (value === null) return 0;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  if (!Number.isFinite(number)) throw new BadReportRow(column, value);
  return number;
}

const keysOf = (row: Row): FineKeys => FINE_KEY_COLUMNS.map((column) => text(row, column));

export function fineFactsOf(value: unknown): FineFacts {
  const row = asRow(value);
  return {
    keys: keysOf(row),
    opened: count(row, 'opened'),
    surveyN: count(row, 'survey_n'),
    surveySum: count(row, 'survey_sum'),
    answered: count(row, 'answered'),
    withDeadline: count(row, 'with_deadline'),
    inTime: count(row, 'in_time'),
    acceptList: text(row, 'accept_v'),
    answerList: text(row, 'answer_v'),
    informList: text(row, 'inform_v'),
  };
}

export function fineReopenedOf(value: unknown): { keys: FineKeys; reopened: number } {
  const row = asRow(value);
  return { keys: keysOf(row), reopened: count(row, 'reopened') };
}

/** The fine group's identity: keys joined by a character no code or name holds, null apart from ''. */
export const fineId = (keys: FineKeys): string => keys.map((key) => (key === null ? '\u0001' : key)).join('\u0000');
