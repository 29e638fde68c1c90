import type { Knex } from 'knex';

const TABLES = ['access_log', 'access_log_tickets'] as const;
const REFUSAL = 'access_log is append-only (KVKK)';

function isSqlite(db: Knex): boolean {
  return db.client.config.client === 'sqlite3';
}

/**
 * The KVKK access log (src/audit): one row per read of tickets' personal data, with the tickets it
 * showed in access_log_tickets so "who saw ticket X" is an index look-up. Times: ISO text, see
 * src/storage/time.ts. No foreign keys: a row must be writable whatever happened to the user or ticket.
 * Triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) so not even a hand-written statement
 * can rewrite history; dropping the tables (down) stays possible for whoever owns the schema.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('access_log', (table) => {
    // Insertion order: "newest first" among rows of the same millisecond.
    table.increments('seq').primary();
    table.string('id', 36).notNullable().unique('access_log_id_unique');
    table.string('at', 30).notNullable();
    table.integer('user_id').notNullable();
    table.string('username', 80).notNullable();
    table.string('kind', 20).notNullable();
    table.string('address', 64).nullable();
    table.integer('ticket_count').notNullable();
    table.text('detail').nullable();
    table.index(['at', 'seq'], 'access_log_at_idx');
    table.index(['user_id', 'at'], 'access_log_user_at_idx');
  });
  await db.schema.createTable('access_log_tickets', (table) => {
    table.string('access_id', 36).notNullable();
    table.string('ticket_number', 20).notNullable();
    table.integer('position').notNullable();
    table.primary(['access_id', 'ticket_number']);
    table.index(['ticket_number', 'access_id'], 'access_log_tickets_ticket_idx');
  });
  if (isSqlite(db)) {
    for (const name of TABLES) {
      for (const operation of ['update', 'delete']) {
        await db.raw(`create trigger "${name}_no_${operation}" before ${operation} on "${name}" begin select raise(abort, '${REFUSAL}'); end`);
      }
    }
    return;
  }
  await db.raw(`
    create function access_log_refuse_change() returns trigger language plpgsql as $body$
    begin
      raise exception '${REFUSAL}: % on % refused', tg_op, tg_table_name using errcode = 'insufficient_privilege';
    end
    $body$`);
  for (const name of TABLES) {
    await db.raw(`create trigger "${name}_no_change" before update or delete on "${name}" for each row execute procedure access_log_refuse_change()`);
    await db.raw(`create trigger "${name}_no_truncate" before truncate on "${name}" for each statement execute procedure access_log_refuse_change()`);
  }
}

export async function down(db: Knex): Promise<void> {
  for (const name of [...TABLES].reverse()) await db.schema.dropTable(name);
  if (!isSqlite(db)) await db.raw('drop function access_log_refuse_change()');
}
