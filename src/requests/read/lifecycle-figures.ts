import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../../storage/time.js';
import { backlogSql, inTimeSql, medianSql, type Engine, type Metric } from './figures-sql.js';

/**
 * The request lifecycle's figures per department, per source and in total (SQL: figures-sql.ts):
 * - the backlog NOW: open (not closed, not an abandoned call), due soon (past the due-soon share, deadline not
 *   passed) and overdue (deadline passed) — the last two only where an answer is still owed;
 * - over the period [from, to): the median seconds from forward to accept, from forward to answer, and from
 *   answer to the citizen being told, each over the tickets whose step happened in the period; the share of
 *   tickets answered in the period that were answered by their deadline, and the same share for CİMER's.
 */
export interface FiguresRow {
  open: number;
  dueSoon: number;
  overdue: number;
  accepted: number;
  acceptMedianS: number | null;
  answered: number;
  answerMedianS: number | null;
  informed: number;
  informMedianS: number | null;
  answeredInTime: number;
  /** answeredInTime ÷ answered; null when nothing was answered. */
  inTimeShare: number | null;
  cimer: { answered: number; answeredInTime: number; inTimeShare: number | null };
}

export interface LifecycleFigures {
  byDepartment: (FiguresRow & { department: string | null })[];
  bySource: (FiguresRow & { source: string })[];
  total: FiguresRow;
}

export interface FiguresPeriod {
  from: Date;
  to: Date;
  /** The moment the backlog is counted at. */
  now: Date;
}

const count = z.union([z.number(), z.string(), z.null()]).transform((value) => (value === null ? 0 : Number(value)));
const nullableNumber = z.union([z.number(), z.string(), z.null()]).transform((value) => (value === null ? null : Number(value)));
const group = { g: z.enum(['department', 'source', 'total']), k: z.string().nullable() };
const medianRow = z.object({ ...group, n: count, median: nullableNumber });
const inTimeRow = z.object({ ...group, answered: count, in_time: count, cimer_answered: count, cimer_in_time: count });
const backlogRow = z.object({ ...group, open: count, due_soon: count, overdue: count });

const share = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export const emptyFiguresRow = (): FiguresRow => ({
  open: 0,
  dueSoon: 0,
  overdue: 0,
  accepted: 0,
  acceptMedianS: null,
  answered: 0,
  answerMedianS: null,
  informed: 0,
  informMedianS: null,
  answeredInTime: 0,
  inTimeShare: null,
  cimer: { answered: 0, answeredInTime: 0, inTimeShare: null },
});

async function rows<T extends z.ZodType>(db: Knex, sql: string, bindings: Record<string, string>, schema: T): Promise<z.infer<T>[]> {
  const result: unknown = await db.raw(sql, bindings);
  const list: unknown[] = Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
  return list.map((row) => schema.parse(row) as z.infer<T>);
}

export async function lifecycleFigures(db: Knex, period: FiguresPeriod): Promise<LifecycleFigures> {
  const engine: Engine = db.client.config.client === 'pg' ? 'pg' : 'sqlite';
  const range = { from: toDbTime(period.from), to: toDbTime(period.to) };
  const groups = new Map<string, FiguresRow>();
  const rowFor = (g: string, k: string | null): FiguresRow => {
    const key = `${g}\u0000${k ?? ''}`;
    let row = groups.get(key);
    if (!row) groups.set(key, (row = emptyFiguresRow()));
    return row;
  };
  for (const row of await rows(db, backlogSql(), { now: toDbTime(period.now) }, backlogRow)) {
    Object.assign(rowFor(row.g, row.k), { open: row.open, dueSoon: row.due_soon, overdue: row.overdue });
  }
  const medians: [Metric, 'accepted' | 'answered' | 'informed', 'acceptMedianS' | 'answerMedianS' | 'informMedianS'][] = [
    ['accept', 'accepted', 'acceptMedianS'],
    ['answer', 'answered', 'answerMedianS'],
    ['inform', 'informed', 'informMedianS'],
  ];
  for (const [metric, countField, medianField] of medians) {
    for (const row of await rows(db, medianSql(engine, metric), range, medianRow)) {
      const target = rowFor(row.g, row.k);
      if (metric !== 'answer') target[countField] = row.n;
      target[medianField] = row.n === 0 ? null : row.median;
    }
  }
  for (const row of await rows(db, inTimeSql(), range, inTimeRow)) {
    Object.assign(rowFor(row.g, row.k), {
      answered: row.answered,
      answeredInTime: row.in_time,
      inTimeShare: share(row.in_time, row.answered),
      cimer: { answered: row.cimer_answered, answeredInTime: row.cimer_in_time, inTimeShare: share(row.cimer_in_time, row.cimer_answered) },
    });
  }
  const byDepartment: LifecycleFigures['byDepartment'] = [];
  const bySource: LifecycleFigures['bySource'] = [];
  let total = emptyFiguresRow();
  for (const [key, row] of groups) {
    const [g, k = ''] = key.split('\u0000');
    if (g === 'department') byDepartment.push({ department: k === '' ? null : k, ...row });
    else if (g === 'source') bySource.push({ source: k, ...row });
    else total = row;
  }
  const byKey = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  byDepartment.sort((a, b) => byKey(a.department, b.department));
  bySource.sort((a, b) => byKey(a.source, b.source));
  return { byDepartment, bySource, total };
}
