import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBoardCompute, type BoardComputeResult } from './board-compute.js';
import { Child } from './ipc.js';
import { startPair, type Pair } from './pair.js';
import { PAUSE_REASON_PREFIX, type ClientsProtocol, type FanoutRound, type ProcessSnapshot, type SentDeltas } from './protocol.js';
import { fixed, percentile, printTable, sleep, verdict } from './report.js';

/**
 * Scenario 5: the wallboard fan-out. Three processes besides run.ts: the simulator, alo153 and
 * bench/socket-clients-process.ts holding N supervisors' sockets (one token, websocket transport).
 * The simulator pauses one agent in all its queues through its app_queue, as an AMI QueuePause
 * without Queue would, with a fresh reason `bench-<k>` each time; its probe stamps the first
 * QueueMemberPause frame of each reason as it is written to the AMI sockets. Each socket stamps the
 * board:delta whose agent row carries that reason. Latency = arrival − emit (wall clock,
 * performance.timeOrigin + performance.now() in both processes), over every (event, socket) pair.
 * Sockets are added between rounds (100 → 500 → 1,000), so one alo153 serves all three.
 * Then, with the last count open, sockets are added one at a time to time their first snapshot.
 */
export interface FanoutOptions {
  socketCounts: number[];
  eventsPerRound: number;
  ratePerSecond: number;
  newSockets: number;
  /** CPU-profile alo153 during the largest round. */
  profile: boolean;
}

