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

/** `sign` -1 takes a counted fact out again (the board's running sums, when a later event replaces the fact). */
export function countFact(tally: Tally, fact: CallFact | null, thresholdMs: number, sign: 1 | -1 = 1): void {
  tally.offered += sign;
  if (!fact) return;
  if (fact.outcome === 'abandoned') tally.abandoned += sign;
  if (fact.outcome === 'lost') tally.lost += sign;
  if (fact.outcome !== 'answered') return;
  const waitMs = fact.waitMs ?? 0;
  tally.answered += sign;
  tally.waitSumMs += sign * waitMs;
  if (waitMs <= thresholdMs) tally.withinThreshold += sign;
  if (fact.talkMs !== undefined) {
    tally.handled += sign;
    tally.handleSumMs += sign * (fact.talkMs + (fact.wrapUpMs ?? 0));
  }
}

/** Whether the fact's sums stay exact when it is counted out again: whole ms, as AMI's truncated timestamps give. */
export function countsExactly(fact: CallFact): boolean {
  return Number.isSafeInteger(fact.waitMs ?? 0) && Number.isSafeInteger(fact.talkMs ?? 0) && Number.isSafeInteger(fact.wrapUpMs ?? 0);
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
