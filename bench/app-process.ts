/**
 * Child process: alo153 (BENCH_APP_MODE=alo153) or the bare ari-client app (bare), attached to the
 * simulator at BENCH_ARI_URL / BENCH_AMI_PORT. alo153 runs as in production (startAlo153, the shipped
 * config/ivr.json) on a fresh SQLite file, or on PostgreSQL when BENCH_DATABASE_URL is set; the screen-pop
 * scenario fills that database through `seedTickets` before its calls.
 * Started with --expose-gc so heap figures are taken after full collections.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Session } from 'node:inspector/promises';
import type { Knex } from 'knex';
import { loadConfig } from '../src/config/load.js';
import { createLogger } from '../src/logging/logger.js';
import { startAlo153, type Alo153 } from '../src/server.js';
import { startBareApp, type BareApp } from './bare-app.js';
import { createBenchDatabase } from './bench-db.js';
import { serve } from './ipc.js';
import { ProcessStats } from './process-stats.js';
import type { AgentRow } from '../src/realtime/protocol.js';
import { seedTickets } from './pop-seed.js';
import {
  PAUSE_REASON_PREFIX,
  type AppMode,
  type AppProtocol,
  type PopTimings,
  type PopTrace,
  type SentDeltas,
  type SnapshotTimings,
  type VerifyResult,
} from './protocol.js';

const mode = (process.env.BENCH_APP_MODE ?? 'alo153') as AppMode;
const ariUrl = process.env.BENCH_ARI_URL ?? '';
const password = process.env.BENCH_SIM_PASSWORD ?? 'bench';
const stats = new ProcessStats();

let alo153: Alo153 | undefined;
let bare: BareApp | undefined;
let cleanUpDatabase: () => Promise<void> = async () => undefined;

if (mode === 'alo153') {
  const config = loadConfig({
    env: {},
    overrides: {
      http: { port: 0 },
      ari: { url: ariUrl, password, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
      ami: { port: Number(process.env.BENCH_AMI_PORT), password, reconnect: { initialDelayMs: 50, maxDelayMs: 500 } },
      // A fresh outbox with the fresh database: a killed run's writes must not replay into the next run's counts.
      calls: { shutdownDrainMs: 3000, outbox: { file: path.join(mkdtempSync(path.join(tmpdir(), 'alo153-bench-outbox-')), 'outbox.jsonl') } },
      // Fixed, so tokens stay valid however the process is driven; only the bench's own users exist.
      auth: { secret: 'alo153-bench-token-secret-0123456789abcdef' },
    },
  });
  const database = await createBenchDatabase(process.env.BENCH_DATABASE_URL || undefined);
  cleanUpDatabase = database.cleanUp;
  alo153 = await startAlo153(config, createLogger({ level: process.env.BENCH_LOG_LEVEL ?? 'warn' }), { db: database.db });
} else {
  bare = await startBareApp(ariUrl, 'alo153', password, 'alo153');
}

let sqlStatements = 0;
const sqlShapes = process.env.BENCH_SQL_SHAPES === '1' ? new Map<string, number>() : undefined;
alo153?.db.on('query', (query: { sql?: string }) => {
  sqlStatements += 1;
  if (!sqlShapes) return;
  const shape = String(query.sql ?? '').replace(/\s+/g, ' ').slice(0, 100);
  sqlShapes.set(shape, (sqlShapes.get(shape) ?? 0) + 1);
});
// Investigation aid: BENCH_SQL_SHAPES=1 prints the app's statements by shape when it exits.
if (sqlShapes) {
  process.on('exit', () => {
    for (const [shape, n] of [...sqlShapes].sort((a, b) => b[1] - a[1]).slice(0, 25)) process.stderr.write(`${String(n).padStart(7)}  ${shape}\n`);
  });
}

/**
 * A new supervisor socket's server-side cost, measured on the instance (src/ untouched): the hub's snapshot is
 * wrapped, and a 'connection' listener added after the socket server's own one ends the span once that
 * handler has built and emitted the snapshot.
 */
