import type { Knex } from 'knex';
import { z } from 'zod';

/**
 * Administration of users and queues (issue 11):
 * - `users.must_change_password`: set by an admin's reset (and for a new account the admin gave a password to);
 *   until the user chose their own, every API but the password change answers 403;
 * - `queues`: the hotline's queues as people see them (labels, order on screens), seeded from config/site.json on
 *   the first start (src/admin/queues/queue-store.ts); the queue itself lives in app_queue (queues.conf);
 * - `queue_members`: who may join which queue at which penalty, what the PBX was last told and whether it took it;
 *   `users.queues` (the desk login's list) stays its copy, written in the same transaction;
 * - `admin_history`: every change of a user or a queue: who, when, the field's old and new value (never a password).
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.alterTable('users', (table) => {
    table.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await db.schema.createTable('queues', (table) => {
    table.string('name', 80).primary();
    table.string('label_tr', 80).notNullable();
    table.string('label_en', 80).notNullable();
    table.integer('position').notNullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
  });
  await db.schema.createTable('queue_members', (table) => {
    table.string('queue_name', 80).notNullable();
    table.integer('user_id').notNullable().references('id').inTable('users');
    table.integer('penalty').notNullable().defaultTo(0);
    // in-pbx | at-login | pending | failed (src/admin/queues/queue-member-types.ts)
    table.string('pbx_state', 20).notNullable().defaultTo('at-login');
    table.string('pbx_error', 300).nullable();
    table.string('updated_at', 30).notNullable();
    table.primary(['queue_name', 'user_id']);
    table.index(['user_id'], 'queue_members_user_idx');
  });
  await db.schema.createTable('admin_history', (table) => {
    table.increments('id').primary();
    table.string('at', 30).notNullable();
    table.integer('actor_id').nullable();
    table.string('actor', 80).notNullable();
    table.string('subject_type', 10).notNullable().checkIn(['user', 'queue']);
    table.string('subject', 80).notNullable();
    table.string('action', 30).notNullable();
    // JSON [{ field, from, to }]
    table.text('changes').notNullable();
    table.index(['subject_type', 'subject', 'id'], 'admin_history_subject_idx');
  });
  // Existing assignments (users.queues, JSON) become member rows at penalty 0.
  const rows = z.array(z.object({ id: z.coerce.number(), queues: z.string().nullable() })).parse(await db('users').whereNotNull('queues').select('id', 'queues'));
  const now = new Date().toISOString();
  for (const row of rows) {
    const queues = z.array(z.string()).safeParse(JSON.parse(row.queues ?? '[]'));
    if (!queues.success) continue;
    for (const queue of new Set(queues.data)) {
      await db('queue_members').insert({ queue_name: queue, user_id: row.id, penalty: 0, pbx_state: 'at-login', updated_at: now });
    }
  }
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('admin_history');
  await db.schema.dropTableIfExists('queue_members');
  await db.schema.dropTableIfExists('queues');
  await db.schema.alterTable('users', (table) => {
    table.dropColumn('must_change_password');
  });
}
