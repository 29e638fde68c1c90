import knex, { type Knex } from 'knex';
import { databaseEngine, SQLITE_BUSY_TIMEOUT_MS, type SqliteConnection } from './database.js';

export interface ReadDatabase {
  db: Knex;
  close(): Promise<void>;
}

/**
 * A connection for long reads (reports, exports). SQLite's main connection is the only one (database.ts says why),
 * so a year's report on it would hold every call write behind it for a second, and an export's pages for minutes;
 * in WAL mode a second connection reads a snapshot while the main one writes. It is query_only: it cannot write
 * by mistake. PostgreSQL's pool already reads beside the writes, and `:memory:` has no second connection to the
 * same data: both get the database itself.
 */
export function createReadDatabase(db: Knex): ReadDatabase {
  const connection: unknown = db.client.config.connection;
  const filename = typeof connection === 'object' && connection !== null ? (connection as { filename?: unknown }).filename : undefined;
  if (databaseEngine(db) !== 'sqlite' || typeof filename !== 'string' || filename === ':memory:') return { db, close: async () => {} };
  const reader = knex({
    client: 'sqlite3',
    connection: { filename },
    useNullAsDefault: true,
    pool: {
      min: 0,
      max: 1,
      afterCreate(sqlite: SqliteConnection, done: (error: Error | null, sqlite: SqliteConnection) => void) {
        sqlite.exec(`PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA query_only = ON;`, (error) => done(error, sqlite));
      },
    },
  });
  return { db: reader, close: () => reader.destroy() };
}