const snapshotTimings: SnapshotTimings = { snapshotForMs: [], snapshotAndEmitMs: [] };
if (alo153) {
  // The socket server asks the hub for every snapshot (the board's streams live there).
  const hub = alo153.hub;
  const snapshotFor = hub.snapshot.bind(hub);
  let startedAt: number | undefined;
  hub.snapshot = (stream) => {
    const started = performance.now();
    const snapshot = snapshotFor(stream);
    snapshotTimings.snapshotForMs.push(performance.now() - started);
    startedAt = started;
    return snapshot;
  };
  alo153.realtime.io.on('connection', () => {
    if (startedAt === undefined) return;
    snapshotTimings.snapshotAndEmitMs.push(performance.now() - startedAt);
    startedAt = undefined;
  });
}

/**
 * When alo153 has handed each bench pause delta to every socket: a delta listener added after the socket
 * server's own one runs once io.to(room).emit has returned. publish is wrapped on the instance (the
 * publisher calls it through `this`) to stamp its start.
 */
const sentDeltas: SentDeltas = { reasons: [], publishStartedAt: [], sentAt: [] };
if (alo153) {
  const board = alo153.board;
  const publish = board.publish.bind(board);
  let publishStartedAt = 0;
  board.publish = () => {
    publishStartedAt = performance.timeOrigin + performance.now();
    publish();
  };
  board.onDelta((delta) => {
    const sentAt = performance.timeOrigin + performance.now();
    for (const [key, entry] of Object.entries(delta.set)) {
      const reason = key.startsWith('agent:') ? (entry as AgentRow).reason : undefined;
      if (reason === undefined || !reason.startsWith(PAUSE_REASON_PREFIX)) continue;
      sentDeltas.reasons.push(reason);
      sentDeltas.publishStartedAt.push(publishStartedAt);
      sentDeltas.sentAt.push(sentAt);
    }
  });
}

/**
 * Screen pops timed on the instance (src/ untouched): ScreenPops.handle is wrapped to stamp AgentConnect as
 * the queue monitor hands it over, the deliver callback ScreenPops keeps in its options to stamp the room
 * emit having returned, and the stores it reads to time each look-up (pool waits included, as the pop waits).
 */
const wallClockMs = (): number => performance.timeOrigin + performance.now();
const popTraces = new Map<string, PopTrace>();
const lookupMs: PopTimings['lookupMs'] = { userByInterface: [], callByChannel: [], ticket: [], history: [] };
function timed<A extends unknown[], R>(into: number[], call: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return async (...args) => {
    const started = performance.now();
    try {
      return await call(...args);
    } finally {
      into.push(performance.now() - started);
    }
  };
}
if (alo153) {
  const { pops, store } = alo153;
  const users = alo153.auth.users;
  const handle = pops.handle.bind(pops);
  pops.handle = (event) => {
    if (event.kind === 'agentConnect') popTraces.set(event.uniqueid, { uniqueid: event.uniqueid, handledAt: wallClockMs(), deliveredAt: null, historyRows: null });
    handle(event);
  };
  // A private field to TypeScript, read through `this.options` on every pop; bracket access is the sanctioned way in.
  const popOptions = pops['options'];
  const deliver = popOptions.deliver;
  popOptions.deliver = (userId, pop) => {
    deliver(userId, pop);
    const trace = popTraces.get(pop.uniqueid);
    if (!trace) return;
    trace.deliveredAt = wallClockMs();
    trace.historyRows = pop.history.length;
  };
  users.findByInterface = timed(lookupMs.userByInterface, users.findByInterface.bind(users));
  store.getCallByChannel = timed(lookupMs.callByChannel, store.getCallByChannel.bind(store));
  store.findTicket = timed(lookupMs.ticket, store.findTicket.bind(store));
  store.history = timed(lookupMs.history, store.history.bind(store));
}

/**
 * The pop's SELECTs on their connection, from knex's 'query' (emitted once a connection is held) to
 * 'query-response': the awaited look-ups above minus these are the waits for a connection.
 */
