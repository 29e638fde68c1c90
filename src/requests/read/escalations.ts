/**
 * The supervisors' escalation view: open items past lifecycle.dueSoonRatio of their deadline, past it, and
 * forwarded items the department has not accepted in time — counted per department and listed oldest deadline
 * first, a page at a time (keyset on (deadline, id): a deep page costs what the first does). Every query is a
 * range on a partial index: tickets_open_due_idx / tickets_open_due_soon_idx (status <> 'closed') and
 * tickets_ack_due_idx (status = 'forwarded'); see migrations/20261203_0006_search.ts.
 * No caller name, number or address is listed: the view is not a personal-data read.
 */
import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../../storage/time.js';
import { crossingBounds, escalationBounds, escalationKinds, encodeCursor, type EscalationBounds, type EscalationCursor, type EscalationKind } from './escalation-bounds.js';

export interface EscalationItem {
  number: string;
  status: string;
  source: string;
  departmentCode: string | null;
  categoryCode: string | null;
  priority: string;
  createdAt: string;
  dueAt: string | null;
  dueSoonAt: string | null;
  ackDueAt: string | null;
  /** What the item is at the time of the query (an item can be overdue and ack-overdue at once). */
  kinds: EscalationKind[];
}

export interface EscalationTally {
  dueSoon: number;
  overdue: number;
  ackOverdue: number;
}
export interface DepartmentEscalations extends EscalationTally {
  /** Null: not yet forwarded to any department (with the call centre). */
  departmentCode: string | null;
}
export interface EscalationCounts {
  departments: DepartmentEscalations[];
  total: EscalationTally;
}

export interface EscalationPageQuery {
  kind: EscalationKind;
  department?: string;
  cursor?: EscalationCursor;
  limit: number;
}

const COLUMNS = ['id', 'number', 'status', 'source', 'department_code', 'category_code', 'priority', 'created_at', 'due_at', 'due_soon_at', 'ack_due_at'];
const rowSchema = z.object({
  id: z.coerce.number().int(),
  number: z.string(),
  status: z.string(),
  source: z.string(),
  department_code: z.string().nullable(),
  category_code: z.string().nullable(),
  priority: z.string(),
  created_at: z.string(),
  due_at: z.string().nullable(),
  due_soon_at: z.string().nullable(),
  ack_due_at: z.string().nullable(),
});
const countRowSchema = z.object({ department_code: z.string().nullable(), n: z.coerce.number().int() });

function applyBounds(builder: Knex.QueryBuilder, bounds: EscalationBounds): void {
  // The literal status test is what lets both planners match the partial index's WHERE.
  // An abandoned call is not a request anyone owes an answer to (it is on the call-back list instead).
  if ('not' in bounds.status) builder.whereRaw("status <> 'closed'").whereNot('status', 'abandoned');
  else builder.whereRaw("status = 'forwarded'");
  for (const condition of bounds.conditions) builder.where(condition.column, condition.op, condition.value);
}

function toItem(row: unknown, now: Date): EscalationItem & { id: number } {
  const r = rowSchema.parse(row);
  const moments = { status: r.status as 'open', dueAt: fromDbTimeOrNull(r.due_at), dueSoonAt: fromDbTimeOrNull(r.due_soon_at), ackDueAt: fromDbTimeOrNull(r.ack_due_at) };
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    source: r.source,
    departmentCode: r.department_code,
    categoryCode: r.category_code,
    priority: r.priority,
    createdAt: fromDbTime(r.created_at).toISOString(),
    dueAt: r.due_at,
    dueSoonAt: r.due_soon_at,
    ackDueAt: r.ack_due_at,
    kinds: escalationKinds(moments, now),
  };
}

export class EscalationReader {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Per department, the three kinds; departments with none of them are left out. */
  async counts(at: Date = this.now()): Promise<EscalationCounts> {
    const now = toDbTime(at);
    const byDepartment = new Map<string | null, DepartmentEscalations>();
    const kinds: Array<[EscalationKind, keyof EscalationTally]> = [
      ['due-soon', 'dueSoon'],
      ['overdue', 'overdue'],
      ['ack-overdue', 'ackOverdue'],
    ];
    const results = await Promise.all(
      kinds.map(([kind]) =>
        this.db('tickets')
          .modify((builder: Knex.QueryBuilder) => applyBounds(builder, escalationBounds(kind, now)))
          .groupBy('department_code')
          .select('department_code', this.db.raw('count(*) as n')),
      ),
    );
    const total: EscalationTally = { dueSoon: 0, overdue: 0, ackOverdue: 0 };
    results.forEach((rows: unknown[], index) => {
      const field = kinds[index]![1];
      for (const row of rows) {
        const { department_code: code, n } = countRowSchema.parse(row);
        let entry = byDepartment.get(code);
        if (!entry) byDepartment.set(code, (entry = { departmentCode: code, dueSoon: 0, overdue: 0, ackOverdue: 0 }));
        entry[field] += n;
        total[field] += n;
      }
    });
    const departments = [...byDepartment.values()].sort((a, b) => (a.departmentCode ?? '').localeCompare(b.departmentCode ?? ''));
    return { departments, total };
  }

  /** Oldest deadline first; `nextCursor` is null on the last page. */
  async page(query: EscalationPageQuery, at: Date = this.now()): Promise<{ items: EscalationItem[]; nextCursor: string | null }> {
    const bounds = escalationBounds(query.kind, toDbTime(at));
    const rows: unknown[] = await this.db('tickets')
      .modify((builder: Knex.QueryBuilder) => {
        applyBounds(builder, bounds);
        if (query.department !== undefined) builder.where('department_code', query.department);
        if (query.cursor) builder.whereRaw('(??, ??) > (?, ?)', [bounds.deadline, 'id', query.cursor.d, query.cursor.i]);
      })
      .orderBy([
        { column: bounds.deadline, order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit + 1)
      .select(COLUMNS);
    const items = rows.slice(0, query.limit).map((row) => toItem(row, at));
    const last = items[items.length - 1];
    const deadline = last ? (bounds.deadline === 'due_at' ? last.dueAt : last.ackDueAt) : null;
    const nextCursor = rows.length > query.limit && last && deadline ? encodeCursor({ d: deadline, i: last.id }) : null;
    return { items: items.map(({ id: _id, ...item }) => item), nextCursor };
  }

  /** Items whose due-soon moment, deadline or acknowledgement deadline fell in (from, to]: what a tick pushes. */
  async crossed(from: Date, to: Date, limit: number): Promise<EscalationItem[]> {
    const found = new Map<string, EscalationItem>();
    for (const bounds of crossingBounds(toDbTime(from), toDbTime(to))) {
      const column = bounds.conditions[0]!.column;
      const rows: unknown[] = await this.db('tickets')
        .modify((builder: Knex.QueryBuilder) => applyBounds(builder, bounds))
        .orderBy([
          { column, order: 'asc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(limit)
        .select(COLUMNS);
      for (const row of rows) {
        const { id: _id, ...item } = toItem(row, to);
        found.set(item.number, item);
      }
    }
    return [...found.values()];
  }
}
