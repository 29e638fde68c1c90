/**
 * The board's own cost per event, without sockets: a busy day (BENCH_BOARD_CALLS calls over 10 queues and 60
 * agents, folded every simulated minute as the monitor does) is replayed into a QueueMonitor, then the same
 * agent pauses again and again. Each pause is published twice: as before the stream hub (every KPI of the
 * day recomputed, every entry serialised and diffed) and from what changed (BoardPublisher over BoardModel).
 * `npx tsx bench/board-compute.ts`; run.ts prints it with the fan-out figures.
 */
import { createTestLogger } from '../src/logging/logger.js';
import type { QueueEvent, QueueMemberInfo } from '../src/queues/queue-events.js';
import { QueueMonitor } from '../src/queues/queue-monitor.js';
import { BoardPublisher } from '../src/realtime/board-publisher.js';
import { supervisorEntries, type BoardInput } from '../src/realtime/board-view.js';
import { LinkStatusTracker, type WatchedConnection } from '../src/realtime/link-status.js';
import { StreamState } from '../src/realtime/stream-state.js';
import { seededRandom } from '../src/shared/seeded-random.js';
import { percentile } from './report.js';

export interface BoardComputeResult {
  calls: number;
  agents: number;
  queues: number;
  events: number;
  fullMs: { p50: number; p99: number };
  incrementalMs: { p50: number; p99: number };
}

const QUEUES = Array.from({ length: 10 }, (_, i) => `alo153-q${i}`);
const AGENTS = Array.from({ length: 60 }, (_, i) => ({ interface: `PJSIP/agent${i + 1}`, name: `Ajan ${i + 1}` }));
const connection: WatchedConnection = { state: 'connected', onConnected: () => undefined, onDisconnected: () => undefined };

function member(agent: (typeof AGENTS)[number], queue: string, paused = false, reason = ''): QueueMemberInfo {
  return { ...agent, queue, stateInterface: agent.interface, membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, inCall: false, status: 1, paused, pausedReason: reason };
}

export async function runBoardCompute(calls: number, events: number): Promise<BoardComputeResult> {
  const random = seededRandom(153);
  const start = Date.parse('2026-11-28T08:00:00+03:00');
  let clock = start;
  const monitor = new QueueMonitor({ store: { append: () => undefined, between: async () => [], flush: async () => true, close: async () => undefined, counters: { written: 0, duplicates: 0, pending: 0, dropped: 0, failedFlushes: 0 } }, logger: createTestLogger(), now: () => clock, config: { defaultWrapUpS: 10 } });
  await monitor.start();
  const feed = (event: QueueEvent): void => monitor.receive({ kind: 'event', event });
  for (const agent of AGENTS) for (const queue of QUEUES.slice(0, 3 + Math.floor(random() * 7))) feed({ kind: 'memberAdded', at: clock, member: member(agent, queue) });
  // A day of calls, 36 s apart on average (10 hours), each answered or abandoned.
  let foldedAt = clock;
  for (let call = 0; call < calls; call += 1) {
    clock += Math.floor(random() * 16_000);
    const id = `c${call}`;
    const queue = QUEUES[Math.floor(random() * QUEUES.length)]!;
    const agent = AGENTS[Math.floor(random() * AGENTS.length)]!;
    const link = { uniqueid: id, linkedid: id };
    feed({ kind: 'callerJoin', at: clock, queue, position: 1, count: 1, callerNumber: '', callerName: '', ...link });
    if (random() < 0.1) {
      feed({ kind: 'callerAbandon', at: clock + 20_000, queue, position: 1, originalPosition: 1, holdTimeS: 20, ...link });
      continue;
    }
    feed({ kind: 'agentConnect', at: clock + 8_000, queue, member: agent, holdTimeS: 8, ringTimeS: 2, ...link });
    feed({ kind: 'callerLeave', at: clock + 8_000, queue, position: 1, count: 0, ...link });
    feed({ kind: 'agentComplete', at: clock + 128_000, queue, member: agent, holdTimeS: 8, talkTimeS: 120, reason: 'caller', ...link });
    if (clock - foldedAt >= 60_000) {
      monitor.pruneOldFacts(clock);
      foldedAt = clock;
    }
  }
  clock += 200_000;
  monitor.pruneOldFacts(clock);

  const links = new LinkStatusTracker(connection, connection, () => clock);
  const publisher = new BoardPublisher({ source: monitor, links, logger: createTestLogger(), now: () => clock, tickMs: 3_600_000 });
  publisher.start();
  const before = new StreamState('supervisors');
  const fullInput = (): BoardInput => {
    const waitingSince: Record<string, number> = {};
    for (const queue of Object.values(monitor.state.queues)) for (const caller of Object.values(queue.waiting)) waitingSince[queue.name] = Math.min(waitingSince[queue.name] ?? Infinity, caller.joinedAt);
    return { snapshot: monitor.snapshot(clock), waitingSince, status: links.status };
  };
  before.update(supervisorEntries(fullInput()), clock);

  const fullMs: number[] = [];
  const incrementalMs: number[] = [];
  const paused = AGENTS[0]!;
  for (let index = 0; index < events; index += 1) {
    clock += 50;
    for (const queue of QUEUES) if (monitor.state.queues[queue]?.members[paused.interface]) feed({ kind: 'memberPause', at: clock, member: member(paused, queue, index % 2 === 0, `bench-${index}`) });
    let started = performance.now();
    before.update(supervisorEntries(fullInput()), clock);
    fullMs.push(performance.now() - started);
    started = performance.now();
    publisher.publish();
    incrementalMs.push(performance.now() - started);
  }
  publisher.stop();
  const summary = (values: number[]) => ({ p50: percentile(values, 50), p99: percentile(values, 99) });
  return { calls, agents: AGENTS.length, queues: QUEUES.length, events, fullMs: summary(fullMs), incrementalMs: summary(incrementalMs) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runBoardCompute(Number(process.env.BENCH_BOARD_CALLS ?? 4500), Number(process.env.BENCH_BOARD_EVENTS ?? 500));
  console.log(
    `board per event (${result.calls} calls, ${result.queues} queues, ${result.agents} agents, ${result.events} pauses): ` +
      `full recompute p50 ${result.fullMs.p50.toFixed(3)} / p99 ${result.fullMs.p99.toFixed(3)} ms, ` +
      `from what changed p50 ${result.incrementalMs.p50.toFixed(3)} / p99 ${result.incrementalMs.p99.toFixed(3)} ms`,
  );
}
