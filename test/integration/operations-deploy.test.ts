import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { migrateLatest, createDatabase } from '../../src/storage/database.js';
import { loadConfig } from '../../src/config/load.js';

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const run = (command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}) => spawnSync(command, args, { encoding: 'utf8', ...options });

describe('deploy/container/Containerfile', () => {
  const file = readFileSync('deploy/container/Containerfile', 'utf8');

  it('copies only files that exist, runs as a non-root user, with a volume and a health check on /healthz', () => {
    const sources = [...file.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((m) => m[1]!.split(/\s+/));
    expect(sources.length).to.be.greaterThan(5);
    for (const source of sources) expect(existsSync(source), source).to.equal(true);
    expect(file).to.match(/^FROM docker\.io\/library\/node:20-bookworm-slim AS build$/m);
    expect(file).to.match(/^RUN npm run build \\\n && npm ci --omit=dev/m);
    expect(file).to.match(/apt-get install -y --no-install-recommends espeak-ng sox tini/);
    expect(file).to.match(/^USER alo153$/m);
    expect(file).to.match(/^VOLUME \["\/var\/lib\/alo153"\]$/m);
    expect(file).to.match(/^HEALTHCHECK .*\n.*\/healthz/m);
    // What the image starts is what the build makes.
    const build = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
    expect(build.scripts.start).to.include('dist/src/main.js');
    expect(file).to.match(/^CMD \["node", "--enable-source-maps", "dist\/src\/main\.js"\]$/m);
    expect(readFileSync('tsconfig.build.json', 'utf8')).to.include('src/**/*.ts');
  });

  it('sets only ALO153_ variables the configuration knows, and they put the data on the volume', () => {
    const block = /^ENV ([\s\S]*?)\n(?!\s)/m.exec(file)?.[1] ?? '';
    const env = Object.fromEntries([...block.matchAll(/(ALO153_[A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
    expect(Object.keys(env)).to.have.length(5);
    const config = loadConfig({ env: { ...env, ALO153_CONFIG_FILE: '/nonexistent.json' } });
    expect(config.http.host).to.equal('0.0.0.0');
    expect(config.database.sqliteFile).to.equal('/var/lib/alo153/alo153.sqlite');
    expect(config.calls.outbox.file).to.equal('/var/lib/alo153/ticket-outbox.jsonl');
    expect(config.announcements.soundsDir).to.equal('/var/lib/alo153/duyuru');
  });
});

describe('deploy/postgresql', function () {
  this.timeout(60000);

  it('alo153.conf is accepted by this PostgreSQL (postgres -C on a scratch cluster)', function () {
    if (!has('initdb') || !has('postgres') || !has('runuser')) this.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'alo153-pgconf-'));
    chmodSync(dir, 0o777);
    // initdb refuses root: the scratch cluster belongs to nobody.
    const init = run('runuser', ['-u', 'nobody', '--', 'initdb', '-D', path.join(dir, 'data'), '-A', 'trust']);
    expect(init.status, init.stderr).to.equal(0);
    const check = (conf: string) => {
      writeFileSync(path.join(dir, 'alo153.conf'), conf, { mode: 0o644 });
      writeFileSync(path.join(dir, 'data', 'postgresql.auto.conf'), `include '${path.join(dir, 'alo153.conf')}'\n`);
      return run('runuser', ['-u', 'nobody', '--', 'postgres', '-D', path.join(dir, 'data'), '-C', 'shared_buffers']);
    };
    const conf = readFileSync('deploy/postgresql/alo153.conf', 'utf8');
    const ok = check(conf);
    expect(ok.status, ok.stderr).to.equal(0);
    expect(ok.stdout.trim()).to.equal(String((2 * 1024 * 1024) / 8));
    const bad = check(`${conf}\nmax_wal_sise = 4GB\n`);
    expect(bad.status).to.not.equal(0);
    expect(bad.stderr).to.match(/max_wal_sise/);
  });

  it('alo153-role.sql makes a role alo153 migrates as, with its statement_timeout', async function () {
    if (!has('psql') || process.env.ALO153_TEST_DB !== 'postgres') this.skip();
    const name = `alo153_ops_${randomBytes(4).toString('hex')}`;
    const sql = readFileSync('deploy/postgresql/alo153-role.sql', 'utf8').replace(/\balo153\b/g, name);
    const admin = ['-h', '127.0.0.1', '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', '-v', "password='ops-test-password'"];
    const created = run('psql', [...admin, '-d', 'test', '-f', '-'], { input: sql });
    try {
      expect(created.status, created.stderr).to.equal(0);
      const db = createDatabase({ url: `postgres://${name}:ops-test-password@127.0.0.1:5432/${name}`, sqliteFile: ':unused:' });
      try {
        expect((await migrateLatest(db)).length).to.be.greaterThan(10);
        const timeout = (await db.raw('SHOW statement_timeout')) as { rows: Array<{ statement_timeout: string }> };
        expect(timeout.rows[0]!.statement_timeout).to.equal('30s');
        const schema = (await db.raw("SELECT table_schema FROM information_schema.tables WHERE table_name = 'tickets'")) as { rows: Array<{ table_schema: string }> };
        expect(schema.rows.map((r) => r.table_schema)).to.deep.equal([name]);
      } finally {
        await db.destroy();
      }
    } finally {
      run('psql', [...admin, '-d', 'test', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
      run('psql', [...admin, '-d', 'test', '-c', `DROP ROLE IF EXISTS ${name}`]);
    }
  });
});

describe('deploy/logrotate/alo153', function () {
  this.timeout(20000);

  it('rotates a file that is written with O_APPEND (copytruncate): new lines land at the start, nothing is lost before', function () {
    if (!has('logrotate')) this.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'alo153-logrotate-'));
    const log = path.join(dir, 'alo153.log');
    // The shipped rules with this folder and this user (the alo153 user does not exist here).
    const conf = readFileSync('deploy/logrotate/alo153', 'utf8').replace('/var/log/alo153/*.log', path.join(dir, '*.log')).replace('su alo153 alo153', 'su root root');
    writeFileSync(path.join(dir, 'logrotate.conf'), conf, { mode: 0o644 });
    const state = path.join(dir, 'state');
    const dry = run('logrotate', ['-d', '-s', state, path.join(dir, 'logrotate.conf')]);
    expect(dry.status, dry.stderr).to.equal(0);
    expect(dry.stderr).to.match(/copying .*alo153\.log to|rotating pattern/);
    // systemd's StandardOutput=append: opens the file O_APPEND and keeps it open, as this descriptor does.
    const fd = openSync(log, 'a');
    const line = (n: number) => `${JSON.stringify({ level: 'info', message: 'call left alo153', n })}\n`;
    for (let n = 1; n <= 100; n += 1) writeSync(fd, line(n));
    const rotated = run('logrotate', ['-f', '-s', state, path.join(dir, 'logrotate.conf')]);
    expect(rotated.status, rotated.stderr).to.equal(0);
    writeSync(fd, line(101));
    closeSync(fd);
    const old = readdirSync(dir).filter((f) => f.startsWith('alo153.log-'));
    expect(old).to.have.length(1);
    expect(readFileSync(path.join(dir, old[0]!), 'utf8').split('\n').filter(Boolean)).to.have.length(100);
    // No hole of the old size before the new line: O_APPEND writes at the truncated end.
    expect(readFileSync(log, 'utf8')).to.equal(line(101));
    expect(statSync(log).size).to.equal(Buffer.byteLength(line(101)));
  });
});
