import type { Knex } from 'knex';
import { z } from 'zod';
import { callerNumberVariants } from '../requests/phone-numbers.js';
import { REQUEST_STATUSES } from '../requests/request-states.js';
import { toDbTime } from '../storage/time.js';
import type { ReturningTicket } from '../ivr/types.js';

/** A ticket as the phone line tells it: its number, status and deadline (nothing personal). */
export type PhoneTicketStatus = ReturningTicket;

/** What the IVR asks storage: a ticket by year and serial (status by phone), a caller's newest open ticket. */
export interface TicketStatusLookup {
  byNumber(year: number, seq: number): Promise<PhoneTicketStatus | undefined>;
  /** The newest ticket of this calling number opened before `before` that is neither closed nor an abandoned call. */
  openForCaller(callerNumber: string, before: Date): Promise<PhoneTicketStatus | undefined>;
}

const row = z.object({ number: z.string(), status: z.enum(REQUEST_STATUSES), due_at: z.string().nullable() });

function toStatus(value: unknown): PhoneTicketStatus | undefined {
  if (value === undefined) return undefined;
  const parsed = row.parse(value);
  return { number: parsed.number, status: parsed.status, dueAt: parsed.due_at };
}

/**
 * One indexed SELECT each: `tickets (year, seq)` is unique, `tickets (caller_number)` is indexed and the caller's
 * number is looked up in each stored spelling (callerNumberVariants) rather than normalising the column.
 * `abandoned` is a call that never became a request, so it is no reason to offer a status.
 */
export class KnexTicketStatusLookup implements TicketStatusLookup {
  constructor(private readonly db: Knex) {}

  async byNumber(year: number, seq: number): Promise<PhoneTicketStatus | undefined> {
    return toStatus(await this.db('tickets').where({ year, seq }).first('number', 'status', 'due_at'));
  }

  async openForCaller(callerNumber: string, before: Date): Promise<PhoneTicketStatus | undefined> {
    const variants = callerNumberVariants(callerNumber);
    if (variants.length === 0) return undefined;
    const found: unknown = await this.db('tickets')
      .whereIn('caller_number', variants)
      .whereNotIn('status', ['closed', 'abandoned'])
      .where('created_at', '<', toDbTime(before))
      .orderBy('created_at', 'desc')
      .first('number', 'status', 'due_at');
    return toStatus(found);
  }
}
