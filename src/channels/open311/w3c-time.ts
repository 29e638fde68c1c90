import { ISTANBUL } from '../../queues/istanbul-time.js';

/**
 * GeoReport v2 dates: the W3C profile of ISO 8601 with a time zone (Z or ±HH:MM), e.g.
 * 2026-12-03T10:15:30+03:00. Answers give Istanbul local time with its offset, as a Turkish client expects.
 */
const W3C_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Undefined for text that is not a W3C datetime with a time zone, or names no real instant (2026-02-30). */
export function parseW3cDatetime(text: string): Date | undefined {
  if (!W3C_DATETIME.test(text)) return undefined;
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return undefined;
  // Date accepts 2026-02-30 by rolling over; the calendar date written must be the one meant.
  const [datePart] = text.split('T');
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(text)?.[1] ?? 'Z';
  const minutes = offset === 'Z' ? 0 : (offset.startsWith('-') ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  const local = new Date(date.getTime() + minutes * 60_000).toISOString().slice(0, 10);
  return local === datePart ? date : undefined;
}

const istanbulParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ISTANBUL,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'longOffset',
});

/** 2026-12-03T10:15:30+03:00 */
export function formatW3cDatetime(date: Date): string {
  const parts = istanbulParts.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  // longOffset writes "GMT+03:00", and plain "GMT" for a zero offset.
  const zone = get('timeZoneName').replace(/^GMT/, '');
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}${zone === '' ? 'Z' : zone}`;
}

export const formatW3cOrNull = (date: Date | null): string | null => (date === null ? null : formatW3cDatetime(date));
