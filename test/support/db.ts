import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { createDatabase, migrateLatest, type DatabaseEngine } from '../../src/storage/database.js';

export interface TestDatabase {
  db: Knex;
  engine: DatabaseEngine;
  destroy(): Promise<void>;
}

export const TEST_POSTGRES_URL = process.env.ALO153_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function testEngine(): DatabaseEngine {
  const wanted = process.env.ALO153_TEST_DB ?? 'sqlite';
  if (wanted !== 'sqlite' && wanted !== 'postgres') throw new Error(`ALO153_TEST_DB must be sqlite or postgres, not ${wanted}`);
  return wanted;
}

/**
 * A fresh, migrated database on the engine chosen by ALO153_TEST_DB (default sqlite).
 * SQLite lives in a temp file (so WAL is real); PostgreSQL gets its own schema, dropped by destroy().
 */
export async function createTestDatabase(options: { migrate?: boolean; pool?: { min: number; max: number } } = {}): Promise<TestDatabase> {
  const engine = testEngine();
  const db = engine === 'postgres' ? await createPostgresSchemaDatabase(options.pool) : createSqliteFileDatabase();
  if (options.migrate ?? true) await migrateLatest(db.db);
  return { ...db, engine };
}

function createSqliteFileDatabase(): Omit<TestDatabase, 'engine'> {
  const directory = mkdtempSync(join(tmpdir(), 'alo153-test-'));
  const db = createDatabase({ sqliteFile: join(directory, 'test.sqlite') });
  return {
    db,
    async destroy() {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

async function createPostgresSchemaDatabase(pool = { min: 0, max: 10 }): Promise<Omit<TestDatabase, 'engine'>> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client: 'pg', connection: TEST_POSTGRES_URL, pool: { min: 0, max: 1 } });
  try {
    await admin.raw('create schema ??', [schema]);
  } finally {
    await admin.destroy();
  }
  const db = createDatabase({ url: TEST_POSTGRES_URL, sqliteFile: ':unused:', pool, searchPath: [schema] });
  return {
    db,
    async destroy() {
      await db.destroy();
      const cleanup = knex({ client: 'pg', connection: TEST_POSTGRES_URL, pool: { min: 0, max: 1 } });
      try {
        await cleanup.raw('drop schema if exists ?? cascade', [schema]);
      } finally {
        await cleanup.destroy();
      }
    },
  };
}
