import type { CallEnd, HandOff, OpenCallTicket, OpenCallTicketResult } from '../requests/ticket-store-type.js';

export type { HandOffReason, OpenCallTicket as OpenCallTicketInput } from '../requests/ticket-store-type.js';

/**
 * What a call session needs from ticket storage. Implemented by TicketService, whose writes
 * never reject: they are queued per channel and retried until they land (a ticket write never
 * blocks or kills a call).
 */
export interface CallTicketWriter {
  /** Resolves once stored (after retries), or undefined when the write was given up (permanent error, shutdown). */
  openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult | undefined>;
  recordHandOff(channelId: string, handOff: HandOff): void | Promise<void>;
  recordCallEnd(channelId: string, end: CallEnd): void | Promise<void>;
}
