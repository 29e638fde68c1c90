import { istanbulTime, istanbulWallClock } from '../../queues/istanbul-time.js';

export interface IstanbulHour {
  /** Istanbul calendar day, YYYY-MM-DD. */
  date: string;
  hour: number;
  /** ISO weekday of `date`: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

const pad = (value: number): string => String(value).padStart(2, '0');
const dayKey = (year: number, month: number, day: number): string => `${year}-${pad(month)}-${pad(day)}`;

/** The Istanbul day, hour and weekday of a UTC hour `YYYY-MM-DDTHH` (the first 13 characters of a stored time). */
export function istanbulHourOf(utcHour: string): IstanbulHour {
  const clock = istanbulWallClock(Date.parse(`${utcHour}:00:00.000Z`));
  const weekday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay();
  return { date: dayKey(clock.year, clock.month, clock.day), hour: clock.hour, weekday: weekday === 0 ? 7 : weekday };
}

/** Every Istanbul calendar day [from, to) touches, oldest first. */
export function istanbulDays(from: number, to: number): string[] {
  const first = istanbulWallClock(from);
  const days: string[] = [];
  for (let offset = 0; ; offset += 1) {
    const start = istanbulTime(first.year, first.month, first.day + offset);
    if (start >= to) break;
    const clock = istanbulWallClock(start);
    days.push(dayKey(clock.year, clock.month, clock.day));
  }
  return days;
}
