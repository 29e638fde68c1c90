/**
 * Status by phone: "Başvuru numaranızı girip kare tuşuna basın" → digits and `#` → the ticket's status in Turkish
 * and, while it is open, its deadline ("son tarih on aralık"); then the main menu. Invalid, unknown or missing
 * entries cost a try; after the last one the caller is back in the main menu.
 */
import { DEADLINE_STATUSES, type RequestStatus } from '../requests/request-states.js';
import { istanbulYear } from '../requests/ticket-numbers.js';
import { istanbulWallClock } from '../queues/istanbul-time.js';
import { bargeIn, enterMenu } from './menu-flow.js';
import type { Turn } from './turn.js';
import { dayMonthPrompts } from './turkish-numerals.js';
import type { IvrDefinition, PromptName, StatusLookupResult, StatusPhrase } from './types.js';

/** The pseudo-menu the status steps are recorded under (`status:status-lookup`). */
export const STATUS_STEP = 'status';
/** A year (4) and a serial of up to 7 digits. */
const MAX_ENTRY_DIGITS = 11;

const PHRASES: Record<RequestStatus, StatusPhrase> = {
  open: 'received',
  abandoned: 'received',
  returned: 'received',
  forwarded: 'forwarded',
  in_progress: 'forwarded',
  needs_info: 'needsInfo',
  answered: 'answered',
  closed: 'closed',
};

/**
 * What the caller keyed in: up to 6 digits, or 7 starting with 1 (a busy year passes serial 999,999), are a serial
 * of this year (Europe/Istanbul); 7 to 11 digits starting with 20 a year and its serial (`2026000123`, `2026123`,
 * `20261000000`). A serial of 2,000,000 or more therefore needs its year. Serial 0 and future years are nobody's ticket.
 */
export function parseStatusEntry(digits: string, at: string): { year: number; seq: number } | undefined {
  const thisYear = istanbulYear(new Date(at));
  if (/^(?:[0-9]{1,6}|1[0-9]{6})$/.test(digits)) {
    const seq = Number(digits);
    return seq > 0 ? { year: thisYear, seq } : undefined;
  }
  if (/^20[0-9]{5,9}$/.test(digits)) {
    const year = Number(digits.slice(0, 4));
    const seq = Number(digits.slice(4));
    return seq > 0 && year <= thisYear ? { year, seq } : undefined;
  }
  return undefined;
}

/** The status phrase and, for a ticket still owed an answer, its deadline's day and month in Istanbul. */
export function statusSpeech(def: IvrDefinition, status: RequestStatus, dueAt: string | null): PromptName[] {
  const { statusLookup } = def;
  const spoken = [statusLookup.phrases[PHRASES[status]]];
  const due = dueAt === null ? NaN : Date.parse(dueAt);
  if (DEADLINE_STATUSES.includes(status) && Number.isFinite(due)) {
    const { day, month } = istanbulWallClock(due);
    spoken.push(statusLookup.due, ...dayMonthPrompts(day, month));
  }
  return spoken;
}

function backToMainMenu(turn: Turn, leadIn: PromptName[]): void {
  turn.update({ menuStack: [], statusTries: 0 });
  enterMenu(turn, turn.def.start, leadIn);
}

export function beginStatusEntry(turn: Turn): void {
  turn.cancelTimer();
  turn.update({ phase: 'status-entry', buffer: '', statusTries: 0 });
  turn.play([turn.def.statusLookup.enter], true);
}

function failedTry(turn: Turn, kind: 'invalid' | 'not-found' | 'no-input'): void {
  turn.cancelTimer();
  turn.record({ menu: STATUS_STEP, event: 'status-lookup', target: kind });
  const tries = turn.state.statusTries + 1;
  const { statusLookup, prompts } = turn.def;
  const lead = kind === 'no-input' ? prompts.noInput : statusLookup.notFound;
  if (tries >= statusLookup.maxTries) return backToMainMenu(turn, [lead]);
  turn.update({ phase: 'status-entry', buffer: '', statusTries: tries });
  turn.play([lead, statusLookup.enter], true);
}

function finishEntry(turn: Turn): void {
  turn.cancelTimer();
  const entry = parseStatusEntry(turn.state.buffer, turn.at);
  if (entry === undefined) return failedTry(turn, 'invalid');
  const request = turn.state.statusRequest + 1;
  turn.update({ phase: 'status-lookup', buffer: '', statusRequest: request });
  turn.commands.push({ type: 'lookupStatus', request, year: entry.year, seq: entry.seq });
}

export function onStatusDigit(turn: Turn, digit: string): void {
  if (!bargeIn(turn)) return;
  if (digit === '*') {
    turn.cancelTimer();
    turn.record({ menu: STATUS_STEP, event: 'back', target: turn.state.menu });
    return enterMenu(turn, turn.state.menu, []);
  }
  if (digit === '#') return finishEntry(turn);
  if (!/^[0-9]$/.test(digit)) return failedTry(turn, 'invalid');
  const buffer = turn.state.buffer + digit;
  if (buffer.length > MAX_ENTRY_DIGITS) return failedTry(turn, 'invalid');
  turn.update({ buffer });
  turn.startTimer('interDigit', turn.def.statusLookup.interDigitTimeoutMs);
}

/** No first digit: a try used up; a pause after some digits ends the entry as `#` would (many callers forget it). */
export function onStatusTimeout(turn: Turn): void {
  turn.update({ timer: null });
  if (turn.state.buffer === '') return failedTry(turn, 'no-input');
  finishEntry(turn);
}

export function onStatusPromptEnded(turn: Turn): void {
  if (turn.state.buffer === '') turn.startTimer('firstDigit', turn.def.statusLookup.firstDigitTimeoutMs);
}

export function onStatusResult(turn: Turn, request: number, result: StatusLookupResult): void {
  if (turn.state.phase !== 'status-lookup' || request !== turn.state.statusRequest) return;
  if (result.kind === 'not-found') return failedTry(turn, 'not-found');
  if (result.kind === 'unavailable') {
    turn.record({ menu: STATUS_STEP, event: 'status-lookup', target: 'unavailable' });
    return backToMainMenu(turn, [turn.def.statusLookup.unavailable]);
  }
  turn.record({ menu: STATUS_STEP, event: 'status-lookup', target: `found:${result.status}` });
  backToMainMenu(turn, statusSpeech(turn.def, result.status, result.dueAt));
}
