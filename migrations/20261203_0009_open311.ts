import type { Knex } from 'knex';

/**
 * Open311 GeoReport v2 (issue 10):
 * - `open311_keys`: the API keys admins hand to client operators. Only the SHA-256 of a key is stored (the key
 *   is 32 random bytes: a fast hash is enough, nothing to brute-force); `key_prefix` lets a person tell keys
 *   apart in a list. A revoked key keeps its row (who had it, until when). `read_all` (set by an admin) lets a
 *   key read every Open311 request; without it a key reads only the requests it sent (KVKK: citizens' texts).
 * - `open311_requests`: what a GeoReport request brings beyond the ticket (the spec's token, the client's
 *   address_id, media_url, device and account ids) and which key sent it; one row per ticket.
 */
export async function up(db: Knex): Promise<void> {
  await db.schema.createTable('open311_keys', (table) => {
    table.increments('id').primary();
    table.string('name', 100).notNullable();
    table.string('owner', 200).notNullable();
    table.string('key_hash', 64).notNullable().unique('open311_keys_hash_idx');
    table.string('key_prefix', 16).notNullable();
    table.string('created_by', 120).notNullable();
    table.string('created_at', 30).notNullable();
    table.string('revoked_at', 30).nullable();
    table.string('last_used_at', 30).nullable();
    table.boolean('read_all').notNullable().defaultTo(false);
  });
  await db.schema.createTable('open311_requests', (table) => {
    table.integer('ticket_id').primary().references('id').inTable('tickets');
    table.string('token', 40).notNullable().unique('open311_requests_token_idx');
    table.integer('key_id').notNullable().references('id').inTable('open311_keys');
    table.string('service_code', 60).notNullable();
    table.string('address_id', 100).nullable();
    table.string('media_url', 500).nullable();
    table.string('device_id', 100).nullable();
    table.string('account_id', 100).nullable();
    table.string('created_at', 30).notNullable();
    table.index(['created_at'], 'open311_requests_created_idx');
  });
}

export async function down(db: Knex): Promise<void> {
  await db.schema.dropTableIfExists('open311_requests');
  await db.schema.dropTableIfExists('open311_keys');
}
