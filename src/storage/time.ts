/**
 * Timestamps are stored as UTC ISO-8601 text (`2026-11-28T09:15:00.000Z`) on BOTH engines.
 *
 * Why not timestamptz on PostgreSQL: SQLite has no date type, and two representations would mean
 * two code paths (pg returns Date objects, sqlite3 returns strings) and subtly different comparisons.
 * `Date.prototype.toISOString()` is fixed-width and always UTC (`Z`), so text order equals time order
 * and range queries/indexes work the same everywhere. Reports on PostgreSQL can still cast: `started_at::timestamptz`.
 */
export function toDbTime(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new RangeError('invalid date');
  return date.toISOString();
}

export function fromDbTime(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`invalid stored timestamp: ${value}`);
  return date;
}

export function fromDbTimeOrNull(value: string | null): Date | null {
  return value === null ? null : fromDbTime(value);
}
