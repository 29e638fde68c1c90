import type { Knex } from 'knex';
import { z } from 'zod';

export type MenuVersionAction = 'apply' | 'restore';

export interface MenuVersion {
  id: number;
  /** The menu as the admin sent it (config/ivr.json's JSON). */
  definition: unknown;
  action: MenuVersionAction;
  restoredFrom: number | null;
  createdBy: string;
  createdAt: string;
}

const rowSchema = z.object({
  id: z.coerce.number().int(),
  definition: z.string(),
  action: z.enum(['apply', 'restore']),
  restored_from: z.coerce.number().int().nullable(),
  created_by: z.string(),
  created_at: z.string(),
});

function toVersion(row: unknown): MenuVersion {
  const r = rowSchema.parse(row);
  return { id: r.id, definition: JSON.parse(r.definition) as unknown, action: r.action, restoredFrom: r.restored_from, createdBy: r.created_by, createdAt: r.created_at };
}

const COLUMNS = ['id', 'definition', 'action', 'restored_from', 'created_by', 'created_at'] as const;

/** ivr_menu_versions: every applied menu, whole; the highest id is the current one. */
export class KnexMenuVersions {
  constructor(private readonly db: Knex) {}

  async latest(): Promise<MenuVersion | undefined> {
    const row: unknown = await this.db('ivr_menu_versions').select(...COLUMNS).orderBy('id', 'desc').first();
    return row === undefined ? undefined : toVersion(row);
  }

  async get(id: number): Promise<MenuVersion | undefined> {
    const row: unknown = await this.db('ivr_menu_versions').select(...COLUMNS).where({ id }).first();
    return row === undefined ? undefined : toVersion(row);
  }

  /** Newest first, without the menus themselves (the list is the history). */
  async list(limit: number): Promise<Omit<MenuVersion, 'definition'>[]> {
    const rows: unknown[] = await this.db('ivr_menu_versions').select(...COLUMNS).orderBy('id', 'desc').limit(limit);
    return rows.map(toVersion).map(({ definition: _definition, ...rest }) => rest);
  }

  async add(version: Omit<MenuVersion, 'id'>): Promise<MenuVersion> {
    const [inserted] = (await this.db('ivr_menu_versions')
      .insert({
        definition: JSON.stringify(version.definition),
        action: version.action,
        restored_from: version.restoredFrom,
        created_by: version.createdBy,
        created_at: version.createdAt,
      })
      .returning('id')) as unknown[];
    const id = z.union([z.coerce.number(), z.object({ id: z.coerce.number() }).transform((r) => r.id)]).parse(inserted);
    return { id, ...version };
  }
}
