import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime } from '../../storage/time.js';
import { RELAY_STATUSES } from '../request-states.js';
import { toTicketView } from '../ticket-rows.js';
import type { TicketView } from '../ticket-store-type.js';
import type { AbandonedCaller } from '../../relay/callback/abandoned-callers.js';
import { turkishMobileE164 } from '../../relay/sms/recipient.js';

export type { AbandonedCaller };

/**
 * The relay list ("Geri dönüşler"): what the call centre owes citizens. Tickets the department answered or
 * asked about (status answered / needs_info, read on tickets_relay_idx), and callers who hung up in the queue
 * without being served (from the callback module, once per number a day). Both engines, no engine-specific SQL.
 */

export interface RelayTicket {
  kind: 'ticket';
  number: string;
  status: 'answered' | 'needs_info';
  departmentCode: string | null;
  categoryCode: string | null;
  source: TicketView['source'];
  /** The department's answer (answered) or question (needs_info). */
  text: string | null;
  /** Since when the citizen is owed the message: the answer, or the question. */
  since: Date;
  contactAttempts: number;
  firstAttemptAt: Date | null;
  /** The citizen asked to be called at this time: the item waits until then, then comes first. */
  callBackAt: Date | null;
  callerNumber: string | null;
  callerName: string | null;
  /** An SMS can go to this number (a Turkish mobile) and the citizen did not refuse SMS. */
  smsPossible: boolean;
  smsOptOut: boolean;
  version: number;
}

/** Callers who hung up waiting (the callback module's list: one per number per Istanbul day, oldest first). */
export interface AbandonedCallersSource {
  list(now: Date): Promise<AbandonedCaller[]>;
}

export interface RelayList {
  /** Due now: callbacks asked for (due) first, then by since (oldest first). */
  tickets: RelayTicket[];
  /** Asked to be called later and not due yet, by callBackAt. */
  later: RelayTicket[];
  abandoned: AbandonedCaller[];
  counts: { answered: number; needsInfo: number; later: number; abandoned: number; total: number };
}

/** The list is for a room of agents, not a report: a bound keeps a backlog from becoming one huge answer. */
export const RELAY_LIMIT = 500;

const questionAtRow = z.object({ ticket_id: z.coerce.number().int(), at: z.string().nullable() });

export function relayTicketOf(ticket: TicketView, questionAt?: Date): RelayTicket {
  const status = ticket.status === 'needs_info' ? 'needs_info' : 'answered';
  const mobile = ticket.callerNumber !== null && turkishMobileE164(ticket.callerNumber) !== undefined;
  return {
    kind: 'ticket',
    number: ticket.number,
    status,
    departmentCode: ticket.departmentCode,
    categoryCode: ticket.categoryCode,
    source: ticket.source,
    text: status === 'answered' ? ticket.answer : ticket.question,
    // A question has no column of its own: the latest question-asked event, else the last change.
    since: (status === 'answered' ? ticket.answeredAt : questionAt) ?? ticket.updatedAt,
    contactAttempts: ticket.contactAttempts,
    firstAttemptAt: ticket.firstAttemptAt,
    callBackAt: ticket.callBackAt,
    callerNumber: ticket.callerNumber,
    callerName: ticket.callerName,
    smsPossible: mobile && !ticket.smsOptOut,
    smsOptOut: ticket.smsOptOut,
    version: ticket.version,
  };
}

export const isRelayStatus = (status: string): boolean => (RELAY_STATUSES as readonly string[]).includes(status);

/** Due callbacks first (by their time), then oldest message first; ties by number so the order is stable. */
export function relayOrder(now: Date) {
  return (a: RelayTicket, b: RelayTicket): number => {
    const dueA = a.callBackAt !== null && a.callBackAt <= now;
    const dueB = b.callBackAt !== null && b.callBackAt <= now;
    if (dueA !== dueB) return dueA ? -1 : 1;
    const keyA = dueA ? a.callBackAt!.getTime() : a.since.getTime();
    const keyB = dueB ? b.callBackAt!.getTime() : b.since.getTime();
    return keyA - keyB || a.number.localeCompare(b.number);
  };
}

export function splitRelay(items: readonly RelayTicket[], abandoned: AbandonedCaller[], now: Date): RelayList {
  const later = items.filter((item) => item.callBackAt !== null && item.callBackAt > now).sort((a, b) => a.callBackAt!.getTime() - b.callBackAt!.getTime());
  const tickets = items.filter((item) => !(item.callBackAt !== null && item.callBackAt > now)).sort(relayOrder(now));
  const answered = items.filter((item) => item.status === 'answered').length;
  return {
    tickets,
    later,
    abandoned,
    counts: { answered, needsInfo: items.length - answered, later: later.length, abandoned: abandoned.length, total: items.length + abandoned.length },
  };
}

/** The relay tickets as stored now (the partial index holds exactly these rows); `number`: just that one. */
export async function readRelayTickets(db: Knex, limit = RELAY_LIMIT, number?: string): Promise<RelayTicket[]> {
  const rows: unknown[] = await db('tickets')
    .whereIn('status', RELAY_STATUSES)
    .modify((query: Knex.QueryBuilder) => (number === undefined ? query : query.where('number', number)))
    .orderBy([{ column: 'answered_at' }, { column: 'id' }])
    .limit(limit)
    .select('*');
  const tickets = rows.map((row) => toTicketView(row));
  const asking = tickets.filter((ticket) => ticket.status === 'needs_info').map((ticket) => ticket.id);
  const questionAt = new Map<number, Date>();
  for (let start = 0; start < asking.length; start += 200) {
    const found: unknown[] = await db('ticket_events')
      .whereIn('ticket_id', asking.slice(start, start + 200))
      .andWhere('kind', 'question-asked')
      .groupBy('ticket_id')
      .select('ticket_id', db.raw('max(at) as at'));
    for (const row of found.map((r) => questionAtRow.parse(r))) if (row.at) questionAt.set(row.ticket_id, fromDbTime(row.at));
  }
  return tickets.map((ticket) => relayTicketOf(ticket, questionAt.get(ticket.id)));
}

/** One ticket's relay item, or undefined when it is not (any more) on the list. */
export async function readRelayTicket(db: Knex, number: string): Promise<RelayTicket | undefined> {
  return (await readRelayTickets(db, 1, number))[0];
}

export async function readRelayList(db: Knex, options: { now: Date; abandoned?: AbandonedCallersSource }): Promise<RelayList> {
  const [tickets, abandoned] = await Promise.all([readRelayTickets(db), options.abandoned ? options.abandoned.list(options.now) : Promise.resolve([])]);
  return splitRelay(tickets, abandoned, options.now);
}
