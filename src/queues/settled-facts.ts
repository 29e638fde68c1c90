import { istanbulHourStart } from './istanbul-time.js';
import { countFact, emptyTally, type Tally } from './kpi-tally.js';
import type { CallFact } from './queue-state-types.js';

/** Facts of one queue folded into one tally: offered in one Istanbul hour and one counting window. */
export interface SettledTally {
  queue: string;
  hourStart: number;
  windowFrom: number;
  firstOfferedAt: number;
  tally: Tally;
}

/**
 * A busy day keeps ~10,000 facts only to sum them again for every wallboard update. A fact nothing will
 * change any more (its call ended minutes ago) is folded into the tally of its queue, Istanbul hour and
 * counting window instead. Neither an hour nor a window edge falls inside such a tally, so the KPIs of any
 * counting window and its hourly series come out exactly as from the facts. Only the monitor's own windows
 * qualify: `stats()` over an arbitrary period replays stored events into fresh facts.
 */
export class SettledFacts {
  private readonly tallies = new Map<string, SettledTally>();
  /** The same tallies by queue: the board reads one queue's without walking every queue's day. */
  private readonly byQueue = new Map<string, Set<SettledTally>>();

  constructor(private readonly thresholdMs: number) {}

  add(fact: CallFact, windowFrom: number): void {
    const hourStart = istanbulHourStart(fact.offeredAt);
    const key = `${fact.queue}\u0000${hourStart}\u0000${windowFrom}`;
    let settled = this.tallies.get(key);
    if (!settled) {
      settled = { queue: fact.queue, hourStart, windowFrom, firstOfferedAt: fact.offeredAt, tally: emptyTally() };
      this.tallies.set(key, settled);
      let ofQueue = this.byQueue.get(fact.queue);
      if (!ofQueue) {
        ofQueue = new Set();
        this.byQueue.set(fact.queue, ofQueue);
      }
      ofQueue.add(settled);
    }
    settled.firstOfferedAt = Math.min(settled.firstOfferedAt, fact.offeredAt);
    countFact(settled.tally, fact, this.thresholdMs);
  }

  values(): IterableIterator<SettledTally> {
    return this.tallies.values();
  }

  queues(): IterableIterator<string> {
    return this.byQueue.keys();
  }

  valuesOf(queue: string): Iterable<SettledTally> {
    return this.byQueue.get(queue) ?? [];
  }

  has(queue: string): boolean {
    return (this.byQueue.get(queue)?.size ?? 0) > 0;
  }

  /** Drops the tallies of facts offered before `before` (a window edge: nothing straddles it). */
  prune(before: number): void {
    for (const [key, settled] of this.tallies) {
      if (settled.firstOfferedAt >= before) continue;
      this.tallies.delete(key);
      const ofQueue = this.byQueue.get(settled.queue);
      ofQueue?.delete(settled);
      if (ofQueue?.size === 0) this.byQueue.delete(settled.queue);
    }
  }
}

/** Whether nothing can change the fact any more: the call left the queue (and the agent) before `before`. */
export function isSettled(fact: CallFact, before: number): boolean {
  if (fact.leftAt >= before) return false;
  if (fact.outcome !== 'answered') return true;
  if (fact.lostAfterAnswer) return true;
  return fact.completedAt !== undefined && fact.completedAt < before;
}
