/** Recognises a UNIQUE/PRIMARY KEY violation from either driver (pg: SQLSTATE 23505; sqlite3: SQLITE_CONSTRAINT_UNIQUE/PRIMARYKEY). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = 'code' in error ? String(error.code) : '';
  if (code === '23505') return true;
  const message = error instanceof Error ? error.message : '';
  return code === 'SQLITE_CONSTRAINT' && /UNIQUE constraint failed|PRIMARY KEY/i.test(message);
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'SQLITE_BUSY', 'SQLITE_IOERR', 'SQLITE_FULL']);

/**
 * The database itself is away or overloaded (no connection, a dropped one, a pool or lock timeout, a full disk), as
 * opposed to a statement it refused: the same statement alone would fail the same way. PostgreSQL's connection
 * exceptions are SQLSTATE class 08 and 57P0x (shutdown); knex reports a pool timeout as KnexTimeoutError.
 */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, name, message } = error as { code?: unknown; name?: unknown; message?: unknown };
  if (name === 'KnexTimeoutError') return true;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code))) return true;
  return typeof message === 'string' && /Connection terminated|connection is closed|Client was closed|SQLITE_BUSY|database is locked/i.test(message);
}
