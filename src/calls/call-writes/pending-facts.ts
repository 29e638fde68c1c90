import type { Knex } from 'knex';
import type { RequestActor } from '../../requests/lifecycle.js';
import { factRow, type PlannedWrite } from '../../requests/ticket-writer.js';
import type { TicketView } from '../../requests/ticket-store-type.js';
import { appendEvents, writePlannedTickets, type PlannedTicket } from './ticket-row-updates.js';

/** `ticketId|dedupeKey` */
const keyOf = (ticketId: number, dedupeKey: string): string => `${ticketId}|${dedupeKey}`;

/**
 * A group commit's ticket history (call ended, agent answered, handed off …) and the hand-offs' ticket changes,
 * written at the end of the batch as one INSERT of events and one UPDATE of tickets instead of one each. A
 * ticket's history is ordered by insertion: the events stay in the order they were added, and a write that reads
 * or writes a ticket with something pending here first has it written (`before`).
 */
export class PendingFacts {
  private rows: PlannedWrite['events'] = [];
  private planned: PlannedTicket[] = [];
  private readonly tickets = new Set<number>();
  /** Tickets with a planned change here: a read of them made before it is stale. */
  private readonly changing = new Set<number>();

  /**
   * @param checked the `ticketId|dedupeKey` pairs the batch looked for in the history before it began, and
   * @param stored those of them it found: a write with a checked key can wait here, since whether it is a
   * duplicate is known now (the tickets are locked on PostgreSQL; SQLite has one connection).
   */
  constructor(
    private readonly checked: ReadonlySet<string> = new Set(),
    private readonly stored: Set<string> = new Set(),
  ) {}

  add(ticketId: number, fact: { kind: string; data: Readonly<Record<string, unknown>> }, actor: RequestActor, at: Date, dedupeKey: string): void {
    this.rows.push(factRow({ ticketId, kind: fact.kind, data: fact.data, actor, at, dedupeKey }));
    this.tickets.add(ticketId);
  }

  /**
   * Takes a planned write of `current` (read in this batch, nothing pending for it here) whose dedupe key the
   * batch checked: 'duplicate' when the history has it already, as TicketWriter.write would find. Undefined when
   * it cannot wait: the caller writes it now.
   */
  defer(current: TicketView, planned: PlannedWrite, dedupeKey: string): 'written' | 'duplicate' | undefined {
    const key = keyOf(current.id, dedupeKey);
    if (!this.checked.has(key) || this.changing.has(current.id) || planned.events[0]?.dedupe_key !== dedupeKey) return undefined;
    if (this.stored.has(key)) return 'duplicate';
    if (planned.columns && !Object.entries(planned.columns).every(([column, value]) => column === 'version' || typeof value === 'string' || value === null)) return undefined;
    this.stored.add(key);
    this.rows.push(...planned.events);
    if (planned.columns) {
      this.planned.push({ id: current.id, number: current.number, version: current.version, columns: planned.columns, dedupeKey });
      this.changing.add(current.id);
    }
    this.tickets.add(current.id);
    return 'written';
  }

  /** Writes what is pending when `ticketId` has something among it: that ticket is about to be read or written. */
  async before(trx: Knex.Transaction, ticketId: number): Promise<void> {
    if (this.tickets.has(ticketId)) await this.flush(trx);
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    const { rows, planned } = this;
    if (rows.length === 0) return;
    this.rows = [];
    this.planned = [];
    this.tickets.clear();
    this.changing.clear();
    const inserted = new Set((await appendEvents(trx, rows, planned.length > 0)).map((row) => keyOf(row.ticketId, row.dedupeKey)));
    // Checked before the batch and locked since: found now, another writer raced us; the batch is tried again alone.
    if (planned.some((write) => !inserted.has(keyOf(write.id, write.dedupeKey)))) throw new Error('a hand-off found its history written meanwhile');
    await writePlannedTickets(trx, planned);
  }
}
