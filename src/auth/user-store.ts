import type { Knex } from 'knex';
import { z } from 'zod';
import { isUniqueViolation } from '../storage/db-errors.js';
import { fromDbTime, fromDbTimeOrNull, toDbTime } from '../storage/time.js';
import { passwordProblem, productionHasher, type PasswordHasher } from './passwords.js';
import { ROLES, type Role } from './roles.js';
import { writeMemberRows, writeUserQueues } from './user-queue-rows.js';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  phoneInterface: string | null;
  department: string | null;
  active: boolean;
  tokenVersion: number;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** Queues joined at desk login; null: every queue of the hotline. */
  queues: string[] | null;
  /** Set by an admin's password reset: until the user chose their own, only the password change is allowed. */
  mustChangePassword: boolean;
}

export type UserWithPasswordHash = UserView & { passwordHash: string };

/** Usernames are compared case-insensitively by storing them lower-case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const passwordSchema = z.string().superRefine((password, context) => {
  const problem = passwordProblem(password);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const newUserSchema = z.strictObject({
  username: z
    .string()
    .max(200)
    .transform(normalizeUsername)
    .pipe(z.string().regex(/^[a-z0-9._-]{2,40}$/, '2 to 40 characters: a-z, 0-9, dot, dash, underscore')),
  displayName: z
    .string()
    .trim()
    .min(1)
    .max(120)
    .regex(/^[\p{L}\p{M}\p{N} .'’-]+$/u, 'letters, digits, spaces, dots, apostrophes and dashes only'),
  role: z.enum(ROLES),
  password: passwordSchema,
  phoneInterface: z
    .string()
    .regex(/^[A-Za-z]+\/[A-Za-z0-9_.-]{1,60}$/, 'an Asterisk interface such as PJSIP/agent12')
    .nullable()
    .optional(),
  department: z
    .string()
    .regex(/^[a-z0-9-]{1,40}$/, 'a department code such as beyaz-masa')
    .nullable()
    .optional(),
  queues: z
    .array(z.string().regex(/^[\p{L}\p{N}_.-]{1,80}$/u, 'a queue name such as alo153-genel'))
    .min(1)
    .max(50)
    .nullable()
    .optional(),
  /** An admin gave this password: the user must choose their own at the first login. */
  mustChangePassword: z.boolean().optional(),
});

/** What an admin may change of an account (src/admin/users); absent fields stay as they are. */
export const userChangesSchema = newUserSchema
  .pick({ displayName: true, role: true, phoneInterface: true, department: true })
  .extend({ queues: z.array(z.string().regex(/^[\p{L}\p{N}_.-]{1,80}$/u, 'a queue name such as alo153-genel')).max(50).nullable() })
  .partial();

export type UserChanges = z.input<typeof userChangesSchema>;

export type NewUser = z.input<typeof newUserSchema>;

export class UserExistsError extends Error {
  constructor(
    readonly field: 'username' | 'phoneInterface',
    value: string,
  ) {
    super(field === 'username' ? `username ${value} is already taken` : `phone interface ${value} already belongs to another user`);
    this.name = 'UserExistsError';
  }
}

export class UnknownDepartmentError extends Error {
  constructor(readonly department: string) {
    super(`unknown department ${department}`);
    this.name = 'UnknownDepartmentError';
  }
}

export class UserNotFoundError extends Error {
  constructor(readonly id: number) {
    super(`user ${id} not found`);
    this.name = 'UserNotFoundError';
  }
}

export interface UserStore {
  create(user: NewUser): Promise<UserView>;
  findById(id: number): Promise<UserView | undefined>;
  findByUsername(username: string): Promise<UserWithPasswordHash | undefined>;
  findByInterface(phoneInterface: string): Promise<UserView | undefined>;
  list(): Promise<UserView[]>;
  count(): Promise<number>;
  /** Also ends every session of the user (bumps token_version). */
  setPassword(id: number, password: string): Promise<void>;
  /** Also ends every session of the user (bumps token_version). */
  setActive(id: number, active: boolean): Promise<void>;
  recordLogin(id: number, at: Date): Promise<void>;
  /**
   * Stores a re-made hash of the same password (stronger parameters) if the stored one is still `current`:
   * false when the password changed meanwhile. Sessions stay valid: the password did not change.
   */
  replacePasswordHash(id: number, current: string, next: string): Promise<boolean>;
}

// sqlite3 returns booleans as 0/1, pg as true/false, and pg counts as strings.
const storedBoolean = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((value) => value === true || value === 1);
const integer = z.coerce.number().int();

const userRowSchema = z.object({
  id: integer,
  username: z.string(),
  display_name: z.string(),
  role: z.enum(ROLES),
  password_hash: z.string(),
  phone_interface: z.string().nullable(),
  department_code: z.string().nullable(),
  active: storedBoolean,
  token_version: integer,
  created_at: z.string(),
  last_login_at: z.string().nullable(),
  queues: z.string().nullable().optional(),
  must_change_password: storedBoolean.optional(),
});

