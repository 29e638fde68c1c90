import { istanbulTime } from '../../queues/istanbul-time.js';

/**
 * An application's date as a list export or the entry form writes it, on the Istanbul wall clock:
 * `03.12.2026`, `03.12.2026 14:05`, `3/12/2026 14:05:09`, `2026-12-03`, `2026-12-03T14:05`, or an ISO time with its
 * offset (`2026-12-03T11:05:00Z`). A date without a time is the start of that Istanbul day. XLSX date cells carry
 * no zone: exceljs hands them over as the wall-clock time in UTC fields, read here as Istanbul's.
 */

const TURKISH = /^(\d{1,2})[./](\d{1,2})[./](\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const LOCAL_ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function wallClock(year: number, month: number, day: number, hour: number, minute: number, second: number): Date | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  // 31.02 would roll over into March: a calendar day only.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return undefined;
  return new Date(istanbulTime(year, month, day, hour * 60 + minute) + second * 1000);
}

const int = (text: string | undefined): number => (text === undefined ? 0 : Number(text));

/** The instant a typed date means, or undefined when it is none of the accepted spellings or no calendar day. */
export function parseApplicationDate(text: string): Date | undefined {
  const value = text.trim();
  const turkish = TURKISH.exec(value);
  if (turkish) return wallClock(int(turkish[3]), int(turkish[2]), int(turkish[1]), int(turkish[4]), int(turkish[5]), int(turkish[6]));
  const local = LOCAL_ISO.exec(value);
  if (local) return wallClock(int(local[1]), int(local[2]), int(local[3]), int(local[4]), int(local[5]), int(local[6]));
  if (ZONED_ISO.test(value)) {
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? undefined : parsed;
  }
  return undefined;
}

/** An XLSX date cell (wall-clock time in UTC fields) as the Istanbul instant it names. */
export function fromSpreadsheetDate(cell: Date): Date | undefined {
  if (Number.isNaN(cell.getTime())) return undefined;
  return wallClock(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate(), cell.getUTCHours(), cell.getUTCMinutes(), cell.getUTCSeconds());
}
