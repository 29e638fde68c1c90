import { z } from 'zod';
import { sum, type Bindings } from './call-filter.js';
import type { WrapUp } from './call-sums.js';

/**
 * The calls report's SQL, the same text on both engines. The definitions are the wallboard's (src/queues/kpis.ts),
 * on the stored call record:
 * - queued: handed to a queue (outcome answered, abandoned-in-queue or handed-to-queue);
 * - answered: an agent answered (outcome answered); handled: its talk time is known (AgentComplete seen);
 * - service level: answered with wait_s ≤ :sl ÷ answered whose wait is known; wait_s is alo153's own join →
 *   connect time rounded to whole seconds (Asterisk's HoldTime when the join was not seen);
 * - wait_sum, talk_sum, wrap_sum: ASA = wait_sum ÷ waited, AHT = (talk_sum + wrap_sum) ÷ handled, where wrap_sum
 *   adds the queue's configured wrap-up (config queues.wrapUpS) per handled call, as the wallboard does.
 *
 * One pass over the period's calls (`g`): groups per UTC hour, queue, last IVR step and outcome, read from
 * calls_report_hour_idx (led by the same expressions) in group order, so SQLite sorts nothing over the 1.2 M rows
 * of a year; the outcome is a group key, so its split costs once per group, not per row. `h` is the stored
 * time's first 13 characters (YYYY-MM-DDTHH): the Istanbul day, hour and weekday are given to each hour afterwards
 * from the time-zone database (istanbulWallClock). Istanbul's offsets have been whole hours since 1910 and changed
 * only at whole UTC hours, so every call of a UTC hour has the same Istanbul hour, for any date (+3 all year since
 * 2016-09-07, +2/+3 with summer time before); grouping on a prefix of the text parses no row and both engines
 * agree exactly. The hour range lets the index be searched; the exact period is the started_at condition in `where`.
 * The outer queries fold `g` (some 10^5 rows) per hour, per queue and per last step: node-sqlite3 hands over
 * rows slowly (~3 µs each), so the database returns ~9,000 rows for a year instead of the groups. The group's
 * counts are cast to integer so that PostgreSQL sums them as bigint, not numeric.
 */
const ANSWERED = "outcome = 'answered'";
const GROUPS = `select substr(started_at, 1, 13) as h, queue as q, last_step as s,
  cast(count(*) as integer) as offered,
  case when outcome = 'abandoned-in-ivr' then cast(count(*) as integer) else 0 end as ivr_abandoned,
  case when outcome in ('answered', 'abandoned-in-queue', 'handed-to-queue') then cast(count(*) as integer) else 0 end as queued,
  case when ${ANSWERED} then cast(count(*) as integer) else 0 end as answered,
  case when outcome = 'abandoned-in-queue' then cast(count(*) as integer) else 0 end as queue_abandoned,
  case when ${ANSWERED} then cast(count(wait_s) as integer) else 0 end as waited,
  case when ${ANSWERED} then cast(count(case when wait_s <= :sl then 1 end) as integer) else 0 end as within_sl,
  case when ${ANSWERED} then coalesce(sum(wait_s), 0) else 0 end as wait_sum,
  case when ${ANSWERED} then cast(count(talk_s) as integer) else 0 end as handled,
  case when ${ANSWERED} then coalesce(sum(talk_s), 0) else 0 end as talk_sum
  from calls`;

/** The wrap-up seconds of queue `q` as SQL: the configured values are integers (config schema), queue names bound. */
export function wrapUpSql(wrapUp: WrapUp, bindings: Bindings, column = 'q'): string {
  const whole = (value: number): number => {
    if (!Number.isSafeInteger(value)) throw new RangeError('wrap-up seconds must be integers');
    return value;
  };
  const entries = Object.entries(wrapUp.perQueue);
  if (entries.length === 0) return String(whole(wrapUp.default));
  const branches = entries.map(([queue, seconds], index) => {
    bindings[`wq${index}`] = queue;
    return `when :wq${index} then ${whole(seconds)}`;
  });
  return `case ${column} ${branches.join(' ')} else ${whole(wrapUp.default)} end`;
}

export function callsSql(where: string, wrap: string): string {
  const folded = `sum(offered) as offered, sum(ivr_abandoned) as ivr_abandoned, sum(queued) as queued, sum(answered) as answered,
    sum(queue_abandoned) as queue_abandoned, sum(waited) as waited, sum(within_sl) as within_sl, sum(wait_sum) as wait_sum,
    sum(handled) as handled, sum(talk_sum) as talk_sum, sum(handled * ${wrap}) as wrap_sum`;
  const g =
    `${GROUPS} where substr(started_at, 1, 13) >= :fromHour and substr(started_at, 1, 13) <= :lastHour and ${where} ` +
    'group by substr(started_at, 1, 13), queue, last_step, outcome';
  return (
    `with g as materialized (${g}) ` +
    `select 'hour' as g, h as k, ${folded} from g group by h ` +
    `union all select 'queue' as g, q as k, ${folded} from g group by q ` +
    `union all select 'step' as g, s as k, ${folded} from g group by s`
  );
}

export const callsRow = z.object({
  g: z.enum(['hour', 'queue', 'step']),
  k: z.string().nullable(),
  offered: sum,
  ivr_abandoned: sum,
  queued: sum,
  answered: sum,
  queue_abandoned: sum,
  waited: sum,
  within_sl: sum,
  wait_sum: sum,
  handled: sum,
  talk_sum: sum,
  wrap_sum: sum,
});
export type CallSums = Omit<z.infer<typeof callsRow>, 'g' | 'k'>;
