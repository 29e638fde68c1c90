import type { Knex } from 'knex';
import type { Cell } from '../report-types.js';

/**
 * A listing reads its rows in pages of PAGE_SIZE by keyset (WHERE key > last key ORDER BY key LIMIT n on an
 * indexed key), never as one result: knex's `.stream()` on sqlite3 runs `all()` and holds every row before it
 * emits the first (node-sqlite3 has no cursor), and OFFSET pages re-read every row before the page. Each page is
 * its own statement, so nothing stays open between pages and a consumer that stops (the client hung up) simply
 * does not ask for the next one.
 */
export const PAGE_SIZE = 2000;

/** Rows page after page; `page(after)` gets the last row of the previous page (null for the first). */
export async function* keysetRows<T>(page: (after: T | null, limit: number) => Promise<readonly T[]>, limit = PAGE_SIZE): AsyncGenerator<T> {
  let after: T | null = null;
  for (;;) {
    const rows = await page(after, limit);
    yield* rows;
    if (rows.length < limit) return;
    after = rows[rows.length - 1] ?? null;
  }
}

/** knex.raw's rows on either engine. */
export async function rawRows(db: Knex, sql: string, bindings: Readonly<Record<string, string | number>>): Promise<Record<string, unknown>[]> {
  const result: unknown = await db.raw(sql, bindings);
  const rows: unknown = Array.isArray(result) ? result : (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
}

/** A stored value as a cell: PostgreSQL's bigint text stays text unless the column is numeric (`asNumber`). */
export function cellOf(value: unknown, asNumber = false): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (asNumber) {
    const number = Number(value);
    return Number.isFinite(number) ? number : null;
  }
  return String(value);
}

/**
 * KVKK: an export shows a caller's number by its last four digits only (`*******4567`): enough to tell calls
 * of one person apart or to match a complaint, not enough to call them.
 */
export function maskToLastFour(number: unknown): Cell {
  if (typeof number !== 'string' || number.length === 0) return null;
  const digits = number.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}
