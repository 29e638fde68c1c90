import type { Knex } from 'knex';

const INDEXES = { hour: 'calls_report_hour_idx', agent: 'calls_report_agent_idx', callbacks: 'callback_attempts_started_idx', sessions: 'agent_sessions_at_idx', ticketFilter: 'tickets_report_filter_idx' };

/**
 * The reports read a year of calls (~1.2 M rows) in well under a second (src/reports/calls/calls-sql.ts,
 * src/reports/agents/agents-sql.ts). The rows are wide (the IVR path is a few hundred bytes of JSON), so each index
 * holds every column its query names: SQLite uses an index as covering only when it has all of them; PostgreSQL
 * does an index-only scan (INCLUDE columns; after VACUUM has set the visibility map).
 * - hour: the calls report groups by UTC hour (the stored text's first 13 characters), queue, last IVR step and outcome;
 *   with the same expression leading the index, SQLite reads the groups in index order instead of sorting 1.2 M
 *   rows in a temporary B-tree (0.3 s instead of 1 s of CPU).
 * - agent: the agents report groups the answered calls by agent in index order, each agent's period a range.
 * - callbacks, sessions: a period's callback attempts by their start, desk logins/breaks by their time (the
 *   existing agent_sessions index leads with the user). Times: ISO text (src/storage/time.ts).
 * - ticketFilter: the calls' topic, department, district and source filters pick ticket ids
 *   (`ticket_id in (select id from tickets where …)`) from this index instead of reading 400,000 wide ticket rows.
 */
export async function up(db: Knex): Promise<void> {
  const pg = db.client.config.client === 'pg';
  const hour = 'substr(started_at, 1, 13), queue, last_step, outcome';
  const hourCovers = 'wait_s, talk_s, started_at, agent, ticket_id';
  const agent = 'agent, started_at';
  const agentCovers = 'outcome, talk_s, queue, survey_score, agent_name, ticket_id';
  if (pg) {
    await db.raw(`create index ${INDEXES.hour} on calls (${hour}) include (${hourCovers})`);
    await db.raw(`create index ${INDEXES.agent} on calls (${agent}) include (${agentCovers}) where agent is not null`);
    // Statistics of the indexed expression: without them the planner guesses 0.5 % of the rows for any hour range
    // and sizes the aggregation's memory for that (it then spills to disk).
    await db.raw('analyze calls');
  } else {
    await db.raw(`create index ${INDEXES.hour} on calls (${hour}, ${hourCovers})`);
    await db.raw(`create index ${INDEXES.agent} on calls (${agent}, ${agentCovers}) where agent is not null`);
  }
  await db.raw(`create index ${INDEXES.callbacks} on callback_attempts (started_at, user_id, outcome)`);
  await db.raw(`create index ${INDEXES.sessions} on agent_sessions (at, user_id, kind, reason)`);
  const ticketFilter = 'category_code, department_code, district, source';
  // SQLite's rowid (tickets.id) is in every index entry; PostgreSQL needs it included for an index-only scan.
  await db.raw(`create index ${INDEXES.ticketFilter} on tickets (${ticketFilter})${pg ? ' include (id)' : ''}`);
}

export async function down(db: Knex): Promise<void> {
  for (const name of Object.values(INDEXES)) await db.raw(`drop index if exists ${name}`);
}
