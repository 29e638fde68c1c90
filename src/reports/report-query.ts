import { z } from 'zod';
import { periodEdge } from '../http/period-query.js';
import { istanbulTime, istanbulWallClock } from '../queues/istanbul-time.js';
import { TICKET_SOURCES, type ReportFilters } from './report-types.js';

/**
 * The query string of every report URL (JSON, table exports, listings), turned into ReportFilters.
 *
 * `period=day|week|month|year` with `date=YYYY-MM-DD` (default: today in Istanbul) is the Istanbul calendar
 * day, ISO week (Monday to Sunday), month or year containing that date; `period=custom` takes `from` and `to`
 * (Istanbul days, both inclusive, through period-query.ts's periodEdge, which also takes full timestamps with
 * an offset). A custom period is at most 731 days (two years, one of them leap): the year report's SQL is
 * measured over one year, and two years of listings is already a 2.4 M-row file. Dates before 2000 or after
 * 2100 are refused as typing mistakes.
 */

export const PERIOD_KINDS = ['day', 'week', 'month', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const REPORT_LANGS = ['tr', 'en'] as const;
export type ReportLang = (typeof REPORT_LANGS)[number];

export const MAX_CUSTOM_DAYS = 731;
const DAY_MS = 86_400_000;
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export interface ReportQuery {
  filters: ReportFilters;
  period: PeriodKind;
  lang: ReportLang;
}

export interface QueryFieldError {
  code: string;
  /** Turkish, for the page to show under the field. */
  message: string;
  en: string;
}

/** 400 with one Turkish message per field (the route answers `{ error, fields }`). */
export class ReportQueryError extends Error {
  constructor(readonly fields: Readonly<Record<string, QueryFieldError>>) {
    super(`invalid report query: ${Object.keys(fields).join(', ')}`);
    this.name = 'ReportQueryError';
  }
}

const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());
const code = (max: number) => z.string().trim().min(1).max(max);

/** The query string every report URL takes (exported for the OpenAPI document). */
export const reportQuerySchema = z.strictObject({
  period: optional(z.enum(PERIOD_KINDS)),
  date: optional(z.iso.date()),
  from: optional(periodEdge('from')),
  to: optional(periodEdge('to')),
  lang: optional(z.enum(REPORT_LANGS)),
  queue: optional(code(80)),
  category: optional(code(40)),
  department: optional(code(40)),
  district: optional(code(60)),
  source: optional(z.enum(TICKET_SOURCES)),
  agent: optional(code(80)),
});

const MESSAGES: Record<string, [string, string, string]> = {
  period: ['invalid-period', 'Dönem gün, hafta, ay, yıl veya özel (day, week, month, year, custom) olmalı.', 'period must be day, week, month, year or custom'],
  date: ['invalid-date', 'Tarih YYYY-AA-GG biçiminde olmalı (ör. 2026-03-15).', 'date must be YYYY-MM-DD'],
  from: ['invalid-date', 'Başlangıç tarihi YYYY-AA-GG biçiminde olmalı.', 'from must be YYYY-MM-DD (or a timestamp with its offset)'],
  to: ['invalid-date', 'Bitiş tarihi YYYY-AA-GG biçiminde olmalı.', 'to must be YYYY-MM-DD (or a timestamp with its offset)'],
  lang: ['invalid-lang', 'Dil tr veya en olmalı.', 'lang must be tr or en'],
  queue: ['invalid-queue', 'Kuyruk adı 1–80 karakter olmalı.', 'queue must be 1 to 80 characters'],
  category: ['invalid-category', 'Konu kodu 1–40 karakter olmalı.', 'category must be 1 to 40 characters'],
  department: ['invalid-department', 'Birim kodu 1–40 karakter olmalı.', 'department must be 1 to 40 characters'],
  district: ['invalid-district', 'İlçe adı 1–60 karakter olmalı.', 'district must be 1 to 60 characters'],
  source: ['invalid-source', `Kaynak şunlardan biri olmalı: ${TICKET_SOURCES.join(', ')}.`, `source must be one of ${TICKET_SOURCES.join(', ')}`],
  agent: ['invalid-agent', 'Temsilci kullanıcı adı 1–80 karakter olmalı.', 'agent must be 1 to 80 characters'],
};

const fail = (field: string, code: string, message: string, en: string): never => {
  throw new ReportQueryError({ [field]: { code, message, en } });
};

function shapeErrors(error: z.ZodError): Record<string, QueryFieldError> {
  const fields: Record<string, QueryFieldError> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[key] ??= { code: 'unknown-parameter', message: `Bilinmeyen parametre: ${key}.`, en: `${key} is not a report parameter` };
      continue;
    }
    const field = String(issue.path[0] ?? '_query');
    const [code, message, en] = MESSAGES[field] ?? ['invalid', 'Geçersiz değer.', 'invalid value'];
    fields[field] ??= { code, message, en };
  }
  return fields;
}

