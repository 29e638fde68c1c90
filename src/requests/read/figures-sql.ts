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

/** One grouping of a grouped median: its name and its key columns (none: the total). */
export interface MedianGrouping {
  g: string;
  keys: readonly string[];
}

/**
 * n and the median of column `v` of the CTE `from`, per group of each grouping, in one UNION ALL: columns g, then
 * one per name of `keyNames` (a grouping's key columns in order, null past its own), n and median. The reports
 * (src/reports/requests) take their medians the same way over their own groupings.
 */
export function groupedMedianSql(engine: Engine, from: string, groupings: readonly MedianGrouping[], keyNames: readonly string[]): string {
  const keysOf = (grouping: MedianGrouping): string =>
    keyNames.map((name, index) => `${grouping.keys[index] ?? 'cast(null as varchar(120))'} as ${name}`).join(', ');
  if (engine === 'pg') {
    return union(
      groupings.map((grouping) => {
        const groupClause = grouping.keys.length > 0 ? ` group by ${grouping.keys.join(', ')}` : '';
        return `select '${grouping.g}' as g, ${keysOf(grouping)}, count(*) as n, percentile_cont(0.5) within group (order by v) as median from ${from}${groupClause}`;
      }),
    );
  }
  return union(
    groupings.map((grouping) => {
      const partition = grouping.keys.length > 0 ? `partition by ${grouping.keys.join(', ')} ` : '';
      const inner = `select ${keysOf(grouping)}, v, row_number() over (${partition}order by v) as rn, count(*) over (${partition.trim()}) as n from ${from}`;
      // (n + 1) / 2 and (n + 2) / 2 in integer arithmetic: the same row when n is odd, the two middle rows when even.
      return `select '${grouping.g}' as g, ${keyNames.join(', ')}, max(n) as n, avg(v) as median from (${inner}) as ranked where rn in ((n + 1) / 2, (n + 2) / 2) group by ${keyNames.join(', ')}`;
    }),
  );
}

/** n and the median of `metric`'s seconds over the tickets whose step happened in [:from, :to). */
export function medianSql(engine: Engine, metric: Metric): string {
  const { at, seconds } = METRIC_COLUMNS[metric];
  const cte = `with m as (select department_code, source, ${seconds} as v from tickets where ${at} >= :from and ${at} < :to and ${seconds} is not null) `;
  return cte + groupedMedianSql(engine, 'm', GROUPINGS.map((grouping) => ({ g: grouping.g, keys: grouping.column ? [grouping.column] : [] })), ['k']);
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
