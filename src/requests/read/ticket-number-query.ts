import { istanbulYear, MAX_TICKET_SEQ } from '../ticket-numbers.js';

/**
 * What a supervisor types into the number box, as a year and ranges of seq:
 * - `26`               → seq 26 of the current Istanbul year (the number read out on the phone);
 * - `2026-26`          → seq 26 of 2026;
 * - `153-2026-000026`, `153-2026-1000000` → that ticket;
 * - `153-2026-`, `153-2026-0001`, `2026-` → every ticket whose number starts so.
 * Ranges rather than a LIKE: the unique (year, seq) index answers them on both engines. A prefix of a serial stands
 * for six-digit serials and, once the year has passed 999,999, for the seven-digit ones it begins (`153-2026-1`
 * is 100000–199999 and 1000000–1999999).
 */
export interface SeqRange {
  first: number;
  last: number;
}

export interface TicketNumberRange {
  year: number;
  ranges: SeqRange[];
}

const PADDED_DIGITS = 6;
const SHORT = /^(\d{1,7})$/;
const YEAR_SEQ = /^(\d{4})-(\d{1,7})$/;
const YEAR_PREFIX = /^(?:153-)?(\d{4})-$/;
const FULL_OR_PREFIX = /^153-(\d{4})-(\d{1,7})$/;

/** The pattern the API accepts (the route's zod regex): any of the forms above, spaces around ignored. */
export const TICKET_NUMBER_QUERY = /^(?:\d{1,7}|\d{4}-\d{1,7}|(?:153-)?\d{4}-|153-\d{4}(?:-\d{0,7})?)$/;

const exact = (year: number, seq: number): TicketNumberRange | undefined =>
  seq >= 1 && seq <= MAX_TICKET_SEQ ? { year, ranges: [{ first: seq, last: seq }] } : undefined;

/** The serials of `width` digits that start with `digits`. */
function startingWith(digits: string, width: number): SeqRange {
  const scale = 10 ** (width - digits.length);
  const first = Number(digits) * scale;
  return { first: Math.max(1, first), last: first + scale - 1 };
}

/** Digits typed after `153-YYYY-`: the zero-padded six-digit serials they start, and the seven-digit ones. */
function seqPrefix(year: number, digits: string): TicketNumberRange | undefined {
  const leadingZero = digits.startsWith('0');
  if (digits.length > PADDED_DIGITS) return leadingZero ? undefined : exact(year, Number(digits));
  const six = digits.length === PADDED_DIGITS ? { first: Number(digits), last: Number(digits) } : startingWith(digits, PADDED_DIGITS);
  // Only 000000 gives an empty six-digit range (seq 0); it has no seven-digit continuation either.
  const ranges = [six, ...(leadingZero ? [] : [startingWith(digits, PADDED_DIGITS + 1)])].filter((range) => range.last >= 1);
  return ranges.length > 0 ? { year, ranges } : undefined;
}

/** Undefined: not a ticket number in any form we know (the route answers 400). */
export function parseTicketNumberQuery(text: string, now: Date): TicketNumberRange | undefined {
  const input = text.trim();
  let match = SHORT.exec(input);
  if (match) return exact(istanbulYear(now), Number(match[1]));
  match = YEAR_SEQ.exec(input);
  if (match) return exact(Number(match[1]), Number(match[2]));
  match = YEAR_PREFIX.exec(input) ?? /^153-(\d{4})$/.exec(input);
  if (match) return { year: Number(match[1]), ranges: [{ first: 1, last: MAX_TICKET_SEQ }] };
  match = FULL_OR_PREFIX.exec(input);
  if (match) return seqPrefix(Number(match[1]), match[2] ?? '');
  return undefined;
}
