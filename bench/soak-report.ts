import { fixed, mib, printTable, verdict } from './report.js';
import { warmUpHours, type SoakOptions } from './soak-options.js';
import { PATIENCE_ALLOWANCE_MS, type SoakCalls, type SoakFault, type SoakReading, type SoakVerify } from './soak-protocol.js';
import type { WallboardFigures } from './soak-wallboard.js';

export interface HourReading {
  hour: number;
  placed: number;
  app: SoakReading;
}

export interface FaultResult {
  kind: SoakFault;
  hour: number;
  /** Real ms from the fault to alo153 reconnected (and, for AMI, its queue snapshot read); null: not within 30 s. */
  recoveredMs: number | null;
}

export interface SoakResult {
  options: SoakOptions;
  engine: 'sqlite' | 'postgresql';
  readings: HourReading[];
  faults: FaultResult[];
  trafficWallMs: number;
  /** The day's traffic alone: the part of the wall time that grows with --hours. */
  dayWallMs: number;
  totalWallMs: number;
  /** The most a scheduled step ran late (a slow reading or fault recovery delays the next). */
  maxLateMs: number;
  /** alo153 connected, no call yet. */
  idleBefore: SoakReading;
  warmUpPlaced: number;
  /** After the warm-up, every call ended: the start of the figures. */
  baseline: SoakReading;
  /** After the day, every call ended: the end of the figures. */
  drained: SoakReading;
  /** After the checks, just before the facts are dropped. */
  beforePrune: SoakReading;
  /** The same after dropping the day's queue facts, as the first prune after midnight does. */
  withoutFacts: SoakReading & { pruned: number };
  liveAfterDrain: number;
  idle: boolean;
  calls: Omit<SoakCalls, 'placed' | 'stasis' | 'fallback'> & { placed: number; stasis: number; fallback: number };
  verify: SoakVerify;
  wallboard: WallboardFigures | null;
}

const TARGET = { callsPerHour: 400, heapGrowth: 0.1, wallMinutesPerDay: 15 };

const count = (n: number): string => n.toLocaleString('en-US');
const percent = (ratio: number): string => `${ratio >= 0 ? '+' : ''}${fixed(ratio * 100, 1)} %`;

/** Least-squares slope of y over x. */
export function slope(points: Array<[number, number]>): number {
  if (points.length < 2) return Number.NaN;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const num = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const den = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return den === 0 ? Number.NaN : num / den;
}

const resources = (reading: SoakReading): string =>
  Object.entries(reading.resources)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');

const cpuOf = (reading: SoakReading): number => reading.cpuUserMs + reading.cpuSystemMs;

/** One line per reading; with the previous one, alo153's CPU per call placed in between (a cost growing with the day shows here). */
export function progressLine(reading: HourReading, previous?: HourReading): string {
  const app = reading.app;
  const cpu = previous ? `, cpu ${fixed((cpuOf(app) - cpuOf(previous.app)) / Math.max(1, reading.placed - previous.placed), 1)} ms/call` : '';
  return `[h ${fixed(reading.hour, 2).padStart(5)}] placed ${count(reading.placed)}${cpu}, heap ${mib(app.heapUsed)}, rss ${mib(app.rss)}, handles ${app.activeResources} (timers ${app.resources.Timeout ?? 0}), tcp ${app.tcpSockets}, live calls ${app.liveCalls}, queue facts ${count(app.queueFacts)}, loop p99 ${fixed(app.eventLoopDelayP99Ms, 1)} ms`;
}

export function faultLine(fault: FaultResult): string {
  return `[h ${fixed(fault.hour, 2).padStart(5)}] ${fault.kind}: ${fault.recoveredMs === null ? 'NOT recovered within 30 s' : `alo153 back in ${fixed(fault.recoveredMs, 0)} ms`}`;
}

