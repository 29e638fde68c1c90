import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../storage/time.js';
import type { Announcement } from './announcement-types.js';

const rowSchema = z.object({
  id: z.coerce.number().int(),
  text: z.string().nullable(),
  file: z.string().nullable(),
  version: z.coerce.number().int(),
  source: z.enum(['text', 'upload']),
  scope: z.string(),
  valid_from: z.string(),
  valid_until: z.string(),
  ended_at: z.string().nullable(),
  created_by: z.string(),
  updated_by: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
  played: z.coerce.number().int(),
  served: z.coerce.number().int(),
  continued: z.coerce.number().int(),
});

function toAnnouncement(raw: unknown): Announcement {
  const row = rowSchema.parse(raw);
  return {
    id: row.id,
    text: row.text,
    file: row.file,
    version: row.version,
    source: row.source,
    scope: row.scope,
    validFrom: fromDbTime(row.valid_from),
    validUntil: fromDbTime(row.valid_until),
    endedAt: fromDbTimeOrNull(row.ended_at),
    createdBy: row.created_by,
    updatedBy: row.updated_by,
    createdAt: fromDbTime(row.created_at),
    updatedAt: fromDbTime(row.updated_at),
    played: row.played,
    served: row.served,
    continued: row.continued,
  };
}

export interface NewAnnouncementRow {
  text: string | null;
  source: 'text' | 'upload';
  scope: string;
  validFrom: Date;
  validUntil: Date;
  by: string;
  at: Date;
}

export type AnnouncementChanges = Partial<Pick<Announcement, 'text' | 'file' | 'version' | 'source' | 'scope' | 'validFrom' | 'validUntil' | 'endedAt'>>;

export interface CountIncrement {
  served: number;
  continued: number;
}

/** How many rows the board and the list show: the live ones and the most recent ended ones. */
const LIST_LIMIT = 100;

export class KnexAnnouncementStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<Announcement[]> {
    const rows: unknown[] = await this.db('announcements').orderBy('valid_from', 'desc').orderBy('id', 'desc').limit(LIST_LIMIT);
    return rows.map(toAnnouncement);
  }

  /** What the IVR may still play: not ended and not past its window (the cache keeps these). */
  async current(now: Date): Promise<Announcement[]> {
    const rows: unknown[] = await this.db('announcements').whereNull('ended_at').where('valid_until', '>', toDbTime(now)).orderBy('id');
    return rows.map(toAnnouncement);
  }

  async get(id: number): Promise<Announcement | undefined> {
    const row: unknown = await this.db('announcements').where({ id }).first();
    return row === undefined ? undefined : toAnnouncement(row);
  }

  /** A new row without its file yet: the id names the file, so it exists first. */
  async insert(row: NewAnnouncementRow): Promise<number> {
    const at = toDbTime(row.at);
    const [inserted] = await this.db('announcements')
      .insert({
        text: row.text,
        file: null,
        version: 0,
        source: row.source,
        scope: row.scope,
        valid_from: toDbTime(row.validFrom),
        valid_until: toDbTime(row.validUntil),
        created_by: row.by,
        updated_by: row.by,
        created_at: at,
        updated_at: at,
      })
      .returning('id');
    return z.union([z.coerce.number().int(), z.object({ id: z.coerce.number().int() }).transform((value) => value.id)]).parse(inserted);
  }

  /** Applies the changes when the row is still at `version` (two supervisors editing at once: one wins). */
  async update(id: number, version: number, changes: AnnouncementChanges, by: string, at: Date): Promise<boolean> {
    const updated = await this.db('announcements')
      .where({ id, version })
      .update({
        ...(changes.text !== undefined ? { text: changes.text } : {}),
        ...(changes.file !== undefined ? { file: changes.file } : {}),
        ...(changes.version !== undefined ? { version: changes.version } : {}),
        ...(changes.source !== undefined ? { source: changes.source } : {}),
        ...(changes.scope !== undefined ? { scope: changes.scope } : {}),
        ...(changes.validFrom !== undefined ? { valid_from: toDbTime(changes.validFrom) } : {}),
        ...(changes.validUntil !== undefined ? { valid_until: toDbTime(changes.validUntil) } : {}),
        ...(changes.endedAt !== undefined ? { ended_at: changes.endedAt === null ? null : toDbTime(changes.endedAt) } : {}),
        updated_by: by,
        updated_at: toDbTime(at),
      });
    return updated > 0;
  }

  async remove(id: number): Promise<boolean> {
    return (await this.db('announcements').where({ id }).delete()) > 0;
  }

  /** One transaction per batch: a row deleted meanwhile simply takes no increment. */
  async addCounts(increments: ReadonlyMap<number, CountIncrement>): Promise<void> {
    if (increments.size === 0) return;
    await this.db.transaction(async (trx) => {
      for (const [id, { served, continued }] of increments) {
        await trx('announcements')
          .where({ id })
          .update({
            played: trx.raw('played + ?', [served + continued]),
            served: trx.raw('served + ?', [served]),
            continued: trx.raw('continued + ?', [continued]),
          });
      }
    });
  }
}
