import { percentiles, type Percentiles } from './fanout.js';
import { Child } from './ipc.js';
import { startPair } from './pair.js';
import type { ClientsProtocol, PopArrival, PopCallsResult, PopTimings, ProcessSnapshot, SeedResult } from './protocol.js';
import { fixed, mib, printTable, sleep, verdict } from './report.js';

/**
 * Scenario 6: the screen pop. alo153 runs on a database holding `tickets` tickets (bench/pop-seed.ts, seeded
 * through the app process before any call); the simulator's agents of alo153-kentkart (static members in
 * dialplans/queues.conf) have desk users, each with a desk socket in bench/socket-clients-process.ts.
 * Callers whose numbers have tickets in the seed choose 1 then 2 in the IVR, wait in alo153-kentkart and
 * talk briefly until the agent hangs up. The simulator's probe stamps each caller's AgentConnect frame as
 * it is written to the AMI sockets; the desk stamps the desk:pop carrying that uniqueid.
 * Latency = arrival − emit (wall clock, performance.timeOrigin + performance.now() in both processes).
 * Inside alo153 the app process stamps the hand-over to ScreenPops and the emit to the agent's room, and
 * times each store look-up, which splits the latency into transport, look-ups and socket.
 */
export interface PopOptions {
  tickets: number;
  callers: number;
  calls: number;
  warmUpCalls: number;
  ratePerSecond: number;
}

export interface PopLoad {
  /** CPU time over wall time, in % of one core. */
  cpuPercent: number;
  /** The whole call path (IVR, ticket writes, queue events) and the pop, per call. */
  cpuMsPerCall: number;
  eventLoopUtilisation: number;
  eventLoopDelayP99Ms: number;
  sqlPerCall: number;
}

export interface PopResult {
  seed: Omit<SeedResult, 'sampleCallers'>;
  agents: string[];
  calls: number;
  ratePerSecond: number;
  placed: number;
  connected: number;
  endedUnconnected: number;
  callsTimedOut: boolean;
  received: number;
  /** AgentConnect emitted for one of our calls, no desk:pop with its uniqueid on any desk. */
  lost: number;
  duplicates: number;
  /** Pops on a desk other than the connected agent's. */
  wrongDesk: number;
  unexpected: number;
  emptyHistory: number;
  withoutTicket: number;
  historyRowsP50: number;
  /** AgentConnect emit → desk:pop on the socket; a lost pop counts as never arriving. */
  latency: Percentiles;
  amiToHandle: Percentiles;
  handleToEmit: Percentiles;
  emitToArrival: Percentiles;
  /** Of all the pops' emit → arrival time, the part spent from the hand-over to ScreenPops to the room emit. */
  lookupShare: number;
  lookups: { userByInterface: Percentiles; callByChannel: Percentiles; ticket: Percentiles; history: Percentiles };
  /** The SELECTs on their connection, without waiting for one. */
  sql: { userByInterface: Percentiles; callByChannel: Percentiles; history: Percentiles };
  popsFailed: number;
  popsWithoutUser: number;
  app: PopLoad;
}

export const POP_TARGET = { p99Ms: 100 };

/** alo153-kentkart's members: agent1/2 first, agent5/6 when both are busy (penalty 2). */
const AGENTS = [
  { iface: 'PJSIP/agent1', name: 'Ajan 1' },
  { iface: 'PJSIP/agent2', name: 'Ajan 2' },
  { iface: 'PJSIP/agent5', name: 'Ajan 5' },
  { iface: 'PJSIP/agent6', name: 'Ajan 6' },
];
const AGENT_PASSWORD = 'bench-masa-2024';
/**
 * Simulated time runs at 1 %: a digit 300 ms apart, the agent answers after 10 ms, talks 500 ms and has
 * 100 ms of wrap-up, so four agents take about six calls a second and seldom keep a caller waiting.
 */
const SIM_SPEED = 0.01;
const AGENT_ANSWER_SIM_MS = 1000;
const AGENT_TALK_SIM_MS = 50_000;
const DIGIT_GAP_SIM_MS = 30_000;
const GIVE_UP_SIM_MS = 3_000_000;
/** Main menu 1 (Ulaşım), then 2 (Kentkart): alo153-kentkart. */
const IVR_DIGITS = '12';

