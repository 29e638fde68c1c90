import type { CallFact, LiveQueue } from './queue-state-types.js';
import { istanbulHourStart, istanbulWallClock, type TimeWindow } from './istanbul-time.js';
import { addTally, countFact, emptyTally, type Tally } from './kpi-tally.js';
import type { SettledTally } from './settled-facts.js';

/** What the KPIs read: the facts of callers that left a queue and the callers still waiting (a QueueState fits). */
export interface KpiSource {
  facts: readonly CallFact[];
  queues: Readonly<Record<string, Pick<LiveQueue, 'name' | 'waiting'>>>;
}

export interface KpiFigures {
  /** Live at `now`, whatever the window. */
  waiting: number;
  longestWaitMs: number;
  /** Counted by offer (join) time inside the window; includes callers still waiting. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Vanished while AMI was down or Asterisk restarted: offered, neither answered nor abandoned. */
  lost: number;
  answeredWithinThreshold: number;
  /** Answered within the threshold ÷ answered; null when nothing was answered. */
  serviceLevel: number | null;
  /** Total wait of answered calls ÷ answered, from our own event times (never Asterisk's smoothed Holdtime). */
  asaMs: number | null;
  /** Answered calls whose AgentComplete was seen. */
  handled: number;
  /** (Talk + wrap-up) ÷ handled. */
  ahtMs: number | null;
  /** Abandoned ÷ offered. */
  abandonmentRate: number | null;
}

export interface HourlyFigures {
  /** Epoch ms of the Istanbul hour's start. */
  from: number;
  /** Istanbul wall-clock hour, 0–23. */
  hour: number;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
}

export interface QueueKpis extends KpiFigures {
  hourly: HourlyFigures[];
}

export interface KpiReport {
  window: TimeWindow;
  now: number;
  serviceLevelSeconds: number;
  total: QueueKpis;
  queues: Record<string, QueueKpis>;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function hourStarts(window: TimeWindow): number[] {
  const starts: number[] = [];
  for (let start = istanbulHourStart(window.from); start < window.to; start = istanbulHourStart(start + 3_600_000)) starts.push(start);
  return starts;
}

/** One queue's (or the total's) sums over a window: what its KPIs and hourly series are ratios of. */
export class QueueAccumulator {
  readonly tally = emptyTally();
  readonly hours = new Map<number, Tally>();
  waiting = 0;
  longestWaitMs = 0;
  /** Something was offered in the window: the queue has a tile even when it is no longer live. */
  counted = false;

  add(offeredAt: number, fact: CallFact | null, thresholdMs: number): void {
    this.counted = true;
    countFact(this.tally, fact, thresholdMs);
    countFact(this.hourTally(istanbulHourStart(offeredAt)), fact, thresholdMs);
  }

  /** Counts out a fact `add` counted (running sums, when a later event replaced it); `counted` then says whether any is left. */
  remove(offeredAt: number, fact: CallFact, thresholdMs: number): void {
    countFact(this.tally, fact, thresholdMs, -1);
    countFact(this.hourTally(istanbulHourStart(offeredAt)), fact, thresholdMs, -1);
    this.counted = this.tally.offered > 0;
  }

  addSettled(settled: SettledTally): void {
    this.counted = true;
    addTally(this.tally, settled.tally);
    addTally(this.hourTally(settled.hourStart), settled.tally);
  }

  /** Adds another queue's sums: the total is the sum of its queues (every field is an integer sum or a max). */
  merge(other: QueueAccumulator): void {
    addTally(this.tally, other.tally);
    for (const [hour, tally] of other.hours) addTally(this.hourTally(hour), tally);
    this.waiting += other.waiting;
    this.longestWaitMs = Math.max(this.longestWaitMs, other.longestWaitMs);
    this.counted ||= other.counted;
  }

  private hourTally(hour: number): Tally {
    const existing = this.hours.get(hour);
    if (existing) return existing;
    const created = emptyTally();
    this.hours.set(hour, created);
    return created;
  }

