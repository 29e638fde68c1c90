import type { Knex } from 'knex';
import type { RequestActor } from '../../requests/lifecycle.js';
import type { TicketWriter } from '../../requests/ticket-writer.js';

type Fact = Parameters<TicketWriter['appendFacts']>[1][number];

/**
 * A group commit's history facts (call ended, agent answered, abandoned in the queue …), written as one INSERT
 * at the end of the batch instead of one each. A ticket's history is ordered by insertion, so the facts of a
 * ticket are written before any other event of that ticket in the same batch (`before`).
 */
export class PendingFacts {
  private facts: Fact[] = [];
  private readonly tickets = new Set<number>();

  constructor(private readonly writer: TicketWriter) {}

  add(ticketId: number, fact: { kind: string; data: Readonly<Record<string, unknown>> }, actor: RequestActor, at: Date, dedupeKey: string): void {
    this.facts.push({ ticketId, kind: fact.kind, data: fact.data, actor, at, dedupeKey });
    this.tickets.add(ticketId);
  }

  /** Writes what is pending when `ticketId` has a fact among it: that ticket is about to get another event. */
  async before(trx: Knex.Transaction, ticketId: number): Promise<void> {
    if (this.tickets.has(ticketId)) await this.flush(trx);
  }

  async flush(trx: Knex.Transaction): Promise<void> {
    const facts = this.facts;
    if (facts.length === 0) return;
    this.facts = [];
    this.tickets.clear();
    await this.writer.appendFacts(trx, facts);
  }
}
