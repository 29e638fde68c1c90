import { configuredSqliteFile } from './configured-sqlite.js';
import { BackupError, backupSqlite } from './sqlite-backup.js';

/** `npm run backup -- <target file>`: an online backup of the SQLite database while alo153 runs. */
async function main(args: string[]): Promise<number> {
  const target = args.find((arg) => !arg.startsWith('-'));
  if (!target || args.includes('--help')) {
    console.error('usage: npm run backup -- <target file>   (e.g. /var/backups/alo153/alo153-$(date +%F).sqlite)');
    return 2;
  }
  const source = configuredSqliteFile('backup', 'back it up with pg_dump');
  if (typeof source === 'number') return source;
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
