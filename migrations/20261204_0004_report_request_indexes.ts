import type { Knex } from 'knex';

const REOPENED_INDEX = 'ticket_events_reopened_idx';

/**
 * The requests report (src/reports/requests/requests-sql.ts) counts the tickets reopened in a period from their
 * dated `reopened` history facts. ticket_events holds every fact of every ticket (several per ticket), indexed only
 * by ticket: this partial index holds just the reopenings, by time, so a period's are a range. (The report's other
 * reads use the figures' indexes of 20261203_0007 and tickets_created_idx.)
 */
export async function up(db: Knex): Promise<void> {
  await db.raw(`create index ${REOPENED_INDEX} on ticket_events (at, ticket_id) where kind = 'reopened'`);
}

export async function down(db: Knex): Promise<void> {
  await db.raw(`drop index if exists ${REOPENED_INDEX}`);
}
