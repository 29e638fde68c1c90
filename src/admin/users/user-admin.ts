import type { Logger } from '../../logging/logger.js';
import { problemInTurkish } from '../../auth/password-change.js';
import { UnknownDepartmentError, UserExistsError, type KnexUserStore, type UserView } from '../../auth/user-store.js';
import { AdminError, actorOf, assertAdmin, assertMayManageQueuesOf, type AdminActor } from '../admin-errors.js';
import { diffFields, type AdminHistory, type HistoryEntry } from '../admin-history.js';
import type { PushOutcome, QueuePbxSync } from '../queues/queue-pbx-sync.js';
import type { KnexQueueStore } from '../queues/queue-store.js';
import { oneTimePassword } from './one-time-password.js';
import type { CreateUserBody, UpdateUserBody } from './user-admin-schemas.js';

export interface UserAdminOptions {
  users: KnexUserStore;
  history: AdminHistory;
  queues: KnexQueueStore;
  sync: QueuePbxSync;
  logger: Logger;
}

/** What each queue's PBX push came to, for the page (a refused QueueAdd is shown next to the queue). */
export type QueuePushes = Record<string, PushOutcome>;

const SHOWN_FIELDS = ['displayName', 'role', 'phoneInterface', 'department', 'queues'] as const;

/**
 * Users at /yonetim: create, edit, reset a password, deactivate and reactivate. Admins only, but for an agent's
 * queues, which supervisors may change too. Every change is one admin_history row (old → new; a password never).
 * The store ends sessions and sockets (token_version, onSessionsEnded) on deactivation, a role change and a reset.
 */
export class UserAdmin {
  constructor(private readonly options: UserAdminOptions) {}

  list(): Promise<UserView[]> {
    return this.options.users.list();
  }

  async get(id: number): Promise<UserView> {
    const user = await this.options.users.findById(id);
    if (!user) throw new AdminError('not-found', `Kullanıcı ${id} bulunamadı`);
    return user;
  }

  async create(actor: AdminActor, body: CreateUserBody): Promise<{ user: UserView; oneTimePassword: string | null }> {
    assertAdmin(actor, 'Kullanıcıları');
    this.assertDepartmentFits(body.role, body.department ?? null);
    if (body.queues) await this.assertKnownQueues(body.queues);
    const generated = body.password === undefined ? oneTimePassword() : null;
    const password = body.password ?? generated ?? '';
    const problem = problemInTurkish(password);
    if (problem) throw new AdminError('invalid', problem, 'password');
    const user = await this.storeCall(() =>
      this.options.users.create({
        username: body.username,
        displayName: body.displayName,
        role: body.role,
        password,
        phoneInterface: body.phoneInterface ?? null,
        department: body.department ?? null,
        queues: body.queues && body.queues.length > 0 ? body.queues : null,
        mustChangePassword: true,
      }),
    );
    await this.options.history.record({
      actor: actorOf(actor),
      subjectType: 'user',
      subject: String(user.id),
      action: 'create',
      changes: [{ field: 'username', from: null, to: user.username }, ...diffFields<Record<(typeof SHOWN_FIELDS)[number], unknown>>({ displayName: null, role: null, phoneInterface: null, department: null, queues: null }, user, SHOWN_FIELDS)],
    });
    return { user, oneTimePassword: generated };
  }

  async update(actor: AdminActor, id: number, body: UpdateUserBody): Promise<{ user: UserView; queues: QueuePushes }> {
    const target = await this.get(id);
    const onlyQueues = Object.keys(body).every((key) => key === 'queues');
    if (onlyQueues) assertMayManageQueuesOf(actor, target);
    else assertAdmin(actor, 'Ad, rol, telefon ve birimi');
    if (actor.id === id && body.role !== undefined && body.role !== target.role) throw new AdminError('self', 'Kendi rolünüzü değiştiremezsiniz', 'role');
    const role = body.role ?? target.role;
    const department = body.department === undefined ? target.department : body.department;
    if (body.role !== undefined || body.department !== undefined) this.assertDepartmentFits(role, department);
    if (body.queues) await this.assertKnownQueues(body.queues);
    const { before, after } = await this.storeCall(() => this.options.users.update(id, body));
    const diff = diffFields(before, after, SHOWN_FIELDS);
    if (diff.length > 0) await this.options.history.record({ actor: actorOf(actor), subjectType: 'user', subject: String(id), action: 'update', changes: diff });
    return { user: after, queues: await this.pushQueues(before, after) };
  }

