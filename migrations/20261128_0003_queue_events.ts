import type { Knex } from 'knex';

/** Every normalised AMI queue event, so a restart recomputes today's KPIs from the database (times: ISO text, see src/storage/time.ts). */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('queue_events', (table) => {
    table.increments('id').primary();
    table.string('at', 30).notNullable();
    table.string('kind', 40).notNullable();
    table.string('queue', 80).nullable();
    table.string('uniqueid', 80).nullable();
    table.string('linkedid', 80).nullable();
    table.string('member_interface', 120).nullable();
    table.text('data').notNullable();
    table.string('created_at', 30).notNullable();
    table.index(['at'], 'queue_events_at_idx');
    table.index(['queue', 'at'], 'queue_events_queue_at_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('queue_events');
}