function load(before: ProcessSnapshot & { sqlStatements: number }, after: ProcessSnapshot & { sqlStatements: number }, wallMs: number, calls: number): PopLoad {
  const cpuMs = after.cpuUserMs + after.cpuSystemMs - before.cpuUserMs - before.cpuSystemMs;
  return {
    cpuPercent: (cpuMs / wallMs) * 100,
    cpuMsPerCall: cpuMs / Math.max(1, calls),
    eventLoopUtilisation: after.eventLoopUtilisation,
    eventLoopDelayP99Ms: after.eventLoopDelayP99Ms,
    sqlPerCall: (after.sqlStatements - before.sqlStatements) / Math.max(1, calls),
  };
}

type Figures = Omit<PopResult, 'seed' | 'agents' | 'calls' | 'ratePerSecond' | 'app'>;

/** Matches the simulator's AgentConnect stamps, the desks' arrivals and alo153's own stamps by uniqueid. */
function figures(run: PopCallsResult, arrivals: PopArrival[], timings: PopTimings, agents: string[]): Figures {
  const firstArrival = new Map<string, PopArrival>();
  let duplicates = 0;
  let unexpected = 0;
  for (const arrival of arrivals) {
    if (run.connectedAt[arrival.uniqueid] === undefined) unexpected += 1;
    else if (firstArrival.has(arrival.uniqueid)) duplicates += 1;
    else firstArrival.set(arrival.uniqueid, arrival);
  }
  const traces = new Map(timings.traces.map((trace) => [trace.uniqueid, trace]));
  const latencies: number[] = [];
  const amiToHandle: number[] = [];
  const handleToEmit: number[] = [];
  const emitToArrival: number[] = [];
  let lost = 0;
  let wrongDesk = 0;
  let lookupTotal = 0;
  let popTotal = 0;
  for (const [uniqueid, emittedAt] of Object.entries(run.connectedAt)) {
    const arrival = firstArrival.get(uniqueid);
    if (!arrival) {
      lost += 1;
      latencies.push(Number.POSITIVE_INFINITY);
      continue;
    }
    if (agents[arrival.desk] !== run.agentOf[uniqueid]) wrongDesk += 1;
    latencies.push(arrival.at - emittedAt);
    const trace = traces.get(uniqueid);
    if (!trace || trace.deliveredAt === null) continue;
    amiToHandle.push(trace.handledAt - emittedAt);
    handleToEmit.push(trace.deliveredAt - trace.handledAt);
    emitToArrival.push(arrival.at - trace.deliveredAt);
    lookupTotal += trace.deliveredAt - trace.handledAt;
    popTotal += arrival.at - emittedAt;
  }
  const received = [...firstArrival.values()];
  return {
    placed: run.placed,
    connected: Object.keys(run.connectedAt).length,
    endedUnconnected: run.endedUnconnected,
    callsTimedOut: run.timedOut,
    received: received.length,
    lost,
    duplicates,
    wrongDesk,
    unexpected,
    emptyHistory: received.filter((arrival) => arrival.historyRows === 0).length,
    withoutTicket: received.filter((arrival) => !arrival.hasTicket).length,
    historyRowsP50: percentiles(received.map((arrival) => arrival.historyRows)).p50,
    latency: percentiles(latencies),
    amiToHandle: percentiles(amiToHandle),
    handleToEmit: percentiles(handleToEmit),
    emitToArrival: percentiles(emitToArrival),
    lookupShare: popTotal > 0 ? lookupTotal / popTotal : Number.NaN,
    lookups: {
      userByInterface: percentiles(timings.lookupMs.userByInterface),
      callByChannel: percentiles(timings.lookupMs.callByChannel),
      ticket: percentiles(timings.lookupMs.ticket),
      history: percentiles(timings.lookupMs.history),
    },
    sql: {
      userByInterface: percentiles(timings.sqlMs.userByInterface),
      callByChannel: percentiles(timings.sqlMs.callByChannel),
      history: percentiles(timings.sqlMs.history),
    },
    popsFailed: timings.failed,
    popsWithoutUser: timings.noUser,
  };
}

