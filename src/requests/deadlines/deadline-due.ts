import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime, toDbTime } from '../../storage/time.js';
import { DEADLINE_STATUSES, type DeadlineMarkKind } from '../request-states.js';

/**
 * What the deadline clock looks for, as indexed range queries. Each kind reads one partial index of
 * migrations/20261203_0007_figures.ts that holds only the tickets still owed that notification, so a run costs
 * what is due, not the table. The index predicates are written out here and there the same way: SQLite uses a
 * partial index only when the query repeats its WHERE terms (literals, not bound parameters).
 */

const literalList = (values: readonly string[]): string =>
  values
    .map((value) => {
      if (!/^[a-z_]+$/.test(value)) throw new Error(`not a status literal: ${value}`);
      return `'${value}'`;
    })
    .join(', ');

interface DueKind {
  /** The time column that, once passed, makes the notification due. */
  at: 'due_soon_at' | 'due_at' | 'ack_due_at';
  /** The partial index's predicate, repeated verbatim by the query. */
  predicate: string;
  index: string;
}

export const DUE_KINDS: Readonly<Record<DeadlineMarkKind, DueKind>> = {
  'due-soon': {
    at: 'due_soon_at',
    predicate: `status in (${literalList(DEADLINE_STATUSES)}) and due_soon_notified_at is null`,
    index: 'tickets_clock_due_soon_idx',
  },
  overdue: {
    at: 'due_at',
    predicate: `status in (${literalList(DEADLINE_STATUSES)}) and overdue_notified_at is null`,
    index: 'tickets_clock_overdue_idx',
  },
  'ack-overdue': {
    at: 'ack_due_at',
    predicate: `status = 'forwarded' and ack_overdue_notified_at is null`,
    index: 'tickets_clock_ack_idx',
  },
};

/** One ticket whose notification is due. `deadline`: due_at, or ack_due_at for a missed acknowledgement. */
export interface DueTicket {
  id: number;
  number: string;
  department: string | null;
  /** When the notification became due (due_soon_at, due_at or ack_due_at): the batch cursor. */
  passedAt: Date;
  deadline: Date;
  version: number;
}

/** Where the previous batch stopped: the next starts strictly after (passedAt, id). */
export interface DueCursor {
  passedAt: Date;
  id: number;
}

const rowSchema = z.object({
  id: z.coerce.number().int(),
  number: z.string(),
  department_code: z.string().nullable(),
  passed_at: z.string(),
  deadline: z.string().nullable(),
  version: z.coerce.number().int(),
});

/** The query and its bindings (also for EXPLAIN in tests). */
export function dueQuery(kind: DeadlineMarkKind, now: Date, after: DueCursor | null, limit: number, engine: 'pg' | 'sqlite'): { sql: string; bindings: (string | number)[] } {
  const { at, predicate, index } = DUE_KINDS[kind];
  // SQLite without statistics (no ANALYZE yet) prefers the status index and sorts; INDEXED BY pins the partial
  // index, and fails loudly should its predicate and this query's ever drift apart.
  const table = engine === 'sqlite' ? `tickets indexed by ${index}` : 'tickets';
  const deadline = kind === 'ack-overdue' ? 'ack_due_at' : 'due_at';
  const bindings: (string | number)[] = [toDbTime(now)];
  let cursor = '';
  if (after) {
    const from = toDbTime(after.passedAt);
    cursor = ` and (${at} > ? or (${at} = ? and id > ?))`;
    bindings.push(from, from, after.id);
  }
  bindings.push(limit);
  return {
    sql:
      `select id, number, department_code, ${at} as passed_at, ${deadline} as deadline, version from ${table} ` +
      `where ${predicate} and ${at} <= ?${cursor} order by ${at}, id limit ?`,
    bindings,
  };
}

/** A batch of tickets whose `kind` notification is due at `now`, oldest first. */
export async function dueTickets(db: Knex, kind: DeadlineMarkKind, now: Date, after: DueCursor | null, limit: number): Promise<DueTicket[]> {
  const { sql, bindings } = dueQuery(kind, now, after, limit, db.client.config.client === 'pg' ? 'pg' : 'sqlite');
  const result: unknown = await db.raw(sql, bindings);
  const rows: unknown[] = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return rows.map((raw) => {
    const row = rowSchema.parse(raw);
    const passedAt = fromDbTime(row.passed_at);
    return { id: row.id, number: row.number, department: row.department_code, passedAt, deadline: row.deadline ? fromDbTime(row.deadline) : passedAt, version: row.version };
  });
}
