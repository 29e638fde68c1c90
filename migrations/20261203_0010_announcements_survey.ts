import type { Knex } from 'knex';

/**
 * Live announcements and the post-call survey (issue 10):
 * - `announcements`: a supervisor's message (a planned water cut in Talas …), its sound file as a prompt name
 *   (`duyuru/<id>-<version>`: a new text or upload is a new file, so a call in progress keeps the old one), its
 *   scope (`all` or a menu id), validity window and how it went for callers (played, served, continued);
 * - the caller's score of the call (1–5 by DTMF after the agent hung up) on the call and on its ticket.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('announcements', (table) => {
    table.increments('id').primary();
    table.string('text', 1000).nullable();
    table.string('file', 80).nullable();
    table.integer('version').notNullable().defaultTo(0);
    table.enu('source', ['text', 'upload']).notNullable();
    table.string('scope', 40).notNullable();
    table.string('valid_from', 30).notNullable();
    table.string('valid_until', 30).notNullable();
    table.string('ended_at', 30).nullable();
    table.string('created_by', 80).notNullable();
    table.string('updated_by', 80).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('updated_at', 30).notNullable();
    table.integer('played').notNullable().defaultTo(0);
    table.integer('served').notNullable().defaultTo(0);
    table.integer('continued').notNullable().defaultTo(0);
    table.index(['valid_until'], 'announcements_valid_until_idx');
  });
  await db.schema.alterTable('calls', (table) => {
    table.integer('survey_score').nullable();
    table.string('survey_at', 30).nullable();
  });
  await db.schema.alterTable('tickets', (table) => {
    table.integer('survey_score').nullable();
  });
  await db.raw('create index calls_survey_at_idx on calls (survey_at) where survey_at is not null');
}

export async function down(db: Knex): Promise<void> {
  await db.raw('drop index if exists calls_survey_at_idx');
  // Plain ALTER TABLE … DROP COLUMN: knex's SQLite dropColumn rebuilds `calls`/`tickets` (see 0008).
  await db.raw('alter table calls drop column survey_at');
  await db.raw('alter table calls drop column survey_score');
  await db.raw('alter table tickets drop column survey_score');
  await db.schema.dropTable('announcements');
}
