/**
 * Child process: alo153 (BENCH_APP_MODE=alo153) or the bare ari-client app (bare), attached to the
 * simulator at BENCH_ARI_URL / BENCH_AMI_PORT. alo153 runs as in production (startAlo153, the shipped
 * config/ivr.json) on a fresh SQLite file, or on PostgreSQL when BENCH_DATABASE_URL is set.
 * Started with --expose-gc so heap figures are taken after full collections.
 */
import { writeFileSync } from 'node:fs';
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
import { PAUSE_REASON_PREFIX, type AppMode, type AppProtocol, type SentDeltas, type SnapshotTimings, type VerifyResult } from './protocol.js';

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
      calls: { shutdownDrainMs: 3000 },
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
alo153?.db.on('query', () => {
  sqlStatements += 1;
});

/**
 * A new supervisor socket's server-side cost, measured on the instance (src/ untouched): snapshotFor is
 * wrapped, and a 'connection' listener added after the socket server's own one ends the span once that
 * handler has built and emitted the snapshot.
 */
const snapshotTimings: SnapshotTimings = { snapshotForMs: [], snapshotAndEmitMs: [] };
if (alo153) {
  const board = alo153.board;
  const snapshotFor = board.snapshotFor.bind(board);
  let startedAt: number | undefined;
  board.snapshotFor = (stream) => {
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
    (expectOutcome === null || outcomes[expectOutcome] === placed.size);
  return result;
}

serve<AppProtocol>(
  {
    waitConnected: async ({ timeoutMs }) => ({
      connected: await until(() => (alo153 ? alo153.ari.state === 'connected' && alo153.ami.state === 'connected' : bare !== undefined), timeoutMs),
    }),
    snapshot: async (args) => ({ ...(await stats.snapshot(args)), sessions: sessions(), pendingWrites: pendingWrites(), sqlStatements }),
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
  },
  async () => {
    bare?.stop();
    if (alo153) await alo153.stop();
    await cleanUpDatabase();
  },
);
