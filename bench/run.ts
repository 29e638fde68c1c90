/**
 * `npm run bench`: figures, not a test (the process never fails on a missed target; it prints MET / NOT MET).
 *
 * Setup: every figure comes from separate processes, so nobody's event loop distorts anybody else's:
 *   run.ts (this file, idle while measuring) ──IPC── bench/sim-process.ts  the PBX simulator + SimProbe
 *                                           └─IPC── bench/app-process.ts  alo153 (startAlo153, shipped
 *                                                   config/ivr.json, fresh SQLite file or BENCH_DATABASE_URL)
 *                                                   or the bare ari-client app (bench/bare-app.ts)
 * The app talks to the simulator over real ARI HTTP + WebSocket and AMI TCP on 127.0.0.1.
 * SimProbe wraps simulator prototypes in its own process (no simulator file changes) and stamps each
 * ARI event frame as it is sent and each ARI request as it arrives; latencies are the differences.
 *
 * 1. Throughput: a closed loop of BENCH_CALLS calls, BENCH_CONCURRENCY in flight, simulator speed 0.0001
 *    (prompts take ~0 ms). Each caller presses 0 as soon as its first prompt starts; a call is done when
 *    the app continued it to alo153-queues (the bare app after its one prompt), and for alo153 when its
 *    ticket writes landed too. alo153 and the bare app alternate, BENCH_REPS times each; medians.
 * 2. Latency: BENCH_RATE arrivals/s for BENCH_SECONDS (default 60) at speed BENCH_LATENCY_SPEED (0.25);
 *    callers press 0 one second into the welcome (barge-in). StasisStart → answer, DTMF → DELETE playback,
 *    last PlaybackFinished → first hand-off request. The bare app runs the same load for a shorter time.
 * 3. Memory: BENCH_MEMORY_CALLS calls held in the main menu (simulator at real time: 27 s of welcome +
 *    menu), heapUsed after forced GCs in alo153's process before and after, divided by the calls.
 * 4. After every scenario: tickets in the database against the calls placed (one per channel, distinct).
 * 5. Fan-out (bench/fanout.ts): AMI QueueMemberPause → board:delta on BENCH_FANOUT_SOCKETS (100,500,1000)
 *    authenticated sockets held by a third process, BENCH_FANOUT_EVENTS (150) events per count at
 *    BENCH_FANOUT_RATE (20)/s; then the first snapshot of 50 new sockets with the last count open.
 * 6. Screen pop (bench/pop.ts): AMI AgentConnect → desk:pop on the agent's socket, alo153's database seeded
 *    with BENCH_POP_TICKETS (1,000,000) tickets over BENCH_POP_CALLERS (200,000) caller numbers first;
 *    BENCH_POP_CALLS (300) callers with history go through the IVR to 4 agents' desks at BENCH_POP_RATE (4)/s.
 * BENCH_PROFILE=1 adds a CPU profile of one alo153 throughput repetition, of alo153 during the latency arrivals (and during the largest
 * fan-out round) and prints its top frames.
 * 7. SMS (bench/sms.ts): BENCH_SMS_MESSAGES (1,000) relay SMS through the SMPP sender to the local test SMSC, SQLite.
 * 8. Inbox (bench/inbox.ts): BENCH_INBOX_TICKETS (1,000,000) tickets, 100,000 open; p50/p99 per page of the department
 *    inbox, the escalation view and the supervisor search, on SQLite or BENCH_DATABASE_URL.
 * 9. Read-back (bench/readback.ts): the audio from the last menu digit to the queue per serial and for the longest of
 *    1..999999 (target <= 5 s), with and without the year, and the ARI events per call through the simulator
 *    (BENCH_READBACK_SPEED, 0.2).
 * 10. Reports (bench/report-year.ts): a year of BENCH_REPORT_CALLS (1,200,000) calls and BENCH_REPORT_TICKETS (400,000)
 *    tickets on a fresh SQLite file and a fresh PostgreSQL schema (BENCH_DATABASE_URL, else the tests' `test` database;
 *    BENCH_REPORT_ENGINES=sqlite,postgres): p50/p99 of each year report over BENCH_REPORT_RUNS (7) runs, and the RSS
 *    growth of a server streaming BENCH_REPORT_EXPORT_ROWS (1,000,000) calls as CSV and as XLSX.
 * BENCH_ONLY=throughput,latency,memory,fanout,pop,sms,inbox,readback,reports picks scenarios.
 */