export async function runPop(options: PopOptions, log: (line: string) => void): Promise<PopResult> {
  const pair = await startPair('alo153', SIM_SPEED);
  let clients: Child<ClientsProtocol> | undefined;
  try {
    const { app, sim } = pair;
    const seeded = await app.call('seedTickets', { tickets: options.tickets, callers: options.callers, nowMs: Date.now(), sampleCallers: options.warmUpCalls + options.calls }, 600_000);
    const { sampleCallers, ...seed } = seeded;
    log(
      `  pop: ${seed.tickets} tickets over ${seed.callers} caller numbers seeded in ${fixed(seed.seedMs / 1000, 1)} s ` +
        `(insert ${fixed(seed.insertMs / 1000, 1)} s), ${seed.engine} ${mib(seed.databaseBytes)}; history look-up alone p50 ${fixed(seed.idleHistoryMs.p50, 2)} ms`,
    );
    if (sampleCallers.length < options.warmUpCalls + options.calls) throw new Error(`only ${sampleCallers.length} distinct seeded caller numbers to call from`);

    const tokens: string[] = [];
    for (const [index, agent] of AGENTS.entries()) {
      await sim.call('registerAgent', { ...agent, answerAfterMs: AGENT_ANSWER_SIM_MS, talkMs: AGENT_TALK_SIM_MS });
      const username = `bench-ajan${index + 1}`;
      await app.call('createAgent', { username, password: AGENT_PASSWORD, phoneInterface: agent.iface });
      tokens.push((await app.call('login', { username, password: AGENT_PASSWORD })).token);
    }
    const { url } = await app.call('url', {});
    clients = await Child.start<ClientsProtocol>('desk clients', 'bench/socket-clients-process.ts');
    const opened = await clients.call('openDesks', { url, tokens, timeoutMs: 10_000 });
    if (opened.failed > 0) throw new Error(`${opened.failed} desk sockets refused: ${opened.firstError ?? ''}`);

    const calls = (callerNumbers: string[]): Promise<PopCallsResult> =>
      sim.call(
        'popCalls',
        { callerNumbers, ratePerSecond: options.ratePerSecond, digits: IVR_DIGITS, digitGapMs: DIGIT_GAP_SIM_MS, giveUpAfterMs: GIVE_UP_SIM_MS, drainTimeoutMs: 30_000 },
        (callerNumbers.length / options.ratePerSecond + 60) * 1000,
      );
    // JIT and lazy paths of the whole chain (IVR, ticket writes, pops) warm up outside the figures.
    const warm = await calls(sampleCallers.slice(0, options.warmUpCalls));
    log(`  pop: warm-up ${Object.keys(warm.connectedAt).length}/${warm.placed} calls reached an agent`);
    await sleep(500);
    await app.call('popTimings', { clear: true });
    await clients.call('deskPops', { clear: true });

    const before = await app.call('snapshot', { gc: false, resetLoop: true });
    const started = performance.now();
    const run = await calls(sampleCallers.slice(options.warmUpCalls, options.warmUpCalls + options.calls));
    const wallMs = performance.now() - started;
    const after = await app.call('snapshot', { gc: false, resetLoop: true });
    // Every call has ended by now, long after its pop; this only lets a straggler land.
    await sleep(500);
    const { pops } = await clients.call('deskPops', { clear: true });
    const timings = await app.call('popTimings', { clear: true });
    const agents = AGENTS.map((agent) => agent.iface);
    const result: PopResult = {
      seed,
      agents,
      calls: options.calls,
      ratePerSecond: options.ratePerSecond,
      ...figures(run, pops, timings, agents),
      app: load(before, after, wallMs, run.placed),
    };
    log(`  pop: ${result.received}/${result.connected} pops, p50 ${fixed(result.latency.p50)} ms, p99 ${fixed(result.latency.p99)} ms, ${result.lost} lost`);
    return result;
  } finally {
    await clients?.stop();
    await pair.stop();
  }
}

export interface PopVerdicts {
  p99: boolean;
  noneLost: boolean;
}

