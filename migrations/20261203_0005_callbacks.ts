import type { Knex } from 'knex';
import { CALLBACK_OUTCOMES, CALLBACK_STATUSES } from '../src/relay/callback/callback-ports.js';

const INDEXES = {
  ticket: 'callback_attempts_ticket_idx',
  call: 'callback_attempts_call_idx',
  open: 'callback_attempts_open_idx',
  answeredNumber: 'callback_attempts_answered_number_idx',
  callsAbandoned: 'calls_outcome_started_idx',
  callsCaller: 'calls_caller_started_idx',
};

/**
 * Callbacks (src/relay/callback): one row per "Ara", written by the callback service as the call goes.
 * - ticket_number or call_id says what it was for (a ticket the department answered, or an abandoned call);
 * - citizen_number is the number as dialled (0xxxxxxxxxx); times are UTC ISO text like everywhere else;
 * - an attempt without ended_at is one a process was running: closed as `interrupted` at the next start.
 * The abandoned-callers list (abandoned-callers.ts) reads calls by outcome and time, and asks per caller number
 * whether a later call was answered: two indexes on calls serve exactly those lookups.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('callback_attempts', (table) => {
    table.string('id', 36).primary();
    table.string('ticket_number', 20).nullable();
    table.string('call_id', 64).nullable();
    table.integer('user_id').notNullable().references('id').inTable('users');
    table.string('agent_interface', 80).notNullable();
    table.string('citizen_number', 40).notNullable();
    table.string('status', 20).notNullable().checkIn([...CALLBACK_STATUSES]);
    table.string('outcome', 20).nullable().checkIn([...CALLBACK_OUTCOMES]);
    table.string('hangup_cause', 200).nullable();
    table.string('started_at', 30).notNullable();
    table.string('agent_answered_at', 30).nullable();
    table.string('citizen_answered_at', 30).nullable();
    table.string('ended_at', 30).nullable();
    table.integer('ring_s').nullable();
    table.integer('talk_s').nullable();
    table.string('created_at', 30).notNullable();
    table.index(['ticket_number', 'started_at'], INDEXES.ticket);
    table.index(['call_id'], INDEXES.call);
    table.index(['ended_at'], INDEXES.open);
    table.index(['citizen_number', 'outcome', 'started_at'], INDEXES.answeredNumber);
  });
  await db.schema.alterTable('calls', (table) => {
    table.index(['outcome', 'started_at'], INDEXES.callsAbandoned);
    table.index(['caller_number', 'started_at'], INDEXES.callsCaller);
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('calls', (table) => {
    table.dropIndex(['outcome', 'started_at'], INDEXES.callsAbandoned);
    table.dropIndex(['caller_number', 'started_at'], INDEXES.callsCaller);
  });
  await db.schema.dropTableIfExists('callback_attempts');
}