import { cpus, loadavg } from 'node:os';
import { fanoutVerdicts, printFanout, runFanout, type FanoutResult } from './fanout.js';
import { runLatency, type LatencyResult } from './latency.js';
import { runMemory, type MemoryResult } from './memory.js';
import { popVerdicts, printPop, runPop, type PopResult } from './pop.js';
import { printSms, runSmsBench, type SmsBenchResult } from './sms.js';
import { printReadback, readbackTargetMet, runReadbackBench, type ReadbackRow } from './readback.js';
import { printInbox, runInboxBench, type InboxBenchResult } from './inbox.js';
import { printReportYear, runReportYearBench, type EngineFigures } from './report-year.js';
import { printProfileSummary, summariseProfile } from './profile-summary.js';
import type { VerifyResult } from './protocol.js';
import { fixed, kib, printTable, verdict } from './report.js';
import { runThroughput, type ThroughputResult } from './throughput.js';

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
/** Ascending, so sockets are only ever added between rounds. */
const socketCounts = (raw: string | undefined): number[] => {
  const counts = (raw ?? '')
    .split(',')
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)
    .sort((a, b) => a - b);
  return counts.length > 0 ? counts : [100, 500, 1000];
};
const settings = {
  seconds: num('BENCH_SECONDS', 60),
  calls: num('BENCH_CALLS', 500),
  concurrency: num('BENCH_CONCURRENCY', 50),
  repetitions: num('BENCH_REPS', 3),
  rate: num('BENCH_RATE', 50),
  latencySpeed: num('BENCH_LATENCY_SPEED', 0.25),
  memoryCalls: num('BENCH_MEMORY_CALLS', 1000),
  database: process.env.BENCH_DATABASE_URL ? 'postgresql' : 'sqlite',
  profile: process.env.BENCH_PROFILE === '1',
  fanoutSockets: socketCounts(process.env.BENCH_FANOUT_SOCKETS),
  fanoutEvents: num('BENCH_FANOUT_EVENTS', 150),
  fanoutRate: num('BENCH_FANOUT_RATE', 20),
  popTickets: num('BENCH_POP_TICKETS', 1_000_000),
  popCallers: num('BENCH_POP_CALLERS', 200_000),
  popCalls: num('BENCH_POP_CALLS', 300),
  popRate: num('BENCH_POP_RATE', 4),
};
const only = new Set((process.env.BENCH_ONLY ?? 'throughput,latency,memory,fanout,pop,sms,inbox,readback,reports').split(','));
const TARGET = { ratio: 0.5, p99Ms: 20, heapPerCallBytes: 50 * 1024 };

const log = (line: string): void => console.log(line);
log(`alo153 bench: node ${process.version}, ${cpus().length} CPUs, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, database ${settings.database}`);
log(`settings: ${JSON.stringify(settings)}`);

