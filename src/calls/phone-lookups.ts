import type { Knex } from 'knex';
import { z } from 'zod';
import { callerNumberVariants } from '../requests/phone-numbers.js';
import { REQUEST_STATUSES } from '../requests/request-states.js';
import { toDbTime } from '../storage/time.js';
import type { ReturningTicket } from '../ivr/types.js';
import { rawRows } from './call-writes/raw-rows.js';

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

interface CallerQuery {
  variants: string[];
  before: string;
  resolve(found: PhoneTicketStatus | undefined): void;
  reject(error: unknown): void;
}

/** What is no reason to offer the caller a status. */
const CLOSED = ['closed', 'abandoned'];

/**
 * One indexed SELECT per number lookup: `tickets (year, seq)` is unique. `tickets (caller_number)` is indexed and
 * the caller's number is looked up in each stored spelling (callerNumberVariants) rather than normalising the
 * column. `abandoned` is a call that never became a request, so it is no reason to offer a status.
 * The returning-caller lookups of calls answered together share one statement (each caller's own indexed
 * subquery, UNION ALL): one runs at a time, and the calls that arrive meanwhile join the next.
 */
export class KnexTicketStatusLookup implements TicketStatusLookup {
  private queued: CallerQuery[] = [];
  private running = false;

  constructor(private readonly db: Knex) {}

  async byNumber(year: number, seq: number): Promise<PhoneTicketStatus | undefined> {
    return toStatus(await this.db('tickets').where({ year, seq }).first('number', 'status', 'due_at'));
  }

  openForCaller(callerNumber: string, before: Date): Promise<PhoneTicketStatus | undefined> {
    const variants = callerNumberVariants(callerNumber);
    if (variants.length === 0) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      this.queued.push({ variants, before: toDbTime(before), resolve, reject });
      if (this.running) return;
      this.running = true;
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queued.length > 0) {
      // One turn of the event loop first, so the calls answered in the same burst share the statement.
      await new Promise((resolve) => setImmediate(resolve));
      const batch = this.queued.splice(0, MAX_BATCH);
      try {
        const found = await this.openForCallers(batch);
        batch.forEach((query, index) => query.resolve(found.get(index)));
      } catch (error) {
        for (const query of batch) query.reject(error);
      }
    }
    this.running = false;
  }

  /** Each query's newest open ticket, by its index in `queries`: one statement, one subquery each. */
  private async openForCallers(queries: readonly CallerQuery[]): Promise<Map<number, PhoneTicketStatus>> {
    const bindings: Array<string | number> = [];
    const parts = queries.map((query, index) => {
      bindings.push(index, ...query.variants, ...CLOSED, query.before);
      const list = (n: number) => Array.from({ length: n }, () => '?').join(', ');
      // SQLite takes an ORDER BY … LIMIT inside a UNION ALL only in a subquery of FROM; PostgreSQL takes that too.
      return (
        `select * from (select cast(? as integer) as q, number, status, due_at from tickets where caller_number in (${list(query.variants.length)})` +
        ` and status not in (${list(CLOSED.length)}) and created_at < ? order by created_at desc limit 1) as q${index}`
      );
    });
    const result: unknown = await this.db.raw(parts.join(' union all '), bindings);
    const found = new Map<number, PhoneTicketStatus>();
    for (const raw of rawRows(result)) {
      const { q, ...ticket } = lookupRow.parse(raw);
      const status = toStatus(ticket);
      if (status) found.set(q, status);
    }
    return found;
  }
}

const MAX_BATCH = 100;
const lookupRow = row.extend({ q: z.coerce.number().int() });
