import { z } from 'zod';

/** Counting windows on the Europe/Istanbul wall clock (Intl, not a fixed +03:00, in case the law changes again). */

export const ISTANBUL = 'Europe/Istanbul';

export interface TimeWindow {
  from: number;
  to: number;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ISTANBUL,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

const HOUR_MS = 3_600_000;
/** UTC hour → Istanbul's offset (ms) throughout that hour; NaN for an hour an offset change falls in. */
const hourOffsets = new Map<number, number>();

/**
 * The wall clock of `at`. Intl's formatToParts costs about 10 µs, and the deadline calendar asks it for
 * every day it steps over (10 % of a call's CPU), so Istanbul's offset is memoised per UTC hour. The
 * offset is still Intl's, for any date: an hour whose first and last second disagree holds a change
 * (1880 and 1910's odd-second LMT offsets fall inside an hour) and is answered by Intl every time.
 */
export function istanbulWallClock(at: number): WallClock {
  const hour = Math.floor(at / HOUR_MS);
  let offset = hourOffsets.get(hour);
  if (offset === undefined) {
    const start = hour * HOUR_MS;
    const first = offsetFromIntl(start);
    offset = first === offsetFromIntl(start + HOUR_MS - 1000) ? first : Number.NaN;
    if (hourOffsets.size >= 10_000) hourOffsets.clear();
    hourOffsets.set(hour, offset);
  }
  if (Number.isNaN(offset)) return intlWallClock(at);
  const local = new Date(at + offset);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
  };
}

function offsetFromIntl(at: number): number {
  const clock = intlWallClock(at);
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second) - (at - (((at % 1000) + 1000) % 1000));
}

/** The uncached conversion: Intl's answer for `at`. Exported for the cache's tests. */
export function intlWallClock(at: number): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(at))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

function offsetMsAt(at: number): number {
  const clock = istanbulWallClock(at);
  const asUtc = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
  return asUtc - (at - (((at % 1000) + 1000) % 1000));
}

/** Epoch ms of an Istanbul wall-clock time; `day` and `minuteOfDay` may overflow (Date.UTC normalises them). */
export function istanbulTime(year: number, month: number, day: number, minuteOfDay = 0): number {
  const naive = Date.UTC(year, month - 1, day, 0, minuteOfDay);
  // The offset at the naive guess, then again at the result, in case a change of offset lies between.
  const first = naive - offsetMsAt(naive);
  return naive - offsetMsAt(first);
}

export function istanbulDay(now: number): TimeWindow {
  const clock = istanbulWallClock(now);
  return { from: istanbulTime(clock.year, clock.month, clock.day), to: istanbulTime(clock.year, clock.month, clock.day + 1) };
}

const QUARTER_HOUR_MS = 15 * 60_000;
const hourStarts = new Map<number, number>();

/**
 * Start of the Istanbul wall-clock hour containing `at`. The KPIs ask this for every call on every
 * publish, and Intl formatting is slow (13 % of the wallboard's CPU in the fan-out bench), so it is
 * cached per UTC quarter hour: every UTC offset in use is a multiple of 15 min, so a quarter hour
 * never straddles a local hour boundary.
 */
export function istanbulHourStart(at: number): number {
  const slot = Math.floor(at / QUARTER_HOUR_MS);
  const cached = hourStarts.get(slot);
  if (cached !== undefined) return cached;
  const clock = istanbulWallClock(at);
  const start = istanbulTime(clock.year, clock.month, clock.day, clock.hour * 60);
  if (hourStarts.size >= 10_000) hourStarts.clear();
  hourStarts.set(slot, start);
  return start;
}

const clockTime = z.string().regex(/^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM, 00:00 to 24:00');

export const shiftSchema = z.object({ name: z.string().min(1), start: clockTime, end: clockTime });
export type Shift = z.infer<typeof shiftSchema>;
export const shiftsSchema = z.array(shiftSchema);

export function parseShifts(input: unknown): Shift[] {
  return shiftsSchema.parse(input);
}

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export interface ShiftWindow extends TimeWindow {
  name: string;
}

/** The shift `now` falls in; a shift whose end is not after its start (22:00–06:00) crosses midnight. */
export function currentShift(now: number, shifts: readonly Shift[]): ShiftWindow | null {
  const clock = istanbulWallClock(now);
  const minuteNow = clock.hour * 60 + clock.minute;
  const at = (dayOffset: number, minute: number): number => istanbulTime(clock.year, clock.month, clock.day + dayOffset, minute);
  for (const shift of shifts) {
    const start = minutesOf(shift.start);
    const end = minutesOf(shift.end);
    if (start < end) {
      if (minuteNow >= start && minuteNow < end) return { name: shift.name, from: at(0, start), to: at(0, end) };
    } else if (minuteNow >= start) {
      return { name: shift.name, from: at(0, start), to: at(1, end) };
    } else if (minuteNow < end) {
      return { name: shift.name, from: at(-1, start), to: at(0, end) };
    }
  }
  return null;
}

export interface CountingWindow extends TimeWindow {
  /** The shift's name, or null for the Istanbul calendar day. */
  shift: string | null;
}

/** The window the live KPIs count over: the current shift when shifts are configured (a gap between shifts falls back to the day). */
export function countingWindow(now: number, shifts: readonly Shift[]): CountingWindow {
  const shift = shifts.length > 0 ? currentShift(now, shifts) : null;
  if (shift) return { from: shift.from, to: shift.to, shift: shift.name };
  return { ...istanbulDay(now), shift: null };
}