  result(starts: readonly number[]): QueueKpis {
    const t = this.tally;
    return {
      waiting: this.waiting,
      longestWaitMs: this.longestWaitMs,
      offered: t.offered,
      answered: t.answered,
      abandoned: t.abandoned,
      lost: t.lost,
      answeredWithinThreshold: t.withinThreshold,
      serviceLevel: ratio(t.withinThreshold, t.answered),
      asaMs: ratio(t.waitSumMs, t.answered),
      handled: t.handled,
      ahtMs: ratio(t.handleSumMs, t.handled),
      abandonmentRate: ratio(t.abandoned, t.offered),
      hourly: starts.map((from) => {
        const bucket = this.hours.get(from) ?? emptyTally();
        const { offered, answered, abandoned } = bucket;
        return { from, hour: istanbulWallClock(from).hour, offered, answered, abandoned, serviceLevel: ratio(bucket.withinThreshold, answered) };
      }),
    };
  }
}

/**
 * Pure: the KPIs per queue and in total over `window` (calls counted by the time they were offered).
 * `settled` are tallies of facts folded away earlier (QueueMonitor), counted with the same threshold; each
 * lies wholly inside or outside any counting window, so it is tested by its first offer time.
 */
export function computeKpis(
  source: KpiSource,
  window: TimeWindow,
  now: number,
  serviceLevelSeconds = 20,
  settled: Iterable<SettledTally> = [],
): KpiReport {
  const thresholdMs = serviceLevelSeconds * 1000;
  const total = new QueueAccumulator();
  const perQueue = new Map<string, QueueAccumulator>();
  const accumulatorOf = (queue: string): QueueAccumulator => {
    const existing = perQueue.get(queue);
    if (existing) return existing;
    const created = new QueueAccumulator();
    perQueue.set(queue, created);
    return created;
  };
  const inWindow = (at: number): boolean => at >= window.from && at < window.to;

  for (const queue of Object.values(source.queues)) {
    const accumulator = accumulatorOf(queue.name);
    for (const caller of Object.values(queue.waiting)) {
      const waitedMs = Math.max(0, now - caller.joinedAt);
      for (const target of [accumulator, total]) {
        target.waiting += 1;
        target.longestWaitMs = Math.max(target.longestWaitMs, waitedMs);
        if (inWindow(caller.joinedAt)) target.add(caller.joinedAt, null, thresholdMs);
      }
    }
  }
  for (const fact of source.facts) {
    if (!inWindow(fact.offeredAt)) continue;
    accumulatorOf(fact.queue).add(fact.offeredAt, fact, thresholdMs);
    total.add(fact.offeredAt, fact, thresholdMs);
  }
  for (const tally of settled) {
    if (!inWindow(tally.firstOfferedAt)) continue;
    accumulatorOf(tally.queue).addSettled(tally);
    total.addSettled(tally);
  }

  const starts = hourStarts(window);
  const queues: Record<string, QueueKpis> = {};
  for (const [name, accumulator] of [...perQueue.entries()].sort(([a], [b]) => a.localeCompare(b))) queues[name] = accumulator.result(starts);
  return { window, now, serviceLevelSeconds, total: total.result(starts), queues };
}

/**
 * Pure: one queue's sums over `window`, as computeKpis counts them, from that queue's waiting callers, facts
 * and settled tallies only. The board recomputes just the queues an event touched, and sums them for the total.
 * `factSums`: the queue's facts in the window already summed (WindowFactSums), instead of walking every fact.
 */
export function accumulateQueue(
  source: KpiSource,
  queue: string,
  window: TimeWindow,
  now: number,
  thresholdMs: number,
  settled: Iterable<SettledTally>,
  factSums?: QueueAccumulator,
): QueueAccumulator {
  const accumulator = new QueueAccumulator();
  const inWindow = (at: number): boolean => at >= window.from && at < window.to;
  for (const caller of Object.values(source.queues[queue]?.waiting ?? {})) {
    accumulator.waiting += 1;
    accumulator.longestWaitMs = Math.max(accumulator.longestWaitMs, Math.max(0, now - caller.joinedAt));
    if (inWindow(caller.joinedAt)) accumulator.add(caller.joinedAt, null, thresholdMs);
  }
  if (factSums) accumulator.merge(factSums);
  else for (const fact of source.facts) if (fact.queue === queue && inWindow(fact.offeredAt)) accumulator.add(fact.offeredAt, fact, thresholdMs);
  for (const tally of settled) if (tally.queue === queue && inWindow(tally.firstOfferedAt)) accumulator.addSettled(tally);
  return accumulator;
}
