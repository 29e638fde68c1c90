import type { Knex } from 'knex';
import { widenCheckList } from '../src/storage/sqlite-check.js';

/* Written out, not imported from src/requests: an applied migration must not change when the code's list does. */
const OLD_SOURCES = ['phone', 'web', 'desk', 'cimer', 'acik-kapi'];
const NEW_SOURCES = [...OLD_SOURCES, 'field', 'open311'];

/**
 * Every channel into one store (issue 10):
 * - sources `field` (field desks at events) and `open311` (GeoReport v2 clients);
 * - what those channels bring: the citizen's e-mail, an optional location, the time the KVKK information was
 *   accepted, the field desk's event/location;
 * - `external_ref`: the CİMER / Açık Kapı application number, unique per source (a second entry opens the same
 *   ticket); `applied_at`: the application's date, from which its deadline runs;
 * - `submission_key`: the idempotency key of a web, field or Open311 submission (a retried submit creates nothing).
 */
export async function up(db: Knex): Promise<void> {
  await widenCheckList(db, 'tickets', 'source', OLD_SOURCES, NEW_SOURCES);
  await db.schema.alterTable('tickets', (table) => {
    table.string('email', 254).nullable();
    table.double('latitude').nullable();
    table.double('longitude').nullable();
    table.string('kvkk_consent_at', 30).nullable();
    table.string('field_event', 120).nullable();
    table.string('external_ref', 40).nullable();
    table.string('applied_at', 30).nullable();
    table.string('submission_key', 100).nullable();
  });
  await db.raw('create unique index tickets_external_ref_idx on tickets (source, external_ref) where external_ref is not null');
  await db.raw('create unique index tickets_submission_key_idx on tickets (submission_key) where submission_key is not null');
}

export async function down(db: Knex): Promise<void> {
  await db('tickets').whereIn('source', ['field', 'open311']).update({ source: 'web' });
  await widenCheckList(db, 'tickets', 'source', NEW_SOURCES, OLD_SOURCES);
  await db.raw('drop index if exists tickets_submission_key_idx');
  await db.raw('drop index if exists tickets_external_ref_idx');
  // Plain ALTER TABLE … DROP COLUMN (SQLite ≥ 3.35): knex's SQLite dropColumn rebuilds the table and rewrites
  // its SQL text, which the earlier migrations' CHECK edits must find as they wrote it.
  for (const column of ['email', 'latitude', 'longitude', 'kvkk_consent_at', 'field_event', 'external_ref', 'applied_at', 'submission_key']) {
    await db.raw(`alter table tickets drop column ${column}`);
  }
}
