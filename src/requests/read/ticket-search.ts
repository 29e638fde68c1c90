import type { Knex } from 'knex';
import { z } from 'zod';
import type { TicketSummary as PopTicketSummary } from './ticket-summary.js';
import { databaseEngine } from '../../storage/database.js';
import { fromDbTime, toDbTime } from '../../storage/time.js';
import { callerNumberVariants } from '../phone-numbers.js';
import { toTicketView } from '../ticket-rows.js';
import type { TicketListQuery, TicketView } from '../ticket-store-type.js';
import { parseTicketNumberQuery } from './ticket-number-query.js';

const SEARCHED_TEXT_COLUMNS = ['caller_name', 'description', 'address', 'neighbourhood'] as const;
export const MAX_HISTORY = 100;

const countSchema = z.object({ total: z.coerce.number().int() });
const popRowSchema = z.object({
  number: z.string(),
  status: z.string(),
  category_code: z.string().nullable(),
  department_code: z.string().nullable(),
  description: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

/** `\` first, so the escapes added for `%` and `_` are not escaped again. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/**
 * Any form of a ticket number (ticket-number-query.ts) becomes a (year, seq) range: the unique (year, seq) index
 * answers it on both engines, while `number LIKE '153-2026-%'` could use no index on PostgreSQL outside the C collation.
 * A text no form matches finds nothing (the route refuses it before).
 */
function whereNumber(builder: Knex.QueryBuilder, number: string, now: Date): void {
  const range = parseTicketNumberQuery(number, now);
  if (!range) {
    builder.whereRaw('1 = 0');
    return;
  }
  builder.where('year', range.year);
  const [only, ...more] = range.ranges;
  if (only && more.length === 0 && only.first === only.last) {
    builder.where('seq', only.first);
    return;
  }
  builder.where((inner) => {
    for (const { first, last } of range.ranges) inner.orWhereBetween('seq', [first, last]);
  });
}

/**
 * Overdue: the deadline passed and the item is not closed; due soon: past lifecycle.dueSoonRatio of it, deadline
 * still ahead. Both are ranges on the partial index tickets_open_due_idx (due_at, id) WHERE status <> 'closed'.
 */
function whereDeadline(builder: Knex.QueryBuilder, query: TicketListQuery, now: string): void {
  if (!query.overdue && !query.dueSoon) return;
  // Written out, not bound: a parameter would hide the partial index's predicate from SQLite's planner.
  builder.whereRaw("status <> 'closed'");
  if (query.overdue) builder.where('due_at', '<', now);
  if (query.dueSoon) builder.where('due_at', '>', now).where('due_soon_at', '<=', now);
}

function whereText(db: Knex, builder: Knex.QueryBuilder, text: string): void {
  // SQLite's LIKE already ignores ASCII case (not Turkish İ/ı, Ç, Ö …); PostgreSQL needs ILIKE.
  const operator = databaseEngine(db) === 'postgres' ? 'ilike' : 'like';
  const pattern = `%${escapeLike(text)}%`;
  builder.where((anyColumn) => {
    for (const column of SEARCHED_TEXT_COLUMNS) anyColumn.orWhereRaw(`?? ${operator} ? escape ?`, [column, pattern, '\\']);
  });
}

function filtered(db: Knex, query: TicketListQuery): Knex.QueryBuilder {
  const now = query.now ?? new Date();
  return db('tickets').modify((builder: Knex.QueryBuilder) => {
    whereDeadline(builder, query, toDbTime(now));
    if (query.status) builder.where('status', query.status);
    if (query.department !== undefined) builder.where('department_code', query.department);
    if (query.owner !== undefined) builder.where('owner_user_id', query.owner);
    if (query.source) builder.where('source', query.source);
    if (query.number) whereNumber(builder, query.number, now);
    if (query.phone !== undefined) builder.whereIn('caller_number', callerNumberVariants(query.phone));
    if (query.q) whereText(db, builder, query.q);
  });
}

/** Newest first (by deadline, oldest first, when filtered for overdue or due soon: the index's order), with the total of all matches. */
export async function searchTickets(db: Knex, query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
  const matching = filtered(db, query);
  const [countRow] = await matching.clone().count({ total: '*' });
  const byDeadline = query.overdue === true || query.dueSoon === true;
  const rows: unknown[] = await matching
    .clone()
    .select('*')
    .orderBy(
      byDeadline
        ? [
            { column: 'due_at', order: 'asc' },
            { column: 'id', order: 'asc' },
          ]
        : [
            { column: 'created_at', order: 'desc' },
            { column: 'id', order: 'desc' },
          ],
    )
    .limit(query.limit)
    .offset(query.offset);
  return { items: rows.map(toTicketView), total: countSchema.parse(countRow).total };
}

/** The screen pop's look-up: an IN list on the caller_number index (no function on the column), newest first. */
export function historyQuery(db: Knex, variants: string[], excludeNumber: string | null, limit: number): Knex.QueryBuilder {
  return db('tickets')
    .whereIn('caller_number', variants)
    .modify((builder: Knex.QueryBuilder) => {
      if (excludeNumber !== null) builder.whereNot('number', excludeNumber);
    })
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .limit(Math.min(limit, MAX_HISTORY))
    .select('number', 'status', 'category_code', 'department_code', 'description', 'created_at', 'updated_at');
}

export async function ticketHistory(db: Knex, phone: string, excludeNumber: string | null, limit: number): Promise<PopTicketSummary[]> {
  const variants = callerNumberVariants(phone);
  if (variants.length === 0 || limit < 1) return [];
  const rows: unknown[] = await historyQuery(db, variants, excludeNumber, limit);
  return rows.map((row) => {
    const ticket = popRowSchema.parse(row);
    return {
      number: ticket.number,
      status: ticket.status,
      categoryCode: ticket.category_code,
      departmentCode: ticket.department_code,
      description: ticket.description,
      createdAt: fromDbTime(ticket.created_at).toISOString(),
      updatedAt: fromDbTime(ticket.updated_at).toISOString(),
    };
  });
}
