import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../../storage/time.js';

/** An API key as admins see it: never the key itself, which is shown once, when it is created. */
export interface Open311KeyView {
  id: number;
  name: string;
  owner: string;
  /** The key's first characters, to tell keys apart. */
  prefix: string;
  /** Reads every Open311 request; otherwise only the ones this key sent. Set by an admin when creating it. */
  readAll: boolean;
  createdBy: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export interface CreatedOpen311Key extends Open311KeyView {
  /** The only time the key is told. */
  key: string;
}

export const newKeySchema = z.strictObject({
  name: z.string().trim().min(1, 'required').max(100, 'too-long'),
  owner: z.string().trim().min(1, 'required').max(200, 'too-long'),
  readAll: z.boolean('invalid').default(false),
});
export type NewOpen311Key = z.input<typeof newKeySchema>;

const KEY_PREFIX = 'o311_';
const PREFIX_SHOWN = KEY_PREFIX.length + 6;
/** last_used_at is written at most once a minute per key. */
const LAST_USED_STEP_MS = 60_000;

const keyRowSchema = z.object({
  id: z.coerce.number().int(),
  name: z.string(),
  owner: z.string(),
  key_hash: z.string(),
  key_prefix: z.string(),
  created_by: z.string(),
  created_at: z.string(),
  revoked_at: z.string().nullable(),
  last_used_at: z.string().nullable(),
  read_all: z.union([z.boolean(), z.number()]).transform(Boolean),
});

function toView(row: unknown): Open311KeyView {
  const r = keyRowSchema.parse(row);
  return {
    id: r.id,
    name: r.name,
    owner: r.owner,
    prefix: r.key_prefix,
    readAll: r.read_all,
    createdBy: r.created_by,
    createdAt: fromDbTime(r.created_at),
    revokedAt: fromDbTimeOrNull(r.revoked_at),
    lastUsedAt: fromDbTimeOrNull(r.last_used_at),
  };
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/**
 * Open311 API keys: 32 random bytes (base64url), stored as their SHA-256 only. Every use reads the row, so a
 * revoked key is refused from the next request on, on every node.
 */
export class Open311Keys {
  private readonly now: () => Date;

  constructor(
    private readonly db: Knex,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async create(input: NewOpen311Key | unknown, createdBy: string): Promise<CreatedOpen311Key> {
    const fields = newKeySchema.parse(input);
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row = {
      name: fields.name,
      owner: fields.owner,
      key_hash: sha256(key).toString('hex'),
      key_prefix: key.slice(0, PREFIX_SHOWN),
      read_all: fields.readAll,
      created_by: createdBy.slice(0, 120),
      created_at: toDbTime(this.now()),
    };
    const [inserted] = (await this.db('open311_keys').insert(row).returning('id')) as ({ id: number } | number)[];
    const id = typeof inserted === 'object' ? inserted.id : inserted;
    const view = await this.get(Number(id));
    if (!view) throw new Error('the new key was not stored');
    return { ...view, key };
  }

  async get(id: number): Promise<Open311KeyView | undefined> {
    const row: unknown = await this.db('open311_keys').where({ id }).first();
    return row ? toView(row) : undefined;
  }

  /** Newest first. */
  async list(): Promise<Open311KeyView[]> {
    const rows = (await this.db('open311_keys').orderBy('id', 'desc')) as unknown[];
    return rows.map(toView);
  }

  /** Revokes at once; revoking a revoked key keeps its first revocation time. Undefined: no such key. */
  async revoke(id: number): Promise<Open311KeyView | undefined> {
    await this.db('open311_keys').where({ id }).whereNull('revoked_at').update({ revoked_at: toDbTime(this.now()) });
    return this.get(id);
  }

  /** The active key `presented` is, and its last use is recorded; undefined for an unknown or revoked key. */
  async verify(presented: string): Promise<Open311KeyView | undefined> {
    if (!presented.startsWith(KEY_PREFIX) || presented.length > 100) return undefined;
    const hash = sha256(presented);
    const row: unknown = await this.db('open311_keys').where({ key_hash: hash.toString('hex') }).whereNull('revoked_at').first();
    if (!row) return undefined;
    const stored = keyRowSchema.parse(row);
    // The lookup already matched the hash; the constant-time check keeps that true whatever the index compares.
    if (!timingSafeEqual(Buffer.from(stored.key_hash, 'hex'), hash)) return undefined;
    const now = this.now();
    // Reads verify the key too: a client polling its list would otherwise write this row on every request.
    await this.db('open311_keys')
      .where({ id: stored.id })
      .where((q) => q.whereNull('last_used_at').orWhere('last_used_at', '<', toDbTime(new Date(now.getTime() - LAST_USED_STEP_MS))))
      .update({ last_used_at: toDbTime(now) });
    return { ...toView(row), lastUsedAt: now };
  }
}
