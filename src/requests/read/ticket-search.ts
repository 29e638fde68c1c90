import type { Knex } from 'knex';
import { z } from 'zod';
import type { PopTicketSummary } from '../../agents/desk-protocol.js';
import { databaseEngine } from '../../storage/database.js';
import { fromDbTime } from '../../storage/time.js';
import { callerNumberVariants } from '../phone-numbers.js';
import { toTicketView } from '../ticket-rows.js';
import type { TicketListQuery, TicketView } from '../ticket-store-type.js';

const SEARCHED_TEXT_COLUMNS = ['caller_name', 'description', 'address', 'neighbourhood'] as const;
const NUMBER_PREFIX = /^153-(\d{4})(?:-(\d{0,6}))?$/;
const SEQ_DIGITS = 6;
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
 * A number prefix becomes a (year, seq) range: the unique (year, seq) index answers it on both engines,
 * while `number LIKE '153-2026-%'` could use no index on PostgreSQL outside the C collation.
 */
function whereNumber(builder: Knex.QueryBuilder, number: string): void {
  const match = NUMBER_PREFIX.exec(number);
  const seqPrefix = match?.[2] ?? '';
  if (!match || seqPrefix.length === SEQ_DIGITS) {
    builder.where('number', number);
    return;
  }
  builder.where('year', Number(match[1]));
  if (seqPrefix === '') return;
  const scale = 10 ** (SEQ_DIGITS - seqPrefix.length);
  const first = Number(seqPrefix) * scale;
  builder.whereBetween('seq', [first, first + scale - 1]);
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
  return db('tickets').modify((builder: Knex.QueryBuilder) => {
    if (query.status) builder.where('status', query.status);
    if (query.department !== undefined) builder.where('department_code', query.department);
    if (query.owner !== undefined) builder.where('owner_user_id', query.owner);
    if (query.number) whereNumber(builder, query.number);
    if (query.phone !== undefined) builder.whereIn('caller_number', callerNumberVariants(query.phone));
    if (query.q) whereText(db, builder, query.q);
  });
}

/** Newest first, with the total of all matches. */
export async function searchTickets(db: Knex, query: TicketListQuery): Promise<{ items: TicketView[]; total: number }> {
  const matching = filtered(db, query);
  const [countRow] = await matching.clone().count({ total: '*' });
  const rows: unknown[] = await matching
    .clone()
    .select('*')
    .orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
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
