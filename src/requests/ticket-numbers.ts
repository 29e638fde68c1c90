import type { Knex } from 'knex';

const TICKET_NUMBER = /^153-(\d{4})-(\d{6})$/;

const istanbulYearFormat = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Istanbul', year: 'numeric' });

/** Ticket series run per calendar year in Europe/Istanbul: a call at 23:30 UTC on 31 December is already next year. */
export function istanbulYear(at: Date): number {
  return Number(istanbulYearFormat.format(at));
}

export function formatTicketNumber(year: number, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999_999) throw new RangeError(`ticket sequence out of range: ${seq}`);
  return `153-${year}-${String(seq).padStart(6, '0')}`;
}

export function parseTicketNumber(number: string): { year: number; seq: number } | undefined {
  const match = TICKET_NUMBER.exec(number);
  if (!match) return undefined;
  return { year: Number(match[1]), seq: Number(match[2]) };
}

/**
 * Takes the next sequence number of `year` inside the caller's transaction.
 * The UPDATE holds the counter row's lock until commit, so concurrent transactions queue behind it,
 * and a rollback undoes the increment: numbers are unique and gap-free.
 */
export async function allocateTicketSeq(trx: Knex.Transaction, year: number): Promise<number> {
  // The year's row exists for all but the first ticket of a year: try the increment first.
  const seq = await incrementCounter(trx, year);
  if (seq !== undefined) return seq;
  await trx('ticket_counters').insert({ year, last_seq: 0 }).onConflict('year').ignore();
  const first = await incrementCounter(trx, year);
  if (first === undefined) throw new Error(`ticket counter for ${year} returned no sequence`);
  return first;
}

async function incrementCounter(trx: Knex.Transaction, year: number): Promise<number | undefined> {
  const rows: unknown[] = await trx('ticket_counters')
    .where({ year })
    .update({ last_seq: trx.raw('last_seq + 1') })
    .returning('last_seq');
  const row = rows[0];
  if (row === undefined) return undefined;
  const lastSeq = typeof row === 'object' && row !== null && 'last_seq' in row ? Number(row.last_seq) : NaN;
  if (!Number.isInteger(lastSeq)) throw new Error(`ticket counter for ${year} returned no sequence`);
  return lastSeq;
}
