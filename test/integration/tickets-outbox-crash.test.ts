import { expect } from 'chai';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type CallHandle, type Simulator } from '../../src/simulator/index.js';
import type { CallScriptStep } from '../../src/simulator/pbx/callers.js';
import { parseOutbox, type OutboxEntry } from '../../src/calls/call-writes/ticket-outbox-lines.js';
import { Alo153Process, type Alo153ProcessSettings } from '../support/alo153-process.js';
import { createTestDatabase, TEST_POSTGRES_URL, testEngine, type TestDatabase } from '../support/db.js';
import { testIvrFile, waitFor } from '../support/system.js';

interface Route {
  script: CallScriptStep[];
  queue: string | null;
  category: string | null;
  outcome: 'handed-to-queue' | 'abandoned-in-ivr';
}

// Simulated ms at speed 0.01: each step comes 400 ms after the previous one, late enough for alo153 to have
// answered and started the menu on a loaded machine, well inside the test IVR's 5 s digit timeout.
const STEP_MS = 40_000;
const ROUTES: Route[] = [
  { script: [{ afterMs: STEP_MS, digit: '2' }], queue: 'alo153-cevre', category: 'cevre', outcome: 'handed-to-queue' },
  { script: [{ afterMs: STEP_MS, digit: '1' }, { afterMs: STEP_MS, digit: '2' }], queue: 'alo153-kentkart', category: 'kentkart', outcome: 'handed-to-queue' },
  { script: [{ afterMs: STEP_MS, digit: '5' }], queue: 'alo153-sosyal', category: 'sosyal', outcome: 'handed-to-queue' },
  { script: [{ afterMs: STEP_MS, hangup: true }], queue: null, category: null, outcome: 'abandoned-in-ivr' },
];
const CALLS = 20;

/** Holds the ticket tables so every alo153 write fails (PostgreSQL: lock_timeout; SQLite: busy_timeout) until released. */
async function refuseTicketWrites(database: TestDatabase): Promise<() => Promise<void>> {
  if (database.engine === 'postgres') {
    const trx = await database.db.transaction();
    await trx.raw('lock table calls, tickets, ticket_events in access exclusive mode');
    return async () => {
      await trx.rollback();
    };
  }
  // The test database's one SQLite connection holds the write lock of the file alo153 also writes.
  await database.db.raw('begin exclusive');
  return async () => {
    await database.db.raw('commit');
  };
}

function childDatabase(database: TestDatabase): Alo153ProcessSettings['database'] {
  const config = database.db.client.config as Knex.Config;
  if (database.engine === 'sqlite') return { sqliteFile: (config.connection as { filename: string }).filename };
  const url = new URL(TEST_POSTGRES_URL);
  // Short, so a locked table makes each write fail and retry, as a database that is away would.
  url.searchParams.set('options', '-c lock_timeout=250');
  const searchPath = config.searchPath;
  return { url: url.toString(), searchPath: typeof searchPath === 'string' ? [searchPath] : [...(searchPath ?? [])] };
}

const count = async (query: Knex.QueryBuilder): Promise<number> => Number(((await query.count({ n: '*' })) as { n: number | string }[])[0]?.n);

/** The IVR path each call's session wrote: with the hand-off, or with the end of a call that left from the IVR. */
function pathsByChannel(entries: OutboxEntry[]): Map<string, unknown> {
  const paths = new Map<string, unknown>();
  for (const { kind, channelId, payload } of entries) {
    const write = payload as { progress?: { path: unknown }; path?: unknown };
    if (kind === 'recordHandOff' && write.progress) paths.set(channelId, write.progress.path);
    if (kind === 'recordCallEnd' && write.path) paths.set(channelId, write.path);
  }
  return paths;
}

