import type { Knex } from 'knex';
import { z } from 'zod';
import { rawRows } from '../../calls/call-writes/raw-rows.js';
import { toDbTime } from '../../storage/time.js';
import { databaseEngine } from '../../storage/database.js';
import type { Metric } from '../../requests/read/figures-sql.js';
import type { ReportFilters } from '../report-types.js';
import { answeredSql, openedSql, reopenedSql, reportMedianSql, ticketFilter, type GroupingName, type TicketFilter } from './requests-sql.js';

/** The sums of one group (a topic, a source, …) the report's cells are made of. */
export interface GroupSums {
  opened: number;
  surveyN: number;
  surveySum: number;
  answered: number;
  withDeadline: number;
  inTime: number;
  accepted: number;
  acceptMedianS: number | null;
  answerMedianS: number | null;
  informed: number;
  informMedianS: number | null;
  reopened: number;
}

export interface Group {
  g: GroupingName;
  k1: string | null;
  k2: string | null;
  sums: GroupSums;
}

export const emptySums = (): GroupSums => ({
  opened: 0, surveyN: 0, surveySum: 0, answered: 0, withDeadline: 0, inTime: 0,
  accepted: 0, acceptMedianS: null, answerMedianS: null, informed: 0, informMedianS: null, reopened: 0,
});

const count = z.union([z.number(), z.string(), z.null()]).transform((value) => (value === null ? 0 : Number(value)));
const nullableNumber = z.union([z.number(), z.string(), z.null()]).transform((value) => (value === null ? null : Number(value)));
const key = {
  g: z.enum(['topic', 'source', 'district', 'neighbourhood', 'department', 'total']),
  k1: z.string().nullable(),
  k2: z.string().nullable(),
};
const openedRow = z.object({ ...key, opened: count, survey_n: count, survey_sum: count });
const answeredRow = z.object({ ...key, answered: count, with_deadline: count, in_time: count });
const medianRow = z.object({ ...key, n: count, median: nullableNumber });
const reopenedRow = z.object({ ...key, reopened: count });

/** The category and all its descendants (the catalogue is small: one recursive read). */
export async function categoryWithDescendants(db: Knex, code: string): Promise<string[]> {
  const result: unknown = await db.raw(
    'with recursive d(code) as (select cast(? as varchar(40)) union select c.code from categories c join d on c.parent_code = d.code) select code from d',
    [code],
  );
  return rawRows(result).map((row) => z.object({ code: z.string() }).parse(row).code);
}

/** The ticket filters of a report's filters (queue and agent do not apply to tickets). */
export async function ticketFilterOf(db: Knex, filters: ReportFilters): Promise<TicketFilter> {
  return ticketFilter({
    ...(filters.category !== undefined ? { categories: await categoryWithDescendants(db, filters.category) } : {}),
    ...(filters.department !== undefined ? { department: filters.department } : {}),
    ...(filters.district !== undefined ? { district: filters.district } : {}),
    ...(filters.source !== undefined ? { source: filters.source } : {}),
  });
}

async function read<T extends z.ZodType>(db: Knex, sql: string, bindings: Record<string, string>, schema: T): Promise<z.infer<T>[]> {
  return rawRows(await db.raw(sql, bindings)).map((row) => schema.parse(row) as z.infer<T>);
}

/** Each median and the count it is taken over (the answered count comes from answeredSql: every answer, not only timed ones). */
const MEDIANS: readonly [Metric, 'accepted' | 'informed' | null, 'acceptMedianS' | 'answerMedianS' | 'informMedianS'][] = [
  ['accept', 'accepted', 'acceptMedianS'],
  ['answer', null, 'answerMedianS'],
  ['inform', 'informed', 'informMedianS'],
];

/** Every group of every grouping with a fact in the period, in no particular order (six statements). */
export async function requestGroups(db: Knex, filters: ReportFilters, filter: TicketFilter): Promise<Group[]> {
  const engine = databaseEngine(db) === 'postgres' ? 'pg' : 'sqlite';
  const bindings = { ...filter.bindings, from: toDbTime(new Date(filters.from)), to: toDbTime(new Date(filters.to)) };
  const groups = new Map<string, Group>();
  const sumsOf = (row: { g: GroupingName; k1: string | null; k2: string | null }): GroupSums => {
    const id = JSON.stringify([row.g, row.k1, row.k2]);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { g: row.g, k1: row.k1, k2: row.k2, sums: emptySums() }));
    return group.sums;
  };
  const [opened, answered, reopened, ...medians] = await Promise.all([
    read(db, openedSql(filter), bindings, openedRow),
    read(db, answeredSql(filter), bindings, answeredRow),
    read(db, reopenedSql(filter), bindings, reopenedRow),
    ...MEDIANS.map(([metric]) => read(db, reportMedianSql(engine, metric, filter), bindings, medianRow)),
  ]);
  // PostgreSQL gives the total a row even over no tickets (an aggregate without GROUP BY): a zero changes nothing.
  for (const row of opened) if (row.opened > 0) Object.assign(sumsOf(row), { opened: row.opened, surveyN: row.survey_n, surveySum: row.survey_sum });
  for (const row of answered) if (row.answered > 0) Object.assign(sumsOf(row), { answered: row.answered, withDeadline: row.with_deadline, inTime: row.in_time });
  for (const row of reopened) if (row.reopened > 0) sumsOf(row).reopened = row.reopened;
  MEDIANS.forEach(([, countField, medianField], index) => {
    for (const row of medians[index] ?? []) {
      if (row.n === 0) continue;
      const sums = sumsOf(row);
      sums[medianField] = row.median;
      if (countField) sums[countField] = row.n;
    }
  });
  return [...groups.values()];
}
