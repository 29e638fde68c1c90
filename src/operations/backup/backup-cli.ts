import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/load.js';
import { BackupError, backupSqlite } from './sqlite-backup.js';

/** `npm run backup -- <target file>`: an online backup of the SQLite database while alo153 runs. */
async function main(args: string[]): Promise<number> {
  const target = args.find((arg) => !arg.startsWith('-'));
  if (!target || args.includes('--help')) {
    console.error('usage: npm run backup -- <target file>   (e.g. /var/backups/alo153/alo153-$(date +%F).sqlite)');
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`backup: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (config.database.url) {
    console.error('backup: alo153 uses PostgreSQL (DATABASE_URL): back it up with pg_dump (README, Operations)');
    return 1;
  }
  const source = path.resolve(config.database.sqliteFile);
  try {
    const result = await backupSqlite({ source, target, pauseMs: 10 });
    console.log(
      `backup: ${source} → ${result.target}: ${result.pages} pages, ${result.bytes} bytes in ${result.ms} ms (${result.steps} steps, ${result.restarts} restarts), integrity ok`,
    );
    return 0;
  } catch (error) {
    console.error(`backup: ${error instanceof BackupError ? error.message : `failed: ${(error as Error).message}`}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