async function attempt<T>(name: string, run: () => Promise<T>): Promise<T | undefined> {
  if (!only.has(name)) return undefined;
  const started = performance.now();
  log(`-- ${name} ...`);
  try {
    const result = await run();
    log(`-- ${name} done in ${fixed((performance.now() - started) / 1000, 0)} s`);
    return result;
  } catch (error) {
    log(`-- ${name} FAILED: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

const throughput: ThroughputResult | undefined = await attempt('throughput', () =>
  runThroughput({ speed: 0.0001, calls: settings.calls, concurrency: settings.concurrency, repetitions: settings.repetitions, warmUpCalls: 100, profile: settings.profile }, log),
);
const latency: LatencyResult | undefined = await attempt('latency', () =>
  runLatency({ mode: 'alo153', speed: settings.latencySpeed, ratePerSecond: settings.rate, seconds: settings.seconds, digitDelayMs: 1000, profile: settings.profile }),
);
const bareLatency: LatencyResult | undefined = await attempt('latency', () =>
  runLatency({ mode: 'bare', speed: settings.latencySpeed, ratePerSecond: settings.rate, seconds: Math.min(15, settings.seconds), digitDelayMs: 1000 }),
);
const memory: MemoryResult | undefined = await attempt('memory', () => runMemory({ calls: settings.memoryCalls, ratePerSecond: 250, warmUpCalls: 50 }));
const fanout: FanoutResult | undefined = await attempt('fanout', () =>
  runFanout({ socketCounts: settings.fanoutSockets, eventsPerRound: settings.fanoutEvents, ratePerSecond: settings.fanoutRate, newSockets: 50, profile: settings.profile }, log),
);
const fanoutMet = fanout ? fanoutVerdicts(fanout) : undefined;
const pop: PopResult | undefined = await attempt('pop', () =>
  runPop({ tickets: settings.popTickets, callers: settings.popCallers, calls: settings.popCalls, warmUpCalls: 20, ratePerSecond: settings.popRate }, log),
);
const popMet = pop ? popVerdicts(pop) : undefined;
const sms: SmsBenchResult | undefined = await attempt('sms', () => runSmsBench({ messages: num('BENCH_SMS_MESSAGES', 1000), perSecond: num('BENCH_SMS_PER_SECOND', 1000) }, log));
const inbox: InboxBenchResult | undefined = await attempt('inbox', () =>
  runInboxBench({ engine: settings.database === 'postgresql' ? 'postgres' : 'sqlite', tickets: num('BENCH_INBOX_TICKETS', 1_000_000), open: num('BENCH_INBOX_OPEN', 100_000), pages: num('BENCH_INBOX_PAGES', 200) }, log),
);

const readback: ReadbackRow[] | undefined = await attempt('readback', () => runReadbackBench({ speed: num('BENCH_READBACK_SPEED', 0.2) }));
const reportEngines = (process.env.BENCH_REPORT_ENGINES ?? 'sqlite,postgres').split(',').filter((engine): engine is 'sqlite' | 'postgres' => engine === 'sqlite' || engine === 'postgres');
const reports: EngineFigures[] | undefined = await attempt('reports', () =>
  runReportYearBench(
    {
      engines: reportEngines,
      calls: num('BENCH_REPORT_CALLS', 1_200_000),
      tickets: num('BENCH_REPORT_TICKETS', 400_000),
      runs: num('BENCH_REPORT_RUNS', 7),
      exportRows: num('BENCH_REPORT_EXPORT_ROWS', 1_000_000),
      postgresUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    },
    log,
  ),
);

const ms = (value: number | undefined): string => (value === undefined ? 'n/a' : `${fixed(value, 1)} ms`);
const pair = (s: { p50: number; p99: number } | undefined): string => (s ? `${ms(s.p50)} / ${ms(s.p99)}` : 'n/a');
const t = throughput?.median;
const rep = throughput?.reps.find((r) => r.mode === 'alo153');
const bareRep = throughput?.reps.find((r) => r.mode === 'bare');
const per = (r: typeof rep): string => (r ? `${r.perCall.ariRequests.toFixed(0)} / ${r.perCall.ariEvents.toFixed(0)} / ${r.perCall.amiEvents.toFixed(0)} / ${r.perCall.sqlStatements.toFixed(0)}` : 'n/a');
const ratioMet = throughput !== undefined && throughput.ratio >= TARGET.ratio;
const p99Met = latency !== undefined && latency.all.p99 <= TARGET.p99Ms && !latency.timedOut;
const memoryMet = memory !== undefined && memory.valid && memory.heapPerCall <= TARGET.heapPerCallBytes;
const verifies: Array<[string, VerifyResult | null | undefined]> = [
  ['throughput', throughput?.verify],
  ['latency', latency?.verify],
  ['memory', memory?.verify],
];
const measured = verifies.filter(([, v]) => v);
const integrityMet = measured.length > 0 && measured.every(([, v]) => v?.ok);

log('');
if (throughput || latency || bareLatency || memory) printTable([
  ['#', 'figure', 'alo153', 'bare ari-client floor', 'target', 'verdict'],
  ['1', `calls/s, full path incl. ticket writes (median of ${settings.repetitions})`, fixed(t?.alo153.completeRate ?? NaN), fixed(t?.bare.completeRate ?? NaN), `ratio ${fixed(throughput?.ratio ?? NaN, 2)} >= ${TARGET.ratio}`, throughput ? verdict(ratioMet) : 'NOT MEASURED'],
  ['1', 'calls/s, until the hand-off only', fixed(t?.alo153.handOffRate ?? NaN), fixed(t?.bare.handOffRate ?? NaN), `ratio ${fixed((t?.alo153.handOffRate ?? NaN) / (t?.bare.handOffRate ?? NaN), 2)}`, ''],
  ['1', 'CPU ms per call, app process', fixed(t?.alo153.appCpuMsPerCall ?? NaN, 2), fixed(t?.bare.appCpuMsPerCall ?? NaN, 2), '', ''],
  ['1', 'CPU ms per call, simulator process', fixed(t?.alo153.simCpuMsPerCall ?? NaN, 2), fixed(t?.bare.simCpuMsPerCall ?? NaN, 2), '', ''],
  ['1', 'per call: ARI requests / ARI events sent / AMI events published / SQL', per(rep), per(bareRep), '', ''],
  ['1', '  call-path writes per transaction (group commit) / outbox fdatasyncs per call', rep ? `${fixed(rep.writesPerTransaction, 1)} / ${fixed(rep.perCall.outboxSyncs, 2)}` : 'n/a', '', '', ''],
  ['2', `event -> command p50 / p99, ${settings.rate}/s for ${latency?.seconds ?? settings.seconds} s (bare ${bareLatency?.seconds ?? '-'} s)`, pair(latency?.all), pair(bareLatency?.all), `p99 <= ${TARGET.p99Ms} ms`, latency ? verdict(p99Met) : 'NOT MEASURED'],
  ['2', '  StasisStart -> answer', pair(latency?.kinds.stasisStartToAnswer), pair(bareLatency?.kinds.stasisStartToAnswer), '', ''],
  ['2', '  DTMF -> DELETE playback (barge-in)', pair(latency?.kinds.dtmfToStopPlayback), 'n/a (no IVR)', '', ''],
  ['2', '  last PlaybackFinished -> first hand-off request', pair(latency?.kinds.playbackFinishedToHandOff), pair(bareLatency?.kinds.playbackFinishedToHandOff), '', ''],
  ['2', '  app CPU ms / SQL statements per call placed', latency ? `${fixed(latency.appCpuMsPerCall, 2)} / ${fixed(latency.sqlPerCall, 1)}` : 'n/a', bareLatency ? `${fixed(bareLatency.appCpuMsPerCall, 2)} / 0` : 'n/a', '', ''],
  ['2', '  app event-loop utilisation / delay p99', latency ? `${fixed(latency.appEventLoopUtilisation, 2)} / ${ms(latency.appEventLoopDelayP99Ms)}` : 'n/a', bareLatency ? `${fixed(bareLatency.appEventLoopUtilisation, 2)} / ${ms(bareLatency.appEventLoopDelayP99Ms)}` : 'n/a', '', ''],
  ['3', `heap per call, ${settings.memoryCalls} calls in the main menu (alo153 process only)`, memory ? kib(memory.heapPerCall) : 'n/a', '', `<= ${TARGET.heapPerCallBytes / 1024} KiB`, memory ? verdict(memoryMet) + (memory.invalidReason ? ` (invalid: ${memory.invalidReason})` : '') : 'NOT MEASURED'],
  ['3', '  rss per call / heap left after all hung up', memory ? `${kib(memory.rssPerCall)} / ${kib(memory.heapAfterHangup - memory.heapBefore)} total` : 'n/a', '', '', ''],
  ['3', '  simulator heap per call (its own process, not counted)', memory ? kib(memory.simHeapPerCall) : 'n/a', '', '', ''],
  ...verifies.map(([name, v]) => [
    '4',
    `no call lost or doubled: ${name}`,
    v ? `${v.placed} placed, ${v.callRows} calls, ${v.tickets} tickets, ${v.distinctTicketNumbers} numbers` : 'n/a',
    '',
    'all equal, none shared',
    v ? verdict(v.ok) : 'NOT MEASURED',
  ]),
]);

if (throughput || latency) {
  // Issue 10's figures on one line: the ratio to the floor, CPU and statements per call, p99 and utilisation at the arrival rate.
  const cpu = t ? `CPU ${fixed(t.alo153.appCpuMsPerCall, 2)} vs ${fixed(t.bare.appCpuMsPerCall, 2)} ms/call` : 'CPU n/a';
  const counts = rep ? `${fixed(rep.perCall.sqlStatements, 1)} SQL statements and ${fixed(rep.perCall.ariEvents, 0)} ARI events per call` : 'per call n/a';
  const load = latency ? `p99 ${ms(latency.all.p99)}, event-loop utilisation ${fixed(latency.appEventLoopUtilisation, 2)} at ${settings.rate}/s` : 'latency n/a';
  log('');
  log(`summary: ratio ${fixed(throughput?.ratio ?? NaN, 2)} (${fixed(t?.alo153.completeRate ?? NaN)} vs ${fixed(t?.bare.completeRate ?? NaN)} calls/s), ${cpu}, ${counts}; ${load}`);
}

if (fanout) {
  log('');
  printFanout(fanout);
}
if (pop) {
  log('');
  printPop(pop);
}
if (inbox) printInbox(inbox, log);
if (sms) {
  log('');
  printSms(sms);
}
if (readback) {
  log('');
  printReadback(readback, log);
}
if (reports) printReportYear(reports, log);
if (fanout?.profileFile) {
  log('');
  log(`CPU profile of alo153 during the ${fanout.rounds[fanout.rounds.length - 1]?.sockets ?? '?'}-socket fan-out round: ${fanout.profileFile}`);
  printProfileSummary(summariseProfile(fanout.profileFile, 20));
}

if (latency?.profileFile) {
  log('');
  log(`CPU profile of alo153 during the ${latency.seconds} s at ${latency.ratePerSecond} arrivals/s: ${latency.profileFile}`);
  printProfileSummary(summariseProfile(latency.profileFile, 20));
}

if (throughput?.profileFile) {
  log('');
  log(`CPU profile of one alo153 throughput repetition (${throughput.calls} calls): ${throughput.profileFile}`);
  printProfileSummary(summariseProfile(throughput.profileFile, 20));
}

log('');
log(
  JSON.stringify({
    bench: 'alo153',
    settings,
    targets: {
      throughputRatio: ratioMet,
      latencyP99: p99Met,
      memoryPerCall: memoryMet,
      noCallLostOrDoubled: integrityMet,
      fanoutP99: fanoutMet?.p99 ?? false,
      fanoutSnapshot: fanoutMet?.snapshot ?? false,
      fanoutNoDeltaLost: fanoutMet?.noDeltaLost ?? false,
      popP99: popMet?.p99 ?? false,
      popNoneLost: popMet?.noneLost ?? false,
      readbackWithin5s: readback ? readbackTargetMet(readback) : false,
    },
    throughput,
    latency,
    bareLatency,
    memory,
    fanout,
    pop,
    sms,
    readback,
    reports,
  }),
);