export interface Percentiles {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

export interface LoopLoad {
  /** CPU time over wall time, in % of one core. */
  cpuPercent: number;
  /** CPU time of the round divided by its events: what one event costs this process for all sockets. */
  cpuMsPerEvent: number;
  eventLoopUtilisation: number;
  eventLoopDelayP99Ms: number;
}

export interface FanoutRoundResult extends FanoutRound {
  openFailed: number;
  openFirstError: string | null;
  failedEmits: number;
  /** Events alo153 never sent as their own delta: read in the same turn as the next one and published together (a stall). */
  coalesced: number;
  arrivalsComplete: boolean;
  /** Emit → alo153 had written the delta to every socket (its broadcast returned). */
  serverSent: Percentiles;
  /** alo153's publish: board computed, delta encoded and written to every socket. */
  publishMs: Percentiles;
  app: LoopLoad;
  clients: LoopLoad & { saturated: boolean };
}

export interface NewSocketResult {
  /** Sockets already open while the new ones connect. */
  alreadyOpen: number;
  connectToSnapshot: Percentiles;
  /** From creating the socket: WebSocket upgrade, token check, then the snapshot. */
  openToSnapshot: Percentiles;
  serverSnapshotFor: Percentiles;
  serverSnapshotAndEmit: Percentiles;
  failed: number;
}

export interface FanoutResult {
  agent: string;
  eventsPerRound: number;
  ratePerSecond: number;
  rounds: FanoutRoundResult[];
  newSocket: NewSocketResult;
  /** The board's own cost per event in this process, without sockets: full recompute vs from what changed. */
  boardCompute: BoardComputeResult;
  profileFile?: string;
}

export const FANOUT_TARGET = { p99Ms: 50, atSockets: 1000, snapshotP99Ms: 20 };

const AGENT = { iface: 'PJSIP/agent1', name: 'Ajan 1' };
const SUPERVISOR = { username: 'bench-supervisor', password: 'bench-wallboard-2024' };
/** An event loop this busy queues arrivals: the latency then includes the clients' own backlog. */
const SATURATED_UTILISATION = 0.9;

export function percentiles(values: number[]): Percentiles {
  return { n: values.length, p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

function loopLoad(before: ProcessSnapshot, after: ProcessSnapshot, wallMs: number, events: number): LoopLoad {
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
  return {
    cpuPercent: (cpuMs / wallMs) * 100,
    cpuMsPerEvent: cpuMs / Math.max(1, events),
    eventLoopUtilisation: after.eventLoopUtilisation,
    eventLoopDelayP99Ms: after.eventLoopDelayP99Ms,
  };
}

function serverSide(sent: SentDeltas, emittedAt: Record<string, number>): { serverSent: Percentiles; publishMs: Percentiles } {
  const toSent: number[] = [];
  const publishing: number[] = [];
  sent.reasons.forEach((reason, index) => {
    const emitted = emittedAt[reason];
    const sentAt = sent.sentAt[index];
    const startedAt = sent.publishStartedAt[index];
    if (emitted === undefined || sentAt === undefined || startedAt === undefined) return;
    toSent.push(sentAt - emitted);
    publishing.push(sentAt - startedAt);
  });
  return { serverSent: percentiles(toSent), publishMs: percentiles(publishing) };
}

interface Rig {
  pair: Pair;
  clients: Child<ClientsProtocol>;
  url: string;
  token: string;
}

async function openUpTo(rig: Rig, target: number, log: (line: string) => void): Promise<{ failed: number; firstError: string | null }> {
  const { sockets } = await rig.clients.call('snapshot', { gc: false, resetLoop: false });
  if (sockets >= target) return { failed: 0, firstError: null };
  const opened = await rig.clients.call('open', { url: rig.url, token: rig.token, count: target - sockets, concurrency: 25, timeoutMs: 20_000 }, 180_000);
  log(`  fanout: ${opened.open} sockets opened in ${fixed(opened.elapsedMs / 1000, 1)} s${opened.failed ? `, ${opened.failed} refused: ${opened.firstError ?? ''}` : ''}`);
  // Lets the handshakes' follow-up work (ping timers, DB reads) finish before anything is measured.
  await sleep(500);
  return { failed: opened.failed, firstError: opened.firstError };
}

async function runSeries(rig: Rig, reasonPrefix: string, firstIndex: number, options: FanoutOptions, count: number): Promise<FanoutRoundResult> {
  const { sim, app } = rig.pair;
  const appBefore = await app.call('snapshot', { gc: false, resetLoop: true });
  const clientsBefore = await rig.clients.call('snapshot', { gc: false, resetLoop: true });
  await app.call('sentDeltas', { clear: true });
  const started = performance.now();
  const series = await sim.call('pauseSeries', { iface: AGENT.iface, reasonPrefix, firstIndex, count, ratePerSecond: options.ratePerSecond });
  const last = `${reasonPrefix}${firstIndex + count - 1}`;
  const { complete } = await rig.clients.call('waitArrivals', { reason: last, timeoutMs: 5_000 });
  const wallMs = performance.now() - started;
  const appAfter = await app.call('snapshot', { gc: false, resetLoop: true });
  const clientsAfter = await rig.clients.call('snapshot', { gc: false, resetLoop: true });
  const sent = await app.call('sentDeltas', { clear: true });
  // A socket can only miss what alo153 sent: events it merged into a later delta are counted apart.
  const sentReasons = new Set(sent.reasons);
  const emittedAndSent = Object.fromEntries(Object.entries(series.emittedAt).filter(([reason]) => sentReasons.has(reason)));
  const round = await rig.clients.call('collect', { emittedAt: emittedAndSent, clear: true });
  const clients = loopLoad(clientsBefore, clientsAfter, wallMs, count);
  return {
    ...round,
    openFailed: 0,
    openFirstError: null,
    failedEmits: series.failed,
    coalesced: Object.keys(series.emittedAt).length - Object.keys(emittedAndSent).length,
    arrivalsComplete: complete,
    ...serverSide(sent, series.emittedAt),
    app: loopLoad(appBefore, appAfter, wallMs, count),
    clients: { ...clients, saturated: clients.eventLoopUtilisation >= SATURATED_UTILISATION },
  };
}

async function probeNewSockets(rig: Rig, count: number): Promise<NewSocketResult> {
  const { sockets } = await rig.clients.call('snapshot', { gc: false, resetLoop: false });
  await rig.pair.app.call('snapshotTimings', { reset: true });
  const probe = await rig.clients.call('probeNewSockets', { url: rig.url, token: rig.token, count, timeoutMs: 10_000 });
  const server = await rig.pair.app.call('snapshotTimings', { reset: true });
  return {
    alreadyOpen: sockets,
    connectToSnapshot: percentiles(probe.connectToSnapshotMs),
    openToSnapshot: percentiles(probe.openToSnapshotMs),
    serverSnapshotFor: percentiles(server.snapshotForMs),
    serverSnapshotAndEmit: percentiles(server.snapshotAndEmitMs),
    failed: probe.failed,
  };
}

export async function runFanout(options: FanoutOptions, log: (line: string) => void): Promise<FanoutResult> {
  // No calls are placed: the simulator's speed only matters for queue timers, which stay idle.
  const pair = await startPair('alo153', 1);
  let clients: Child<ClientsProtocol> | undefined;
  try {
    await pair.sim.call('registerAgent', AGENT);
    await pair.app.call('createSupervisor', SUPERVISOR);
    const { token } = await pair.app.call('login', SUPERVISOR);
    const { url } = await pair.app.call('url', {});
    clients = await Child.start<ClientsProtocol>('socket clients', 'bench/socket-clients-process.ts', { env: { BENCH_FANOUT_AGENT: AGENT.iface } });
    const rig: Rig = { pair, clients, url, token };

    const rounds: FanoutRoundResult[] = [];
    let profileFile: string | undefined;
    for (const [index, target] of options.socketCounts.entries()) {
      const opened = await openUpTo(rig, target, log);
      // JIT and lazy paths of the whole chain warm up once, on the smallest count, outside the figures.
      if (index === 0) await runSeries(rig, `${PAUSE_REASON_PREFIX}warm-`, 0, options, Math.min(20, options.eventsPerRound));
      const profiled = options.profile && index === options.socketCounts.length - 1;
      if (profiled) await pair.app.call('profileStart', {});
      const round = await runSeries(rig, PAUSE_REASON_PREFIX, index * options.eventsPerRound, options, options.eventsPerRound);
      if (profiled) {
        profileFile = join(mkdtempSync(join(tmpdir(), 'alo153-bench-prof-')), `alo153-fanout-${target}.cpuprofile`);
        await pair.app.call('profileStop', { file: profileFile });
      }
      rounds.push({ ...round, openFailed: opened.failed, openFirstError: opened.firstError });
      log(
        `  fanout ${String(round.sockets).padStart(4)} sockets: p50 ${fixed(round.latency.p50)} ms, p99 ${fixed(round.latency.p99)} ms, ` +
          `${round.received}/${round.expected} arrivals, clients' loop ${fixed(round.clients.eventLoopUtilisation, 2)}`,
      );
    }
    const newSocket = await probeNewSockets(rig, options.newSockets);
    await clients.stop();
    clients = undefined;
    const boardCompute = await runBoardCompute(4500, 500);
    return { agent: AGENT.iface, eventsPerRound: options.eventsPerRound, ratePerSecond: options.ratePerSecond, rounds, newSocket, boardCompute, ...(profileFile ? { profileFile } : {}) };
  } finally {
    await clients?.stop();
    await pair.stop();
  }
}

export interface FanoutVerdicts {
  p99: boolean;
  snapshot: boolean;
  noDeltaLost: boolean;
}

export function fanoutVerdicts(result: FanoutResult): FanoutVerdicts {
  const atTarget = result.rounds.find((round) => round.sockets >= FANOUT_TARGET.atSockets);
  return {
    p99: atTarget !== undefined && atTarget.latency.p99 <= FANOUT_TARGET.p99Ms,
    snapshot: result.newSocket.failed === 0 && result.newSocket.connectToSnapshot.p99 <= FANOUT_TARGET.snapshotP99Ms,
    noDeltaLost: result.rounds.every((round) => round.missing === 0 && round.duplicates === 0 && round.openFailed === 0 && round.disconnects === 0),
  };
}

const ms = (value: number, digits = 1): string => `${fixed(value, digits)} ms`;
const pair = (p: Percentiles, digits = 1): string => (p.n === 0 ? 'n/a' : `${ms(p.p50, digits)} / ${ms(p.p99, digits)}`);
const load = (l: LoopLoad): string =>
  `${fixed(l.cpuPercent, 0)} % CPU (${ms(l.cpuMsPerEvent)} per event), loop ${fixed(l.eventLoopUtilisation, 2)}, delay p99 ${ms(l.eventLoopDelayP99Ms)}`;

export function printFanout(result: FanoutResult): void {
  const verdicts = fanoutVerdicts(result);
  const { newSocket } = result;
  const rows: string[][] = [['#', 'figure', 'alo153', 'target', 'verdict']];
  for (const round of result.rounds) {
    const atTarget = round.sockets >= FANOUT_TARGET.atSockets;
    rows.push(
      [
        '5',
        `AMI event -> board:delta on the socket p50 / p99, ${round.sockets} sockets (${result.eventsPerRound} events at ${result.ratePerSecond}/s)`,
        `${pair(round.latency)} (max ${ms(round.latency.max)})`,
        atTarget ? `p99 <= ${FANOUT_TARGET.p99Ms} ms` : '',
        atTarget ? verdict(verdicts.p99) : '',
      ],
      ['5', '  per event: first socket / last socket, p50', `${ms(round.firstSocketP50)} / ${ms(round.lastSocketP50)}`, '', ''],
      ['5', '  server side: AMI event -> alo153 wrote the delta to every socket', pair(round.serverSent), '', ''],
      ['5', '  server side: one publish (board computed, written to every socket)', pair(round.publishMs), '', ''],
      ['5', '  alo153 process', load(round.app), '', ''],
      ['5', '  clients process', load(round.clients) + (round.clients.saturated ? ' SATURATED: arrivals include its own backlog' : ''), '', ''],
      [
        '5',
        '  deltas received / sent to the sockets (missing; of which after a seq gap)',
        `${round.received} / ${round.expected} (${round.missing}; ${round.missingWithSeqGap})` +
          `${round.duplicates ? `, ${round.duplicates} doubled` : ''}${round.disconnects ? `, ${round.disconnects} disconnects` : ''}` +
          `${round.openFailed ? `, ${round.openFailed} sockets refused (${round.openFirstError ?? ''})` : ''}${round.failedEmits ? `, ${round.failedEmits} pauses not emitted` : ''}` +
          `${round.arrivalsComplete ? '' : ', still arriving after 5 s'}`,
        'none missing',
        verdict(round.missing === 0 && round.duplicates === 0 && round.openFailed === 0 && round.disconnects === 0),
      ],
      ['5', '  events alo153 merged into the next delta (a stall of >= 50 ms; the board stays right)', `${round.coalesced} of ${result.eventsPerRound}`, '', ''],
    );
  }
  rows.push(
    [
      '5',
      `new socket: connect -> board:snapshot p50 / p99, ${newSocket.connectToSnapshot.n} one by one, ${newSocket.alreadyOpen} open`,
      pair(newSocket.connectToSnapshot) + (newSocket.failed ? `, ${newSocket.failed} failed` : ''),
      `p99 <= ${FANOUT_TARGET.snapshotP99Ms} ms`,
      verdict(verdicts.snapshot),
    ],
    ['5', '  socket created -> board:snapshot (WebSocket, token check, snapshot)', pair(newSocket.openToSnapshot), '', ''],
    ['5', '  server side: snapshotFor', pair(newSocket.serverSnapshotFor, 2), '', ''],
    ['5', '  server side: snapshotFor + emit (connection handler)', pair(newSocket.serverSnapshotAndEmit, 2), '', ''],
    [
      '5',
      `board per event, no sockets (${result.boardCompute.calls} calls of a day, ${result.boardCompute.queues} queues, ${result.boardCompute.agents} agents): full recompute p50 / p99`,
      `${ms(result.boardCompute.fullMs.p50, 3)} / ${ms(result.boardCompute.fullMs.p99, 3)}`,
      '',
      '',
    ],
    ['5', '  from what changed (what alo153 does), p50 / p99', `${ms(result.boardCompute.incrementalMs.p50, 3)} / ${ms(result.boardCompute.incrementalMs.p99, 3)}`, '', ''],
  );
  printTable(rows);
  const largest = result.rounds[result.rounds.length - 1];
  if (!largest) return;
  const saturated = result.rounds.filter((round) => round.clients.saturated).map((round) => round.sockets);
  console.log(
    `Reading: one clients process reads every socket's frame in turn, on the machine's cores shared with alo153 and the simulator; ` +
      `at ${largest.sockets} sockets it spent ${ms(largest.clients.cpuMsPerEvent)} of CPU per event, so the last socket's stamp trails ` +
      `by up to about that much for the bench's sake, not alo153's. The server-side rows are alo153's own part.`,
  );
  if (saturated.length > 0) {
    console.log(`The clients process was SATURATED (event loop >= ${SATURATED_UTILISATION}) at ${saturated.join(', ')} sockets: those latencies are an upper bound for alo153.`);
  }
}
