import { timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { phoneDigits } from '../../requests/phone-numbers.js';
import { formatTicketNumber, TICKET_NUMBER_PATTERN } from '../../requests/ticket-numbers.js';
import { toTicketEventView, toTicketView } from '../../requests/ticket-rows.js';
import { citizenStatus, citizenSteps, relayedAnswer, type CitizenStatus, type CitizenStep } from './citizen-timeline.js';

/** What /durum shows: no name, number, address or description, only where the request stands. */
export interface CitizenView {
  number: string;
  status: CitizenStatus;
  category: string | null;
  createdAt: string;
  steps: CitizenStep[];
  answer: { text: string; at: string | null } | null;
}

const SHORT = /^(?:153-)?(\d{4})-(\d{1,6}|[1-9]\d{6})$/;

/** `153-2026-000026`, `153-2026-1000000`, `2026-26` (and `153-2026-26`) as the canonical number; undefined for anything else. */
export function citizenTicketNumber(text: string): string | undefined {
  const input = text.trim();
  const match = TICKET_NUMBER_PATTERN.exec(input) ?? SHORT.exec(input);
  if (!match) return undefined;
  const year = Number(match[1]);
  const seq = Number(match[2]);
  if (year < 2000 || seq < 1) return undefined;
  return formatTicketNumber(year, seq);
}

/** The last four digits match, compared without an early exit. A ticket without a number never matches. */
function lastFourMatch(stored: string | null, lastFour: string): boolean {
  const digits = phoneDigits(stored ?? '');
  if (digits.length < 4) return false;
  return timingSafeEqual(Buffer.from(digits.slice(-4)), Buffer.from(lastFour.padEnd(4, '-').slice(0, 4)));
}

/**
 * Reads a request's citizen view by its number and the last four digits of the phone it was opened with.
 * A missing ticket and a wrong pair are the same `undefined`: the caller answers both alike.
 */
export class StatusLookup {
  constructor(
    private readonly db: Knex,
    private readonly catalogue: CatalogueSource,
  ) {}

  async find(number: string, lastFour: string): Promise<CitizenView | undefined> {
    const row: unknown = await this.db('tickets').where({ number }).first();
    if (!row) return undefined;
    const ticket = toTicketView(row);
    if (!lastFourMatch(ticket.callerNumber, lastFour)) return undefined;
    const [eventRows, catalogue] = await Promise.all([
      this.db('ticket_events').where({ ticket_id: ticket.id }).orderBy('id', 'asc').select('id', 'at', 'actor', 'kind', 'data') as Promise<unknown[]>,
      this.catalogue.catalogue(),
    ]);
    const departments = new Map(catalogue.departments.map((department) => [department.code, department.name]));
    const categories = new Map(catalogue.categories.flatMap((category) => [category, ...category.children]).map((entry) => [entry.code, entry.name]));
    return {
      number: ticket.number,
      status: citizenStatus(ticket),
      category: ticket.categoryCode === null ? null : (categories.get(ticket.categoryCode) ?? null),
      createdAt: ticket.createdAt.toISOString(),
      steps: citizenSteps(eventRows.map(toTicketEventView), (code) => departments.get(code) ?? null),
      answer: relayedAnswer(ticket),
    };
  }
}
