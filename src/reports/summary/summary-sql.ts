import { NOT_ABANDONED, rollUp, type TicketFilter } from '../requests/requests-sql.js';

/**
 * The yearly summary's SQL (any period). Calls: every call that reached the line in the period (started_at),
 * those handed to a queue (queued_at) and those an agent answered (outcome 'answered': the queue's AgentConnect,
 * or its AgentComplete when the connect was missed). Requests: opened per source and per topic (abandoned
 * calls' tickets are not requests) and the answers' deadline share, with the requests report's definitions.
 */

export interface CallFilter {
  sql: string;
  bindings: Record<string, string>;
}

export const callFilter = (queue: string | undefined): CallFilter =>
  queue === undefined ? { sql: '', bindings: {} } : { sql: ' and queue = :queue', bindings: { queue } };

export function callsSql(filter: CallFilter): string {
  return (
    'select count(*) as received, count(queued_at) as offered, sum(case when outcome = \'answered\' then 1 else 0 end) as answered ' +
    `from calls where started_at >= :from and started_at < :to${filter.sql}`
  );
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
