import path from 'node:path';
import { ConfigError, loadConfig } from '../config/load.js';
import { checkDatabase, createDatabase, migrateLatest } from './database.js';

/** `npm run migrate`: applies pending migrations to DATABASE_URL, else the SQLite file. */
async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`migrate: ${error.message}`);
      return 1;
    }
    throw error;
  }
  const url = config.database.url || undefined;
  const sqliteFile = path.resolve(config.database.sqliteFile);
  const db = createDatabase({ url, sqliteFile, pool: { min: 0, max: 2 } });
  try {
    const health = await checkDatabase(db, 10_000);
    if (!health.ok) {
      console.error(`migrate: cannot reach the ${health.engine} database: ${health.error ?? 'unknown error'}`);
      return 1;
    }
    const target = health.engine === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `SQLite ${sqliteFile}`;
    const applied = await migrateLatest(db);
    console.log(applied.length === 0 ? `migrate: ${target} is up to date` : `migrate: applied to ${target}: ${applied.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`migrate: failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
