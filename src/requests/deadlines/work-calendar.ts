import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { istanbulTime, istanbulWallClock } from '../../queues/istanbul-time.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2026-10-29');

export const calendarSchema = z.object({
  description: z.string().optional(),
  /** Days of the week off (0 Sunday … 6 Saturday). */
  weekend: z.array(z.number().int().min(0).max(6)).max(6),
  holidays: z.array(z.object({ date: isoDate, name: z.string().min(1) })),
});
export type CalendarFile = z.infer<typeof calendarSchema>;

const DAY_MS = 86_400_000;

/** Which Istanbul days are working days: weekdays that are not public holidays. */
export class WorkCalendar {
  private readonly holidays: Map<string, string>;
  private readonly weekend: Set<number>;

  constructor(file: CalendarFile) {
    this.holidays = new Map(file.holidays.map((holiday) => [holiday.date, holiday.name]));
    this.weekend = new Set(file.weekend);
  }

  static load(path: string): WorkCalendar {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`calendar ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const result = calendarSchema.safeParse(parsed);
    if (!result.success) throw new Error(`calendar ${path}: ${result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
    return new WorkCalendar(result.data);
  }

  /** The holiday's name, when the Istanbul day of `at` is one. */
  holidayOn(at: number): string | undefined {
    return this.holidays.get(dayKey(at));
  }

  isWorkingDay(at: number): boolean {
    const clock = istanbulWallClock(at);
    const weekday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay();
    return !this.weekend.has(weekday) && !this.holidays.has(dayKey(at));
  }

  /**
   * `days` working days after `from`, at the same Istanbul time of day. A start on a day off counts from the
   * beginning of the next working day, so it is due at the end of the `days`-th working day: a request on
   * Saturday with one working day is due Monday 24:00.
   */
  addWorkingDays(from: number, days: number): number {
    const clock = istanbulWallClock(from);
    let day = istanbulTime(clock.year, clock.month, clock.day);
    if (!this.isWorkingDay(day)) {
      day = this.nextWorkingDay(day);
      for (let left = days - 1; left > 0; left -= 1) day = this.nextWorkingDay(day);
      const last = istanbulWallClock(day + DAY_MS / 2);
      return istanbulTime(last.year, last.month, last.day + 1);
    }
    for (let left = days; left > 0; left -= 1) day = this.nextWorkingDay(day);
    const target = istanbulWallClock(day + DAY_MS / 2);
    return istanbulTime(target.year, target.month, target.day, clock.hour * 60 + clock.minute) + (from % 60_000);
  }

  /** Midnight (Istanbul) of the first working day after the day of `day`. */
  private nextWorkingDay(day: number): number {
    let next = day;
    // A year of holidays back to back is a broken file, not a calendar: stop rather than loop forever.
    for (let step = 0; step < 400; step += 1) {
      const clock = istanbulWallClock(next + DAY_MS / 2);
      next = istanbulTime(clock.year, clock.month, clock.day + 1);
      if (this.isWorkingDay(next)) return next;
    }
    throw new Error('the calendar has no working day within 400 days');
  }
}

function dayKey(at: number): string {
  const clock = istanbulWallClock(at);
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
}
