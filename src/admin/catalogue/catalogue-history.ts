import type { Knex } from 'knex';
import { z } from 'zod';

export type CatalogueEntity = 'category' | 'department' | 'districts' | 'pauseReasons' | 'smsTemplates';

export interface CatalogueChange {
  id: number;
  entity: CatalogueEntity;
  code: string;
  action: 'create' | 'update' | 'delete';
  before: unknown;
  after: unknown;
  changedBy: string;
  changedAt: string;
}

const rowSchema = z.object({
  id: z.coerce.number().int(),
  entity: z.enum(['category', 'department', 'districts', 'pauseReasons', 'smsTemplates']),
  code: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: z.string().nullable(),
  after: z.string().nullable(),
  changed_by: z.string(),
  changed_at: z.string(),
});

const parsed = (text: string | null): unknown => (text === null ? null : (JSON.parse(text) as unknown));

/** catalogue_changes: every edit of the catalogue with what it was and became, who and when. */
export class KnexCatalogueHistory {
  constructor(private readonly db: Knex) {}

  async record(db: Knex | Knex.Transaction, change: Omit<CatalogueChange, 'id'>): Promise<void> {
    await db('catalogue_changes').insert({
      entity: change.entity,
      code: change.code,
      action: change.action,
      before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
      after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
      changed_by: change.changedBy,
      changed_at: change.changedAt,
    });
  }

  /** Newest first. */
  async list(limit: number): Promise<CatalogueChange[]> {
    const rows: unknown[] = await this.db('catalogue_changes').select('*').orderBy('id', 'desc').limit(limit);
    return rows.map((row) => {
      const r = rowSchema.parse(row);
      return { id: r.id, entity: r.entity, code: r.code, action: r.action, before: parsed(r.before), after: parsed(r.after), changedBy: r.changed_by, changedAt: r.changed_at };
    });
  }
}
