import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { silentWav } from './wav.js';

const PROJECT_DIALPLANS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../dialplans');

/**
 * For tests: a dialplan directory with the project's real extensions.conf, short silent prompts
 * (welcome 2 s, main-menu 3 s, long 60 s) and, if given, a queues.conf.
 */
export function makeDialplanDir(queuesConf?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'alo153-sim-'));
  copyFileSync(join(PROJECT_DIALPLANS, 'extensions.conf'), join(dir, 'extensions.conf'));
  mkdirSync(join(dir, 'sounds/tr/alo153'), { recursive: true });
  writeFileSync(join(dir, 'sounds/tr/alo153/welcome.wav'), silentWav(2000));
  writeFileSync(join(dir, 'sounds/tr/alo153/main-menu.wav'), silentWav(3000));
  writeFileSync(join(dir, 'sounds/tr/alo153/long.wav'), silentWav(60000));
  if (queuesConf) writeFileSync(join(dir, 'queues.conf'), queuesConf);
  return dir;
}
