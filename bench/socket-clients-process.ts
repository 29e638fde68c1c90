/**
 * Child process: supervisors' wallboard screens, N socket.io clients of alo153 on loopback (and, for the
 * screen-pop scenario, agents' desks: one socket per agent that stamps each desk:pop with its uniqueid).
 * Each socket stamps every delta that carries a bench pause reason for the agent BENCH_FANOUT_AGENT
 * (`PJSIP/agent1`) and checks the delta's sequence number; nothing else happens per message, so this
 * process costs as little as a thousand socket.io clients can. Its own event-loop load is reported
 * with the figures: when it is saturated, arrivals wait in its queue and the latency is partly its own.
 */
import { io, type Socket } from 'socket.io-client';
import type { DeskState, ScreenPop } from '../src/agents/desk-protocol.js';
import type { AgentRow, BoardDeltaMessage, BoardSnapshotMessage } from '../src/realtime/protocol.js';
import { serve } from './ipc.js';
import { ProcessStats } from './process-stats.js';
import { PAUSE_REASON_PREFIX, type ClientsProtocol, type FanoutCollect, type FanoutRound, type PopArrival } from './protocol.js';
import { percentile, sleep } from './report.js';

const agentKey = `agent:${process.env.BENCH_FANOUT_AGENT ?? 'PJSIP/agent1'}`;
const wallClockMs = (): number => performance.timeOrigin + performance.now();
const stats = new ProcessStats();

class Screen {
  readonly socket: Socket;
  readonly createdAt = wallClockMs();
  connectedAt: number | undefined;
  snapshotAt: number | undefined;
  readonly reasons: string[] = [];
  readonly arrivedAt: number[] = [];
  seqGaps = 0;
  disconnects = 0;
  private lastSeq = -1;
  /** Resolves on the first snapshot, rejects on a refused or failed handshake. */
  readonly ready: Promise<void>;

  constructor(url: string, token: string) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    let markReady: () => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      fail = reject;
    });
    this.socket.once('connect', () => (this.connectedAt = wallClockMs()));
    this.socket.once('connect_error', (error: Error) => fail(error));
    this.socket.on('board:snapshot', (snapshot: BoardSnapshotMessage) => {
      this.snapshotAt ??= wallClockMs();
      this.lastSeq = snapshot.seq;
      markReady();
    });
    // Typed, not parsed with zod: the server is ours, and per-message work must stay at a stamp.
    this.socket.on('board:delta', (delta: BoardDeltaMessage) => {
      const at = wallClockMs();
      if (delta.seq > this.lastSeq + 1) this.seqGaps += 1;
      if (delta.seq > this.lastSeq) this.lastSeq = delta.seq;
      const reason = (delta.set[agentKey] as AgentRow | undefined)?.reason;
      if (reason === undefined || !reason.startsWith(PAUSE_REASON_PREFIX)) return;
      this.reasons.push(reason);
      this.arrivedAt.push(at);
    });
    this.socket.on('disconnect', () => (this.disconnects += 1));
  }

  forgetArrivals(): void {
    this.reasons.length = 0;
    this.arrivedAt.length = 0;
    this.seqGaps = 0;
    this.disconnects = 0;
  }
}

const screens: Screen[] = [];

/** An agent's desk: ready on its first desk:state; each pop is stamped and reduced to what the figures need. */
class Desk {
  readonly socket: Socket;
  readonly ready: Promise<void>;
  disconnects = 0;

  constructor(url: string, token: string, index: number, pops: PopArrival[]) {
    this.socket = io(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    let markReady: () => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      fail = reject;
    });
    this.socket.once('connect_error', (error: Error) => fail(error));
    this.socket.once('desk:state', (_state: DeskState) => markReady());
    this.socket.on('desk:pop', (pop: ScreenPop) => {
      const at = wallClockMs();
      pops.push({ uniqueid: pop.uniqueid, at, desk: index, agentInterface: pop.agentInterface, historyRows: pop.history.length, hasTicket: pop.ticket !== null });
    });
    this.socket.on('disconnect', () => (this.disconnects += 1));
  }
}

const desks: Desk[] = [];
const popArrivals: PopArrival[] = [];

async function openDesks({ url, tokens, timeoutMs }: ClientsProtocol['openDesks']['args']): Promise<ClientsProtocol['openDesks']['result']> {
  const opening = tokens.map((token, index) => new Desk(url, token, desks.length + index, popArrivals));
  const outcomes = await Promise.allSettled(opening.map((desk) => withTimeout(desk.ready, timeoutMs, 'desk')));
  let failed = 0;
  let firstError: string | null = null;
  outcomes.forEach((outcome, index) => {
    const desk = opening[index];
    if (!desk) return;
    if (outcome.status === 'fulfilled') {
      desks.push(desk);
      return;
    }
    desk.socket.close();
    failed += 1;
    firstError ??= outcome.reason instanceof Error ? outcome.reason.message : String(outcome.reason);
  });
  return { open: opening.length - failed, failed, firstError };
}

