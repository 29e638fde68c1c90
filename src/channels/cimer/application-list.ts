import type { Knex } from 'knex';
import { z } from 'zod';
import { APPLICATION_SOURCES, REQUEST_STATUSES, type ApplicationSource, type RequestStatus } from '../../requests/request-states.js';
import { fromDbTimeOrNull } from '../../storage/time.js';

/** One open application on the Başvurular list. */
export interface ApplicationListItem {
  number: string;
  source: ApplicationSource;
  externalRef: string;
  appliedAt: Date | null;
  callerName: string | null;
  categoryCode: string | null;
  departmentCode: string | null;
  status: RequestStatus;
  dueAt: Date | null;
}

export interface ApplicationListPage {
  items: ApplicationListItem[];
  /** More open applications than `limit`: the list shows the nearest deadlines. */
  more: boolean;
}

const rowSchema = z.object({
  number: z.string(),
  source: z.enum(APPLICATION_SOURCES),
  external_ref: z.string(),
  applied_at: z.string().nullable(),
  caller_name: z.string().nullable(),
  category_code: z.string().nullable(),
  department_code: z.string().nullable(),
  status: z.enum(REQUEST_STATUSES),
  due_at: z.string().nullable(),
});

/**
 * The CİMER / Açık Kapı applications not yet closed, nearest deadline first (`status` narrows it, e.g. to the
 * answered ones whose reply is to be entered into the portal).
 */
export async function listOpenApplications(db: Knex, query: { status?: RequestStatus; source?: ApplicationSource; limit: number }): Promise<ApplicationListPage> {
  const rows: unknown[] = await db('tickets')
    .select('number', 'source', 'external_ref', 'applied_at', 'caller_name', 'category_code', 'department_code', 'status', 'due_at')
    .whereIn('source', query.source ? [query.source] : [...APPLICATION_SOURCES])
    .whereNotNull('external_ref')
    .modify((builder) => (query.status ? builder.where('status', query.status) : builder.whereNot('status', 'closed')))
    .orderBy([{ column: 'due_at', order: 'asc' }, { column: 'id', order: 'asc' }])
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((raw) => {
    const row = rowSchema.parse(raw);
    return {
      number: row.number,
      source: row.source,
      externalRef: row.external_ref,
      appliedAt: fromDbTimeOrNull(row.applied_at),
      callerName: row.caller_name,
      categoryCode: row.category_code,
      departmentCode: row.department_code,
      status: row.status,
      dueAt: fromDbTimeOrNull(row.due_at),
    };
  });
  return { items, more: rows.length > query.limit };
}
