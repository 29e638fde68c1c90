import { DEADLINE_STATUSES, REQUEST_STATUSES } from '../request-states.js';

/**
 * The SQL of the lifecycle figures (lifecycle-figures.ts runs it). Every query returns one row per group of
 * three groupings at once (UNION ALL): `g` is 'department', 'source' or 'total', `k` the group's key. Times are
 * compared as the stored fixed-width ISO text and durations are the integer columns the lifecycle wrote, so no
 * row is parsed. Medians: PostgreSQL's percentile_cont(0.5); SQLite has no percentile, so the middle row (odd
 * count) or the mean of the two middle rows (even count) is picked with row_number() and count() over the
 * group — the same value percentile_cont gives.
 */

export type Engine = 'pg' | 'sqlite';
export type Metric = 'accept' | 'answer' | 'inform';

export const METRIC_COLUMNS: Readonly<Record<Metric, { at: string; seconds: string }>> = {
  accept: { at: 'accepted_at', seconds: 'accept_s' },
  answer: { at: 'answered_at', seconds: 'answer_s' },
  inform: { at: 'informed_at', seconds: 'inform_s' },
};

const literals = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** The backlog: every ticket someone still works on (not closed; an abandoned call is not a request yet). */
export const BACKLOG_STATUSES = REQUEST_STATUSES.filter((status) => status !== 'closed' && status !== 'abandoned');
export const BACKLOG_PREDICATE = `status in (${literals(BACKLOG_STATUSES)})`;
const OWED = `status in (${literals(DEADLINE_STATUSES)})`;

interface Grouping {
  g: 'department' | 'source' | 'total';
  /** The key column, or null for the total. */
  column: 'department_code' | 'source' | null;
}
const GROUPINGS: readonly Grouping[] = [
  { g: 'department', column: 'department_code' },
  { g: 'source', column: 'source' },
  { g: 'total', column: null },
];

const keyOf = (grouping: Grouping): string => grouping.column ?? 'cast(null as varchar(40))';
const groupBy = (grouping: Grouping): string => (grouping.column ? ` group by ${grouping.column}` : '');
const union = (parts: string[]): string => parts.join(' union all ');

/** n and the median of `metric`'s seconds over the tickets whose step happened in [:from, :to). */
export function medianSql(engine: Engine, metric: Metric): string {
  const { at, seconds } = METRIC_COLUMNS[metric];
  const cte = `with m as (select department_code, source, ${seconds} as v from tickets where ${at} >= :from and ${at} < :to and ${seconds} is not null) `;
  if (engine === 'pg') {
    return (
      cte +
      union(GROUPINGS.map((grouping) => `select '${grouping.g}' as g, ${keyOf(grouping)} as k, count(*) as n, percentile_cont(0.5) within group (order by v) as median from m${groupBy(grouping)}`))
    );
  }
  return (
    cte +
    union(
      GROUPINGS.map((grouping) => {
        const partition = grouping.column ? `partition by ${grouping.column} ` : '';
        const inner = `select ${keyOf(grouping)} as k, v, row_number() over (${partition}order by v) as rn, count(*) over (${partition.trim()}) as n from m`;
        // (n + 1) / 2 and (n + 2) / 2 in integer arithmetic: the same row when n is odd, the two middle rows when even.
        return `select '${grouping.g}' as g, k, max(n) as n, avg(v) as median from (${inner}) as ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by k`;
      }),
    )
  );
}

/** Answered in [:from, :to): how many, how many by their deadline, and the same for CİMER's. */
export function inTimeSql(): string {
  const cte = `with a as (select department_code, source, answered_in_time as t from tickets where answered_at >= :from and answered_at < :to and answered_in_time is not null) `;
  return (
    cte +
    union(
      GROUPINGS.map(
        (grouping) =>
          `select '${grouping.g}' as g, ${keyOf(grouping)} as k, count(*) as answered, sum(case when t then 1 else 0 end) as in_time, ` +
          `sum(case when source = 'cimer' then 1 else 0 end) as cimer_answered, sum(case when source = 'cimer' and t then 1 else 0 end) as cimer_in_time from a${groupBy(grouping)}`,
      ),
    )
  );
}

/** The backlog at :now: open, past the due-soon share, past the deadline (only where an answer is still owed). */
export function backlogSql(): string {
  const cte = `with b as (select department_code, source, status, due_soon_at, due_at from tickets where ${BACKLOG_PREDICATE}) `;
  return (
    cte +
    union(
      GROUPINGS.map(
        (grouping) =>
          `select '${grouping.g}' as g, ${keyOf(grouping)} as k, count(*) as open, ` +
          `sum(case when ${OWED} and due_soon_at <= :now and due_at > :now then 1 else 0 end) as due_soon, ` +
          `sum(case when ${OWED} and due_at <= :now then 1 else 0 end) as overdue from b${groupBy(grouping)}`,
      ),
    )
  );
}
