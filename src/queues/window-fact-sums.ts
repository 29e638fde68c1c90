import type { TimeWindow } from './istanbul-time.js';
import { countsExactly } from './kpi-tally.js';
import { QueueAccumulator } from './kpis.js';
import type { CallFact } from './queue-state-types.js';

const NONE = new QueueAccumulator();

/**
 * Per queue, the sums of the facts offered in one counting window, as accumulateQueue adds them. The board
 * asks for a queue's sums after each burst of events, and adding the window's facts again every time cost
 * O(live facts) per publish (facts stay live until a minute after their call ended: ~12,000 at 100 calls/s).
 * A reducer step copies the facts array and changes a position or appends one (appendFact,
 * replaceLatestFact), so the sums follow it by counting the changed facts out and in. They belong to one
 * facts array: a state reached any other way (prune, settle, snapshot, replay) is noticed by its identity
 * and counted again in full.
 */
export class WindowFactSums {
  private facts: readonly CallFact[] | undefined;
  private window: TimeWindow | undefined;
  private readonly byQueue = new Map<string, QueueAccumulator>();
  /**
   * Every counted fact is whole ms (AMI's timestamps are truncated to ms), so counting out and in is exact
   * integer arithmetic. A fractional one would make (sum − old + new) differ from the in-order sum in the
   * last bit: then every step counts again in full, as accumulateQueue does.
   */
  private exact = true;

  constructor(private readonly thresholdMs: number) {}

  /** The queue's facts offered in `window`, summed (counted `false` when there are none). */
  of(facts: readonly CallFact[], window: TimeWindow, queue: string): QueueAccumulator {
    if (this.facts !== facts || this.window?.from !== window.from || this.window.to !== window.to) this.recount(facts, window);
    return this.byQueue.get(queue) ?? NONE;
  }

  /** One reducer step took the facts from `before` to `after`; sums kept for `before` follow it. */
  advance(before: readonly CallFact[], after: readonly CallFact[]): void {
    if (this.facts !== before || before === after) return;
    if (!this.exact || after.length < before.length) {
      this.facts = undefined;
      return;
    }
    for (let position = 0; position < before.length; position += 1) {
      const old = before[position]!;
      const next = after[position]!;
      if (old === next) continue;
      this.count(old, -1);
      this.count(next, 1);
    }
    for (let position = before.length; position < after.length; position += 1) this.count(after[position]!, 1);
    this.facts = this.exact ? after : undefined;
  }

  private recount(facts: readonly CallFact[], window: TimeWindow): void {
    this.byQueue.clear();
    this.window = { from: window.from, to: window.to };
    this.exact = true;
    for (const fact of facts) this.count(fact, 1);
    this.facts = facts;
  }

  private count(fact: CallFact, sign: 1 | -1): void {
    const window = this.window!;
    if (fact.offeredAt < window.from || fact.offeredAt >= window.to) return;
    let sums = this.byQueue.get(fact.queue);
    if (!sums) {
      sums = new QueueAccumulator();
      this.byQueue.set(fact.queue, sums);
    }
    if (!countsExactly(fact)) this.exact = false;
    if (sign === 1) sums.add(fact.offeredAt, fact, this.thresholdMs);
    else sums.remove(fact.offeredAt, fact, this.thresholdMs);
  }
}
