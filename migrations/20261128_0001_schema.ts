import type { Knex } from 'knex';

/*
 * Portable on SQLite and PostgreSQL:
 * - timestamps are UTC ISO-8601 text on both engines (see src/storage/time.ts for why);
 * - JSON columns are text, parsed and validated by the store;
 * - enumerations are CHECK constraints, not native enums, so adding a value is a plain migration on both.
 */

export const TICKET_SOURCES = ['phone', 'web', 'desk', 'cimer', 'acik-kapi'] as const;
export const TICKET_STATUSES = ['open', 'in_progress', 'forwarded', 'resolved', 'closed', 'abandoned'] as const;
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('departments', (table) => {
    table.string('code', 40).primary();
    table.string('name', 200).notNullable();
  });

  await db.schema.createTable('categories', (table) => {
    table.string('code', 40).primary();
    table.string('name', 200).notNullable();
    table.string('parent_code', 40).nullable().references('code').inTable('categories');
    table.string('department_code', 40).notNullable().references('code').inTable('departments');
  });

  await db.schema.createTable('ticket_counters', (table) => {
    table.integer('year').primary();
    table.integer('last_seq').notNullable().defaultTo(0);
  });

  await db.schema.createTable('tickets', (table) => {
    table.increments('id').primary();
    table.string('number', 20).notNullable().unique();
    table.integer('year').notNullable();
    table.integer('seq').notNullable();
    table.string('source', 20).notNullable().checkIn([...TICKET_SOURCES]);
    table.string('caller_number', 40).nullable();
    table.string('caller_name', 200).nullable();
    table.string('category_code', 40).nullable().references('code').inTable('categories');
    table.string('department_code', 40).nullable().references('code').inTable('departments');
    table.string('district', 60).nullable();
    table.string('neighbourhood', 120).nullable();
    table.text('address').nullable();
    table.text('description').nullable();
    table.string('status', 20).notNullable().defaultTo('open').checkIn([...TICKET_STATUSES]);
    table.string('priority', 10).notNullable().defaultTo('normal').checkIn([...TICKET_PRIORITIES]);
    table.string('due_at', 30).nullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.integer('version').notNullable().defaultTo(1);
    table.unique(['year', 'seq']);
    table.index(['caller_number']);
    table.index(['status', 'created_at']);
  });

  await db.schema.createTable('calls', (table) => {
    table.string('id', 64).primary();
    table.string('channel_id', 128).notNullable().unique();
    table.string('linkedid', 128).nullable();
    table.string('caller_number', 40).nullable();
    table.string('caller_name', 200).nullable();
    table.string('started_at', 30).notNullable();
    table.string('answered_at', 30).nullable();
    table.string('queued_at', 30).nullable();
    table.string('agent_connected_at', 30).nullable();
    table.string('ended_at', 30).nullable();
    table.text('ivr_path').notNullable().defaultTo('[]');
    table.string('last_step', 120).nullable();
    table.string('queue', 80).nullable();
    table.string('agent', 80).nullable();
    table.string('outcome', 40).nullable();
    table.integer('ticket_id').nullable().references('id').inTable('tickets');
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.index(['ended_at']);
    table.index(['ticket_id']);
  });

  await db.schema.createTable('ticket_events', (table) => {
    table.increments('id').primary();
    table.integer('ticket_id').notNullable().references('id').inTable('tickets');
    table.string('at', 30).notNullable();
    table.string('actor', 80).notNullable();
    table.string('kind', 40).notNullable();
    table.text('data').notNullable().defaultTo('{}');
    // Makes retried writes idempotent: a write that may already have committed carries the same key again.
    table.string('dedupe_key', 200).nullable();
    table.unique(['ticket_id', 'dedupe_key']);
    table.index(['ticket_id', 'id']);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('ticket_events');
  await db.schema.dropTableIfExists('calls');
  await db.schema.dropTableIfExists('tickets');
  await db.schema.dropTableIfExists('ticket_counters');
  await db.schema.dropTableIfExists('categories');
  await db.schema.dropTableIfExists('departments');
}
