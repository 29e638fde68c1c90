import path from 'node:path';
import { migrations } from '../../../migrations/index.js';
import { configuredSqliteFile } from './configured-sqlite.js';
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
  const target = configuredSqliteFile('restore', 'restore it with pg_restore');
  if (typeof target === 'number') return target;
  const known = migrations.map((migration) => migration.name);
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
