import type { Engine, MedianGrouping } from '../../requests/read/figures-sql.js';

/**
 * The SQL of the requests report. The tickets with a fact in [:from, :to) (opened, accepted, answered, informed),
 * narrowed by the filters, are read once into one row per fine group: every combination of topic, source,
 * district, neighbourhood and department (request-figures.ts rolls those up into the report's groupings and takes
 * the medians). Reopenings are dated history facts, read apart. Times are compared as the stored fixed-width ISO
 * text.
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

/** The five keys of a fine group, in the order of tickets_report_groups_idx. */
export const KEY_COLUMNS = 'category_code, source, district, neighbourhood, department_code';

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

/** The period's facts a ticket row can hold: opened, answered, accepted, informed (each an indexed time). */
const IN_PERIOD = {
  opened: "created_at >= :from and created_at < :to and status <> 'abandoned'",
  answered: 'answered_at >= :from and answered_at < :to',
  accepted: 'accepted_at >= :from and accepted_at < :to',
  informed: 'informed_at >= :from and informed_at < :to',
} as const;
const ANY_FACT = `(${['created_at >= :from and created_at < :to', IN_PERIOD.answered, IN_PERIOD.accepted, IN_PERIOD.informed].map((part) => `(${part})`).join(' or ')})`;

/**
 * How SQLite reads a period's tickets. `groups`: along tickets_report_groups_idx (migration 20261204_0005), which
 * covers every column read here in the GROUP BY's order, so the whole table is walked once with no sort — the
 * cheaper read when the period holds a large share of the tickets (a year: 0.8 s against 1.6 s). `ranges`: the
 * four time indexes (MULTI-INDEX OR), then the rows; the `+` keeps the planner off the covering index, which it
 * would otherwise always take to skip the GROUP BY's sort (SQLite keeps no statistics here to weigh the two).
 */
export type SqlitePlan = 'groups' | 'ranges';
export const REPORT_GROUPS_INDEX = 'tickets_report_groups_idx';

/**
 * One row per fine group (every combination of the five keys) with a fact in the period: its sums, and the
 * durations of its accepted, answered and informed tickets as a list (grouped-medians.ts takes the medians).
 */
export function factsSql(engine: Engine, filter: TicketFilter, plan: SqlitePlan = 'ranges'): string {
  if (engine === 'sqlite') {
    const when = (fact: keyof typeof IN_PERIOD, then: string) => `case when ${IN_PERIOD[fact]} then ${then} end`;
    const from = plan === 'groups' ? `tickets indexed by ${REPORT_GROUPS_INDEX}` : 'tickets';
    const groupBy = plan === 'groups' ? KEY_COLUMNS : `+${KEY_COLUMNS}`;
    return (
      `select ${KEY_COLUMNS}, count(${when('opened', '1')}) as opened, count(${when('opened', 'survey_score')}) as survey_n, ` +
      `sum(${when('opened', 'survey_score')}) as survey_sum, count(${when('answered', '1')}) as answered, ` +
      `count(${when('answered', 'answered_in_time')}) as with_deadline, sum(${when('answered', 'answered_in_time')}) as in_time, ` +
      `group_concat(${when('accepted', 'accept_s')}) as accept_v, group_concat(${when('answered', 'answer_s')}) as answer_v, ` +
      `group_concat(${when('informed', 'inform_s')}) as inform_v from ${from} where ${ANY_FACT}${filter.sql} group by ${groupBy}`
    );
  }
  // Each time is compared once per row (the flags), not once per aggregate: the aggregates were most of the time.
  const list = (column: string, flag: string) => `array_to_string(array_agg(${column}) filter (where ${flag}), ',')`;
  return (
    `select ${KEY_COLUMNS}, count(*) filter (where o) as opened, count(survey_score) filter (where o) as survey_n, ` +
    'sum(survey_score) filter (where o) as survey_sum, count(*) filter (where a) as answered, ' +
    'count(answered_in_time) filter (where a) as with_deadline, count(*) filter (where a and answered_in_time) as in_time, ' +
    `${list('accept_s', 'c')} as accept_v, ${list('answer_s', 'a')} as answer_v, ${list('inform_s', 'i')} as inform_v ` +
    `from (select ${KEY_COLUMNS}, survey_score, answered_in_time, accept_s, answer_s, inform_s, ` +
    `${IN_PERIOD.opened} as o, ${IN_PERIOD.answered} as a, ${IN_PERIOD.accepted} as c, ${IN_PERIOD.informed} as i ` +
    `from tickets where ${ANY_FACT}${filter.sql} offset 0) as f group by ${KEY_COLUMNS}`
  );
}

/**
 * Reopened in the period: the tickets with a `reopened` history fact dated in it (a dated fact, so a past period's
 * figure does not change when a ticket is reopened later, as tickets.reopen_count would). Filters and groups read
 * the ticket's current topic, department and place.
 */
export function reopenedSql(filter: TicketFilter): string {
  return (
    `select ${KEY_COLUMNS}, count(*) as reopened from tickets where id in (select ticket_id from ticket_events where kind = 'reopened' and at >= :from and at < :to)` +
    `${filter.sql} group by ${KEY_COLUMNS}`
  );
}