/** [from, to) of the day, ISO week, month or year containing the Istanbul calendar date `date`. */
export function calendarPeriod(period: Exclude<PeriodKind, 'custom'>, date: string): { from: number; to: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  switch (period) {
    case 'day':
      return { from: istanbulTime(year, month, day), to: istanbulTime(year, month, day + 1) };
    case 'week': {
      // A calendar date's weekday does not depend on the zone; ISO weeks start on Monday.
      const monday = day - ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7);
      return { from: istanbulTime(year, month, monday), to: istanbulTime(year, month, monday + 7) };
    }
    case 'month':
      return { from: istanbulTime(year, month, 1), to: istanbulTime(year, month + 1, 1) };
    case 'year':
      return { from: istanbulTime(year, 1, 1), to: istanbulTime(year + 1, 1, 1) };
  }
}

function todayInIstanbul(now: number): string {
  const clock = istanbulWallClock(now);
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
}

const inRange = (at: number) => at >= istanbulTime(FIRST_YEAR, 1, 1) && at <= istanbulTime(LAST_YEAR + 1, 1, 1);

/** The filters of a report query string, or ReportQueryError (a Turkish message per field). */
export function parseReportQuery(query: unknown, now: number = Date.now()): ReportQuery {
  const parsed = reportQuerySchema.safeParse(query);
  if (!parsed.success) throw new ReportQueryError(shapeErrors(parsed.error));
  const input = parsed.data;
  const period = input.period ?? (input.from !== undefined || input.to !== undefined ? 'custom' : 'day');
  let from: number;
  let to: number;
  if (period === 'custom') {
    if (input.date !== undefined) fail('date', 'not-used', 'Özel dönemde tarih yerine başlangıç ve bitiş verin.', 'a custom period takes from and to, not date');
    if (input.from === undefined) return fail('from', 'required', 'Özel dönem için başlangıç tarihi gerekli.', 'from is required for a custom period');
    if (input.to === undefined) return fail('to', 'required', 'Özel dönem için bitiş tarihi gerekli.', 'to is required for a custom period');
    from = input.from;
    to = input.to;
    if (to <= from) fail('to', 'before-from', 'Bitiş tarihi başlangıç tarihinden önce olamaz.', 'to must not be before from');
    if (to - from > MAX_CUSTOM_DAYS * DAY_MS + 2 * 3_600_000) fail('to', 'too-long', `Özel dönem en çok ${MAX_CUSTOM_DAYS} gün (iki yıl) olabilir.`, `a custom period is at most ${MAX_CUSTOM_DAYS} days`);
  } else {
    if (input.from !== undefined || input.to !== undefined) fail(input.from !== undefined ? 'from' : 'to', 'not-used', 'Başlangıç ve bitiş yalnız özel dönemde kullanılır; tarih verin.', 'from and to are for period=custom; give date');
    ({ from, to } = calendarPeriod(period, input.date ?? todayInIstanbul(now)));
  }
  if (!inRange(from) || !inRange(to)) fail(input.date !== undefined ? 'date' : 'from', 'out-of-range', `Tarih ${FIRST_YEAR}–${LAST_YEAR} arasında olmalı.`, `dates must lie between ${FIRST_YEAR} and ${LAST_YEAR}`);
  const filters: ReportFilters = { from, to };
  for (const key of ['queue', 'category', 'department', 'district', 'source', 'agent'] as const) {
    const value = input[key];
    if (value !== undefined) Object.assign(filters, { [key]: value });
  }
  return { filters, period, lang: input.lang ?? 'tr' };
}

const istanbulDate = (at: number): string => todayInIstanbul(at);

/** The first and last Istanbul day of the period (the last inclusive), as YYYY-MM-DD. */
export function periodDays(filters: Pick<ReportFilters, 'from' | 'to'>): { first: string; last: string } {
  return { first: istanbulDate(filters.from), last: istanbulDate(filters.to - 1) };
}

/** The period in a file name: `2025`, `2025-03`, `2025-03-15`, `2025-03-10-2025-03-16` (a week or custom). */
export function periodLabel(query: Pick<ReportQuery, 'period' | 'filters'>): string {
  const { first, last } = periodDays(query.filters);
  switch (query.period) {
    case 'year':
      return first.slice(0, 4);
    case 'month':
      return first.slice(0, 7);
    case 'day':
      return first;
    default:
      return first === last ? first : `${first}-${last}`;
  }
}