const storedQueues = z.array(z.string());

const idRowsSchema = z.array(z.object({ id: integer }));
const sessionRowsSchema = z.array(z.object({ id: integer, active: storedBoolean, token_version: integer }));

/** What decides whether a user's tokens still hold. */
export interface UserSessionState {
  id: number;
  active: boolean;
  tokenVersion: number;
}

export type SessionsEndedReason = 'deactivated' | 'password-changed' | 'role-changed';

const countSchema = z.object({ total: integer });

function toUserWithPasswordHash(row: unknown): UserWithPasswordHash {
  const parsed = userRowSchema.parse(row);
  return {
    id: parsed.id,
    username: parsed.username,
    displayName: parsed.display_name,
    role: parsed.role,
    phoneInterface: parsed.phone_interface,
    department: parsed.department_code,
    active: parsed.active,
    tokenVersion: parsed.token_version,
    createdAt: fromDbTime(parsed.created_at),
    lastLoginAt: fromDbTimeOrNull(parsed.last_login_at),
    queues: parsed.queues ? storedQueues.parse(JSON.parse(parsed.queues)) : null,
    mustChangePassword: parsed.must_change_password ?? false,
    passwordHash: parsed.password_hash,
  };
}

function toUserView(row: unknown): UserView {
  const { passwordHash: _passwordHash, ...view } = toUserWithPasswordHash(row);
  return view;
}

export interface KnexUserStoreOptions {
  now?: () => Date;
  /** Absent: OWASP parameters. Tests inject cheaper ones in code; configuration never can. */
  hasher?: PasswordHasher;
}

export class KnexUserStore implements UserStore {
  private readonly now: () => Date;
  private readonly hasher: PasswordHasher;
  private readonly sessionsEndedListeners: Array<(userId: number, reason: SessionsEndedReason) => void> = [];

  constructor(
    private readonly db: Knex,
    options: KnexUserStoreOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.hasher = options.hasher ?? productionHasher;
  }

  async create(user: NewUser): Promise<UserView> {
    const input = newUserSchema.parse(user);
    const phoneInterface = input.phoneInterface ?? null;
    const department = input.department ?? null;
    if (department !== null && !(await this.departmentExists(department))) throw new UnknownDepartmentError(department);
    // Checked first only to name the clashing field; the unique indexes still decide under concurrency.
    await this.assertFree(input.username, phoneInterface);
    const passwordHash = await this.hasher.hash(input.password);
    const now = toDbTime(this.now());
    let id: number;
    try {
      const [inserted] = idRowsSchema.parse(
        await this.db('users')
          .insert({
            username: input.username,
            display_name: input.displayName,
            role: input.role,
            password_hash: passwordHash,
            phone_interface: phoneInterface,
            department_code: department,
            queues: input.queues ? JSON.stringify([...new Set(input.queues)]) : null,
            must_change_password: input.mustChangePassword ?? false,
            active: true,
            token_version: 0,
            created_at: now,
            updated_at: now,
          })
          .returning('id'),
      );
      if (!inserted) throw new Error('user insert returned no id');
      id = inserted.id;
      if (input.queues) await writeMemberRows(this.db, id, input.queues, {}, this.now());
    } catch (error) {
      if (isUniqueViolation(error)) await this.assertFree(input.username, phoneInterface);
      throw error;
    }
    const created = await this.findById(id);
    if (!created) throw new UserNotFoundError(id);
    return created;
  }

  async findById(id: number): Promise<UserView | undefined> {
    const row: unknown = await this.db('users').where({ id }).first();
    return row ? toUserView(row) : undefined;
  }

  async findByUsername(username: string): Promise<UserWithPasswordHash | undefined> {
    const row: unknown = await this.db('users').where({ username: normalizeUsername(username) }).first();
    return row ? toUserWithPasswordHash(row) : undefined;
  }

  async findByInterface(phoneInterface: string): Promise<UserView | undefined> {
    const row: unknown = await this.db('users').where({ phone_interface: phoneInterface }).first();
    return row ? toUserView(row) : undefined;
  }

  async list(): Promise<UserView[]> {
    const rows: unknown[] = await this.db('users').select('*').orderBy('username', 'asc');
    return rows.map(toUserView);
  }

  async count(): Promise<number> {
    const [row] = await this.db('users').count({ total: '*' });
    return countSchema.parse(row).total;
  }

  async setPassword(id: number, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(passwordSchema.parse(password));
    await this.updateAndRevoke(id, { password_hash: passwordHash });
    this.sessionsEnded(id, 'password-changed');
  }

