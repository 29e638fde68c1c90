import type { Knex } from 'knex';

/**
 * The IVR menu and the catalogue edited from /yonetim (issue 11):
 * - `ivr_menu_versions`: every applied menu whole (config/ivr.json's JSON), who applied it and when; the highest id is
 *   the menu new calls take. A restore is a new row equal to an old one (`restored_from`), so the list is the history.
 *   No row: config/ivr.json is the menu.
 * - `catalogue_lists`: the lists that were config/site.json's (districts with neighbourhoods, break reasons) and the
 *   SMS templates' texts, one JSON document per key; no row: the file's (or the code's) value.
 * - `catalogue_changes`: every catalogue edit with its before/after, who and when.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('ivr_menu_versions', (table) => {
    table.increments('id').primary();
    table.text('definition').notNullable();
    table.enu('action', ['apply', 'restore']).notNullable();
    table.integer('restored_from').nullable();
    table.string('created_by', 80).notNullable();
    table.string('created_at', 30).notNullable();
  });
  await db.schema.createTable('catalogue_lists', (table) => {
    table.string('key', 40).primary();
    table.text('value').notNullable();
    table.string('updated_by', 80).notNullable();
    table.string('updated_at', 30).notNullable();
  });
  await db.schema.createTable('catalogue_changes', (table) => {
    table.increments('id').primary();
    table.string('entity', 40).notNullable();
    table.string('code', 200).notNullable();
    table.enu('action', ['create', 'update', 'delete']).notNullable();
    table.text('before').nullable();
    table.text('after').nullable();
    table.string('changed_by', 80).notNullable();
    table.string('changed_at', 30).notNullable();
    table.index(['changed_at'], 'catalogue_changes_changed_at_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('catalogue_changes');
  await db.schema.dropTableIfExists('catalogue_lists');
  await db.schema.dropTableIfExists('ivr_menu_versions');
}
