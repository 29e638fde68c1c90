import { expect } from 'chai';
import type { Knex } from 'knex';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import { KnexQueueEventStore } from '../../src/queues/queue-event-store-knex.js';
import { QueueMonitor } from '../../src/queues/queue-monitor.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { AmiConnection } from '../../src/telephony/ami/ami-connection.js';
import { AmiQueueFeed } from '../../src/telephony/ami/ami-queue-feed.js';
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

const QUEUES_CONF = `[general]
persistentmembers = no

[alo153-genel]
strategy = rrmemory
timeout = 15
retry = 5
wrapuptime = 0
joinempty = yes
ringinuse = no
member => PJSIP/agent2,0,Ajan 2,PJSIP/agent2
member => PJSIP/agent3,0,Ajan 3,PJSIP/agent3
`;

/** One alo153 following the simulator's AMI: its own connection, feed, monitor and store, on the database given. */
async function startConsumer(sim: Simulator, db: Knex, received: QueueEvent[] = []) {
  const logger = createTestLogger();
  const ami = new AmiConnection({
    host: '127.0.0.1',
    port: sim.amiPort,
    username: 'alo153',
    password: 'secret',
    actionTimeoutMs: 1000,
    eventMask: 'system,agent',
    reconnect: { initialDelayMs: 20, maxDelayMs: 100 },
    logger,
  });
  const feed = new AmiQueueFeed({ connection: ami, logger, listTimeoutMs: 1000, retryDelayMs: 50 });
  feed.onEvent((event) => received.push(event));
  const store = new KnexQueueEventStore({ db, logger, flushIntervalMs: 20 });
  const monitor = new QueueMonitor({ store, logger });
  await monitor.start(feed);
  ami.start();
  await waitFor(() => feed.counters.snapshots >= 1 && !feed.resyncing, 5000, 'the consumer’s first QueueStatus');
  return {
    store,
    monitor,
    async stop() {
      feed.stop();
      await ami.stop();
      await store.close(1000);
    },
  };
}

async function rowCount(db: Knex): Promise<number> {
  const row: { n?: number | string } | undefined = await db('queue_events').count({ n: '*' }).first();
  return Number(row?.n);
}

describe('queue event store: one row per Asterisk event, however many copies arrive', function () {
  this.timeout(30000);
  const logger = createTestLogger();
  const t0 = Date.parse('2026-12-02T09:00:00.000Z');
  let test: TestDatabase;
  let other: TestDatabase | undefined;
  let sim: Simulator | undefined;
  const stops: Array<() => Promise<void>> = [];

  beforeEach(async () => {
    test = await createTestDatabase();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await sim?.stop();
    sim = undefined;
    await other?.destroy();
    other = undefined;
    await test.destroy();
  });

  const keyed = (at: number, uniqueid: string): QueueEvent => ({ ...join(at, uniqueid), key: `callerJoin|${at}000|alo153-genel|${uniqueid}` });

  it('inserts a keyed event once when it is appended twice, in one batch or in two stores, and counts the copies', async () => {
    const first = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 60_000 });
    const second = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 60_000 });
    stops.push(() => first.close(500), () => second.close(500));
    const events = [keyed(t0, 'a'), keyed(t0, 'b'), keyed(t0 + 1, 'a')];
    first.append([...events, events[0]!]);
    second.append(events);
    expect(await first.flush()).to.equal(true);
    expect(await second.flush()).to.equal(true);
    expect(await rowCount(test.db)).to.equal(3);
    expect(first.counters).to.include({ written: 4, duplicates: 1 });
    expect(second.counters).to.include({ written: 3, duplicates: 3 });
    expect((await first.between(t0, t0 + 10)).map((event) => ('uniqueid' in event ? event.uniqueid : ''))).to.deep.equal(['a', 'b', 'a']);
  });

  it('keeps every event without a key, and leaves out the Timestamp-less FullyBooted of each AMI login', async () => {
    const store = new KnexQueueEventStore({ db: test.db, logger, flushIntervalMs: 60_000 });
    stops.push(() => store.close(500));
    store.append([join(t0, 'a'), join(t0, 'a'), { kind: 'fullyBooted', at: t0 }, { kind: 'fullyBooted', at: t0, key: `fullyBooted|${t0}000` }]);
    await store.flush();
    const kinds = (await test.db('queue_events').select('kind').orderBy('id')).map((row: { kind: string }) => row.kind);
    expect(kinds).to.deep.equal(['callerJoin', 'callerJoin', 'fullyBooted']);
  });

  it('gives the same KPIs and row count with one consumer, with two consumers on one database, and after the stream is fed again', async () => {
    other = await createTestDatabase();
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(QUEUES_CONF), logger });
    const alone = await startConsumer(sim, test.db);
    const heard: QueueEvent[] = [];
    const together = [await startConsumer(sim, other.db, heard), await startConsumer(sim, other.db)];
    for (const consumer of [alone, ...together]) stops.push(() => consumer.stop());
    const from = Date.now() - 60_000;

    // Transcript 04's shape: agent2 rings out (AgentRingNoAnswer), agent3 answers; then an abandon (transcript 03).
    sim.addAgent({ interface: 'PJSIP/agent2', name: 'Ajan 2', answerAfterMs: 0, talkMs: 0, noAnswer: true });
    sim.addAgent({ interface: 'PJSIP/agent3', name: 'Ajan 3', answerAfterMs: 2000, talkMs: 5000 });
    const answered = sim.placeCall({ callerNumber: '05321234567' });
    // Queue(…,tc): after the agent's hang-up the dialplan goes on (Stasis fails without an app) and hangs up.
    expect((await answered.ended).cause).to.equal('dialplan');
    sim.removeAgent('PJSIP/agent2');
    sim.removeAgent('PJSIP/agent3');
    const abandoned = sim.placeCall({ callerNumber: '05321234568', hangupAfterMs: 6000 });
    await abandoned.ended;
    await waitFor(() => heard.some((event) => event.kind === 'callerAbandon'), 5000, 'the abandon on AMI');
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const consumer of [alone, ...together]) expect(await consumer.monitor.flushEvents()).to.equal(true);
    const to = Date.now() + 60_000;

    const kpisAlone = await alone.monitor.stats('alo153-genel', from, to);
    expect(kpisAlone).to.include({ offered: 2, answered: 1, abandoned: 1, handled: 1 });
    const rowsAlone = await rowCount(test.db);
    expect(heard.map((event) => event.kind)).to.include.members(['agentRingNoAnswer', 'agentConnect', 'agentComplete', 'memberStatus']);
    expect(heard.every((event) => event.kind === 'fullyBooted' || event.key !== undefined), 'every timestamped event has a key').to.equal(true);
    expect(await rowCount(other.db)).to.equal(rowsAlone);
    expect(await together[0]!.monitor.stats('alo153-genel', from, to)).to.deep.equal(kpisAlone);

    const replay = new KnexQueueEventStore({ db: other.db, logger, flushIntervalMs: 60_000 });
    stops.push(() => replay.close(500));
    replay.append(heard);
    expect(await replay.flush()).to.equal(true);
    expect(await rowCount(other.db)).to.equal(rowsAlone);
    expect(replay.counters.duplicates).to.equal(heard.filter((event) => event.key !== undefined).length);
    expect(await together[1]!.monitor.stats('alo153-genel', from, to)).to.deep.equal(kpisAlone);
  });
});
