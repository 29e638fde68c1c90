import type { Knex } from 'knex';

/** The query plan's text on either engine; on PostgreSQL with sequential scans off (a few rows are cheaper read whole). */
export async function planOf(db: Knex, sql: string, bindings: Record<string, string>): Promise<string> {
  if (db.client.config.client !== 'pg') {
    return ((await db.raw(`explain query plan ${sql}`, bindings)) as { detail: string }[]).map((step) => step.detail).join('\n');
  }
  return db.transaction(async (trx) => {
    await trx.raw('set local enable_seqscan = off');
    return ((await trx.raw(`explain ${sql}`, bindings)) as { rows: Record<string, string>[] }).rows.map((step) => step['QUERY PLAN']).join('\n');
  });
}
