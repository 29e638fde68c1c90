import type { Knex } from 'knex';
import { z } from 'zod';
import type { Catalogue } from '../../requests/catalogue/catalogue.js';
import { toTicketView } from '../../requests/ticket-rows.js';
import type { TicketView } from '../../requests/ticket-store-type.js';
import { toDbTime } from '../../storage/time.js';
import type { Open311Value } from './format.js';
import type { ReadScope } from './read-access.js';
import { catalogueNames } from './services.js';
import { formatW3cDatetime, formatW3cOrNull } from './w3c-time.js';

/** The spec's limits for GET requests: a 90-day window by default and at most, 1000 requests an answer. */
export const MAX_WINDOW_DAYS = 90;
export const MAX_RESULTS = 1000;

export interface RequestQuery {
  /** When given, every other filter is ignored (the spec's rule). */
  ids?: string[];
  serviceCodes?: string[];
  statuses?: ('open' | 'closed')[];
  start: Date;
  end: Date;
}

const extraSchema = z.object({ token: z.string(), media_url: z.string().nullable(), address_id: z.string().nullable() });

interface Open311Row {
  ticket: TicketView;
  token: string;
  mediaUrl: string | null;
  addressId: string | null;
}

/**
 * Reads the requests that came in over Open311 (source open311), never the hotline's other tickets, and
 * shows of each only what the spec describes: no caller name, number or e-mail. status_notes is what the
 * citizen was told: the department's answer once relayed (informed) or the request is closed, or the desk's
 * resolution of one resolved at once; never a note, a question or an unrelayed answer. A key's scope limits
 * every read to the requests that key sent: another key's request is "not found", never "forbidden".
 */
export class Open311RequestReader {
  constructor(
    private readonly db: Knex,
    private readonly catalogue: () => Promise<Catalogue>,
    private readonly serviceNotice: string,
  ) {}

  async list(query: RequestQuery, scope: ReadScope): Promise<Open311Value[]> {
    const select = this.base(scope);
    if (query.ids) select.whereIn('t.number', query.ids);
    else {
      select.where('t.created_at', '>=', toDbTime(query.start)).where('t.created_at', '<=', toDbTime(query.end));
      if (query.serviceCodes) select.whereIn('t.category_code', query.serviceCodes);
      const statuses = new Set(query.statuses ?? []);
      if (statuses.has('open') && !statuses.has('closed')) select.whereNot('t.status', 'closed');
      if (statuses.has('closed') && !statuses.has('open')) select.where('t.status', 'closed');
    }
    const rows = (await select.orderBy('t.created_at', 'desc').orderBy('t.id', 'desc').limit(MAX_RESULTS)) as unknown[];
    return this.present(rows.map(toRow));
  }

  async one(number: string, scope: ReadScope): Promise<Open311Value | undefined> {
    const row: unknown = await this.base(scope).where('t.number', number).first();
    return row ? (await this.present([toRow(row)]))[0] : undefined;
  }

  async byToken(token: string, scope: ReadScope): Promise<Open311Value | undefined> {
    const row = (await this.scoped(this.db('open311_requests as o').join('tickets as t', 't.id', 'o.ticket_id').where('o.token', token), scope).first('t.number', 'o.token')) as
      | { number: string; token: string }
      | undefined;
    return row ? { service_request_id: row.number, token: row.token } : undefined;
  }

  private base(scope: ReadScope): Knex.QueryBuilder {
    const select = this.db('open311_requests as o').join('tickets as t', 't.id', 'o.ticket_id').where('t.source', 'open311').select('t.*', 'o.token', 'o.media_url', 'o.address_id');
    return this.scoped(select, scope);
  }

  private scoped(select: Knex.QueryBuilder, scope: ReadScope): Knex.QueryBuilder {
    return scope.kind === 'all' ? select : select.where('o.key_id', scope.keyId);
  }

  private async present(rows: Open311Row[]): Promise<Open311Value[]> {
    const names = catalogueNames(await this.catalogue());
    return rows.map(({ ticket, mediaUrl, addressId }) => {
      const told = ticket.informedAt !== null || ticket.status === 'closed';
      const address = [ticket.address, ticket.neighbourhood, ticket.district].filter((part) => part !== null && part !== '').join(', ');
      return {
        service_request_id: ticket.number,
        status: ticket.status === 'closed' ? 'closed' : 'open',
        status_notes: told ? (ticket.answer ?? (ticket.closeReason === 'resolved-on-call' ? ticket.resolution : null)) : null,
        service_name: ticket.categoryCode === null ? null : (names.services.get(ticket.categoryCode) ?? ticket.categoryCode),
        service_code: ticket.categoryCode,
        description: ticket.description,
        agency_responsible: ticket.departmentCode === null ? null : (names.departments.get(ticket.departmentCode) ?? ticket.departmentCode),
        service_notice: this.serviceNotice === '' ? null : this.serviceNotice,
        requested_datetime: formatW3cDatetime(ticket.createdAt),
        updated_datetime: formatW3cDatetime(ticket.updatedAt),
        expected_datetime: formatW3cOrNull(ticket.dueAt),
        address: address === '' ? null : address,
        address_id: addressId,
        zipcode: null,
        lat: ticket.latitude,
        long: ticket.longitude,
        media_url: mediaUrl,
      };
    });
  }
}

function toRow(row: unknown): Open311Row {
  const extra = extraSchema.parse(row);
  return { ticket: toTicketView(row), token: extra.token, mediaUrl: extra.media_url, addressId: extra.address_id };
}
