import type { Knex } from 'knex';

const DEDUPE_INDEX = 'queue_events_dedupe_key_uq';
const LEFT_IVR_INDEX = 'calls_left_ivr_at_idx';
const CALL_COLUMNS = ['left_ivr_at', 'agent_name', 'wait_s', 'talk_s'];

function isSqlite(db: Knex): boolean {
  return db.client.config.client === 'sqlite3';
}

/**
 * - queue_events.dedupe_key: the natural key of an Asterisk event (kind, its µs Timestamp, queue, caller, member),
 *   unique, so a second consumer or a stream fed again inserts nothing twice. Rows stored before keep null: a
 *   unique index admits any number of nulls on both engines, so duplicates among them cannot fail this migration,
 *   and it does not rewrite a table that may hold months of events.
 * - calls: `ended_at` was written when the call left alo153 (Stasis), before the agent even answered. That time
 *   moves to `left_ivr_at`; `ended_at` becomes the real end (AMI Hangup, AgentComplete, QueueCallerAbandon), and
 *   the call gets its queue outcome: who answered (`agent`, `agent_name`), after how long (`wait_s`), `talk_s`.
 *   Calls handed to a queue before this migration keep a null `ended_at`: their real end was never recorded.
 *   Times: ISO text, see src/storage/time.ts.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('queue_events', (table) => {
    table.string('dedupe_key', 400).nullable();
    table.unique(['dedupe_key'], { indexName: DEDUPE_INDEX });
  });
  await db.schema.alterTable('calls', (table) => {
    table.string('left_ivr_at', 30).nullable();
    table.string('agent_name', 200).nullable();
    table.integer('wait_s').nullable();
    table.integer('talk_s').nullable();
    // Reconciling after a reconnect looks for calls that have not left alo153 yet.
    table.index(['left_ivr_at'], LEFT_IVR_INDEX);
  });
  await db('calls').whereNotNull('ended_at').update({ left_ivr_at: db.ref('ended_at') });
  await db('calls').where({ outcome: 'handed-to-queue' }).update({ ended_at: null });
  await db('calls').whereNotNull('agent_connected_at').whereIn('outcome', ['handed-to-queue', 'abandoned-in-ivr']).update({ outcome: 'answered' });
}

export async function down(db: Knex): Promise<void> {
  await db('calls').whereIn('outcome', ['answered', 'abandoned-in-queue']).update({ outcome: 'handed-to-queue' });
  await db('calls').whereNotNull('left_ivr_at').update({ ended_at: db.ref('left_ivr_at') });
  await db.schema.alterTable('calls', (table) => table.dropIndex(['left_ivr_at'], LEFT_IVR_INDEX));
  await db.schema.alterTable('queue_events', (table) => table.dropUnique(['dedupe_key'], DEDUPE_INDEX));
  if (!isSqlite(db)) {
    await db.schema.alterTable('calls', (table) => table.dropColumns(...CALL_COLUMNS));
    await db.schema.alterTable('queue_events', (table) => table.dropColumn('dedupe_key'));
    return;
  }
  // knex's SQLite dropColumn rebuilds the table; SQLite drops a plain column in place.
  for (const column of CALL_COLUMNS) await db.raw('alter table "calls" drop column ??', [column]);
  await db.raw('alter table "queue_events" drop column "dedupe_key"');
}