  async resetPassword(actor: AdminActor, id: number, typed: string | undefined): Promise<{ oneTimePassword: string | null }> {
    assertAdmin(actor, 'Parolaları');
    await this.get(id);
    const generated = typed === undefined ? oneTimePassword() : null;
    const password = typed ?? generated ?? '';
    const problem = problemInTurkish(password);
    if (problem) throw new AdminError('invalid', problem, 'password');
    await this.options.users.resetPassword(id, password);
    await this.options.history.record({ actor: actorOf(actor), subjectType: 'user', subject: String(id), action: 'password-reset', changes: [{ field: 'mustChangePassword', from: null, to: true }] });
    return { oneTimePassword: generated };
  }

  async setActive(actor: AdminActor, id: number, active: boolean): Promise<UserView> {
    assertAdmin(actor, 'Hesapları');
    const before = await this.get(id);
    if (actor.id === id && !active) throw new AdminError('self', 'Kendi hesabınızı devre dışı bırakamazsınız');
    if (before.active !== active) {
      await this.options.users.setActive(id, active);
      await this.options.history.record({ actor: actorOf(actor), subjectType: 'user', subject: String(id), action: active ? 'activate' : 'deactivate', changes: [{ field: 'active', from: before.active, to: active }] });
    }
    return this.get(id);
  }

  history(id: number): Promise<HistoryEntry[]> {
    return this.options.history.list({ subjectType: 'user', subject: String(id) });
  }

  /** Queues added or removed by an edit reach app_queue now when the agent is logged in (QueuePbxSync). */
  private async pushQueues(before: UserView, after: UserView): Promise<QueuePushes> {
    const was = new Set(before.queues ?? []);
    const now = new Set(after.queues ?? []);
    const user = { id: after.id, displayName: after.displayName, phoneInterface: after.phoneInterface };
    const pushes: QueuePushes = {};
    const penalties = await this.options.queues.penaltiesOf(after.id);
    for (const queue of now) if (!was.has(queue)) pushes[queue] = await this.options.sync.push({ kind: 'add', queue, user, penalty: penalties[queue] ?? 0 });
    // "Every queue" (null) to a list: only queues explicitly dropped from a list are left here.
    if (before.queues !== null) for (const queue of was) if (!now.has(queue)) pushes[queue] = await this.options.sync.push({ kind: 'remove', queue, user });
    return pushes;
  }

  private assertDepartmentFits(role: UserView['role'], department: string | null): void {
    if (role === 'department' && !department) throw new AdminError('invalid', 'Birim kullanıcısı için birim seçiniz', 'department');
  }

  private async assertKnownQueues(queues: readonly string[]): Promise<void> {
    const known = new Set((await this.options.queues.list()).map((queue) => queue.name));
    const unknown = queues.filter((queue) => !known.has(queue));
    if (unknown.length > 0) throw new AdminError('unknown-queue', `Bilinmeyen kuyruk: ${unknown.join(', ')}`, 'queues');
  }

  private async storeCall<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof UserExistsError) {
        throw new AdminError('exists', error.field === 'username' ? 'Bu kullanıcı adı zaten kullanılıyor' : 'Bu telefon arabirimi başka bir kullanıcıya ait', error.field);
      }
      if (error instanceof UnknownDepartmentError) throw new AdminError('unknown-department', `Bilinmeyen birim: ${error.department}`, 'department');
      throw error;
    }
  }
}
