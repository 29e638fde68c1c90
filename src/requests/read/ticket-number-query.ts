import { istanbulYear } from '../ticket-numbers.js';

/**
 * What a supervisor types into the number box, as a (year, seq range):
 * - `26`              → seq 26 of the current Istanbul year (the number read out on the phone);
 * - `2026-26`         → seq 26 of 2026;
 * - `153-2026-000026` → that ticket;
 * - `153-2026-`, `153-2026-0001`, `2026-` → every ticket whose number starts so (a range of seq).
 * A range rather than a LIKE: the unique (year, seq) index answers it on both engines.
 */
export interface TicketNumberRange {
  year: number;
  firstSeq: number;
  lastSeq: number;
}

const SEQ_DIGITS = 6;
const MAX_SEQ = 999_999;
const SHORT = /^(\d{1,6})$/;
const YEAR_SEQ = /^(\d{4})-(\d{1,6})$/;
const YEAR_PREFIX = /^(?:153-)?(\d{4})-$/;
const FULL_OR_PREFIX = /^153-(\d{4})-(\d{1,6})$/;

/** The pattern the API accepts (the route's zod regex): any of the forms above, spaces around ignored. */
export const TICKET_NUMBER_QUERY = /^(?:\d{1,6}|\d{4}-\d{1,6}|(?:153-)?\d{4}-|153-\d{4}(?:-\d{0,6})?)$/;

const exact = (year: number, seq: number): TicketNumberRange | undefined => (seq >= 1 && seq <= MAX_SEQ ? { year, firstSeq: seq, lastSeq: seq } : undefined);

/** Digits typed after `153-YYYY-`: fewer than six are the start of the zero-padded seq. */
function seqPrefix(year: number, digits: string): TicketNumberRange | undefined {
  if (digits.length === SEQ_DIGITS) return exact(year, Number(digits));
  const scale = 10 ** (SEQ_DIGITS - digits.length);
  const first = Number(digits) * scale;
  return { year, firstSeq: Math.max(1, first), lastSeq: first + scale - 1 };
}

/** Undefined: not a ticket number in any form we know (the route answers 400). */
export function parseTicketNumberQuery(text: string, now: Date): TicketNumberRange | undefined {
  const input = text.trim();
  let match = SHORT.exec(input);
  if (match) return exact(istanbulYear(now), Number(match[1]));
  match = YEAR_SEQ.exec(input);
  if (match) return exact(Number(match[1]), Number(match[2]));
  match = YEAR_PREFIX.exec(input) ?? /^153-(\d{4})$/.exec(input);
  if (match) return { year: Number(match[1]), firstSeq: 1, lastSeq: MAX_SEQ };
  match = FULL_OR_PREFIX.exec(input);
  if (match) return seqPrefix(Number(match[1]), match[2] ?? '');
  return undefined;
}
