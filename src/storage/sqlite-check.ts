import type { Knex } from 'knex';

const checkList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(',');

/**
 * Widens the CHECK (column in (...)) list of a table on both engines.
 * SQLite cannot alter a CHECK constraint; its documented way (ALTER TABLE, "other kinds of table schema changes")
 * for a change that leaves the stored rows valid is to edit the table's SQL text with writable_schema. A wider
 * list keeps every existing row valid, so the table need not be rebuilt (rows referenced by other tables stay).
 * PostgreSQL names the constraint `<table>_<column>_check` (knex's checkIn).
 */
export async function widenCheckList(db: Knex, table: string, column: string, from: readonly string[], to: readonly string[]): Promise<void> {
  if (db.client.config.client !== 'sqlite3') {
    await db.raw(`alter table ${table} drop constraint if exists ${table}_${column}_check`);
    await db.raw(`alter table ${table} add constraint ${table}_${column}_check check (${column} in (${checkList(to)}))`);
    return;
  }
  const oldCheck = `\`${column}\` in (${checkList(from)})`;
  const newCheck = `\`${column}\` in (${checkList(to)})`;
  const rows = (await db.raw("select sql from sqlite_master where type = 'table' and name = ?", [table])) as { sql: string }[];
  const sql = rows[0]?.sql;
  if (!sql || !sql.includes(oldCheck)) throw new Error(`${table}: the ${column} CHECK constraint is not the one this migration knows`);
  const version = (await db.raw('pragma schema_version')) as { schema_version: number }[];
  await db.raw('pragma writable_schema = on');
  await db.raw("update sqlite_master set sql = ? where type = 'table' and name = ?", [sql.replace(oldCheck, newCheck), table]);
  await db.raw(`pragma schema_version = ${(version[0]?.schema_version ?? 0) + 1}`);
  await db.raw('pragma writable_schema = off');
}
