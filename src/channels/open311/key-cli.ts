import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { ZodError } from 'zod';
import { loadConfigOrExit } from '../../config/load-or-exit.js';
import { createDatabase, migrateLatest } from '../../storage/database.js';
import { Open311Keys, type Open311KeyView } from './api-keys.js';

const USAGE = [
  'usage: npm run open311-key -- <command> [options]',
  '  create --name "FixMyStreet Kayseri" --owner "Kent Bilgi A.Ş."   prints the key once',
  '         [--read-all]                                              it may read every request, not only its own',
  '  list                                                             keys without secrets',
  '  revoke --id N                                                    refused from the next request on',
].join('\n');

export interface KeyCliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  db: Knex;
}

class CliInputError extends Error {}

const stamp = (date: Date | null): string => (date === null ? '-' : date.toISOString());
const describe = (key: Open311KeyView): string =>
  [key.id, key.prefix, key.name, key.owner, key.revokedAt ? 'revoked' : 'active', key.readAll ? 'reads all' : 'reads own', `created ${stamp(key.createdAt)} by ${key.createdBy}`, `last used ${stamp(key.lastUsedAt)}`].join('\t');

function required(value: string | undefined, name: string): string {
  if (value === undefined || value.trim() === '') throw new CliInputError(`--${name} is required`);
  return value;
}

async function run(command: string | undefined, options: { name?: string; owner?: string; id?: string; 'read-all'?: boolean }, io: KeyCliIo): Promise<void> {
  const keys = new Open311Keys(io.db);
  switch (command) {
    case 'create': {
      const created = await keys.create({ name: required(options.name, 'name'), owner: required(options.owner, 'owner'), readAll: options['read-all'] === true }, 'cli');
      io.stdout(`created ${describe(created)}`);
      io.stdout(`key (shown once, store it now): ${created.key}`);
      return;
    }
    case 'list': {
      const all = await keys.list();
      if (all.length === 0) io.stdout('no keys');
      for (const key of all) io.stdout(describe(key));
      return;
    }
    case 'revoke': {
      const id = Number(required(options.id, 'id'));
      if (!Number.isInteger(id) || id < 1) throw new CliInputError('--id must be a key id from `list`');
      const revoked = await keys.revoke(id);
      if (!revoked) throw new CliInputError(`no key with id ${id}`);
      io.stdout(`revoked ${describe(revoked)}`);
      return;
    }
    default:
      throw new CliInputError(command ? `unknown command ${command}` : 'no command given');
  }
}

/** The exit code: 0 done, 1 bad input (explained in one line and the usage). */
export async function runKeyCli(argv: string[], io: KeyCliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      options: { name: { type: 'string' }, owner: { type: 'string' }, id: { type: 'string' }, 'read-all': { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > 1) throw new CliInputError(`unexpected argument ${positionals[1] ?? ''}`);
    await run(positionals[0], values, io);
    return 0;
  } catch (error) {
    const parseProblem = error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
    if (error instanceof ZodError) io.stderr(`open311-key: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    else if (error instanceof CliInputError || parseProblem) io.stderr(`open311-key: ${(error as Error).message}\n${USAGE}`);
    else throw error;
    return 1;
  }
}

async function main(): Promise<number> {
  const config = loadConfigOrExit('open311-key');
  const db = createDatabase({ url: config.database.url || undefined, sqliteFile: path.resolve(config.database.sqliteFile), pool: { min: 0, max: 2 } });
  try {
    await migrateLatest(db);
    return await runKeyCli(process.argv.slice(2), {
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
      db,
    });
  } catch (error) {
    process.stderr.write(`open311-key: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
