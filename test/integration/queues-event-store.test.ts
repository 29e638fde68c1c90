import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import { KnexQueueEventStore } from '../../src/queues/queue-event-store-knex.js';
import { waitFor } from '../support/system.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const join = (at: number, uniqueid: string, callerName = ''): QueueEvent => ({
  kind: 'callerJoin',
  at,
  queue: 'alo153-genel',
  position: 1,
  count: 1,
  callerNumber: '05321234567',
  callerName,
  uniqueid,
  linkedid: uniqueid,
});

describe('queue event store (knex)', () => {
  let test: TestDatabase;
  let store: KnexQueueEventStore | undefined;
  const logger = createTestLogger();
  const t0 = Date.parse('2026-11-28T09:00:00.000Z');

  beforeEach(async () => {
    test = await createTestDatabase();
  });

  afterEach(async () => {
    await store?.close(500);
    store = undefined;
    await test.destroy();
  });

  it('writes appended events in the background and reads a period back in time order, Turkish intact', async () => {
    store = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 20 });
    store.append([join(t0 + 2000, 'b', 'Gülşah Işıkçı'), join(t0 + 1000, 'a')]);
    store.append([join(t0 + 5000, 'outside')]);
    expect(store.counters.pending).to.equal(3);
    await waitFor(() => store!.counters.written === 3, 2000, 'the background flush');
    const events = await store.between(t0, t0 + 5000);
    expect(events.map((event) => ('uniqueid' in event ? event.uniqueid : ''))).to.deep.equal(['a', 'b']);
    expect(events[1]).to.deep.equal(join(t0 + 2000, 'b', 'Gülşah Işıkçı'));
    const row: { queue: string; kind: string; linkedid: string } = await test.db('queue_events').where({ uniqueid: 'b' }).first();
    expect(row).to.include({ queue: 'alo153-genel', kind: 'callerJoin', linkedid: 'b' });
  });

  it('flushes at once when a batch is full', async () => {
    store = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 60_000, batchSize: 10 });
    store.append(Array.from({ length: 25 }, (_, i) => join(t0 + i, `u${i}`)));
    await waitFor(() => store!.counters.written === 25, 2000, 'the batch flush');
    expect(await test.db('queue_events').count({ n: '*' }).first()).to.satisfy((row: { n: number | string }) => Number(row.n) === 25);
  });

  it('keeps events while the database fails, retries, and drops and counts the oldest beyond its bound', async () => {
    store = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 20, maxBuffered: 5 });
    await test.db.schema.renameTable('queue_events', 'queue_events_away');
    store.append(Array.from({ length: 8 }, (_, i) => join(t0 + i, `u${i}`)));
    expect(store.counters).to.include({ pending: 5, dropped: 3 });
    await waitFor(() => store!.counters.failedFlushes >= 2, 2000, 'failing flushes');
    await test.db.schema.renameTable('queue_events_away', 'queue_events');
    await waitFor(() => store!.counters.pending === 0, 2000, 'the retry to succeed');
    const events = await store.between(t0, t0 + 1000);
    expect(events.map((event) => ('uniqueid' in event ? event.uniqueid : ''))).to.deep.equal(['u3', 'u4', 'u5', 'u6', 'u7']);
  });

  it('skips a stored row it cannot read instead of failing the replay', async () => {
    store = new KnexQueueEventStore({ db: test.db, logger });
    const at = new Date(t0).toISOString();
    await test.db('queue_events').insert({ at, kind: 'callerJoin', data: '{not json', created_at: at });
    store.append([join(t0 + 1, 'good')]);
    await store.flush();
    expect((await store.between(t0, t0 + 1000)).length).to.equal(1);
  });
});
