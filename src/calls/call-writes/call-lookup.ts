import type { Knex } from 'knex';
import { z } from 'zod';
import { toTicketView } from '../../requests/ticket-rows.js';
import { FALLBACK_CATEGORY, type TicketView } from '../../requests/ticket-store-type.js';
import { CALL_COLUMNS, type CallState } from './call-rows.js';

/** A call row's ids as a batch's writes need them. `created`: inserted by this batch. */
export interface CallRef {
  id: string;
  ticketId: number | null;
  ticketNumber: string | null;
  created?: boolean;
  /** The row's columns the batch's writes read and set (CallRowChanges). */
  state: CallState;
}

export interface Category {
  code: string;
  departmentCode: string;
}

const text = z.string().nullable();
const int = z.coerce.number().int().nullable();
const callRowSchema = z.object({
  id: z.string(),
  channel_id: z.string(),
  ticket_id: int,
  number: text,
  queue: text,
  queued_at: text,
  ivr_path: text,
  last_step: text,
  left_ivr_at: text,
  outcome: text,
  ended_at: text,
  agent: text,
  agent_name: text,
  agent_connected_at: text,
  wait_s: int,
  talk_s: int,
});
const categoryRowSchema = z.object({ code: z.string(), department_code: z.string() });

const SELECTED = ['calls.id', 'calls.channel_id', 'calls.ticket_id', 'tickets.number', ...CALL_COLUMNS.map((column) => `calls.${column}`)];

/**
 * The calls of these channels with their tickets' numbers: one SELECT for a whole batch. Inside a transaction
 * on PostgreSQL the call rows stay locked until it ends: the batch's guards decide on what it read here.
 */
export async function findCalls(db: Knex | Knex.Transaction, channelIds: readonly string[]): Promise<Map<string, CallRef>> {
  const calls = new Map<string, CallRef>();
  if (channelIds.length === 0) return calls;
  const query = db('calls')
    .leftJoin('tickets', 'tickets.id', 'calls.ticket_id')
    .whereIn('calls.channel_id', [...new Set(channelIds)])
    .orderBy('calls.id')
    .select(SELECTED);
  const locks = db.isTransaction === true && db.client.config.client === 'pg';
  const rows: unknown[] = await (locks ? query.forUpdate('calls') : query);
  for (const raw of rows) {
    const { id, channel_id, ticket_id, number, ...state } = callRowSchema.parse(raw);
    calls.set(channel_id, { id, ticketId: ticket_id, ticketNumber: number, state });
  }
  return calls;
}

/** The hand-offs' categories and the fallback, in one SELECT: an unknown code is filed under the fallback. */
export async function findCategories(trx: Knex.Transaction, codes: readonly string[]): Promise<(code: string) => Category> {
  const rows: unknown[] = await trx('categories')
    .whereIn('code', [...new Set([...codes, FALLBACK_CATEGORY])])
    .select('code', 'department_code');
  const byCode = new Map<string, Category>();
  for (const raw of rows) {
    const row = categoryRowSchema.parse(raw);
    byCode.set(row.code, { code: row.code, departmentCode: row.department_code });
  }
  return (code) => {
    const category = byCode.get(code) ?? byCode.get(FALLBACK_CATEGORY);
    if (!category) throw new Error(`category ${code} and the fallback ${FALLBACK_CATEGORY} are both missing; were migrations run?`);
    return category;
  };
}

/** Tickets a batch is about to change, in one SELECT (locked until commit on PostgreSQL, as TicketWriter.load does). */
export async function loadTickets(trx: Knex.Transaction, ids: readonly number[]): Promise<Map<number, TicketView>> {
  const tickets = new Map<number, TicketView>();
  if (ids.length === 0) return tickets;
  const query = trx('tickets')
    .whereIn('id', [...new Set(ids)])
    .orderBy('id');
  const rows: unknown[] = await (trx.client.config.client === 'pg' ? query.forUpdate() : query);
  for (const row of rows) {
    const ticket = toTicketView(row);
    tickets.set(ticket.id, ticket);
  }
  return tickets;
}

/** Which of these `ticketId|dedupeKey` pairs the tickets' history holds already: one SELECT for a batch. */
export async function findStoredKeys(trx: Knex.Transaction, pairs: ReadonlyArray<{ ticketId: number; dedupeKey: string }>): Promise<Set<string>> {
  const stored = new Set<string>();
  if (pairs.length === 0) return stored;
  const wanted = new Set(pairs.map((pair) => `${pair.ticketId}|${pair.dedupeKey}`));
  const rows: unknown[] = await trx('ticket_events')
    .whereIn('ticket_id', [...new Set(pairs.map((pair) => pair.ticketId))])
    .whereIn('dedupe_key', [...new Set(pairs.map((pair) => pair.dedupeKey))])
    .select('ticket_id', 'dedupe_key');
  for (const raw of rows) {
    const row = storedKeySchema.parse(raw);
    const key = `${row.ticket_id}|${row.dedupe_key}`;
    if (wanted.has(key)) stored.add(key);
  }
  return stored;
}

const storedKeySchema = z.object({ ticket_id: z.coerce.number().int(), dedupe_key: z.string() });
