import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import knex, { type Knex } from 'knex';
import { migrations } from '../../migrations/index.js';
import type { Logger } from '../logging/logger.js';
import { ListMigrationSource } from './migration-source.js';

export type DatabaseEngine = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; absent selects SQLite. */
  url?: string;
  /** SQLite file (or `:memory:`), used when `url` is absent. */
  sqliteFile: string;
  /** PostgreSQL pool; SQLite always uses one connection (see below). */
  pool?: { min: number; max: number };
  /** PostgreSQL schema search path (tests isolate themselves in a fresh schema). */
  searchPath?: string[];
  /** Where knex's own warnings go (connection errors, deprecations); default: the console. */
  logger?: Logger;
}

function knexLog(logger: Logger | undefined): Knex.Config['log'] {
  if (!logger) return undefined;
  const text = (message: unknown): string => (typeof message === 'string' ? message : JSON.stringify(message));
  return {
    warn: (message: unknown) => logger.warn('knex warning', { detail: text(message) }),
    error: (message: unknown) => logger.error('knex error', { detail: text(message) }),
    deprecate: (method: string, alternative: string) => logger.warn('knex deprecation', { method, alternative }),
    debug: (message: unknown) => logger.debug('knex debug', { detail: text(message) }),
  };
}

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** The node-sqlite3 connection knex hands to `pool.afterCreate`. */
export interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
}

export function createDatabase(options: DatabaseOptions): Knex {
  if (options.url) {
    if (!/^postgres(ql)?:\/\//.test(options.url)) throw new Error('DATABASE_URL must be a postgres:// URL');
    return knex({
      client: 'pg',
      connection: options.url,
      pool: options.pool ?? { min: 0, max: 10 },
      ...(options.searchPath ? { searchPath: options.searchPath } : {}),
      log: knexLog(options.logger),
    });
  }
  if (options.sqliteFile !== ':memory:') mkdirSync(dirname(options.sqliteFile), { recursive: true });
  return knex({
    client: 'sqlite3',
    connection: { filename: options.sqliteFile },
    useNullAsDefault: true,
    log: knexLog(options.logger),
    // SQLite has one writer at a time anyway. Several pooled connections would only add SQLITE_BUSY
    // failures when two deferred transactions both try to upgrade to a write lock (busy_timeout cannot
    // resolve that deadlock), and `:memory:` gives every connection its own empty database.
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: SqliteConnection, done: (error: Error | null, connection: SqliteConnection) => void) {
        // Pragmas are per connection, so they belong here and not in a migration.
        connection.exec(
          `PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;`,
          (error) => done(error, connection),
        );
      },
    },
  });
}

export function databaseEngine(db: Knex): DatabaseEngine {
  const client: unknown = db.client.config.client;
  return client === 'pg' || client === 'postgres' || client === 'postgresql' ? 'postgres' : 'sqlite';
}

export const migrationConfig: Knex.MigratorConfig = {
  migrationSource: new ListMigrationSource(migrations),
  tableName: 'knex_migrations',
};

/** Runs every pending migration; returns the names applied in this run. */
export async function migrateLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migrationConfig)) as [number, string[]];
  return applied;
}

export async function checkDatabase(
  db: Knex,
  timeoutMs = 2000,
): Promise<{ ok: boolean; engine: DatabaseEngine; error?: string }> {
  const engine = databaseEngine(db);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database ping timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([db.raw('select 1'), timeout]);
    return { ok: true, engine };
  } catch (error) {
    return { ok: false, engine, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