export function popVerdicts(result: PopResult): PopVerdicts {
  return {
    p99: result.connected > 0 && result.latency.p99 <= POP_TARGET.p99Ms,
    noneLost: result.connected > 0 && result.lost === 0 && result.duplicates === 0 && result.wrongDesk === 0 && result.popsFailed === 0,
  };
}

const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${fixed(value, digits)} ms` : 'never');
const pair = (p: Percentiles, digits = 1): string => (p.n === 0 ? 'n/a' : `${ms(p.p50, digits)} / ${ms(p.p99, digits)}`);

export function printPop(result: PopResult): void {
  const verdicts = popVerdicts(result);
  const { seed, lookups, app } = result;
  printTable([
    ['#', 'figure', 'alo153', 'target', 'verdict'],
    [
      '6',
      `AMI AgentConnect -> desk:pop on the agent's socket p50 / p99 (${result.connected} pops, calls at ${result.ratePerSecond}/s, ${seed.tickets} tickets)`,
      `${pair(result.latency)} (max ${ms(result.latency.max)})`,
      `p99 <= ${POP_TARGET.p99Ms} ms`,
      verdict(verdicts.p99),
    ],
    ['6', '  AMI frame -> ScreenPops.handle (AMI socket, parse, queue monitor)', pair(result.amiToHandle, 2), '', ''],
    ['6', '  ScreenPops.handle -> emit to agent:<id> (user + call, then ticket + history)', pair(result.handleToEmit, 2), '', ''],
    ['6', '  emit -> arrival on the desk socket', pair(result.emitToArrival, 2), '', ''],
    ['6', '  share of the pops\' time between handle and emit (look-ups)', `${fixed(result.lookupShare * 100, 0)} %`, '', ''],
    [
      '6',
      '  each look-up p50 / p99: user by interface, call, ticket, history',
      `${pair(lookups.userByInterface, 2)}, ${pair(lookups.callByChannel, 2)}, ${pair(lookups.ticket, 2)}, ${pair(lookups.history, 2)}`,
      '',
      '',
    ],
    [
      '6',
      '  the SELECTs alone on their connection (no wait for one): user, call, history',
      `${pair(result.sql.userByInterface, 2)}, ${pair(result.sql.callByChannel, 2)}, ${pair(result.sql.history, 2)}`,
      '',
      '',
    ],
    ['6', '  history look-up alone, before the calls (50 callers one by one)', pair(seed.idleHistoryMs, 2), '', ''],
    [
      '6',
      '  pops received / AgentConnects (lost; doubled; wrong desk; failed in alo153)',
      `${result.received} / ${result.connected} (${result.lost}; ${result.duplicates}; ${result.wrongDesk}; ${result.popsFailed})` +
        `${result.popsWithoutUser ? `, ${result.popsWithoutUser} without a user` : ''}${result.unexpected ? `, ${result.unexpected} unexpected` : ''}`,
      'none lost',
      verdict(verdicts.noneLost),
    ],
    ['6', '  pops with an empty history / without a ticket; history rows p50', `${result.emptyHistory} / ${result.withoutTicket}; ${fixed(result.historyRowsP50, 0)}`, 'empty ~0', ''],
    [
      '6',
      '  calls placed / reached an agent / ended without one',
      `${result.placed} / ${result.connected} / ${result.endedUnconnected}${result.callsTimedOut ? ', some still running at the end' : ''}`,
      '',
      '',
    ],
    [
      '6',
      '  alo153 process during the calls (whole call path)',
      `${fixed(app.cpuPercent, 0)} % CPU (${ms(app.cpuMsPerCall)} per call, ${fixed(app.sqlPerCall, 1)} SQL), loop ${fixed(app.eventLoopUtilisation, 2)}, delay p99 ${ms(app.eventLoopDelayP99Ms)}`,
      '',
      '',
    ],
    [
      '6',
      `  seeding ${seed.tickets} tickets / ${seed.callers} caller numbers (${seed.engine})`,
      `${fixed(seed.seedMs / 1000, 1)} s (insert ${fixed(seed.insertMs / 1000, 1)} s), database ${mib(seed.databaseBytes)}`,
      '',
      '',
    ],
  ]);
  console.log(`History query plan (${seed.engine}): ${seed.historyPlan.map((line) => line.trim()).join(' | ')}`);
}
