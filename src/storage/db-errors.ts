/** Recognises a UNIQUE/PRIMARY KEY violation from either driver (pg: SQLSTATE 23505; sqlite3: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (code === '23505') return true;
  const message = error instanceof Error ? error.message : '';
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE constraint failed|PRIMARY KEY/i.test(message);
}
