import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { Readable } from 'node:stream';
import { promisify } from 'node:util';
import type { Knex } from 'knex';
import { runUserCli } from '../../src/auth/user-cli.js';

const COMMANDS = ['add', 'passwd', 'list', 'deactivate'] as const;

// Help must be answered before anything reaches the database: every property access throws.
const untouchableDb = new Proxy(
  {},
  {
    get() {
      throw new Error('the help text touched the database');
    },
  },
) as unknown as Knex;

async function run(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runUserCli(argv, { stdin: Readable.from(['']), stdout: (line) => out.push(line), stderr: (line) => err.push(line), env: {}, db: untouchableDb });
  return { code, out, err };
}

describe('user CLI help', () => {
  for (const argv of [['--help'], ['-h'], ['help']]) {
    it(`prints the usage of every command for \`${argv.join(' ')}\` and exits 0`, async () => {
      const { code, out, err } = await run(argv);
      expect(code).to.equal(0);
      expect(err).to.deep.equal([]);
      const text = out.join('\n');
      expect(text).to.match(/^usage: npm run user -- <command>/);
      for (const command of COMMANDS) expect(text).to.match(new RegExp(`^  ${command}\\b`, 'm'));
    });
  }

  for (const command of COMMANDS) {
    it(`prints only the ${command} usage for \`${command} --help\`, \`${command} -h\` and \`help ${command}\``, async () => {
      for (const argv of [[command, '--help'], [command, '-h'], ['help', command]]) {
        const { code, out } = await run(argv);
        expect(code, argv.join(' ')).to.equal(0);
        const text = out.join('\n');
        expect(text, argv.join(' ')).to.match(new RegExp(`^usage: npm run user -- ${command}\\b`));
        for (const other of COMMANDS.filter((name) => name !== command)) expect(text, argv.join(' ')).not.to.match(new RegExp(`-- ${other}\\b`));
      }
    });
  }

  it('answers help even after other options of the command', async () => {
    const { code, out } = await run(['add', '--username', 'ajan12', '--help']);
    expect(code).to.equal(0);
    expect(out.join('\n')).to.match(/^usage: npm run user -- add --username/);
  });

  it('still refuses an unknown option with exit code 1, naming it and showing the usage', async () => {
    const { code, out, err } = await run(['list', '--verbose']);
    expect(code).to.equal(1);
    expect(out).to.deep.equal([]);
    expect(err[0]).to.match(/^user: .*--verbose/);
    expect(err.join('\n')).to.include('usage: npm run user --');
  });

  it('exits 0 with the usage as a process, with no reachable database', async function () {
    this.timeout(60_000);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/auth/user-cli.ts', '--help'], {
      env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    });
    expect(stdout).to.match(/^usage: npm run user -- <command>/);
    for (const command of COMMANDS) expect(stdout).to.match(new RegExp(`^  ${command}\\b`, 'm'));
  });
});
