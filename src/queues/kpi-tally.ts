import type { CallFact } from './queue-state-types.js';

/** Sums the KPIs are ratios of; a fact, or a tally of facts folded earlier, adds to them the same way. */
export interface Tally {
  offered: number;
  answered: number;
  abandoned: number;
  lost: number;
  withinThreshold: number;
  waitSumMs: number;
  handled: number;
  handleSumMs: number;
}

export const emptyTally = (): Tally => ({ offered: 0, answered: 0, abandoned: 0, lost: 0, withinThreshold: 0, waitSumMs: 0, handled: 0, handleSumMs: 0 });

export function countFact(tally: Tally, fact: CallFact | null, thresholdMs: number): void {
  tally.offered += 1;
  if (!fact) return;
  if (fact.outcome === 'abandoned') tally.abandoned += 1;
  if (fact.outcome === 'lost') tally.lost += 1;
  if (fact.outcome !== 'answered') return;
  const waitMs = fact.waitMs ?? 0;
  tally.answered += 1;
  tally.waitSumMs += waitMs;
  if (waitMs <= thresholdMs) tally.withinThreshold += 1;
  if (fact.talkMs !== undefined) {
    tally.handled += 1;
    tally.handleSumMs += fact.talkMs + (fact.wrapUpMs ?? 0);
  }
}

export function addTally(into: Tally, from: Tally): void {
  into.offered += from.offered;
  into.answered += from.answered;
  into.abandoned += from.abandoned;
  into.lost += from.lost;
  into.withinThreshold += from.withinThreshold;
  into.waitSumMs += from.waitSumMs;
  into.handled += from.handled;
  into.handleSumMs += from.handleSumMs;
}
