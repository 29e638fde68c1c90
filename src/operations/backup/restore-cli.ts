import path from 'node:path';
import { migrations } from '../../../migrations/index.js';
import { ConfigError, loadConfig } from '../../config/load.js';
import { BackupError } from './sqlite-backup.js';
import { checkBackup, restoreSqlite } from './sqlite-restore.js';

/**
 * `npm run restore -- <backup file>`: replaces the SQLite database with a checked backup (alo153 stopped).
 * `--check` only checks the backup.
 */
async function main(args: string[]): Promise<number> {
  const file = args.find((arg) => !arg.startsWith('-'));
  if (!file || args.includes('--help')) {
    console.error('usage: npm run restore -- <backup file> [--check]   (stop alo153 first: systemctl stop alo153)');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`restore: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (config.database.url) {
    console.error('restore: alo153 uses PostgreSQL (DATABASE_URL): restore it with pg_restore (README, Operations)');
    return 1;
  }
  const known = migrations.map((migration) => migration.name);
  const target = path.resolve(config.database.sqliteFile);
  try {
    if (args.includes('--check')) {
      const check = await checkBackup(path.resolve(file), known);
      console.log(`restore: ${file} is fit to restore (integrity ok, ${check.applied.length} migrations, ${check.pending.length} to apply at start)`);
      return 0;
    }
    const result = await restoreSqlite({ backup: file, target, known });
    console.log(`restore: ${target} is now ${path.resolve(file)} (integrity ok, ${result.applied.length} migrations)`);
    if (result.keptAside.length > 0) console.log(`restore: the replaced database is kept as ${result.keptAside.join(', ')}`);
    if (result.pending.length > 0) console.log(`restore: alo153 applies ${result.pending.length} newer migrations at its next start: ${result.pending.join(', ')}`);
    return 0;
  } catch (error) {
    console.error(`restore: ${error instanceof BackupError ? error.message : `failed: ${(error as Error).message}`}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
