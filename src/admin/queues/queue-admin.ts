import type { SiteLabel } from '../../config/site.js';
import type { KnexUserStore } from '../../auth/user-store.js';
import type { QueueState } from '../../queues/queue-state-types.js';
import { AdminError, actorOf, assertAdmin, assertMayManageQueuesOf, type AdminActor } from '../admin-errors.js';
import type { AdminHistory, HistoryEntry } from '../admin-history.js';
import type { PushOutcome, QueuePbxSync } from './queue-pbx-sync.js';
import { QueueExistsError, type KnexQueueStore, type MemberRecord, type PbxState, type QueueRecord } from './queue-store.js';

/** A member row as the page shows it: what was asked (penalty) and what Asterisk has now (pbxPenalty, null: not in the queue). */
export interface MemberView extends MemberRecord {
  pbxPenalty: number | null;
}

export interface QueueView extends QueueRecord {
  members: MemberView[];
  /** Phones Asterisk has in the queue that no member row names (static members, a CLI `queue add`). */
  others: { interface: string; name: string; penalty: number }[];
}

export interface QueueAdminOptions {
  store: KnexQueueStore;
  users: KnexUserStore;
  history: AdminHistory;
  sync: QueuePbxSync;
  queueState: () => QueueState;
  /** Told after a label or the order changed (the `site` stream and the catalogue follow). */
  onLabelsChanged: () => void;
}

/**
 * Queues at /yonetim/kuyruklar: labels and order (admins), members and penalties (admins; supervisors for agents),
 * each change pushed to app_queue at once (QueuePbxSync) and written to admin_history.
 */
export class QueueAdmin {
  constructor(private readonly options: QueueAdminOptions) {}

  async list(): Promise<QueueView[]> {
    const [queues, members] = await Promise.all([this.options.store.list(), this.options.store.members()]);
    const state = this.options.queueState();
    return queues.map((queue) => {
      const live = state.queues[queue.name]?.members ?? {};
      const own = members.filter((member) => member.queue === queue.name);
      const named = new Set(own.map((member) => member.phoneInterface));
      return {
        ...queue,
        members: own.map((member) => livePbx(member, member.phoneInterface ? live[member.phoneInterface] : undefined)),
        others: Object.values(live)
          .filter((member) => !named.has(member.interface))
          .map((member) => ({ interface: member.interface, name: member.name, penalty: member.penalty })),
      };
    });
  }

  async create(actor: AdminActor, queue: { name: string; label: SiteLabel; position?: number }): Promise<QueueRecord> {
    assertAdmin(actor, 'Kuyrukları');
    try {
      const created = await this.options.store.create(queue);
      await this.options.history.record({
        actor: actorOf(actor),
        subjectType: 'queue',
        subject: created.name,
        action: 'create',
        changes: [
          { field: 'label.tr', from: null, to: created.label.tr },
          { field: 'label.en', from: null, to: created.label.en },
          { field: 'position', from: null, to: created.position },
        ],
      });
      this.options.onLabelsChanged();
      return created;
    } catch (error) {
      if (error instanceof QueueExistsError) throw new AdminError('exists', `${queue.name} kuyruğu zaten var`, 'name');
      throw error;
    }
  }

  async update(actor: AdminActor, name: string, changes: { label?: SiteLabel; position?: number }): Promise<QueueRecord> {
    assertAdmin(actor, 'Kuyruk adlarını ve sırasını');
    const result = await this.options.store.update(name, changes);
    if (!result) throw new AdminError('not-found', `${name} kuyruğu bulunamadı`);
    const { before, after } = result;
    const diff = [
      { field: 'label.tr', from: before.label.tr, to: after.label.tr },
      { field: 'label.en', from: before.label.en, to: after.label.en },
      { field: 'position', from: before.position, to: after.position },
    ].filter((change) => change.from !== change.to);
    if (diff.length > 0) await this.options.history.record({ actor: actorOf(actor), subjectType: 'queue', subject: name, action: 'update', changes: diff });
    this.options.onLabelsChanged();
    return after;
  }

  /** Adds the user to the queue at `penalty`, or sets the penalty of a member; pushed to app_queue at once. */
  async setMember(actor: AdminActor, queue: string, userId: number, penalty: number): Promise<{ member: MemberRecord; pbx: PushOutcome }> {
    if (!(await this.options.store.get(queue))) throw new AdminError('unknown-queue', `Bilinmeyen kuyruk: ${queue}`, 'queue');
    const user = await this.options.users.findById(userId);
    if (!user) throw new AdminError('not-found', `Kullanıcı ${userId} bulunamadı`);
    assertMayManageQueuesOf(actor, user);
    const existing = await this.options.store.member(queue, userId);
    if (existing) {
      if (existing.penalty === penalty && existing.pbxState !== 'pending' && existing.pbxState !== 'failed') return { member: existing, pbx: { state: existing.pbxState, error: existing.pbxError } };
      await this.options.store.setPenalty(queue, userId, penalty);
    } else {
      // "Every queue" (users.queues null) becomes today's list plus this one, so nothing the user had is lost.
      const current = user.queues ?? (await this.options.store.list()).map((known) => known.name);
      await this.options.users.setQueues(userId, [...new Set([...current, queue])], { [queue]: penalty });
    }
    await this.options.history.record({
      actor: actorOf(actor),
      subjectType: 'user',
      subject: String(userId),
      action: existing ? 'penalty' : 'queue-add',
      changes: [existing ? { field: `penalty:${queue}`, from: existing.penalty, to: penalty } : { field: 'queues', from: user.queues?.join(', ') ?? null, to: [...new Set([...(user.queues ?? []), queue])].join(', ') }],
    });
    const pbx = await this.options.sync.push({ kind: existing ? 'penalty' : 'add', queue, user: { id: user.id, displayName: user.displayName, phoneInterface: user.phoneInterface }, penalty });
    const member = await this.options.store.member(queue, userId);
    if (!member) throw new AdminError('not-found', `${user.username} ${queue} kuyruğunda değil`);
    return { member, pbx };
  }

  async removeMember(actor: AdminActor, queue: string, userId: number): Promise<{ pbx: PushOutcome }> {
    const user = await this.options.users.findById(userId);
    if (!user) throw new AdminError('not-found', `Kullanıcı ${userId} bulunamadı`);
    assertMayManageQueuesOf(actor, user);
    if (!(await this.options.store.member(queue, userId))) throw new AdminError('not-found', `${user.username} ${queue} kuyruğunda değil`);
    const left = (user.queues ?? []).filter((name) => name !== queue);
    // The last queue gone: the user may join none (an empty list), not every queue (null).
    await this.options.users.setQueues(userId, left.length > 0 ? left : []);
    await this.options.history.record({ actor: actorOf(actor), subjectType: 'user', subject: String(userId), action: 'queue-remove', changes: [{ field: 'queues', from: user.queues?.join(', ') ?? null, to: left.join(', ') }] });
    return { pbx: await this.options.sync.push({ kind: 'remove', queue, user: { id: user.id, displayName: user.displayName, phoneInterface: user.phoneInterface } }) };
  }

  history(name: string): Promise<HistoryEntry[]> {
    return this.options.history.list({ subjectType: 'queue', subject: name });
  }
}

function livePbx(member: MemberRecord, live: { penalty: number } | undefined): MemberView {
  const waiting: PbxState[] = ['pending', 'failed'];
  const pbxState: PbxState = waiting.includes(member.pbxState) ? member.pbxState : live ? 'in-pbx' : 'at-login';
  return { ...member, pbxState, pbxPenalty: live ? live.penalty : null };
}
