import { ConfigError, loadConfig } from './load.js';
import type { AppConfig } from './schema.js';

/** For entry points: a bad configuration stops the process with one line naming the key, exit code 1. */
export function loadConfigOrExit(program: string): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${program}: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
