import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { migrations } from '../../migrations/index.js';
import { createDatabase, migrateLatest } from '../../src/storage/database.js';
import { BackupError, backupSqlite } from '../../src/operations/backup/sqlite-backup.js';
import { checkBackup, restoreSqlite } from '../../src/operations/backup/sqlite-restore.js';
import { seedTicket } from '../support/seed-tickets.js';

const KNOWN = migrations.map((migration) => migration.name);
const INITIAL = 1500;
const DURING = 40;

async function ticketCount(db: Knex): Promise<number> {
  const row = (await db('tickets').count({ n: '*' }).first()) as { n: number | string };
  return Number(row.n);
}

async function seed(db: Knex, from: number, count: number): Promise<void> {
  for (let start = from; start < from + count; start += 100) {
    await db.transaction(async (trx) => {
      for (let seq = start; seq < Math.min(from + count, start + 100); seq += 1) {
        await seedTicket(trx, { year: 2026, seq, description: `Otobüs durağı ${seq}: ${'ç'.repeat(1500)}`, createdAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)) });
      }
    });
  }
}

async function withDb<T>(file: string, use: (db: Knex) => Promise<T>): Promise<T> {
  const db = createDatabase({ sqliteFile: file });
  try {
    return await use(db);
  } finally {
    await db.destroy();
  }
}

const expectRefusal = async (promise: Promise<unknown>, message: RegExp): Promise<void> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).to.be.instanceOf(BackupError);
  expect((error as Error).message).to.match(message);
};

