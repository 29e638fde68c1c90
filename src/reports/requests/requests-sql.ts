import { groupedMedianSql, METRIC_COLUMNS, type Engine, type MedianGrouping, type Metric } from '../../requests/read/figures-sql.js';

/**
 * The SQL of the requests report. Each statement reads one kind of fact once (a CTE over the tickets whose step
 * happened in [:from, :to), narrowed by the filters) and returns one row per group of every grouping at once
 * (UNION ALL, as the lifecycle figures do): `g` names the grouping, `k1`/`k2` its key (k2 only for the
 * neighbourhood, which is read within its district). Times are compared as the stored fixed-width ISO text.
 */

export type GroupingName = 'topic' | 'source' | 'district' | 'neighbourhood' | 'department' | 'total';
export const KEY_NAMES = ['k1', 'k2'] as const;

export const GROUPINGS: readonly (MedianGrouping & { g: GroupingName })[] = [
  { g: 'topic', keys: ['category_code'] },
  { g: 'source', keys: ['source'] },
  { g: 'district', keys: ['district'] },
  { g: 'neighbourhood', keys: ['district', 'neighbourhood'] },
  { g: 'department', keys: ['department_code'] },
  { g: 'total', keys: [] },
];

const KEY_COLUMNS = 'category_code, source, district, neighbourhood, department_code';

/** A filter as SQL over a `tickets` row and its named bindings. */
export interface TicketFilter {
  sql: string;
  bindings: Record<string, string>;
}

export interface TicketFilterInput {
  /** The category and every descendant of it (already resolved). */
  categories?: readonly string[];
  department?: string;
  district?: string;
  source?: string;
}

export function ticketFilter(input: TicketFilterInput): TicketFilter {
  const parts: string[] = [];
  const bindings: Record<string, string> = {};
  if (input.categories) {
    const names = input.categories.map((code, index) => {
      bindings[`c${index}`] = code;
      return `:c${index}`;
    });
    parts.push(`category_code in (${names.join(', ')})`);
  }
  for (const [name, value] of [['department_code', input.department], ['district', input.district], ['source', input.source]] as const) {
    if (value === undefined) continue;
    bindings[name] = value;
    parts.push(`${name} = :${name}`);
  }
  return { sql: parts.map((part) => ` and ${part}`).join(''), bindings };
}

const keysOf = (grouping: MedianGrouping): string =>
  KEY_NAMES.map((name, index) => `${grouping.keys[index] ?? 'cast(null as varchar(120))'} as ${name}`).join(', ');
const groupBy = (grouping: MedianGrouping): string => (grouping.keys.length > 0 ? ` group by ${grouping.keys.join(', ')}` : '');

/** An abandoned call's ticket is not a request (the lifecycle figures leave it out of the backlog the same way). */
export const NOT_ABANDONED = "status <> 'abandoned'";

/**
 * Sums are additive, so each counting statement reads its tickets once into sums per combination of every key
 * (one GROUP BY over the tickets: SQLite sorts, it has no hash aggregate) and rolls the groupings up from those.
 */
export function rollUp(fine: string, sums: readonly string[], groupings: readonly MedianGrouping[] = GROUPINGS): string {
  const select = sums.map((column) => `sum(${column}) as ${column}`).join(', ');
  return `with f as materialized (${fine}) ` + groupings.map((grouping) => `select '${grouping.g}' as g, ${keysOf(grouping)}, ${select} from f${groupBy(grouping)}`).join(' union all ');
}

/** Opened in the period (created_at), and the survey scores of those tickets. */
export function openedSql(filter: TicketFilter): string {
  return rollUp(
    `select ${KEY_COLUMNS}, count(*) as opened, count(survey_score) as survey_n, sum(survey_score) as survey_sum from tickets ` +
      `where created_at >= :from and created_at < :to and ${NOT_ABANDONED}${filter.sql} group by ${KEY_COLUMNS}`,
    ['opened', 'survey_n', 'survey_sum'],
  );
}

/** Answered in the period (answered_at): how many, how many had a deadline, how many were answered by it. */
export function answeredSql(filter: TicketFilter): string {
  return rollUp(
    `select ${KEY_COLUMNS}, count(*) as answered, count(answered_in_time) as with_deadline, sum(case when answered_in_time then 1 else 0 end) as in_time from tickets ` +
      `where answered_at >= :from and answered_at < :to${filter.sql} group by ${KEY_COLUMNS}`,
    ['answered', 'with_deadline', 'in_time'],
  );
}

/** n and median of a lifecycle duration over the tickets whose step happened in the period (figures-sql.ts's medians). */
export function reportMedianSql(engine: Engine, metric: Metric, filter: TicketFilter): string {
  const { at, seconds } = METRIC_COLUMNS[metric];
  const cte = `with m as materialized (select ${KEY_COLUMNS}, ${seconds} as v from tickets where ${at} >= :from and ${at} < :to and ${seconds} is not null${filter.sql}) `;
  return cte + groupedMedianSql(engine, 'm', GROUPINGS, KEY_NAMES);
}

/**
 * Reopened in the period: the tickets with a `reopened` history fact dated in it (a dated fact, so a past period's
 * figure does not change when a ticket is reopened later, as tickets.reopen_count would). Filters and groups read
 * the ticket's current topic, department and place.
 */
export function reopenedSql(filter: TicketFilter): string {
  return rollUp(
    `select ${KEY_COLUMNS}, count(*) as reopened from tickets where id in (select ticket_id from ticket_events where kind = 'reopened' and at >= :from and at < :to)` +
      `${filter.sql} group by ${KEY_COLUMNS}`,
    ['reopened'],
  );
}
