import type { Cell } from '../report-types.js';
import type { CallSums } from './calls-sql.js';

export type { CallSums };

/** Asterisk's wrapuptime per queue (config queues.wrapUpS), which the wallboard adds to each handled call's talk. */
export interface WrapUp {
  default: number;
  perQueue: Readonly<Record<string, number>>;
}

export const emptySums = (): CallSums => ({
  offered: 0,
  ivr_abandoned: 0,
  queued: 0,
  answered: 0,
  queue_abandoned: 0,
  waited: 0,
  within_sl: 0,
  wait_sum: 0,
  handled: 0,
  talk_sum: 0,
  wrap_sum: 0,
});

export function addSums(into: CallSums, from: CallSums): void {
  for (const key of Object.keys(into) as (keyof CallSums)[]) into[key] += from[key];
}

/** part ÷ whole as a percentage to one decimal; null when there is nothing to divide. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
/** A mean in whole seconds; null when there is nothing to divide. */
export const meanSeconds = (total: number, n: number): number | null => (n === 0 ? null : Math.round(total / n));

/** The figures every calls table shows, as cells. */
export function callCells(s: CallSums): Record<string, Cell> {
  return {
    offered: s.offered,
    abandonedInIvr: s.ivr_abandoned,
    queued: s.queued,
    answered: s.answered,
    abandonedInQueue: s.queue_abandoned,
    unanswered: s.queued - s.answered - s.queue_abandoned,
    serviceLevel: percent(s.within_sl, s.waited),
    asa: meanSeconds(s.wait_sum, s.waited),
    handled: s.handled,
    aht: meanSeconds(s.talk_sum + s.wrap_sum, s.handled),
    talk: meanSeconds(s.talk_sum, s.handled),
    abandonment: percent(s.queue_abandoned, s.queued),
  };
}