  async setActive(id: number, active: boolean): Promise<void> {
    await this.updateAndRevoke(id, { active });
    if (!active) this.sessionsEnded(id, 'deactivated');
  }

  async update(id: number, changes: UserChanges): Promise<{ before: UserView; after: UserView }> {
    const input = userChangesSchema.parse(changes);
    const before = await this.findById(id);
    if (!before) throw new UserNotFoundError(id);
    if (input.department && !(await this.departmentExists(input.department))) throw new UnknownDepartmentError(input.department);
    if (input.phoneInterface && input.phoneInterface !== before.phoneInterface) {
      const holder = await this.db('users').where({ phone_interface: input.phoneInterface }).whereNot({ id }).first('id');
      if (holder) throw new UserExistsError('phoneInterface', input.phoneInterface);
    }
    const row: Record<string, unknown> = { updated_at: toDbTime(this.now()) };
    if (input.displayName !== undefined) row.display_name = input.displayName;
    if (input.phoneInterface !== undefined) row.phone_interface = input.phoneInterface;
    if (input.department !== undefined) row.department_code = input.department;
    const roleChanged = input.role !== undefined && input.role !== before.role;
    if (roleChanged) {
      row.role = input.role;
      row.token_version = this.db.raw('token_version + 1');
    }
    try {
      await this.db.transaction(async (trx) => {
        await trx('users').where({ id }).update(row);
        if (input.queues !== undefined) await writeUserQueues(trx, id, input.queues, {}, this.now());
      });
    } catch (error) {
      if (isUniqueViolation(error) && input.phoneInterface) throw new UserExistsError('phoneInterface', input.phoneInterface);
      throw error;
    }
    if (roleChanged) this.sessionsEnded(id, 'role-changed');
    const after = await this.findById(id);
    if (!after) throw new UserNotFoundError(id);
    return { before, after };
  }

  async resetPassword(id: number, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(passwordSchema.parse(password));
    await this.updateAndRevoke(id, { password_hash: passwordHash, must_change_password: true });
    this.sessionsEnded(id, 'password-changed');
  }

  async changeOwnPassword(id: number, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(passwordSchema.parse(password));
    await this.updateAndRevoke(id, { password_hash: passwordHash, must_change_password: false });
    this.sessionsEnded(id, 'password-changed');
  }

  async setQueues(id: number, queues: readonly string[] | null, penalties: Readonly<Record<string, number>> = {}): Promise<void> {
    if (!(await this.findById(id))) throw new UserNotFoundError(id);
    await this.db.transaction((trx) => writeUserQueues(trx, id, queues, penalties, this.now()));
  }

  /** One query for the users behind live sockets: the socket server re-reads them, as the user CLI changes them from another process. */
  async sessionStates(ids: readonly number[]): Promise<UserSessionState[]> {
    if (ids.length === 0) return [];
    const rows: unknown = await this.db('users').whereIn('id', ids).select('id', 'active', 'token_version');
    return sessionRowsSchema.parse(rows).map((row) => ({ id: row.id, active: row.active, tokenVersion: row.token_version }));
  }

  /** Told after this store ended a user's sessions, so this process closes their sockets at once. */
  onSessionsEnded(listener: (userId: number, reason: SessionsEndedReason) => void): void {
    this.sessionsEndedListeners.push(listener);
  }

  async recordLogin(id: number, at: Date): Promise<void> {
    const updated = await this.db('users').where({ id }).update({ last_login_at: toDbTime(at) });
    if (updated === 0) throw new UserNotFoundError(id);
  }

  private sessionsEnded(id: number, reason: SessionsEndedReason): void {
    for (const listener of this.sessionsEndedListeners) listener(id, reason);
  }

  async replacePasswordHash(id: number, current: string, next: string): Promise<boolean> {
    const updated = await this.db('users').where({ id, password_hash: current }).update({ password_hash: next, updated_at: toDbTime(this.now()) });
    return updated > 0;
  }

  private async updateAndRevoke(id: number, changes: Record<string, string | boolean>): Promise<void> {
    const updated = await this.db('users')
      .where({ id })
      .update({ ...changes, token_version: this.db.raw('token_version + 1'), updated_at: toDbTime(this.now()) });
    if (updated === 0) throw new UserNotFoundError(id);
  }

  private async assertFree(username: string, phoneInterface: string | null): Promise<void> {
    if (await this.db('users').where({ username }).first('id')) throw new UserExistsError('username', username);
    if (phoneInterface !== null && (await this.db('users').where({ phone_interface: phoneInterface }).first('id'))) {
      throw new UserExistsError('phoneInterface', phoneInterface);
    }
  }

  private async departmentExists(code: string): Promise<boolean> {
    const row: unknown = await this.db('departments').where({ code }).first('code');
    return row !== undefined;
  }
}
