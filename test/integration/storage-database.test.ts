import { expect } from 'chai';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDatabase, createDatabase, migrateLatest, migrationConfig } from '../../src/storage/database.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

describe(`storage: database (${testEngine()})`, () => {
  let test: TestDatabase;

  beforeEach(async () => {
    test = await createTestDatabase({ migrate: false });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('applies every migration once and reports nothing left on the second run', async () => {
    const first = await migrateLatest(test.db);
    const second = await migrateLatest(test.db);
    expect(first).to.deep.equal([
      '20261128_0001_schema',
      '20261128_0002_catalogue',
      '20261128_0003_queue_events',
      '20261128_0004_users',
      '20261128_0005_desk',
      '20261128_0006_agent_session_actor',
      '20261203_0001_access_log',
      '20261203_0002_call_data',
      '20261203_0003_lifecycle',
      '20261203_0004_sms',
      '20261203_0005_callbacks',
      '20261203_0006_search',
      '20261203_0007_figures',
      '20261203_0008_channels',
      '20261203_0009_open311',
      '20261203_0010_announcements_survey',
      '20261204_0001_admin_users_queues',
      '20261204_0002_ivr_catalogue',
      '20261204_0003_report_call_indexes',
      '20261204_0004_report_request_indexes',
      '20261204_0005_report_groups_index',
    ]);
    expect(second).to.deep.equal([]);
  });

  it('rolls every migration back and forward again', async () => {
    await migrateLatest(test.db);
    await test.db.migrate.rollback(migrationConfig, true);
    expect(await test.db.schema.hasTable('tickets')).to.equal(false);
    await migrateLatest(test.db);
    expect(await test.db.schema.hasTable('tickets')).to.equal(true);
  });

  it('seeds the hotline categories in Turkish, each with an existing department', async () => {
    await migrateLatest(test.db);
    const rows: { code: string; name: string; parent_code: string | null; department: string | null }[] = await test
      .db('categories')
      .leftJoin('departments', 'departments.code', 'categories.department_code')
      .select('categories.code', 'categories.name', 'categories.parent_code', 'departments.name as department');
    const byCode = new Map(rows.map((row) => [row.code, row]));
    for (const code of ['ulasim-sefer', 'kentkart', 'kaybis', 'otopark', 'cevre', 'hayvan', 'sosyal', 'su', 'zabita', 'genel']) {
      expect(byCode.get(code)?.department, code).to.be.a('string');
    }
    expect(byCode.get('kentkart')?.name).to.equal('Kentkart / seyahat kartı');
    expect(byCode.get('hayvan')?.department).to.equal('Veteriner İşleri Dairesi Başkanlığı');
    const socialChildren = rows.filter((row) => row.parent_code === 'sosyal').map((row) => row.name);
    expect(socialChildren).to.have.members(['Süt yardımı', 'Kırtasiye yardımı', 'Ulaşım yardımı', 'Eğitim yardımı']);
  });

  it('enforces foreign keys and check constraints', async () => {
    await migrateLatest(test.db);
    const base = { number: '153-2026-000001', year: 2026, seq: 1, source: 'phone', created_at: 'x', updated_at: 'x' };
    let foreignKeyError: unknown;
    await test.db('tickets').insert({ ...base, category_code: 'no-such-category' }).catch((error: unknown) => (foreignKeyError = error));
    expect(foreignKeyError, 'foreign key').to.be.instanceOf(Error);
    let checkError: unknown;
    await test.db('tickets').insert({ ...base, status: 'lost' }).catch((error: unknown) => (checkError = error));
    expect(checkError, 'check constraint').to.be.instanceOf(Error);
  });

  it('answers the health check with its engine', async () => {
    expect(await checkDatabase(test.db)).to.deep.equal({ ok: true, engine: test.engine });
  });
});

describe('storage: SQLite connection settings', () => {
  it('creates the directory and runs every connection in WAL mode with foreign keys and a busy timeout', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'alo153-sqlite-'));
    const file = join(directory, 'nested', 'dir', 'alo153.sqlite');
    const db = createDatabase({ sqliteFile: file });
    try {
      const [journal] = (await db.raw('PRAGMA journal_mode')) as { journal_mode: string }[];
      const [foreignKeys] = (await db.raw('PRAGMA foreign_keys')) as { foreign_keys: number }[];
      const [busy] = (await db.raw('PRAGMA busy_timeout')) as { timeout: number }[];
      expect(journal?.journal_mode).to.equal('wal');
      expect(foreignKeys?.foreign_keys).to.equal(1);
      expect(busy?.timeout).to.be.greaterThan(0);
      expect(existsSync(file)).to.equal(true);
    } finally {
      await db.destroy();
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('works in memory', async () => {
    const db = createDatabase({ sqliteFile: ':memory:' });
    try {
      await migrateLatest(db);
      const [row] = (await db('categories').count({ total: '*' })) as { total: number }[];
      expect(row?.total).to.be.greaterThan(10);
    } finally {
      await db.destroy();
    }
  });

  it('reports an unreachable PostgreSQL as not ok instead of throwing', async () => {
    const db = createDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', sqliteFile: ':memory:', pool: { min: 0, max: 1 }, logger: createTestLogger() });
    try {
      const health = await checkDatabase(db, 1000);
      expect(health.ok).to.equal(false);
      expect(health.engine).to.equal('postgres');
      expect(health.error).to.be.a('string');
    } finally {
      await db.destroy();
    }
  });
});