function faultRow(result: SoakResult, kind: SoakFault): string[] {
  const faults = result.faults.filter((fault) => fault.kind === kind);
  const recovered = faults.filter((fault) => fault.recoveredMs !== null);
  const slowest = Math.max(...recovered.map((fault) => fault.recoveredMs ?? 0));
  return [`${kind}: injected / recovered, slowest`, `${faults.length} / ${recovered.length}, ${recovered.length > 0 ? `${fixed(slowest, 0)} ms` : '-'}`, 'all recover', verdict(faults.length > 0 && recovered.length === faults.length)];
}

export function printSoakReport(result: SoakResult, log: (line: string) => void): void {
  const { options, readings, verify, calls, drained, baseline, withoutFacts, idleBefore: idle } = result;
  const first = readings[0];
  const last = readings.at(-1);
  const perHour = calls.placed / (options.hours + warmUpHours(options.hours));
  const growth = (to: SoakReading, key: 'heapUsed' | 'rss'): number => (to[key] - baseline[key]) / baseline[key];
  const heapGrowth = growth(drained, 'heapUsed');
  const heapTrend = slope(readings.map((r) => [r.hour, r.app.heapUsed]));
  const rssTrend = slope(readings.map((r) => [r.hour, r.app.rss]));
  const perSimHour = (to: SoakReading, key: 'heapUsed' | 'rss'): string => `${fixed((to[key] - baseline[key]) / options.hours / 1024, 1)} KiB`;
  // Start-up, warm-up, drains and checks take about the same time whatever the length: only the day scales.
  const projectedMinutes = (result.dayWallMs * (24 / options.hours) + result.totalWallMs - result.dayWallMs) / 60_000;
  const cpuMs = cpuOf(drained) - cpuOf(baseline);
  const loopP99 = Math.max(...readings.map((r) => r.app.eventLoopDelayP99Ms), 0);
  const board = result.wallboard;
  const loaded = first && last ? `${mib(first.app.heapUsed)} (h ${fixed(first.hour, 2)}) -> ${mib(last.app.heapUsed)} (h ${fixed(last.hour, 2)}), trend ${fixed(heapTrend / 1024, 1)} KiB/h` : 'n/a';
  log('');
  printTable([
    ['figure', 'value', 'target', 'verdict'],
    ['calls placed, warm-up included (per simulated hour)', `${count(calls.placed)} (${fixed(perHour, 0)})`, `>= ${TARGET.callsPerHour} / h`, verdict(perHour >= TARGET.callsPerHour)],
    ['  entered alo153 / fell back to alo153-genel while its WebSocket was down', `${count(calls.stasis)} / ${count(calls.fallback)}`, '', ''],
    ['  fallback calls back in Stasis after the queue (no call of alo153: hung up)', count(calls.fallbackBackAfterQueue), '', ''],
    ['call records / tickets stored / distinct ticket numbers', `${count(verify.callRows)} / ${count(verify.tickets)} / ${count(verify.distinctTicketNumbers)}`, `= ${count(calls.stasis)}`, ''],
    ['lost: a call alo153 had without its record or ticket', `${verify.lost} (${verify.missingCalls} records, ${verify.callsWithoutTicket} tickets missing)`, '0', verdict(verify.lost === 0)],
    ['doubled: several records, shared or orphan tickets, repeated numbers', `${verify.doubled} (${verify.channelsWithSeveralRows} / ${verify.ticketsSharedByCalls} / ${verify.ticketsWithoutCall} / ${verify.tickets - verify.distinctTicketNumbers})`, '0', verdict(verify.doubled === 0)],
    ['heap, drained: after warm-up -> after the day', `${mib(baseline.heapUsed)} -> ${mib(drained.heapUsed)} (${percent(heapGrowth)}), ${perSimHour(drained, 'heapUsed')} per simulated h`, `<= +${TARGET.heapGrowth * 100} %`, verdict(heapGrowth <= TARGET.heapGrowth)],
    [
      `  without the day's ${count(withoutFacts.pruned)} queue facts (midnight prunes them)`,
      `${mib(result.beforePrune.heapUsed)} -> ${mib(withoutFacts.heapUsed)} (${percent(growth(withoutFacts, 'heapUsed'))}; ${fixed((result.beforePrune.heapUsed - withoutFacts.heapUsed) / Math.max(1, withoutFacts.pruned), 0)} B per fact)`, `<= +${TARGET.heapGrowth * 100} %`, verdict(growth(withoutFacts, 'heapUsed') <= TARGET.heapGrowth),
    ],
    ['  heap under load, first -> last hourly reading', loaded, '', ''],
    ['RSS, drained: after warm-up -> after the day', `${mib(baseline.rss)} -> ${mib(drained.rss)} (${percent(growth(drained, 'rss'))}), ${perSimHour(drained, 'rss')} per simulated h`, '', ''],
    ['  RSS under load, trend', `${fixed(rssTrend / 1024, 1)} KiB/h`, '', ''],
    ['active handles idle / after warm-up / last reading / drained', `${idle.activeResources} / ${baseline.activeResources} / ${last?.app.activeResources ?? '-'} / ${drained.activeResources}`, 'drained <= warm', verdict(drained.activeResources <= baseline.activeResources)],
    ['TCP sockets idle / after warm-up / last reading / drained', `${idle.tcpSockets} / ${baseline.tcpSockets} / ${last?.app.tcpSockets ?? '-'} / ${drained.tcpSockets}`, 'drained <= warm', verdict(drained.tcpSockets <= baseline.tcpSockets)],
    ['socket.io clients idle / after warm-up / drained', `${idle.realtimeSockets} / ${baseline.realtimeSockets} / ${drained.realtimeSockets}`, '', ''],
    faultRow(result, 'ari-drop'),
    faultRow(result, 'ami-outage'),
    faultRow(result, 'asterisk-restart'),
    [`wall time (traffic ${fixed(result.trafficWallMs / 60_000, 1)} min), projected to 24 simulated h`, `${fixed(result.totalWallMs / 60_000, 1)} min, ${fixed(projectedMinutes, 1)} min`, `<= ${TARGET.wallMinutesPerDay} min`, verdict(projectedMinutes <= TARGET.wallMinutesPerDay)],
    ['alo153 CPU per call of the day / event-loop delay p99 (worst hour)', `${fixed(cpuMs / Math.max(1, calls.placed - result.warmUpPlaced), 2)} ms / ${fixed(loopP99, 1)} ms`, '', ''],
    ['drained: calls live in the simulator / in alo153, ticket writes pending', `${result.liveAfterDrain} / ${drained.liveCalls}, ${drained.pendingWrites}`, '0', verdict(result.idle && result.liveAfterDrain === 0)],
    [
      'wallboard socket: snapshots / deltas / seq gaps / disconnects',
      board ? `${board.snapshots} / ${count(board.deltas)} / ${board.seqGaps} / ${board.disconnects}${board.error ? ` (${board.error})` : ''}` : 'not connected',
      '',
      '',
    ],
    ['  its board after the drain: waiting / offered / answered / abandoned', board?.total ? `${board.total.waiting} / ${board.total.offered} / ${board.total.answered} / ${board.total.abandoned}` : 'n/a', '', ''],
  ]);
  log('');
  log(`outcomes of the call records: ${JSON.stringify(verify.outcomes)}; queue events stored: ${count(verify.queueEvents)}`);
  log(`where callers hung up in the IVR: ${JSON.stringify(verify.abandonedInIvrAt)}`);
  log(`how the simulator's calls ended: ${JSON.stringify(calls.ends)}; distinct caller numbers ${count(calls.distinctCallerNumbers)}`);
  log(`handles idle before:   ${resources(idle)}`);
  log(`handles after warm-up: ${resources(baseline)}`);
  if (last) log(`handles, last reading: ${resources(last.app)}`);
  log(`handles drained:       ${resources(drained)}`);
  log(`callers' patience had ${PATIENCE_ALLOWANCE_MS / 1000} s of real time added (alo153's own work does not speed up with the simulator)`);
  log(`the schedule ran at most ${fixed(result.maxLateMs, 0)} ms late`);
}
