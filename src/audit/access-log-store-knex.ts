import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime, toDbTime } from '../storage/time.js';
import { ACCESS_KINDS, type AccessDetail, type AccessRecord } from './access-log.js';
import type { AccessLogPage, AccessLogQuery, AccessLogStore } from './access-log-store.js';

// Far below SQLite's 32766 bound variables per statement (3 per ticket row), and a page of tickets is 100.
const TICKET_ROWS_PER_INSERT = 2000;

const storedRow = z.object({
  id: z.string(),
  at: z.string(),
  user_id: z.coerce.number(),
  username: z.string(),
  kind: z.enum(ACCESS_KINDS),
  address: z.string().nullable(),
  detail: z.string().nullable(),
});
const detailSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));
const ticketRow = z.object({ access_id: z.string(), ticket_number: z.string() });

/** The access log in the tickets database. It offers no update and no delete; the triggers refuse them anyway. */
export class KnexAccessLogStore implements AccessLogStore {
  constructor(private readonly db: Knex) {}

  async append(records: readonly AccessRecord[]): Promise<void> {
    if (records.length === 0) return;
    const entries = records.map((record) => ({
      id: record.id,
      at: toDbTime(record.at),
      user_id: record.user.userId,
      username: record.user.username,
      kind: record.kind,
      address: record.address,
      ticket_count: record.tickets.length,
      detail: record.detail ? JSON.stringify(record.detail) : null,
    }));
    const tickets = records.flatMap((record) => record.tickets.map((number, position) => ({ access_id: record.id, ticket_number: number, position })));
    await this.db.transaction(async (trx) => {
      await trx('access_log').insert(entries).onConflict('id').ignore();
      for (let start = 0; start < tickets.length; start += TICKET_ROWS_PER_INSERT) {
        await trx('access_log_tickets').insert(tickets.slice(start, start + TICKET_ROWS_PER_INSERT)).onConflict(['access_id', 'ticket_number']).ignore();
      }
    });
  }

  async list(query: AccessLogQuery): Promise<AccessLogPage> {
    const filtered = (): Knex.QueryBuilder => {
      const builder = this.db('access_log');
      if (query.from) builder.where('at', '>=', toDbTime(query.from));
      if (query.to) builder.where('at', '<', toDbTime(query.to));
      if (query.userId !== undefined) builder.where('user_id', query.userId);
      if (query.username !== undefined) builder.where('username', query.username);
      if (query.kind !== undefined) builder.where('kind', query.kind);
      if (query.ticket !== undefined) {
        builder.whereIn('id', this.db('access_log_tickets').select('access_id').where('ticket_number', query.ticket));
      }
      return builder;
    };
    const [counted] = (await filtered().count({ total: '*' })) as Array<{ total: number | string }>;
    const rows = z.array(storedRow).parse(
      await filtered().select('id', 'at', 'user_id', 'username', 'kind', 'address', 'detail').orderBy([
        { column: 'at', order: 'desc' },
        { column: 'seq', order: 'desc' },
      ]).limit(query.limit).offset(query.offset),
    );
    const ticketsOf = new Map<string, string[]>();
    if (rows.length > 0) {
      const shown = z.array(ticketRow).parse(
        await this.db('access_log_tickets').select('access_id', 'ticket_number').whereIn('access_id', rows.map((row) => row.id)).orderBy(['access_id', 'position']),
      );
      for (const ticket of shown) {
        const numbers = ticketsOf.get(ticket.access_id) ?? [];
        numbers.push(ticket.ticket_number);
        ticketsOf.set(ticket.access_id, numbers);
      }
    }
    return {
      total: Number(counted?.total ?? 0),
      items: rows.map((row) => ({
        id: row.id,
        at: fromDbTime(row.at),
        user: { userId: row.user_id, username: row.username },
        kind: row.kind,
        tickets: ticketsOf.get(row.id) ?? [],
        address: row.address,
        ...(row.detail === null ? {} : { detail: detailSchema.parse(JSON.parse(row.detail)) as AccessDetail }),
      })),
    };
  }
}