describe('SQLite online backup and restore', function () {
  this.timeout(60000);
  let dir: string;
  let live: string;
  let db: Knex;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'alo153-backup-'));
    live = path.join(dir, 'live', 'alo153.sqlite');
    // As alo153 has it: WAL mode, migrated, one pooled connection.
    db = createDatabase({ sqliteFile: live });
    await migrateLatest(db);
    await seed(db, 1, INITIAL);
  });

  after(async () => {
    await db?.destroy();
  });

  it('backs up in steps while tickets are written, and the backup restores into a new place with the tickets', async () => {
    const target = path.join(dir, 'backups', 'alo153-1.sqlite');
    mkdirSync(path.dirname(target), { recursive: true });
    let written = 0;
    let writing = true;
    // The running alo153: a ticket every few ms on its own connection while the pages are copied.
    const writer = (async () => {
      while (writing && written < DURING) {
        await seedTicket(db, { year: 2026, seq: INITIAL + 1 + written, description: 'backup sırasında', createdAt: new Date() });
        written += 1;
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
    })();
    const result = await backupSqlite({ source: live, target, pagesPerStep: 20, pauseMs: 2, maxRestarts: 3 });
    writing = false;
    await writer;
    expect(written).to.be.greaterThan(0);
    expect(result.steps).to.be.greaterThan(3);
    // The writes made SQLite start the copy over; after maxRestarts it copied the rest from one snapshot.
    expect(result.restarts).to.be.within(1, 3);
    expect(existsSync(`${target}.partial`)).to.equal(false);
    expect(existsSync(`${target}-wal`)).to.equal(false);

    const check = await checkBackup(target, KNOWN);
    expect(check.applied).to.deep.equal(KNOWN);
    expect(check.pending).to.deep.equal([]);

    const restored = path.join(dir, 'elsewhere', 'alo153.sqlite');
    mkdirSync(path.dirname(restored), { recursive: true });
    const outcome = await restoreSqlite({ backup: target, target: restored, known: KNOWN });
    expect(outcome.keptAside).to.deep.equal([]);
    await withDb(restored, async (copy) => {
      const count = await ticketCount(copy);
      expect(count).to.be.within(INITIAL, INITIAL + written);
      const first = (await copy('tickets').where({ number: '153-2026-000001' }).first('description')) as { description: string };
      expect(first.description).to.equal(`Otobüs durağı 1: ${'ç'.repeat(1500)}`);
      const last = (await copy('tickets').where({ number: `153-2026-${String(INITIAL).padStart(6, '0')}` }).first('number')) as { number: string } | undefined;
      expect(last?.number).to.equal(`153-2026-${String(INITIAL).padStart(6, '0')}`);
      // A consistent snapshot: tickets numbered without gaps up to the last one it has.
      const max = (await copy('tickets').max({ seq: 'seq' }).first()) as { seq: number };
      expect(Number(max.seq)).to.equal(count);
      // alo153 can start on it: nothing left to migrate.
      expect(await migrateLatest(copy)).to.deep.equal([]);
    });
  });

  it('refuses to restore over a database in use, then keeps the replaced one aside', async () => {
    const target = path.join(dir, 'backups', 'alo153-2.sqlite');
    await backupSqlite({ source: live, target });
    const restored = path.join(dir, 'in-use', 'alo153.sqlite');
    const running = createDatabase({ sqliteFile: restored });
    await migrateLatest(running);
    await seedTicket(running, { year: 2025, seq: 7, createdAt: new Date() });
    await expectRefusal(restoreSqlite({ backup: target, target: restored, known: KNOWN }), /is in use/);
    await running.destroy();
    const outcome = await restoreSqlite({ backup: target, target: restored, known: KNOWN, now: new Date('2026-12-04T10:00:00Z') });
    expect(outcome.keptAside).to.deep.equal([`${restored}.before-restore-2026-12-04T10-00-00-000Z`]);
    await withDb(restored, async (copy) => expect(await ticketCount(copy)).to.equal(await ticketCount(db)));
    await withDb(outcome.keptAside[0]!, async (old) => expect(await old('tickets').pluck('number')).to.deep.equal(['153-2025-000007']));
  });

  it('refuses a file that is not an alo153 backup, a corrupt one and one from a newer alo153', async () => {
    const garbage = path.join(dir, 'garbage.sqlite');
    writeFileSync(garbage, 'this is not a database '.repeat(300));
    await expectRefusal(checkBackup(garbage, KNOWN), /not an SQLite database/);
    const empty = path.join(dir, 'other.sqlite');
    await withDb(empty, (other) => other.schema.createTable('x', (t) => t.integer('y')));
    await expectRefusal(checkBackup(empty, KNOWN), /not an alo153 database/);
    const newer = path.join(dir, 'backups', 'newer.sqlite');
    await backupSqlite({ source: live, target: newer });
    await withDb(newer, (copy) => copy('knex_migrations').insert({ name: '20991231_0001_future', batch: 99, migration_time: new Date().toISOString() }));
    await expectRefusal(checkBackup(newer, KNOWN), /newer alo153.*20991231_0001_future/);
    const corrupt = path.join(dir, 'backups', 'corrupt.sqlite');
    copyFileSync(path.join(dir, 'backups', 'alo153-2.sqlite'), corrupt);
    // Overwrite a stretch of b-tree pages in the middle of the file.
    const fd = openSync(corrupt, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 8, 0xa5), 0, 4096 * 8, Math.floor(statSync(corrupt).size / 2 / 4096) * 4096);
    closeSync(fd);
    await expectRefusal(checkBackup(corrupt, KNOWN), /integrity_check|malformed|not an SQLite/);
    await expectRefusal(backupSqlite({ source: live, target: newer }), /already exists/);
  });

  it('runs as `npm run backup -- <file>` and `npm run restore -- <file>` on the configured database', () => {
    const env = { ...process.env, ALO153_DATABASE_SQLITE_FILE: live, ALO153_CONFIG_FILE: path.join(dir, 'none.json') };
    const target = path.join(dir, 'backups', 'cli.sqlite');
    const backup = spawnSync(process.execPath, ['--import', 'tsx', 'src/operations/backup/backup-cli.ts', target], { env, encoding: 'utf8' });
    expect(backup.status, backup.stderr).to.equal(0);
    expect(backup.stdout).to.match(/^backup: .* integrity ok\n$/);
    const restoreEnv = { ...env, ALO153_DATABASE_SQLITE_FILE: path.join(dir, 'cli-restored', 'alo153.sqlite') };
    mkdirSync(path.join(dir, 'cli-restored'), { recursive: true });
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'src/operations/backup/restore-cli.ts', target, '--check'], { env: restoreEnv, encoding: 'utf8' });
    expect(check.status, check.stderr).to.equal(0);
    const restore = spawnSync(process.execPath, ['--import', 'tsx', 'src/operations/backup/restore-cli.ts', target], { env: restoreEnv, encoding: 'utf8' });
    expect(restore.status, restore.stderr).to.equal(0);
    expect(existsSync(path.join(dir, 'cli-restored', 'alo153.sqlite'))).to.equal(true);
    // The live database is open here (this test's connection): restoring over it is refused.
    const refused = spawnSync(process.execPath, ['--import', 'tsx', 'src/operations/backup/restore-cli.ts', target], { env, encoding: 'utf8' });
    expect(refused.status).to.equal(1);
    expect(refused.stderr).to.match(/is in use/);
  });
});
