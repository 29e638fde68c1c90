import type { Knex } from 'knex';
import { z } from 'zod';
import { ROLES, type Role } from '../../auth/roles.js';
import type { SiteData, SiteLabel } from '../../config/site.js';
import { isUniqueViolation } from '../../storage/db-errors.js';
import { toDbTime } from '../../storage/time.js';

/** What the PBX was last told about a member row: joined it, waits for the desk login, waits for AMI, or refused it. */
export const PBX_STATES = ['in-pbx', 'at-login', 'pending', 'failed'] as const;
export type PbxState = (typeof PBX_STATES)[number];

export interface QueueRecord {
  name: string;
  label: SiteLabel;
  /** 1, 2, …: the order on the boards and the desk. */
  position: number;
}

export interface MemberRecord {
  queue: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  phoneInterface: string | null;
  active: boolean;
  penalty: number;
  pbxState: PbxState;
  pbxError: string | null;
  updatedAt: string;
}

export class QueueExistsError extends Error {
  constructor(readonly name_: string) {
    super(`queue ${name_} already exists`);
    this.name = 'QueueExistsError';
  }
}

const integer = z.coerce.number().int();
const storedBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((value) => value === true || value === 1);
const queueRow = z.object({ name: z.string(), label_tr: z.string(), label_en: z.string(), position: integer });
const memberRow = z.object({
  queue_name: z.string(),
  user_id: integer,
  penalty: integer,
  pbx_state: z.enum(PBX_STATES),
  pbx_error: z.string().nullable(),
  updated_at: z.string(),
  username: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  phone_interface: z.string().nullable(),
  active: storedBoolean,
});

const toQueue = (raw: unknown): QueueRecord => {
  const row = queueRow.parse(raw);
  return { name: row.name, label: { tr: row.label_tr, en: row.label_en }, position: row.position };
};

const toMember = (raw: unknown): MemberRecord => {
  const row = memberRow.parse(raw);
  return {
    queue: row.queue_name,
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    phoneInterface: row.phone_interface,
    active: row.active,
    penalty: row.penalty,
    pbxState: row.pbx_state,
    pbxError: row.pbx_error,
    updatedAt: row.updated_at,
  };
};

/**
 * The `queues` table (labels and order; app_queue owns the queue itself) and the `queue_members` rows' penalties
 * and PBX state. Membership itself (which queues a user may join) is written through the user store, which keeps
 * users.queues in step (src/auth/user-queue-rows.ts). The queue list is read often (every catalogue and label
 * stream read) and changes rarely, so it is kept in memory and re-read after each change here.
 */
export class KnexQueueStore {
  private cached: QueueRecord[] | undefined;

  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** On the first start (no queue yet), config/site.json's queues in its order; later starts keep what admins made. */
  async seed(site: Pick<SiteData, 'queues'>): Promise<number> {
    const [row] = await this.db('queues').count({ total: '*' });
    if (integer.parse((row as { total: unknown }).total) > 0) return 0;
    const at = toDbTime(this.now());
    const rows = site.queues.map((queue, index) => ({ name: queue.name, label_tr: queue.label.tr, label_en: queue.label.en, position: index + 1, created_at: at, updated_at: at }));
    if (rows.length > 0) await this.db('queues').insert(rows);
    this.cached = undefined;
    return rows.length;
  }

  async list(): Promise<QueueRecord[]> {
    if (!this.cached) {
      const rows: unknown[] = await this.db('queues').select('name', 'label_tr', 'label_en', 'position').orderBy([{ column: 'position' }, { column: 'name' }]);
      this.cached = rows.map(toQueue);
    }
    return this.cached;
  }

  /** The last list read (empty before the first): for synchronous readers such as the desk's queue list. */
  listed(): readonly QueueRecord[] {
    return this.cached ?? [];
  }

  async get(name: string): Promise<QueueRecord | undefined> {
    return (await this.list()).find((queue) => queue.name === name);
  }

  async create(queue: { name: string; label: SiteLabel; position?: number }): Promise<QueueRecord> {
    const at = toDbTime(this.now());
    const position = queue.position ?? (await this.list()).length + 1;
    try {
      await this.db('queues').insert({ name: queue.name, label_tr: queue.label.tr, label_en: queue.label.en, position, created_at: at, updated_at: at });
    } catch (error) {
      if (isUniqueViolation(error)) throw new QueueExistsError(queue.name);
      throw error;
    } finally {
      this.cached = undefined;
    }
    return { name: queue.name, label: { ...queue.label }, position };
  }

  async update(name: string, changes: { label?: SiteLabel; position?: number }): Promise<{ before: QueueRecord; after: QueueRecord } | undefined> {
    const before = await this.get(name);
    if (!before) return undefined;
    const row: Record<string, unknown> = { updated_at: toDbTime(this.now()) };
    if (changes.label) Object.assign(row, { label_tr: changes.label.tr, label_en: changes.label.en });
    if (changes.position !== undefined) row.position = changes.position;
    await this.db('queues').where({ name }).update(row);
    this.cached = undefined;
    const after = await this.get(name);
    return after ? { before, after } : undefined;
  }

  async members(filter: { queue?: string; userId?: number } = {}): Promise<MemberRecord[]> {
    const query = this.db('queue_members as m')
      .join('users as u', 'u.id', 'm.user_id')
      .select('m.queue_name', 'm.user_id', 'm.penalty', 'm.pbx_state', 'm.pbx_error', 'm.updated_at', 'u.username', 'u.display_name', 'u.role', 'u.phone_interface', 'u.active')
      .orderBy([{ column: 'm.queue_name' }, { column: 'u.username' }]);
    if (filter.queue !== undefined) query.where('m.queue_name', filter.queue);
    if (filter.userId !== undefined) query.where('m.user_id', filter.userId);
    const rows: unknown[] = await query;
    return rows.map(toMember);
  }

  async member(queue: string, userId: number): Promise<MemberRecord | undefined> {
    return (await this.members({ queue, userId }))[0];
  }

  /** The penalties of a user's member rows (desk login joins with these). */
  async penaltiesOf(userId: number): Promise<Record<string, number>> {
    const rows = z.array(z.object({ queue_name: z.string(), penalty: integer })).parse(await this.db('queue_members').where({ user_id: userId }).select('queue_name', 'penalty'));
    return Object.fromEntries(rows.map((row) => [row.queue_name, row.penalty]));
  }

  async setPenalty(queue: string, userId: number, penalty: number): Promise<boolean> {
    return (await this.db('queue_members').where({ queue_name: queue, user_id: userId }).update({ penalty, updated_at: toDbTime(this.now()) })) > 0;
  }

  async setPbxState(queue: string, userId: number, state: PbxState, error: string | null): Promise<void> {
    await this.db('queue_members')
      .where({ queue_name: queue, user_id: userId })
      .update({ pbx_state: state, pbx_error: error === null ? null : error.slice(0, 300) });
  }

  /** Rows whose last push waited for AMI: pushed again after the next reconnect (also after a restart). */
  async pending(): Promise<MemberRecord[]> {
    return (await this.members()).filter((member) => member.pbxState === 'pending');
  }
}
