import type { Knex } from 'knex';

/**
 * Serials are zero-padded to six digits and grow a seventh past 999,999: a centre that answers 1.19 M calls a
 * year (Kayseri, 2025) opens a ticket for each and passes a million in November. A seven-digit serial never starts
 * with 0, so every number has one spelling.
 */
export const MAX_TICKET_SEQ = 9_999_999;
/** A whole ticket number (`153-2026-000123`, `153-2026-1000000`): routes, SMS schemas and the IVR build on this one. */
export const TICKET_NUMBER_PATTERN = /^153-(\d{4})-(\d{6}|[1-9]\d{6})$/;

const istanbulYearFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Istanbul', year: 'numeric' });

/** Ticket series run per calendar year in Europe/Istanbul: a call at 23:30 UTC on 31 December is already next year. */
export function istanbulYear(at: Date): number {
  return Number(istanbulYearFormat.format(at));
}

export function formatTicketNumber(year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_TICKET_SEQ) throw new RangeError(`ticket sequence out of range: ${seq}`);
  return `153-${year}-${String(seq).padStart(6, '0')}`;
}

export function parseTicketNumber(number: string): { year: number; seq: number } | undefined {
  const match = TICKET_NUMBER_PATTERN.exec(number);
  if (!match) return undefined;
  return { year: Number(match[1]), seq: Number(match[2]) };
}

/**
 * Takes the next sequence number of `year` inside the caller's transaction.
 * The UPDATE holds the counter row's lock until commit, so concurrent transactions queue behind it,
 * and a rollback undoes the increment: numbers are unique and gap-free.
 * With `count` > 1 it takes a block of consecutive numbers in the same one statement (the call path's group
 * commit opens several tickets at once) and returns the first of them.
 */
export async function allocateTicketSeq(trx: Knex.Transaction, year: number, count = 1): Promise<number> {
  // The year's row exists for all but the first ticket of a year: try the increment first.
  const last = await incrementCounter(trx, year, count);
  if (last !== undefined) return last - count + 1;
  await trx('ticket_counters').insert({ year, last_seq: 0 }).onConflict('year').ignore();
  const created = await incrementCounter(trx, year, count);
  if (created === undefined) throw new Error(`ticket counter for ${year} returned no sequence`);
  return created - count + 1;
}

async function incrementCounter(trx: Knex.Transaction, year: number, count: number): Promise<number | undefined> {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`ticket sequence block out of range: ${count}`);
  const rows: unknown[] = await trx('ticket_counters')
    .where({ year })
    .update({ last_seq: trx.raw('last_seq + ?', [count]) })
    .returning('last_seq');
  const row = rows[0];
  if (row === undefined) return undefined;
  const lastSeq = typeof row === 'object' && row !== null && 'last_seq' in row ? Number(row.last_seq) : NaN;
  if (!Number.isInteger(lastSeq)) throw new Error(`ticket counter for ${year} returned no sequence`);
  return lastSeq;
}
