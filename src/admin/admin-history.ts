import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../storage/time.js';

/** One field's change; values are shown as text (a list joined), never a password or its hash. */
export interface FieldChange {
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export type HistorySubject = 'user' | 'queue';

export interface HistoryEntry {
  id: number;
  at: string;
  actor: string;
  actorId: number | null;
  subjectType: HistorySubject;
  /** The user's id or the queue's name. */
  subject: string;
  action: string;
  changes: FieldChange[];
}

export interface NewHistoryEntry {
  actor: { id: number | null; username: string };
  subjectType: HistorySubject;
  subject: string;
  action: string;
  changes: FieldChange[];
}

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const changesSchema = z.array(z.object({ field: z.string(), from: scalar, to: scalar }));
const rowSchema = z.object({
  id: z.coerce.number().int(),
  at: z.string(),
  actor: z.string(),
  actor_id: z.coerce.number().int().nullable(),
  subject_type: z.enum(['user', 'queue']),
  subject: z.string(),
  action: z.string(),
  changes: z.string(),
});

/** Fields a history row must never carry: a reset says that it happened, not what the password is. */
const SECRET_FIELDS = /password|hash|secret|token/i;

/** Who changed which user or queue, when, old → new (admin_history): append-only, read newest first. */
export class AdminHistory {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async record(entry: NewHistoryEntry, trx: Knex | Knex.Transaction = this.db): Promise<void> {
    // A yes/no about a password (must change it) may stay; a text under such a name never does.
    const secret = (change: FieldChange) => SECRET_FIELDS.test(change.field) && (typeof change.from === 'string' || typeof change.to === 'string');
    const changes = entry.changes.map((change) => (secret(change) ? { field: change.field, from: null, to: null } : change));
    await trx('admin_history').insert({
      at: toDbTime(this.now()),
      actor_id: entry.actor.id,
      actor: entry.actor.username,
      subject_type: entry.subjectType,
      subject: entry.subject,
      action: entry.action,
      changes: JSON.stringify(changes),
    });
  }

  /** Newest first; `subject` narrows to one user or queue. */
  async list(filter: { subjectType?: HistorySubject; subject?: string; limit?: number; beforeId?: number } = {}): Promise<HistoryEntry[]> {
    const query = this.db('admin_history').select('*').orderBy('id', 'desc').limit(Math.min(filter.limit ?? 100, 500));
    if (filter.subjectType) query.where({ subject_type: filter.subjectType });
    if (filter.subject !== undefined) query.where({ subject: filter.subject });
    if (filter.beforeId !== undefined) query.where('id', '<', filter.beforeId);
    const rows: unknown[] = await query;
    return rows.map((raw) => {
      const row = rowSchema.parse(raw);
      return {
        id: row.id,
        at: row.at,
        actor: row.actor,
        actorId: row.actor_id,
        subjectType: row.subject_type,
        subject: row.subject,
        action: row.action,
        changes: changesSchema.parse(JSON.parse(row.changes)),
      };
    });
  }
}

/** The fields of `after` that differ from `before`, as history changes (lists joined with ", "). */
export function diffFields<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): FieldChange[] {
  const shown = (value: unknown): FieldChange['from'] => {
    if (value === undefined || value === null) return null;
    if (Array.isArray(value)) return value.join(', ');
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    return JSON.stringify(value);
  };
  return fields.flatMap((field) => {
    const from = shown(before[field]);
    const to = shown(after[field]);
    return from === to ? [] : [{ field, from, to }];
  });
}