describe(`tickets: the outbox across a SIGKILL (${testEngine()})`, function () {
  this.timeout(120_000);
  let database: TestDatabase;
  let sim: Simulator;
  let app: Alo153Process | undefined;
  let release: (() => Promise<void>) | undefined;

  beforeEach(async () => {
    database = await createTestDatabase();
    sim = await startSimulator({ username: 'alo153', password: 'test-secret', speed: 0.01, logger: createTestLogger() });
  });

  afterEach(async () => {
    await release?.();
    await app?.stop();
    await sim.stop();
    await database.destroy();
  });

  it('keeps 20 calls taken while the database refused every write: after SIGKILL and a restart, 20 tickets, none doubled, paths and hand-offs intact', async () => {
    const settings: Alo153ProcessSettings = {
      ariUrl: sim.ariUrl,
      amiPort: sim.amiPort,
      ivrFile: testIvrFile(5000),
      outboxFile: path.join(mkdtempSync(path.join(tmpdir(), 'alo153-outbox-crash-')), 'ticket-outbox.jsonl'),
      database: childDatabase(database),
    };
    const first = await Alo153Process.start(settings);
    app = first;
    await waitFor(async () => ((s) => s.ari === 'connected' && s.ami === 'connected')(await first.status()), 15_000, 'alo153 to connect');
    release = await refuseTicketWrites(database);

    const calls: { handle: CallHandle; route: Route }[] = Array.from({ length: CALLS }, (_, index) => {
      const route = ROUTES[index % ROUTES.length]!;
      const handle = sim.placeCall({ callerNumber: `0532700${String(index).padStart(4, '0')}`, script: route.script, hangupAfterMs: 300_000 });
      return { handle, route };
    });
    const handedOff = calls.filter((call) => call.route.outcome === 'handed-to-queue').length;
    const expectedWrites = CALLS * 2 + handedOff;
    await waitFor(
      async () => ((s) => s.liveCalls === 0 && s.outbox.durable >= expectedWrites)(await first.status()),
      60_000,
      'every call to leave the IVR with its writes in the outbox',
    );
    expect((await first.status()).pendingWrites).to.equal(expectedWrites);

    await first.kill();
    app = undefined;
    await release();
    release = undefined;
    expect(await count(database.db('tickets')), 'tickets stored before the restart').to.equal(0);
    const left = parseOutbox(readFileSync(settings.outboxFile, 'utf8')).pending.map(({ entry }) => entry);
    expect(left).to.have.length(expectedWrites);

    const second = await Alo153Process.start(settings);
    app = second;
    await waitFor(async () => (await second.status()).pendingWrites === 0 && (await count(database.db('tickets'))) === CALLS, 30_000, 'the replay to land');

    expect(await count(database.db('calls'))).to.equal(CALLS);
    const stored = await database.db('calls').leftJoin('tickets', 'tickets.id', 'calls.ticket_id').select('calls.*', 'tickets.category_code', 'tickets.status');
    const paths = pathsByChannel(left);
    const opened = new Map(left.filter((entry) => entry.kind === 'openCallTicket').map((entry) => [entry.channelId, entry.payload as { callId: string }]));
    for (const { handle, route } of calls) {
      const call = stored.find((row: { channel_id: string }) => row.channel_id === handle.channelId) as Record<string, unknown> | undefined;
      expect(call, handle.channelId).to.not.equal(undefined);
      expect(call).to.include({ id: opened.get(handle.channelId)?.callId, queue: route.queue });
      // Only the IVR's own outcome: a handed-off call's outcome may since have been refined from the queue.
      expect(call!.outcome === 'abandoned-in-ivr', 'left from the IVR').to.equal(route.outcome === 'abandoned-in-ivr');
      if (route.category) expect(call).to.include({ category_code: route.category });
      else expect(call).to.include({ status: 'abandoned' });
      const ivrPath = JSON.parse(String(call!.ivr_path)) as { menu: string; event: string }[];
      expect(ivrPath).to.deep.equal(paths.get(handle.channelId));
      if (route.queue === 'alo153-kentkart') expect(ivrPath.map((step) => `${step.menu}:${step.event}`)).to.include('ulasim:enter');
      const events = await database.db('ticket_events').where({ ticket_id: call!.ticket_id }).select('kind');
      const kinds = events.map((event: { kind: string }) => event.kind).filter((kind: string) => kind !== 'status-changed');
      expect(kinds.sort()).to.deep.equal(route.queue ? ['call-ended', 'handed-off', 'opened'] : ['call-ended', 'opened']);
    }
    const status = await second.status();
    expect(status.outbox.unapplied).to.equal(0);
    await waitFor(() => statSync(settings.outboxFile).size === 0, 10_000, 'the outbox to be compacted once replayed');
  });
});
