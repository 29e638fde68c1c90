import path from 'node:path';
import { ConfigError, loadConfig } from '../../config/load.js';

/**
 * The SQLite file alo153's configuration names, for `npm run backup` and `npm run restore`; or, after saying why
 * there is none on stderr, the exit code (a bad configuration, or a PostgreSQL site, which has its own tools).
 */
export function configuredSqliteFile(command: 'backup' | 'restore', postgresAdvice: string): string | number {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${command}: ${error.message}`);
      return 1;
    }
    throw error;
  }
  if (config.database.url) {
    console.error(`${command}: alo153 uses PostgreSQL (DATABASE_URL): ${postgresAdvice} (README, Operations)`);
    return 1;
  }
  return path.resolve(config.database.sqliteFile);
}
