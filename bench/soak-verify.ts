import type { Knex } from 'knex';
import type { SoakVerify } from './soak-protocol.js';

const count = async (query: Knex.QueryBuilder): Promise<number> => {
  const [row] = (await query.count({ n: '*' })) as Array<{ n: number | string }>;
  return Number(row?.n ?? 0);
};

/**
 * The soak's "nothing lost, nothing doubled": every channel that entered Stasis(alo153,inbound) (`stasis`, split by
 * bench/soak-stasis.ts; a fallback call back after the queue is not one) has exactly one call record
 * with a ticket of its own, every ticket belongs to a call, ticket numbers are distinct, and nothing was
 * recorded for a channel alo153 never had.
 */
export async function verifySoak(db: Knex, stasis: string[]): Promise<SoakVerify> {
  const calls = (await db('calls').select('channel_id', 'ticket_id', 'outcome', 'last_step')) as Array<{
    channel_id: string;
    ticket_id: number | null;
    outcome: string | null;
    last_step: string | null;
  }>;
  const tickets = (await db('tickets').select('id', 'number')) as Array<{ id: number; number: string }>;
  const rowsPerChannel = new Map<string, number>();
  const outcomes: Record<string, number> = {};
  const abandonedInIvrAt: Record<string, number> = {};
  for (const call of calls) {
    rowsPerChannel.set(call.channel_id, (rowsPerChannel.get(call.channel_id) ?? 0) + 1);
    outcomes[call.outcome ?? 'none'] = (outcomes[call.outcome ?? 'none'] ?? 0) + 1;
    if (call.outcome === 'abandoned-in-ivr') abandonedInIvrAt[call.last_step ?? 'none'] = (abandonedInIvrAt[call.last_step ?? 'none'] ?? 0) + 1;
  }
  const expected = new Set(stasis);
  const ticketIds = calls.map((call) => call.ticket_id).filter((id): id is number => id !== null).map(Number);
  const referenced = new Set(ticketIds);
  const result = {
    stasisCalls: expected.size,
    callRows: calls.length,
    missingCalls: stasis.filter((id) => !rowsPerChannel.has(id)).length,
    unexpectedCalls: [...rowsPerChannel.keys()].filter((id) => !expected.has(id)).length,
    channelsWithSeveralRows: [...rowsPerChannel.values()].filter((n) => n > 1).length,
    callsWithoutTicket: calls.length - ticketIds.length,
    ticketsSharedByCalls: ticketIds.length - referenced.size,
    tickets: tickets.length,
    distinctTicketNumbers: new Set(tickets.map((ticket) => ticket.number)).size,
    ticketsWithoutCall: tickets.filter((ticket) => !referenced.has(Number(ticket.id))).length,
    openedEvents: await count(db('ticket_events').where({ kind: 'opened' })),
    queueEvents: await count(db('queue_events')),
    outcomes,
    abandonedInIvrAt,
  };
  // A record of a channel alo153 never had (one that fell back while its WebSocket was down) would be invented.
  return {
    ...result,
    lost: result.missingCalls + result.callsWithoutTicket + Math.max(0, result.tickets - result.openedEvents),
    doubled:
      result.channelsWithSeveralRows +
      result.ticketsSharedByCalls +
      result.ticketsWithoutCall +
      result.unexpectedCalls +
      (result.tickets - result.distinctTicketNumbers) +
      Math.max(0, result.openedEvents - result.tickets),
  };
}
