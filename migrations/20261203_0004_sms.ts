import type { Knex } from 'knex';

const STATUSES = ['queued', 'sending', 'submitted', 'delivered', 'undeliverable', 'failed'];
const TEMPLATES = ['opened', 'answer-ready', 'question'];
const CODINGS = ['gsm7', 'gsm7-turkish', 'ucs2'];
const DUE_INDEX = 'sms_messages_due_idx';

/**
 * The SMS outbox (src/relay/sms): a row per message, enqueued inside the lifecycle's own transaction and sent
 * by the SMPP sender. sms_parts holds one row per part the SMSC ACCEPTED (its submit_sm_resp message id), so a
 * resend after a dropped link sends only the parts that never got a response, and a delivery receipt finds its
 * part by an index look-up. smsc_message_ids mirrors the ids as JSON (part order, null = not accepted yet) for reading.
 * Times: ISO text (src/storage/time.ts); statuses and templates are CHECK lists like the rest of the schema.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('sms_messages', (table) => {
    table.increments('id').primary();
    table.string('idempotency_key', 200).notNullable().unique('sms_messages_idempotency_key_unique');
    table.string('ticket_number', 20).notNullable();
    table.string('recipient', 20).notNullable();
    table.string('template', 20).notNullable().checkIn(TEMPLATES);
    table.text('body').notNullable();
    table.string('encoding', 20).notNullable().checkIn(CODINGS);
    table.integer('parts').notNullable();
    table.string('status', 20).notNullable().defaultTo('queued').checkIn(STATUSES);
    table.integer('attempts').notNullable().defaultTo(0);
    table.string('next_attempt_at', 30).notNullable();
    table.text('smsc_message_ids').notNullable().defaultTo('[]');
    table.text('last_error').nullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.string('submitted_at', 30).nullable();
    table.string('delivered_at', 30).nullable();
    table.index(['ticket_number'], 'sms_messages_ticket_idx');
  });
  await db.raw(`create index ${DUE_INDEX} on sms_messages (next_attempt_at, id) where status in ('queued', 'sending')`);
  await db.schema.createTable('sms_parts', (table) => {
    table.integer('sms_id').notNullable().references('id').inTable('sms_messages');
    table.integer('part').notNullable();
    table.string('smsc_message_id', 65).notNullable();
    table.string('submitted_at', 30).notNullable();
    table.string('receipt_stat', 10).nullable();
    table.string('receipt_at', 30).nullable();
    table.primary(['sms_id', 'part']);
    table.index(['smsc_message_id'], 'sms_parts_smsc_message_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTable('sms_parts');
  await db.raw(`drop index if exists ${DUE_INDEX}`);
  await db.schema.dropTable('sms_messages');
}
