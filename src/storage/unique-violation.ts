/**
 * Whether a write failed on a UNIQUE constraint, optionally one over `column`: PostgreSQL's SQLSTATE 23505 (its
 * constraint or index name contains the column's name), SQLite's SQLITE_CONSTRAINT with "UNIQUE constraint
 * failed: table.column" (a partial unique index names its columns there too).
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, constraint } = error as { code?: unknown; message?: unknown; constraint?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (code === '23505') return column === undefined || (typeof constraint === 'string' && constraint.includes(column)) || text.includes(column);
  if (code === 'SQLITE_CONSTRAINT' && text.includes('UNIQUE constraint failed')) return column === undefined || text.includes(`.${column}`);
  return false;
}
