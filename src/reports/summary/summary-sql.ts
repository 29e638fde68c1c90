import { NOT_ABANDONED, rollUp, type TicketFilter } from '../requests/requests-sql.js';

/**
 * The yearly summary's SQL (any period). Calls, with the calls report's definitions (src/reports/calls/calls-sql.ts,
 * the wallboard's on the stored call record): received, every call that reached the line in the period (started_at);
 * queued, handed to a queue (outcome answered, abandoned-in-queue or handed-to-queue); answered by an agent (outcome
 * answered). Requests: opened per source and per topic (an abandoned call's ticket is not a request) and the
 * answers' deadline share, with the requests report's definitions.
 */

export interface CallFilter {
  sql: string;
  bindings: Record<string, string>;
}

export const callFilter = (queue: string | undefined): CallFilter =>
  queue === undefined ? { sql: '', bindings: {} } : { sql: ' and queue = :queue', bindings: { queue } };

/**
 * The UTC hour prefix range (:fromHour, :lastHour) is there for calls_report_hour_idx (migration
 * 20261204_0003), which leads with substr(started_at, 1, 13) and covers started_at, queue and outcome: a year's
 * 1.2 M calls are counted from the index, not the wide rows. The exact period is the started_at condition.
 */
export function callsSql(filter: CallFilter): string {
  return (
    "select count(*) as received, sum(case when outcome in ('answered', 'abandoned-in-queue', 'handed-to-queue') then 1 else 0 end) as queued, " +
    "sum(case when outcome = 'answered' then 1 else 0 end) as answered from calls " +
    `where substr(started_at, 1, 13) >= :fromHour and substr(started_at, 1, 13) <= :lastHour and started_at >= :from and started_at < :to${filter.sql}`
  );
}

/** The bindings of callsSql's hour range: the first and the last UTC hour the period touches. */
export function hourRange(from: number, to: number): { fromHour: string; lastHour: string } {
  return { fromHour: new Date(from).toISOString().slice(0, 13), lastHour: new Date(to - 1).toISOString().slice(0, 13) };
}

/** Opened in the period by source, by topic and in total, in one read of the tickets. */
export function openedByChannelAndTopicSql(filter: TicketFilter): string {
  return rollUp(
    `select category_code, source, count(*) as opened from tickets where created_at >= :from and created_at < :to and ${NOT_ABANDONED}${filter.sql} group by category_code, source`,
    ['opened'],
    [
      { g: 'source', keys: ['source'] },
      { g: 'topic', keys: ['category_code'] },
      { g: 'total', keys: [] },
    ],
  );
}

export function answeredInTimeSql(filter: TicketFilter): string {
  return (
    'select count(*) as answered, count(answered_in_time) as with_deadline, sum(case when answered_in_time then 1 else 0 end) as in_time ' +
    `from tickets where answered_at >= :from and answered_at < :to${filter.sql}`
  );
}
