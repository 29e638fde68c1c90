import { expect } from 'chai';
import type { AccessEntry, AccessRecord } from '../../src/audit/access-log.js';
import { recordExport } from '../../src/audit/access-log.js';
import type { AccessLogStore } from '../../src/audit/access-log-store.js';
import { KnexAccessLogStore } from '../../src/audit/access-log-store-knex.js';
import { AccessLogWriter } from '../../src/audit/access-log-writer.js';
import { logFormat } from '../../src/logging/logger.js';
import { waitFor } from '../support/system.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { capturingEntriesLogger } from '../support/capturing-logger.js';

/** The real store, with a switch that makes the database refuse, or lose the reply after committing. */
class FlakyStore implements Pick<AccessLogStore, 'append'> {
  mode: 'ok' | 'refuse' | 'commit-then-fail' = 'ok';
  appends = 0;
  constructor(private readonly real: KnexAccessLogStore) {}
  async append(records: readonly AccessRecord[]): Promise<void> {
    this.appends += 1;
    if (this.mode === 'refuse') throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    await this.real.append(records);
    if (this.mode === 'commit-then-fail') {
      this.mode = 'ok';
      throw new Error('Connection terminated unexpectedly');
    }
  }
}

const read = (ticket: string, username = 'ayse'): AccessEntry => ({ kind: 'ticket-read', user: { userId: 7, username }, tickets: [ticket], address: '10.0.0.7' });

describe(`KVKK access log writer: batches, retries, bound and shutdown (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let real: KnexAccessLogStore;
  let store: FlakyStore;
  const writers: AccessLogWriter[] = [];
  const writer = (options: Partial<ConstructorParameters<typeof AccessLogWriter>[0]> = {}): AccessLogWriter => {
    const created = new AccessLogWriter({ store, logger: capturingEntriesLogger({ format: logFormat(), level: 'info' }).logger, flushMs: 60_000, batchSize: 200, retry: { initialDelayMs: 20, maxDelayMs: 40 }, ...options });
    writers.push(created);
    return created;
  };
  const stored = async (): Promise<number> => (await real.list({ limit: 1, offset: 0 })).total;

  beforeEach(async () => {
    test = await createTestDatabase();
    real = new KnexAccessLogStore(test.db);
    store = new FlakyStore(real);
  });

  afterEach(async () => {
    for (const created of writers.splice(0)) await created.close(100);
    await test.destroy();
  });

  it('writes as soon as a batch is full, in batches of batchSize, without waiting for the interval', async () => {
    const log = writer({ batchSize: 100 });
    for (let i = 0; i < 250; i += 1) log.record(read(`153-2026-${String(i).padStart(6, '0')}`));
    await waitFor(async () => (await stored()) === 250, 10_000, 'every row, long before the 60 s interval');
    expect(log.stats).to.deep.include({ written: 250, pending: 0, batches: 3, dropped: 0 });
  });

  it('holds a partly filled batch until the flush interval', async () => {
    const log = writer({ flushMs: 300 });
    for (let i = 0; i < 5; i += 1) log.record(read('153-2026-000008'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(await stored()).to.equal(0);
    await waitFor(async () => (await stored()) === 5, 10_000, 'the batch after flushMs');
    expect(log.stats).to.deep.include({ written: 5, batches: 1 });
  });

  it('keeps a refused batch in memory and writes it once the database is back, each row once', async () => {
    const { logger, lines } = capturingEntriesLogger({ format: logFormat(), level: 'info' });
    const log = writer({ logger });
    store.mode = 'refuse';
    for (let i = 0; i < 5; i += 1) log.record(read('153-2026-000001'));
    await log.flush();
    expect(log.stats).to.deep.include({ pending: 5, failedBatches: 1, failing: true, written: 0 });
    expect(lines.some((line) => line.message === 'access log batch not written; kept in memory and retried')).to.equal(true);
    store.mode = 'commit-then-fail';
    await log.flush();
    expect(log.stats.pending).to.equal(5);
    await waitFor(() => log.stats.pending === 0, 5000, 'the retry');
    expect(await stored()).to.equal(5);
    expect(log.stats).to.deep.include({ written: 5, dropped: 0, failing: false });
  });

  it('retries on its own with backoff, not only when asked', async () => {
    const log = writer({ flushMs: 20 });
    store.mode = 'refuse';
    log.record(read('153-2026-000002'));
    await waitFor(() => log.stats.failedBatches >= 2, 5000, 'two attempts');
    store.mode = 'ok';
    await waitFor(async () => (await stored()) === 1, 5000, 'the row written by a retry');
  });

  it('drops rows beyond its bound, counts them and says so in one log line', async () => {
    const { logger, lines } = capturingEntriesLogger({ format: logFormat(), level: 'info' });
    const log = writer({ logger, maxPending: 10 });
    store.mode = 'refuse';
    for (let i = 0; i < 25; i += 1) log.record(read('153-2026-000003'));
    expect(log.stats).to.deep.include({ pending: 10, dropped: 15, recorded: 10 });
    const drops = lines.filter((line) => line.message === 'access log rows dropped (KVKK)');
    expect(drops).to.have.length(1);
    expect(drops[0]).to.deep.include({ level: 'error', droppedTotal: 1 });
    store.mode = 'ok';
    await log.flush();
    expect(await stored()).to.equal(10);
  });

  it('writes what is pending when it closes, and refuses rows afterwards', async () => {
    const log = writer();
    for (let i = 0; i < 7; i += 1) log.record(read('153-2026-000004'));
    expect(await stored()).to.equal(0);
    await log.close(5000);
    expect(await stored()).to.equal(7);
    log.record(read('153-2026-000004'));
    expect(log.stats).to.deep.include({ dropped: 1, pending: 0 });
  });

  it('logs how many rows a shutdown could not write', async () => {
    const { logger, lines } = capturingEntriesLogger({ format: logFormat(), level: 'info' });
    const log = writer({ logger });
    store.mode = 'refuse';
    for (let i = 0; i < 3; i += 1) log.record(read('153-2026-000005'));
    await log.close(150);
    expect(lines.find((line) => line.message === 'access log rows not written at shutdown (KVKK)')).to.deep.include({ level: 'error', lost: 3 });
    expect(log.stats.dropped).to.equal(3);
  });

  it('offers exports one call, recorded with the format and the filters', async () => {
    const log = writer();
    recordExport(log, { user: { userId: 1, username: 'admin' }, address: '10.0.0.1', tickets: ['153-2026-000006', '153-2026-000007'], format: 'csv', filters: { department: 'cevre', phone: '0532 123 45 67' } });
    await log.flush();
    const { items } = await real.list({ ticket: '153-2026-000007', limit: 10, offset: 0 });
    expect(items.map((item) => [item.kind, item.tickets, item.detail])).to.deep.equal([
      ['export', ['153-2026-000006', '153-2026-000007'], { department: 'cevre', phone: '*********67', format: 'csv' }],
    ]);
  });
});
