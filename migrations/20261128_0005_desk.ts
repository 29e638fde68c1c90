import type { Knex } from 'knex';

const DEPARTMENT_QUEUE_INDEX = 'tickets_department_status_created_idx';
const OWNER_INDEX = 'tickets_owner_created_idx';
const NEWEST_INDEX = 'tickets_created_idx';
const PLAIN_TICKET_COLUMNS = ['resolution', 'resolved_at', 'forwarded_at', 'updated_by'];
// Written by `up` on SQLite and cut out again by `down`, so both must use exactly this text.
const SQLITE_OWNER_COLUMN = '"owner_user_id" integer null references "users" ("id")';

function isSqlite(db: Knex): boolean {
  return db.client.config.client === 'sqlite3';
}

/**
 * The agent desk's ticket form: who owns a ticket, how it was resolved or forwarded, who last edited it,
 * and which queues an agent joins at desk login. Times: ISO text, see src/storage/time.ts.
 */
export async function up(db: Knex): Promise<void> {
  if (isSqlite(db)) {
    // knex would rebuild `tickets` to add a foreign key on SQLite, and dropping the old table fails once
    // calls reference it; SQLite adds a nullable referencing column in place.
    await db.raw(`alter table "tickets" add column ${SQLITE_OWNER_COLUMN}`);
  } else {
    await db.schema.alterTable('tickets', (table) => {
      table.integer('owner_user_id').nullable().references('id').inTable('users');
    });
  }
  await db.schema.alterTable('tickets', (table) => {
    table.text('resolution').nullable();
    table.string('resolved_at', 30).nullable();
    table.string('forwarded_at', 30).nullable();
    table.string('updated_by', 80).nullable();
    // A department's work list; an agent's own tickets; the unfiltered list, newest first, without sorting every ticket.
    table.index(['department_code', 'status', 'created_at'], DEPARTMENT_QUEUE_INDEX);
    table.index(['owner_user_id', 'created_at'], OWNER_INDEX);
    table.index(['created_at', 'id'], NEWEST_INDEX);
  });
  await db.schema.alterTable('users', (table) => {
    // JSON array of queue names; null means every queue of the hotline.
    table.text('queues').nullable();
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.alterTable('tickets', (table) => {
    table.dropIndex(['department_code', 'status', 'created_at'], DEPARTMENT_QUEUE_INDEX);
    table.dropIndex(['owner_user_id', 'created_at'], OWNER_INDEX);
    table.dropIndex(['created_at', 'id'], NEWEST_INDEX);
  });
  if (!isSqlite(db)) {
    await db.schema.alterTable('users', (table) => table.dropColumn('queues'));
    await db.schema.alterTable('tickets', (table) => table.dropColumns('owner_user_id', ...PLAIN_TICKET_COLUMNS));
    return;
  }
  // knex's SQLite dropColumn rebuilds the table, which fails for tables other tables reference (see up).
  await db.raw('alter table "users" drop column "queues"');
  for (const column of PLAIN_TICKET_COLUMNS) await db.raw('alter table "tickets" drop column ??', [column]);
  await dropSqliteOwnerColumn(db);
}

/**
 * SQLite cannot drop a column that has a foreign key, so `tickets` is rebuilt. Inside the migration's
 * transaction the foreign_keys pragma cannot be switched off; deferring the checks works only if the rows
 * are inserted again into the table named `tickets` after the drop (which clears the orphans the drop
 * counted), not copied into a new table that is renamed.
 */
async function dropSqliteOwnerColumn(db: Knex): Promise<void> {
  const schemaRows: { type: string; sql: string }[] = await db.raw(
    `select type, sql from sqlite_master where tbl_name = 'tickets' and type in ('table', 'index') and sql is not null`,
  );
  const createTable = schemaRows.find((row) => row.type === 'table')?.sql ?? '';
  const withoutOwner = createTable.replace(`, ${SQLITE_OWNER_COLUMN}`, '');
  if (withoutOwner === createTable) throw new Error('tickets.owner_user_id is not the column 20261128_0005_desk added');
  await db.raw('pragma defer_foreign_keys = on');
  await db.raw('create table "_tickets_0005_down" as select * from "tickets"');
  const columns = (await db('_tickets_0005_down').columnInfo()) as Record<string, unknown>;
  const kept = Object.keys(columns).filter((column) => column !== 'owner_user_id');
  await db.raw('drop table "tickets"');
  await db.raw(withoutOwner);
  await db.raw(`insert into "tickets" (${kept.map(() => '??').join(', ')}) select ${kept.map(() => '??').join(', ')} from "_tickets_0005_down"`, [...kept, ...kept]);
  for (const index of schemaRows.filter((row) => row.type === 'index')) await db.raw(index.sql);
  await db.raw('drop table "_tickets_0005_down"');
}
