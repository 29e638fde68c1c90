import type { Knex } from 'knex';
import { z } from 'zod';
import { rawRows } from '../../calls/call-writes/raw-rows.js';
import { toDbTime } from '../../storage/time.js';
import { databaseEngine } from '../../storage/database.js';
import type { ReportFilters } from '../report-types.js';
import { groupedMedians } from './grouped-medians.js';
import { FINE_KEY_COLUMNS, fineFactsOf, fineId, fineReopenedOf, type FactSums, type FineFacts, type FineKeyColumn, type FineKeys } from './fine-rows.js';
import { factsSql, GROUPINGS, reopenedSql, ticketFilter, type GroupingName, type SqlitePlan, type TicketFilter } from './requests-sql.js';

/** The sums of one group (a topic, a source, …) the report's cells are made of. */
export interface GroupSums extends FactSums {
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

/** A period holding at least this share of the tickets' time span is read along the covering index (requests-sql.ts). */
const GROUPS_PLAN_SHARE = 0.25;
const spanRow = z.object({ oldest: z.string().nullable(), newest: z.string().nullable() });

export async function sqlitePlan(db: Knex, from: number, to: number): Promise<SqlitePlan> {
  // Two subqueries: SQLite answers a lone min() or max() from the index, both in one select by a full scan.
  const [row] = rawRows(await db.raw('select (select min(created_at) from tickets) as oldest, (select max(created_at) from tickets) as newest'));
  const { oldest, newest } = spanRow.parse(row);
  if (oldest === null || newest === null) return 'ranges';
  const [first, last] = [Date.parse(oldest), Date.parse(newest)];
  const overlap = Math.min(to, last) - Math.max(from, first);
  return overlap >= GROUPS_PLAN_SHARE * Math.max(1, last - first) ? 'groups' : 'ranges';
}

/**
 * PostgreSQL sorts the rows for the GROUP BY by default (its estimate of array_agg's state rules the hash out), on
 * the database's collation: 1.1–1.7 s for a year, where the hash aggregate takes 0.6–0.9 s. Only this statement's
 * transaction is changed (set_config(…, true) is SET LOCAL); JIT compiling it costs more than it saves.
 */
async function readPostgresFacts(db: Knex, sql: string, bindings: Record<string, string>) {
  return db.transaction(async (trx) => {
    await trx.raw("select set_config('enable_sort', 'off', true), set_config('work_mem', '64MB', true), set_config('jit', 'off', true)");
    return rawRows(await trx.raw(sql, bindings));
  });
}

const MEDIANS = [
  ['acceptList', 'accepted', 'acceptMedianS'],
  ['answerList', null, 'answerMedianS'],
  ['informList', 'informed', 'informMedianS'],
] as const;

const hasFact = (sums: GroupSums): boolean => sums.opened + sums.answered + sums.accepted + sums.informed + sums.reopened > 0;

interface FineGroup {
  keys: FineKeys;
  facts?: FineFacts;
  reopened: number;
}

/** The fine groups of both statements (a ticket reopened in the period may have no other fact in it). */
function fineGroups(facts: readonly unknown[], reopened: readonly unknown[]): FineGroup[] {
  const fine = new Map<string, FineGroup>();
  for (const row of facts) {
    const parsed = fineFactsOf(row);
    fine.set(fineId(parsed.keys), { keys: parsed.keys, facts: parsed, reopened: 0 });
  }
  for (const row of reopened) {
    const parsed = fineReopenedOf(row);
    const id = fineId(parsed.keys);
    const entry = fine.get(id);
    if (entry) entry.reopened = parsed.reopened;
    else fine.set(id, { keys: parsed.keys, reopened: parsed.reopened });
  }
  return [...fine.values()];
}

interface GroupingIndex {
  groupOf: Int32Array;
  groups: number;
  /** Where this grouping's groups start in the list of every group. */
  first: number;
}

/** Each grouping's groups appended to `groups`, keyed by the key values (a Map tells null from ''). */
function indexGroupings(entries: readonly FineGroup[], groups: Group[]): GroupingIndex[] {
  return GROUPINGS.map((grouping) => {
    const index = new Map<string | null, Map<string | null, number>>();
    const first = groups.length;
    const [at1, at2] = grouping.keys.map((column) => FINE_KEY_COLUMNS.indexOf(column as FineKeyColumn));
    const groupOf = new Int32Array(entries.length);
    entries.forEach(({ keys }, at) => {
      const k1 = at1 === undefined ? null : (keys[at1] ?? null);
      const k2 = at2 === undefined ? null : (keys[at2] ?? null);
      let inner = index.get(k1);
      if (!inner) index.set(k1, (inner = new Map()));
      let group = inner.get(k2);
      if (group === undefined) {
        inner.set(k2, (group = groups.length - first));
        groups.push({ g: grouping.g, k1, k2, sums: emptySums() });
      }
      groupOf[at] = group;
    });
    return { groupOf, groups: groups.length - first, first };
  });
}

/** Every group of every grouping with a fact in the period, in no particular order (two statements). */
export async function requestGroups(db: Knex, filters: ReportFilters, filter: TicketFilter): Promise<Group[]> {
  const engine = databaseEngine(db) === 'postgres' ? 'pg' : 'sqlite';
  const bindings = { ...filter.bindings, from: toDbTime(new Date(filters.from)), to: toDbTime(new Date(filters.to)) };
  const sql = factsSql(engine, filter, engine === 'sqlite' ? await sqlitePlan(db, filters.from, filters.to) : undefined);
  const [facts, reopened] = await Promise.all([
    engine === 'pg' ? readPostgresFacts(db, sql, bindings) : db.raw(sql, bindings).then(rawRows),
    db.raw(reopenedSql(filter), bindings).then(rawRows),
  ]);
  const entries = fineGroups(facts, reopened);
  const groups: Group[] = [];
  const groupings = indexGroupings(entries, groups);
  for (const { groupOf, first } of groupings) {
    entries.forEach(({ facts: fact, reopened: reopenedCount }, at) => {
      const sums = groups[first + (groupOf[at] ?? 0)]?.sums;
      if (!sums) return;
      sums.reopened += reopenedCount;
      if (!fact) return;
      sums.opened += fact.opened;
      sums.surveyN += fact.surveyN;
      sums.surveySum += fact.surveySum;
      sums.answered += fact.answered;
      sums.withDeadline += fact.withDeadline;
      sums.inTime += fact.inTime;
    });
  }
  for (const [list, countField, medianField] of MEDIANS) {
    const medians = groupedMedians(entries.map(({ facts: fact }) => fact?.[list] ?? null), groupings);
    groupings.forEach(({ first }, grouping) => {
      medians[grouping]?.n.forEach((n, at) => {
        const sums = groups[first + at]?.sums;
        if (!sums || n === 0) return;
        sums[medianField] = medians[grouping]?.median[at] ?? null;
        if (countField) sums[countField] = n;
      });
    });
  }
  return groups.filter((group) => hasFact(group.sums));
}