interface KnexQueryEvent {
  __knexQueryUid?: string;
  sql?: string;
}
const POP_SQL: Array<[keyof PopTimings['sqlMs'], RegExp]> = [
  ['userByInterface', /^select \* from [`"]users[`"] where [`"]phone_interface[`"] = /i],
  ['callByChannel', /^select [`"]calls[`"]\.\*.* where [`"]calls[`"]\.[`"]channel_id[`"] = /i],
  ['history', /from [`"]tickets[`"] where [`"]caller_number[`"] in/i],
];
const sqlMs: PopTimings['sqlMs'] = { userByInterface: [], callByChannel: [], history: [] };
const sqlStarted = new Map<string, { into: number[]; at: number }>();
alo153?.db.on('query', (query: KnexQueryEvent) => {
  const kind = POP_SQL.find(([, pattern]) => pattern.test(query.sql ?? ''))?.[0];
  if (kind && query.__knexQueryUid) sqlStarted.set(query.__knexQueryUid, { into: sqlMs[kind], at: performance.now() });
});
alo153?.db.on('query-response', (_response: unknown, query: KnexQueryEvent) => {
  const started = sqlStarted.get(query.__knexQueryUid ?? '');
  if (!started || query.__knexQueryUid === undefined) return;
  sqlStarted.delete(query.__knexQueryUid);
  started.into.push(performance.now() - started.at);
});
alo153?.db.on('query-error', (_error: unknown, query: KnexQueryEvent) => sqlStarted.delete(query.__knexQueryUid ?? ''));

const requireAlo153 = (): Alo153 => {
  if (!alo153) throw new Error('only the alo153 app has users and sockets');
  return alo153;
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sessions = (): number => alo153?.registry.size ?? bare?.live ?? 0;
const pendingWrites = (): number => alo153?.tickets.pendingWrites() ?? 0;
let profiler: Session | undefined;

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/**
 * A call handed to a queue keeps `handed-to-queue` only until app_queue reports on it: AMI's outcome (the bench's
 * callers hang up in the queue, so `abandoned-in-queue`; `answered` with agents) replaces it on the call row.
 */
const expectedOutcomes = (expected: string): string[] => (expected === 'handed-to-queue' ? ['handed-to-queue', 'abandoned-in-queue', 'answered'] : [expected]);

async function verify(db: Knex, channelIds: string[], expectOutcome: string | null): Promise<VerifyResult> {
  const calls = (await db('calls').select('channel_id', 'ticket_id', 'outcome')) as Array<{ channel_id: string; ticket_id: number | null; outcome: string | null }>;
  const tickets = (await db('tickets').select('id', 'number', 'caller_number')) as Array<{ id: number; number: string; caller_number: string | null }>;
  const [opened] = (await db('ticket_events').where({ kind: 'opened' }).count({ n: '*' })) as Array<{ n: number | string }>;
  const placed = new Set(channelIds);
  const rowsPerChannel = new Map<string, number>();
  for (const call of calls) rowsPerChannel.set(call.channel_id, (rowsPerChannel.get(call.channel_id) ?? 0) + 1);
  const ticketIds = calls.map((c) => c.ticket_id).filter((id): id is number => id !== null);
  const outcomes: Record<string, number> = {};
  for (const call of calls) outcomes[call.outcome ?? 'none'] = (outcomes[call.outcome ?? 'none'] ?? 0) + 1;
  const result: VerifyResult = {
    placed: placed.size,
    callRows: calls.length,
    tickets: tickets.length,
    distinctTicketNumbers: new Set(tickets.map((t) => t.number)).size,
    distinctCallerNumbers: new Set(tickets.map((t) => t.caller_number)).size,
    missingChannels: [...placed].filter((id) => !rowsPerChannel.has(id)).length,
    unexpectedChannels: [...rowsPerChannel.keys()].filter((id) => !placed.has(id)).length,
    channelsWithSeveralRows: [...rowsPerChannel.values()].filter((n) => n > 1).length,
    callsWithoutTicket: calls.length - ticketIds.length,
    ticketsSharedByCalls: ticketIds.length - new Set(ticketIds).size,
    openedEvents: Number(opened?.n ?? 0),
    outcomes,
    ok: false,
  };
  result.ok =
    result.missingChannels === 0 &&
    result.unexpectedChannels === 0 &&
    result.channelsWithSeveralRows === 0 &&
    result.callsWithoutTicket === 0 &&
    result.ticketsSharedByCalls === 0 &&
    result.tickets === placed.size &&
    result.distinctTicketNumbers === placed.size &&
    result.distinctCallerNumbers === placed.size &&
    result.openedEvents === placed.size &&
    (expectOutcome === null || expectedOutcomes(expectOutcome).reduce((sum, outcome) => sum + (outcomes[outcome] ?? 0), 0) === placed.size);
  return result;
}

serve<AppProtocol>(
  {
    waitConnected: async ({ timeoutMs }) => ({
      connected: await until(() => (alo153 ? alo153.ari.state === 'connected' && alo153.ami.state === 'connected' : bare !== undefined), timeoutMs),
    }),
    snapshot: async (args) => ({
      ...(await stats.snapshot(args)),
      sessions: sessions(),
      pendingWrites: pendingWrites(),
      sqlStatements,
      transactions: alo153?.store.writes.stats.batches ?? 0,
      writes: alo153?.store.writes.stats.writes ?? 0,
      outboxSyncs: alo153?.outbox.stats.syncs ?? 0,
    }),
    waitIdle: async ({ timeoutMs }) => {
      const start = performance.now();
      const idle = await until(() => sessions() === 0 && pendingWrites() === 0, timeoutMs);
      return { idle, waitedMs: performance.now() - start };
    },
    waitSessions: async ({ count, timeoutMs }) => {
      const reached = await until(() => sessions() >= count && pendingWrites() === 0, timeoutMs);
      return { reached, sessions: sessions(), pendingWrites: pendingWrites() };
    },
    verify: async ({ channelIds, expectOutcome }) => (alo153 ? verify(alo153.db, channelIds, expectOutcome) : null),
    profileStart: async () => {
      profiler = new Session();
      profiler.connect();
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
      await profiler.post('Profiler.start');
      return null;
    },
    profileStop: async ({ file }) => {
      if (!profiler) throw new Error('profiler not started');
      const { profile } = await profiler.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      profiler.disconnect();
      profiler = undefined;
      return { file };
    },
    url: () => ({ url: requireAlo153().url }),
    createSupervisor: async ({ username, password: userPassword }) => {
      const user = await requireAlo153().auth.users.create({ username, displayName: 'Bench Süpervizör', role: 'supervisor', password: userPassword });
      return { userId: user.id };
    },
    login: async ({ username, password: userPassword }) => {
      const { token, expiresAt } = await requireAlo153().auth.service.login(username, userPassword, 'bench');
      return { token, expiresAt };
    },
    snapshotTimings: ({ reset }) => {
      const taken = { snapshotForMs: [...snapshotTimings.snapshotForMs], snapshotAndEmitMs: [...snapshotTimings.snapshotAndEmitMs] };
      if (reset) {
        snapshotTimings.snapshotForMs.length = 0;
        snapshotTimings.snapshotAndEmitMs.length = 0;
      }
      return taken;
    },
    sentDeltas: ({ clear }) => {
      const taken = { reasons: [...sentDeltas.reasons], publishStartedAt: [...sentDeltas.publishStartedAt], sentAt: [...sentDeltas.sentAt] };
      if (clear) for (const list of Object.values(sentDeltas)) list.length = 0;
      return taken;
    },
    seedTickets: (options) => seedTickets(requireAlo153().db, options),
    createAgent: async ({ username, password: userPassword, phoneInterface }) => {
      const user = await requireAlo153().auth.users.create({ username, displayName: `Bench Ajan ${phoneInterface.replace(/\D/g, '')}`, role: 'agent', password: userPassword, phoneInterface });
      return { userId: user.id };
    },
    popTimings: ({ clear }) => {
      const stats = requireAlo153().pops.stats;
      const taken: PopTimings = {
        traces: [...popTraces.values()].map((trace) => ({ ...trace })),
        lookupMs: { userByInterface: [...lookupMs.userByInterface], callByChannel: [...lookupMs.callByChannel], ticket: [...lookupMs.ticket], history: [...lookupMs.history] },
        sqlMs: { userByInterface: [...sqlMs.userByInterface], callByChannel: [...sqlMs.callByChannel], history: [...sqlMs.history] },
        failed: stats.failed,
        noUser: stats.noUser,
      };
      if (clear) {
        popTraces.clear();
        for (const list of Object.values(lookupMs)) list.length = 0;
        for (const list of Object.values(sqlMs)) list.length = 0;
      }
      return taken;
    },
  },
  async () => {
    bare?.stop();
    if (alo153) await alo153.stop();
    await cleanUpDatabase();
  },
);
