import type { Knex } from 'knex';
import { z } from 'zod';
import { databaseEngine } from '../../storage/database.js';

export interface AbandonedCaller {
  /** The latest abandoned call of that caller on that day (its ticket and path are the freshest). */
  callId: string;
  ticketNumber: string | null;
  callerNumber: string;
  queue: string | null;
  /** Europe/Istanbul calendar day, YYYY-MM-DD. */
  day: string;
  firstAbandonedAt: string;
  lastAbandonedAt: string;
  abandonedCalls: number;
}

const rowSchema = z.object({
  call_id: z.string(),
  ticket_number: z.string().nullable(),
  caller_number: z.string(),
  queue: z.string().nullable(),
  day: z.string(),
  first_at: z.string(),
  last_at: z.string(),
  n: z.coerce.number().int(),
});

/**
 * The Istanbul day of a stored UTC ISO time. Turkey has kept UTC+3 all year since 2016, so SQLite's fixed
 * offset and PostgreSQL's zone agree; the expression only runs on rows the (outcome, started_at) index found.
 */
function istanbulDay(db: Knex, column: string): string {
  return databaseEngine(db) === 'postgres' ? `to_char((${column})::timestamptz at time zone 'Europe/Istanbul', 'YYYY-MM-DD')` : `strftime('%Y-%m-%d', ${column}, '+3 hours')`;
}

/**
 * Callers who gave up: hung up waiting in a queue, or in the IVR after choosing a queue, within the lookback.
 * One row per caller number per Istanbul day, oldest first; a number drops off once a later call of it was
 * answered by an agent or a callback to it was answered.
 */
export class KnexAbandonedCallers {
  constructor(private readonly db: Knex) {}

  async list(options: { now: Date; lookbackDays: number; limit?: number }): Promise<AbandonedCaller[]> {
    const since = new Date(options.now.getTime() - options.lookbackDays * 86_400_000).toISOString();
    const day = istanbulDay(this.db, 'c.started_at');
    const sql = `
      with abandoned as (
        select c.id, c.caller_number, c.started_at, c.queue, c.ticket_id, ${day} as day
        from calls c
        where c.started_at >= ? and c.caller_number is not null and c.caller_number <> ''
          and (c.outcome = 'abandoned-in-queue' or (c.outcome = 'abandoned-in-ivr' and c.queue is not null))
      ), days as (
        select caller_number, day, min(started_at) as first_at, max(started_at) as last_at, count(*) as n
        from abandoned group by caller_number, day
      )
      select a.id as call_id, t.number as ticket_number, d.caller_number, a.queue, d.day, d.first_at, d.last_at, d.n
      from days d
      join abandoned a on a.caller_number = d.caller_number and a.day = d.day and a.started_at = d.last_at
      left join tickets t on t.id = a.ticket_id
      where not exists (
          select 1 from calls later
          where later.caller_number = d.caller_number and later.started_at > d.last_at and later.outcome = 'answered')
        and not exists (
          select 1 from callback_attempts cb
          where cb.outcome = 'answered' and cb.started_at > d.last_at
            and (cb.citizen_number = d.caller_number or cb.call_id in (select x.id from abandoned x where x.caller_number = d.caller_number)))
      order by d.first_at, d.caller_number
      limit ?`;
    const result: unknown = await this.db.raw(sql, [since, options.limit ?? 500]);
    const rows: unknown[] = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
    const seen = new Set<string>();
    const callers: AbandonedCaller[] = [];
    for (const raw of rows) {
      const row = rowSchema.parse(raw);
      // Two abandoned calls in the same millisecond would both match last_at: one row per caller and day.
      const key = `${row.caller_number}|${row.day}`;
      if (seen.has(key)) continue;
      seen.add(key);
      callers.push({ callId: row.call_id, ticketNumber: row.ticket_number, callerNumber: row.caller_number, queue: row.queue, day: row.day, firstAbandonedAt: row.first_at, lastAbandonedAt: row.last_at, abandonedCalls: row.n });
    }
    return callers;
  }
}
