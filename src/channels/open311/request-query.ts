import { Open311Error } from './format.js';
import { MAX_RESULTS, MAX_WINDOW_DAYS, type RequestQuery } from './request-reader.js';
import { parseW3cDatetime } from './w3c-time.js';

/** GET requests' query as express's simple parser gives it: a string, or a list for a repeated name. */
export type QueryInput = Record<string, unknown>;

const DAY_MS = 86_400_000;
const WINDOW_MS = MAX_WINDOW_DAYS * DAY_MS;
const STATUSES = ['open', 'closed'] as const;

function single(query: QueryInput, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new Open311Error(400, `${name}: give it once (a comma-separated list where the spec allows one)`);
  return value;
}

function list(query: QueryInput, name: string): string[] | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const items = value.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0) throw new Open311Error(400, `${name}: empty`);
  if (items.length > MAX_RESULTS) throw new Open311Error(400, `${name}: at most ${MAX_RESULTS} values`);
  return items;
}

function date(query: QueryInput, name: string): Date | undefined {
  const value = single(query, name);
  if (value === undefined) return undefined;
  const parsed = parseW3cDatetime(value);
  if (!parsed) throw new Open311Error(400, `${name}: a W3C datetime with a time zone, e.g. 2026-12-03T10:00:00+03:00`);
  return parsed;
}

/**
 * The spec's filters: service_request_id (a list; the others are then ignored), service_code (a list),
 * status (open, closed or both), start_date and end_date. Without dates the window is the last 90 days; with
 * one of them it is the 90 days after the start or before the end; with both, it may not span more than 90 days.
 */
export function parseRequestQuery(query: QueryInput, now: Date): RequestQuery {
  const ids = list(query, 'service_request_id');
  if (ids) return { ids, start: now, end: now };
  const serviceCodes = list(query, 'service_code');
  const statusList = list(query, 'status');
  const statuses = statusList?.map((status) => {
    const known = STATUSES.find((s) => s === status);
    if (!known) throw new Open311Error(400, 'status: open, closed, or both comma-separated');
    return known;
  });
  const start = date(query, 'start_date');
  const end = date(query, 'end_date');
  let window: { start: Date; end: Date };
  if (start && end) window = { start, end };
  else if (start) window = { start, end: new Date(start.getTime() + WINDOW_MS) };
  else if (end) window = { start: new Date(end.getTime() - WINDOW_MS), end };
  else window = { start: new Date(now.getTime() - WINDOW_MS), end: now };
  if (window.start.getTime() > window.end.getTime()) throw new Open311Error(400, 'start_date: must not be after end_date');
  if (window.end.getTime() - window.start.getTime() > WINDOW_MS) throw new Open311Error(400, `start_date and end_date: may not span more than ${MAX_WINDOW_DAYS} days`);
  return { serviceCodes, statuses, ...window };
}
