import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { ZodError } from 'zod';
import { loadConfigOrExit } from '../config/load-or-exit.js';
import { createDatabase, migrateLatest } from '../storage/database.js';
import { KnexUserStore, UnknownDepartmentError, UserExistsError, type UserStore, type UserView } from './user-store.js';

export interface UserCliIo {
  stdin: NodeJS.ReadableStream;
  stdout: (line: string) => void;
  /** Where problems go; stdout when absent. */
  stderr?: (line: string) => void;
  env: NodeJS.ProcessEnv;
  db: Knex;
}

const COMMAND_USAGE = {
  add: 'add --username u --role agent|supervisor|department|admin --name "Ad Soyad" [--interface PJSIP/agent1] [--department code] [--queues alo153-genel,alo153-kentkart]',
  passwd: 'passwd --username u        (ends the user\'s sessions)',
  list: 'list',
  deactivate: 'deactivate --username u    (ends the user\'s sessions)',
} as const;

type CommandName = keyof typeof COMMAND_USAGE;

const PASSWORD_NOTE = 'The password is read from ALO153_NEW_PASSWORD, else from the first line of stdin (never from the command line).';

const USAGE = ['usage: npm run user -- <command> [options]', ...Object.values(COMMAND_USAGE).map((line) => `  ${line}`), '  <command> --help, -h   this text for one command', PASSWORD_NOTE].join('\n');

function isCommand(name: string | undefined): name is CommandName {
  return name !== undefined && Object.hasOwn(COMMAND_USAGE, name);
}

function commandUsage(command: CommandName): string {
  const lines = [`usage: npm run user -- ${COMMAND_USAGE[command]}`];
  if (command === 'add' || command === 'passwd') lines.push(PASSWORD_NOTE);
  return lines.join('\n');
}

/**
 * The usage text when argv asks for help (`--help`, `-h`, `help [command]`), else undefined.
 * Decided before the config and database are opened so help works on a machine with neither.
 */
export function userCliHelp(argv: string[]): string | undefined {
  const [first, second] = argv;
  const named = first === 'help' ? second : first;
  const asked = first === 'help' || argv.includes('--help') || argv.includes('-h');
  if (!asked) return undefined;
  return isCommand(named) ? commandUsage(named) : USAGE;
}

class CliInputError extends Error {}

const OPTIONS = {
  username: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  interface: { type: 'string' },
  department: { type: 'string' },
  queues: { type: 'string' },
} as const;

type ParsedOptions = { [K in keyof typeof OPTIONS]?: string };

async function firstLine(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').replace(/\r$/, '');
}

async function readPassword(io: UserCliIo): Promise<string> {
  const password = io.env.ALO153_NEW_PASSWORD ?? (await firstLine(io.stdin));
  if (password === '') throw new CliInputError('no password: set ALO153_NEW_PASSWORD or pipe it on stdin');
  return password;
}

function required(options: ParsedOptions, name: keyof ParsedOptions): string {
  const value = options[name];
  if (value === undefined || value === '') throw new CliInputError(`--${name} is required`);
  return value;
}

async function existingUser(users: UserStore, username: string): Promise<UserView> {
  const user = await users.findByUsername(username);
  if (!user) throw new CliInputError(`no user named ${username}`);
  return user;
}

function describe(user: UserView): string {
  return [user.id, user.username, user.role, user.active ? 'active' : 'inactive', user.displayName, user.phoneInterface ?? '-', user.department ?? '-'].join('\t');
}

async function runCommand(command: string | undefined, options: ParsedOptions, io: UserCliIo): Promise<void> {
  const users = new KnexUserStore(io.db);
  switch (command) {
    case 'add': {
      const fields = { username: required(options, 'username'), role: required(options, 'role'), displayName: required(options, 'name') };
      const user = await users.create({
        ...fields,
        // Zod in the store names a bad role; the cast only spares repeating that check here.
        role: fields.role as 'agent',
        password: await readPassword(io),
        phoneInterface: options.interface ?? null,
        department: options.department ?? null,
        queues: options.queues ? options.queues.split(',').map((queue) => queue.trim()).filter((queue) => queue !== '') : null,
      });
      io.stdout(`added ${describe(user)}`);
      return;
    }
    case 'passwd': {
      const user = await existingUser(users, required(options, 'username'));
      await users.setPassword(user.id, await readPassword(io));
      io.stdout(`password changed for ${user.username}; their sessions have ended`);
      return;
    }
    case 'list': {
      const all = await users.list();
      if (all.length === 0) io.stdout('no users');
      for (const user of all) io.stdout(describe(user));
      return;
    }
    case 'deactivate': {
      const user = await existingUser(users, required(options, 'username'));
      await users.setActive(user.id, false);
      io.stdout(`deactivated ${user.username}; their sessions have ended`);
      return;
    }
    default:
      throw new CliInputError(command ? `unknown command ${command}` : 'no command given');
  }
}

function isParseArgsError(error: unknown): error is TypeError {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

function problemText(error: unknown): string | undefined {
  if (error instanceof ZodError) return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
  if (error instanceof CliInputError || error instanceof UserExistsError || error instanceof UnknownDepartmentError) return error.message;
  if (isParseArgsError(error)) return error.message;
  return undefined;
}

/** Returns the exit code; 1 for bad input, which is explained in one line. */
export async function runUserCli(argv: string[], io: UserCliIo): Promise<number> {
  const report = io.stderr ?? io.stdout;
  const help = userCliHelp(argv);
  if (help !== undefined) {
    io.stdout(help);
    return 0;
  }
  try {
    const { positionals, values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    if (positionals.length > 1) throw new CliInputError(`unexpected argument ${positionals[1] ?? ''}`);
    await runCommand(positionals[0], values, io);
    return 0;
  } catch (error) {
    const problem = problemText(error);
    if (problem === undefined) throw error;
    report(`user: ${problem}`);
    if (error instanceof CliInputError || isParseArgsError(error)) report(USAGE);
    return 1;
  }
}

async function main(): Promise<number> {
  const help = userCliHelp(process.argv.slice(2));
  if (help !== undefined) {
    process.stdout.write(`${help}\n`);
    return 0;
  }
  const config = loadConfigOrExit('user');
  const db = createDatabase({ url: config.database.url || undefined, sqliteFile: path.resolve(config.database.sqliteFile), pool: { min: 0, max: 2 } });
  try {
    await migrateLatest(db);
    if (process.stdin.isTTY && process.env.ALO153_NEW_PASSWORD === undefined && ['add', 'passwd'].includes(process.argv[2] ?? '')) {
      process.stderr.write('password (shown as you type; prefer piping it): ');
    }
    return await runUserCli(process.argv.slice(2), {
      stdin: process.stdin,
      stdout: (line) => process.stdout.write(`${line}\n`),
      stderr: (line) => process.stderr.write(`${line}\n`),
      env: process.env,
      db,
    });
  } catch (error) {
    process.stderr.write(`user: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await db.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main();
}
