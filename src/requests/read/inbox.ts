import type { Knex } from 'knex';
import { z } from 'zod';
import { databaseEngine } from '../../storage/database.js';
import { DEPARTMENT_STATUSES } from '../request-states.js';
import { toTicketView } from '../ticket-rows.js';
import { toInboxItem, type InboxItem } from './inbox-item.js';
import { escapeLike } from './ticket-search.js';

/**
 * A department's inbox: its forwarded and accepted items, the nearest deadline first (due_at ascending,
 * items without one last, then id), a page at a time by keyset (the cursor is the last row's due_at and id),
 * so page 2000 of a large inbox costs what page 1 does. Every query carries the partial index's own predicate
 * (`status in ('forwarded', 'in_progress')`, written out: a bound parameter would hide it from SQLite's
 * planner) and `department_code = ?`, so tickets_inbox_idx (department_code, due_at, id) answers it on both
 * engines in index order. Items without a deadline are a second, separate read: SQLite sorts NULLs first,
 * PostgreSQL last, and `ORDER BY due_at IS NULL` would make both sort instead of walking the index.
 */

export const INBOX_PAGE_SIZE = 50;
export type InboxState = 'forwarded' | 'in_progress';

export interface InboxCursor {
  dueAt: string | null;
  id: number;
}

export interface InboxQuery {
  department: string;
  state?: InboxState;
  /** A ticket number in any short form (`26`, `2026-26`, `153-2026-000026`), else text in the description or place. */
  q?: string;
  after?: InboxCursor;
  limit?: number;
}

export interface InboxPage {
  items: InboxItem[];
  /** Items matching the filters (all pages). */
  total: number;
  /** Pass as `cursor` for the next page; null on the last. */
  nextCursor: string | null;
  now: string;
}

const STATUS_PREDICATE = `status in (${DEPARTMENT_STATUSES.map((status) => `'${status}'`).join(', ')})`;
const TEXT_COLUMNS = ['description', 'district', 'neighbourhood'] as const;
const NUMBER_FORMS = /^(?:(?:153-)?(\d{4})-)?0*(\d{1,7})$/;

/** `26` → seq 26 of any year; `2026-26`, `153-2026-26`, `153-2026-000026` → that year's 26. Undefined: not a number. */
export function parseShortNumber(q: string): { year?: number; seq: number } | undefined {
  const match = NUMBER_FORMS.exec(q.trim());
  if (!match?.[2]) return undefined;
  const seq = Number(match[2]);
  if (seq < 1) return undefined;
  return match[1] === undefined ? { seq } : { year: Number(match[1]), seq };
}

const cursorSchema = z.strictObject({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/).nullable(), i: z.number().int().min(1) });

export function encodeCursor(cursor: InboxCursor): string {
  return Buffer.from(JSON.stringify({ d: cursor.dueAt, i: cursor.id })).toString('base64url');
}

/** Undefined for anything that is not a cursor this server made (the route answers 400). */
export function decodeCursor(text: string): InboxCursor | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { dueAt: parsed.data.d, id: parsed.data.i } : undefined;
  } catch {
    return undefined;
  }
}

const rowKey = z.object({ id: z.coerce.number().int(), due_at: z.string().nullable() });
const countRow = z.object({ total: z.coerce.number().int() });

/** The inbox's rows for `query`, without ordering or paging (shared by the count and both reads). */
export function inboxFilter(db: Knex, query: InboxQuery): Knex.QueryBuilder {
  return db('tickets')
    .where('department_code', query.department)
    .whereRaw(STATUS_PREDICATE)
    .modify((builder: Knex.QueryBuilder) => {
      if (query.state) builder.where('status', query.state);
      const q = query.q?.trim();
      if (!q) return;
      const number = parseShortNumber(q);
      if (number) {
        builder.where('seq', number.seq);
        if (number.year !== undefined) builder.where('year', number.year);
        return;
      }
      const operator = databaseEngine(db) === 'postgres' ? 'ilike' : 'like';
      const pattern = `%${escapeLike(q)}%`;
      builder.where((any) => {
        for (const column of TEXT_COLUMNS) any.orWhereRaw(`?? ${operator} ? escape ?`, [column, pattern, '\\']);
      });
    });
}

/** The rows with a deadline after the cursor, in index order. */
export function dueRows(db: Knex, query: InboxQuery, limit: number): Knex.QueryBuilder {
  return inboxFilter(db, query)
    .whereNotNull('due_at')
    .modify((builder: Knex.QueryBuilder) => {
      const after = query.after;
      if (after?.dueAt) builder.whereRaw('(due_at, id) > (?, ?)', [after.dueAt, after.id]);
    })
    .orderBy([
      { column: 'due_at', order: 'asc' },
      { column: 'id', order: 'asc' },
    ])
    .limit(limit)
    .select('*');
}

/** The rows without a deadline (after those with one), by id. */
export function undatedRows(db: Knex, query: InboxQuery, limit: number): Knex.QueryBuilder {
  return inboxFilter(db, query)
    .whereNull('due_at')
    .modify((builder: Knex.QueryBuilder) => {
      if (query.after && query.after.dueAt === null) builder.where('id', '>', query.after.id);
    })
    .orderBy('id', 'asc')
    .limit(limit)
    .select('*');
}

export async function readInbox(db: Knex, query: InboxQuery, now: Date = new Date()): Promise<InboxPage> {
  const limit = query.limit ?? INBOX_PAGE_SIZE;
  // One row more than the page tells whether another page follows.
  const wanted = limit + 1;
  const rows: unknown[] = query.after?.dueAt === null ? [] : await dueRows(db, query, wanted);
  if (rows.length < wanted) rows.push(...((await undatedRows(db, query, wanted - rows.length)) as unknown[]));
  const [counted] = await inboxFilter(db, query).count({ total: '*' });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const key = rows.length > limit && last !== undefined ? rowKey.parse(last) : undefined;
  return {
    items: page.map((row) => toInboxItem(toTicketView(row), now)),
    total: countRow.parse(counted).total,
    nextCursor: key ? encodeCursor({ dueAt: key.due_at, id: key.id }) : null,
    now: now.toISOString(),
  };
}
