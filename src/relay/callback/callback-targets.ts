import type { Knex } from 'knex';
import { z } from 'zod';

/** Whom "Ara" calls: the citizen of a ticket, or the caller of an (abandoned) call, as stored. */
export interface CallbackTarget {
  ticketNumber: string | null;
  callId: string | null;
  callerNumber: string | null;
}

const ticketRow = z.object({ number: z.string(), caller_number: z.string().nullable() });
const callRow = z.object({ id: z.string(), caller_number: z.string().nullable(), ticket_number: z.string().nullable() });

export class KnexCallbackTargets {
  constructor(private readonly db: Knex) {}

  async ofTicket(number: string): Promise<CallbackTarget | undefined> {
    const raw: unknown = await this.db('tickets').select('number', 'caller_number').where({ number }).first();
    if (raw === undefined) return undefined;
    const row = ticketRow.parse(raw);
    return { ticketNumber: row.number, callId: null, callerNumber: row.caller_number };
  }

  async ofCall(id: string): Promise<CallbackTarget | undefined> {
    const raw: unknown = await this.db('calls as c').leftJoin('tickets as t', 't.id', 'c.ticket_id').select('c.id', 'c.caller_number', 't.number as ticket_number').where('c.id', id).first();
    if (raw === undefined) return undefined;
    const row = callRow.parse(raw);
    return { ticketNumber: row.ticket_number, callId: row.id, callerNumber: row.caller_number };
  }
}