function deskPops({ clear }: ClientsProtocol['deskPops']['args']): ClientsProtocol['deskPops']['result'] {
  const taken = { pops: [...popArrivals], disconnects: desks.reduce((sum, desk) => sum + desk.disconnects, 0) };
  if (clear) popArrivals.length = 0;
  return taken;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no snapshot within ${ms} ms`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function open(args: ClientsProtocol['open']['args']): Promise<ClientsProtocol['open']['result']> {
  const started = performance.now();
  let opened = 0;
  let failed = 0;
  let firstError: string | null = null;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < args.count) {
      next += 1;
      const screen = new Screen(args.url, args.token);
      try {
        await withTimeout(screen.ready, args.timeoutMs, 'socket');
        screens.push(screen);
        opened += 1;
      } catch (error) {
        screen.socket.close();
        failed += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, args.concurrency) }, worker));
  return { open: opened, failed, firstError, elapsedMs: performance.now() - started };
}

async function probeNewSockets(args: ClientsProtocol['probeNewSockets']['args']): Promise<ClientsProtocol['probeNewSockets']['result']> {
  const connectToSnapshotMs: number[] = [];
  const openToSnapshotMs: number[] = [];
  let failed = 0;
  for (let i = 0; i < args.count; i += 1) {
    const screen = new Screen(args.url, args.token);
    try {
      await withTimeout(screen.ready, args.timeoutMs, 'new socket');
      screens.push(screen);
      const { connectedAt, snapshotAt } = screen;
      if (connectedAt !== undefined && snapshotAt !== undefined) connectToSnapshotMs.push(snapshotAt - connectedAt);
      if (snapshotAt !== undefined) openToSnapshotMs.push(snapshotAt - screen.createdAt);
    } catch {
      screen.socket.close();
      failed += 1;
    }
    // One at a time, with the loop settled, as a screen being switched on would be.
    await sleep(20);
  }
  return { connectToSnapshotMs, openToSnapshotMs, failed };
}

async function waitArrivals({ reason, timeoutMs }: ClientsProtocol['waitArrivals']['args']): Promise<{ complete: boolean }> {
  const deadline = performance.now() + timeoutMs;
  const arrived = (screen: Screen): boolean => !screen.socket.connected || screen.reasons[screen.reasons.length - 1] === reason;
  while (!screens.every(arrived)) {
    if (performance.now() > deadline) return { complete: false };
    await sleep(50);
  }
  return { complete: true };
}

function collect({ emittedAt, clear }: FanoutCollect): FanoutRound {
  const expectedReasons = Object.keys(emittedAt);
  const latencies: number[] = [];
  const firstArrival = new Map<string, number>();
  const lastArrival = new Map<string, number>();
  let missing = 0;
  let missingWithSeqGap = 0;
  let socketsMissingSome = 0;
  let duplicates = 0;
  let seqGaps = 0;
  let disconnects = 0;
  for (const screen of screens) {
    const seen = new Set<string>();
    screen.reasons.forEach((reason, index) => {
      const emitted = emittedAt[reason];
      const arrived = screen.arrivedAt[index];
      if (emitted === undefined || arrived === undefined) return;
      if (seen.has(reason)) {
        duplicates += 1;
        return;
      }
      seen.add(reason);
      const latency = arrived - emitted;
      latencies.push(latency);
      firstArrival.set(reason, Math.min(firstArrival.get(reason) ?? Number.POSITIVE_INFINITY, latency));
      lastArrival.set(reason, Math.max(lastArrival.get(reason) ?? Number.NEGATIVE_INFINITY, latency));
    });
    const absent = expectedReasons.length - seen.size;
    if (absent > 0) {
      socketsMissingSome += 1;
      missing += absent;
      if (screen.seqGaps > 0) missingWithSeqGap += absent;
    }
    seqGaps += screen.seqGaps;
    disconnects += screen.disconnects;
    if (clear) screen.forgetArrivals();
  }
  return {
    sockets: screens.length,
    latency: { n: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100) },
    firstSocketP50: percentile([...firstArrival.values()], 50),
    lastSocketP50: percentile([...lastArrival.values()], 50),
    expected: expectedReasons.length * screens.length,
    received: latencies.length,
    missing,
    missingWithSeqGap,
    socketsMissingSome,
    duplicates,
    seqGaps,
    disconnects,
  };
}

serve<ClientsProtocol>(
  {
    open,
    probeNewSockets,
    waitArrivals,
    collect,
    snapshot: async (args) => ({ ...(await stats.snapshot(args)), sockets: [...screens, ...desks].filter((client) => client.socket.connected).length }),
    openDesks,
    deskPops,
  },
  async () => {
    for (const client of [...screens, ...desks]) client.socket.close();
  },
);
