import type { Knex } from 'knex';
import { toDbTime } from '../../storage/time.js';
import type { TicketWriter } from '../../requests/ticket-writer.js';
import type { OpenCallTicket, OpenCallTicketResult } from '../../requests/ticket-store-type.js';
import type { CallRef } from './call-lookup.js';
import { emptyCallState } from './call-rows.js';

const IVR = { kind: 'system', name: 'ivr' } as const;

/**
 * The openings of one group commit: a call that exists already (a retry whose first try committed) answers
 * with its first ids; the new ones become one INSERT of tickets, one of their `opened` events and one of
 * calls. Results are in the order of `opens`; `calls` learns the new rows (the batch's later writes use it).
 */
export async function openCalls(
  trx: Knex.Transaction,
  writer: TicketWriter,
  opens: readonly OpenCallTicket[],
  calls: Map<string, CallRef>,
  now: Date,
): Promise<OpenCallTicketResult[]> {
  const fresh: OpenCallTicket[] = [];
  const claimed = new Set<string>();
  for (const input of opens) {
    if (calls.has(input.channelId) || claimed.has(input.channelId)) continue;
    claimed.add(input.channelId);
    fresh.push(input);
  }
  if (fresh.length > 0) {
    const tickets = await writer.insertMany(
      trx,
      fresh.map((input) => ({
        source: 'phone' as const,
        createdAt: input.answeredAt ?? input.startedAt,
        callerNumber: input.callerNumber,
        callerName: input.callerName,
        openedData: { callId: input.callId, channelId: input.channelId },
      })),
      IVR,
    );
    const stamp = toDbTime(now);
    await trx('calls').insert(
      fresh.map((input, index) => ({
        id: input.callId,
        channel_id: input.channelId,
        linkedid: input.linkedid ?? null,
        caller_number: input.callerNumber || null,
        caller_name: input.callerName || null,
        started_at: toDbTime(input.startedAt),
        answered_at: input.answeredAt ? toDbTime(input.answeredAt) : null,
        ivr_path: '[]',
        ticket_id: tickets[index]!.id,
        created_at: stamp,
        updated_at: stamp,
      })),
    );
    fresh.forEach((input, index) => {
      const ticket = tickets[index]!;
      calls.set(input.channelId, { id: input.callId, ticketId: ticket.id, ticketNumber: ticket.number, created: true, state: emptyCallState() });
    });
  }
  return opens.map((input) => {
    const call = calls.get(input.channelId)!;
    // Only the opening that inserted the row reports `created`; a second opening of the channel in the batch does not.
    const created = call.created === true && call.id === input.callId && claimed.delete(input.channelId);
    return { callId: call.id, ticketNumber: call.ticketNumber ?? '', created };
  });
}
