/** knex.raw answers with the rows on SQLite and with a pg Result (its `rows`) on PostgreSQL. */
export function rawRows(result: unknown): unknown[] {
  if (Array.isArray(result)) return result;
  const rows = (result as { rows?: unknown } | null)?.rows;
  return Array.isArray(rows) ? rows : [];
}
