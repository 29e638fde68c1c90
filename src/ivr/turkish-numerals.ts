import { TICKET_NUMBER_PATTERN } from '../requests/ticket-numbers.js';
import type { PromptName } from './types.js';

/**
 * Numbers the way a Turkish speaker says them: 2026 → "iki bin yirmi altı", 12345 → "on iki bin üç yüz kırk beş".
 * Turkish drops "bir" before "yüz" and "bin" (100 "yüz", 1000 "bin", 1001 "bin bir"), but keeps it before a
 * larger group's "bin" when that group has more than one word (101000 "yüz bir bin"). "Milyon" always takes its
 * number: 1000000 "bir milyon" (ticket serials pass a million in a busy year).
 *
 * The prompt list joins what a speaker joins, so a number takes few files (fewer PlaybackContinuing events, fewer
 * gaps between files): a hundreds word is one file (`num-300` "üç yüz"), a single-word thousands group is one file
 * (`num-2000` "iki bin"), and so is each millions word (`num-1000000` "bir milyon"); units reuse the digit prompts
 * (`digit-6` "altı").
 */

const UNITS = ['sıfır', 'bir', 'iki', 'üç', 'dört', 'beş', 'altı', 'yedi', 'sekiz', 'dokuz'] as const;
const TENS = ['', 'on', 'yirmi', 'otuz', 'kırk', 'elli', 'altmış', 'yetmiş', 'seksen', 'doksan'] as const;

export const MAX_NUMERAL = 9_999_999;

/** One spoken piece: its words and the prompt file that says them. */
interface Piece {
  words: string[];
  prompt: PromptName;
}

function checked(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > MAX_NUMERAL) throw new RangeError(`Turkish numerals cover 0..${MAX_NUMERAL}, not ${value}`);
  return value;
}

/** 1..999 as pieces: hundreds (one file), tens, units. */
function belowThousand(value: number): Piece[] {
  const pieces: Piece[] = [];
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor((value % 100) / 10);
  const units = value % 10;
  if (hundreds > 0) pieces.push({ words: hundreds === 1 ? ['yüz'] : [UNITS[hundreds] ?? '', 'yüz'], prompt: `num-${hundreds * 100}` });
  if (tens > 0) pieces.push({ words: [TENS[tens] ?? ''], prompt: `num-${tens * 10}` });
  if (units > 0) pieces.push({ words: [UNITS[units] ?? ''], prompt: `digit-${units}` });
  return pieces;
}

function pieces(value: number): Piece[] {
  if (checked(value) === 0) return [{ words: [UNITS[0]], prompt: 'digit-0' }];
  const millions = Math.floor(value / 1_000_000);
  const belowMillion = value % 1_000_000;
  const lead: Piece[] = millions > 0 ? [{ words: [UNITS[millions] ?? '', 'milyon'], prompt: `num-${millions * 1_000_000}` }] : [];
  return belowMillion > 0 ? [...lead, ...belowMillionPieces(belowMillion)] : lead;
}

/** 1..999999 as pieces. */
function belowMillionPieces(value: number): Piece[] {
  const thousands = Math.floor(value / 1000);
  const rest = value % 1000;
  const head: Piece[] = [];
  if (thousands === 1) head.push({ words: ['bin'], prompt: 'num-1000' });
  else if (thousands > 1 && thousands < 10) head.push({ words: [UNITS[thousands] ?? '', 'bin'], prompt: `num-${thousands * 1000}` });
  else if (thousands >= 10) head.push(...belowThousand(thousands), { words: ['bin'], prompt: 'num-1000' });
  return rest > 0 ? [...head, ...belowThousand(rest)] : head;
}

/** The words of an integer 0..9999999 (`12345` → on iki bin üç yüz kırk beş). */
export function turkishNumeralWords(value: number): string[] {
  return pieces(value).flatMap((piece) => piece.words);
}

/** The prompt files that say an integer 0..9999999 (`2026` → num-2000, num-20, digit-6). */
export function numeralPrompts(value: number): PromptName[] {
  return pieces(value).map((piece) => piece.prompt);
}

/** Every prompt numeralPrompts can name: the manifest must have each one. */
export function allNumeralPrompts(): PromptName[] {
  const names = new Set<PromptName>();
  for (let unit = 0; unit <= 9; unit++) names.add(`digit-${unit}`);
  for (let step = 1; step <= 9; step++) for (const scale of [10, 100, 1000, 1_000_000]) names.add(`num-${step * scale}`);
  return [...names];
}

const MONTHS = ['ocak', 'şubat', 'mart', 'nisan', 'mayıs', 'haziran', 'temmuz', 'ağustos', 'eylül', 'ekim', 'kasım', 'aralık'] as const;

export function monthName(month: number): string {
  const name = MONTHS[month - 1];
  if (name === undefined) throw new RangeError(`month ${month} is not 1..12`);
  return name;
}

/** A day of a month said in Turkish: 10 December → num-10, month-12 ("on aralık"). */
export function dayMonthPrompts(day: number, month: number): PromptName[] {
  monthName(month);
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`day ${day} is not 1..31`);
  return [...numeralPrompts(day), `month-${month}`];
}

/**
 * A ticket number as a Turkish speaker says it: the year, a short pause, the serial (153-2026-000003 →
 * "iki bin yirmi altı — üç"). The 153 prefix is the hotline's own and the serial's leading zeros are padding;
 * the status menu takes the year and serial the same way back. Anything not shaped like a ticket number reads
 * its digit groups as numbers, so a caller still hears something they can repeat. `withYear` false says the serial
 * alone (the status menu takes a bare serial as this year's).
 */
export function ticketNumberPrompts(number: string, pause: PromptName = 'pause', withYear = true): PromptName[] {
  const match = TICKET_NUMBER_PATTERN.exec(number);
  const groups = match ? [...(withYear ? [match[1] ?? ''] : []), match[2] ?? ''] : (number.match(/[0-9]+/g) ?? []);
  const spoken: PromptName[] = [];
  for (const group of groups) {
    const value = Number(group);
    if (group === '' || value > MAX_NUMERAL) continue;
    if (spoken.length > 0) spoken.push(pause);
    spoken.push(...numeralPrompts(value));
  }
  return spoken;
}
