import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import knex, { type Knex } from 'knex';
import { createDatabase } from '../src/storage/database.js';

/** A fresh database for one bench process: a temp SQLite file, or its own schema on PostgreSQL (BENCH_DATABASE_URL). */
export interface BenchDatabase {
  db: Knex;
  engine: 'sqlite' | 'postgres';
  /** After alo153 has destroyed `db`: removes the file or drops the schema. */
  cleanUp(): Promise<void>;
}

export async function createBenchDatabase(postgresUrl: string | undefined): Promise<BenchDatabase> {
  if (!postgresUrl) {
    const directory = mkdtempSync(join(tmpdir(), 'alo153-bench-'));
    return {
      db: createDatabase({ sqliteFile: join(directory, 'bench.sqlite') }),
      engine: 'sqlite',
      cleanUp: async () => rmSync(directory, { recursive: true, force: true }),
    };
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = (): Knex => knex({ client: 'pg', connection: postgresUrl, pool: { min: 0, max: 1 } });
  const create = admin();
  await create.raw('create schema ??', [schema]).finally(() => create.destroy());
  return {
    db: createDatabase({ url: postgresUrl, sqliteFile: ':unused:', searchPath: [schema] }),
    engine: 'postgres',
    cleanUp: async () => {
      const drop = admin();
      await drop.raw('drop schema if exists ?? cascade', [schema]).finally(() => drop.destroy());
    },
  };
}
