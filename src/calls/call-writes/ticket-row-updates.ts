import type { Knex } from 'knex';
import { z } from 'zod';
import { VersionConflict, type PlannedWrite } from '../../requests/ticket-writer.js';
import { rawRows } from './raw-rows.js';

/** A ticket row's planned change (TicketWriter.plan): its columns, where the row is still at `version`. */
export interface PlannedTicket {
  id: number;
  number: string;
  version: number;
  columns: Record<string, unknown>;
  /** The dedupe key of the write's first history event. */
  dedupeKey: string;
}

const updatedSchema = z.object({ id: z.coerce.number().int() });
const insertedSchema = z.array(z.object({ ticket_id: z.coerce.number().int(), dedupe_key: z.string().nullable() }));

/**
 * History rows in one INSERT, in order (a ticket's history is ordered by insertion); a stored dedupe key is
 * skipped, as TicketWriter's writes skip it. With `returning`, says which rows went in.
 */
export async function appendEvents(
  trx: Knex.Transaction,
  rows: PlannedWrite['events'],
  returning: boolean,
): Promise<Array<{ ticketId: number; dedupeKey: string }>> {
  if (rows.length === 0) return [];
  const insert = trx('ticket_events').insert(rows).onConflict(['ticket_id', 'dedupe_key']).ignore();
  if (!returning) {
    await insert;
    return [];
  }
  const inserted = insertedSchema.parse(await insert.returning(['ticket_id', 'dedupe_key']));
  return inserted.flatMap((row) => (row.dedupe_key === null ? [] : [{ ticketId: row.ticket_id, dedupeKey: row.dedupe_key }]));
}

/**
 * Planned ticket changes as TicketWriter.write makes them, one UPDATE … FROM (VALUES …) per set of columns
 * instead of one per ticket; a row whose version moved on throws VersionConflict (the batch rolls back).
 * Every value is text or NULL but the ids and versions, which are cast: PostgreSQL types a VALUES column of
 * parameters as text.
 */
export async function writePlannedTickets(trx: Knex.Transaction, planned: readonly PlannedTicket[]): Promise<void> {
  const groups = new Map<string, PlannedTicket[]>();
  for (const write of planned) {
    const columns = Object.keys(write.columns).filter((column) => column !== 'version').sort();
    const key = columns.join(',');
    const group = groups.get(key);
    if (group) group.push(write);
    else groups.set(key, [write]);
  }
  for (const [key, writes] of groups) {
    const columns = key === '' ? [] : key.split(',');
    const tuple = `(cast(? as integer), cast(? as integer), cast(? as integer)${columns.map(() => ', ?').join('')})`;
    const sets = ['version = v.column3', ...columns.map((column, index) => `${column} = v.column${index + 4}`)];
    const bindings = writes.flatMap((write) => [write.id, write.version, Number(write.columns.version), ...columns.map((column) => (write.columns[column] ?? null) as string | null)]);
    const result: unknown = await trx.raw(
      `update tickets set ${sets.join(', ')} from (values ${writes.map(() => tuple).join(', ')}) as v where tickets.id = v.column1 and tickets.version = v.column2 returning id`,
      bindings,
    );
    const updated = new Set(rawRows(result).map((row) => updatedSchema.parse(row).id));
    const missed = writes.find((write) => !updated.has(write.id));
    if (missed) throw new VersionConflict(missed.number);
  }
}
