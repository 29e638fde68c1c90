import type { Logger } from '../../logging/logger.js';
import type { QueueState } from '../../queues/queue-state-types.js';
import { QueueActionError } from '../../telephony/ami/ami-queue-actions.js';
import type { AddMember } from '../../telephony/ports.js';
import type { KnexQueueStore, PbxState } from './queue-store.js';

/** The AMI actions a membership change needs (AmiQueueActions). */
export interface MemberActions {
  addMember(member: AddMember): Promise<void>;
  removeMember(queue: string, agentInterface: string): Promise<void>;
  setPenalty(penalty: { interface: string; penalty: number; queue?: string }): Promise<void>;
}

export interface SyncUser {
  id: number;
  displayName: string;
  phoneInterface: string | null;
}

export type MemberChange = { kind: 'add' | 'penalty'; queue: string; user: SyncUser; penalty: number } | { kind: 'remove'; queue: string; user: SyncUser };

/** What the PBX has after a change: its state (`removed` for a removal it took) and Asterisk's words when it refused. */
export interface PushOutcome {
  state: PbxState | 'removed';
  error: string | null;
}

export interface QueuePbxSyncOptions {
  actions: MemberActions;
  store: KnexQueueStore;
  /** The live queue state (QueueMonitor.state): who is in which queue now, with which penalty. */
  queueState: () => QueueState;
  logger: Logger;
}

/**
 * Pushes a membership change to app_queue at once. Members are dynamic and exist in Asterisk only while the agent
 * is logged in at the desk (a phone in at least one queue): a change for a logged-in agent is a QueueAdd (with
 * MemberName, StateInterface and Penalty), QueueRemove or QueuePenalty now; for anyone else it is stored and the next
 * desk login joins with it (`at-login`). AMI down: the change is kept (`pending`, in queue_members, so a restart
 * keeps it too; removals in memory) and pushed again after the next QueueStatus resync. Asterisk refusing it is
 * `failed` with its message, shown to the admin; the store keeps what was asked either way.
 */
export class QueuePbxSync {
  /** `queue\u0000interface` → removal that waits for AMI. */
  private readonly pendingRemovals = new Map<string, { queue: string; iface: string }>();

  constructor(private readonly options: QueuePbxSyncOptions) {}

  async push(change: MemberChange): Promise<PushOutcome> {
    const outcome = await this.apply(change);
    if (change.kind !== 'remove' && outcome.state !== 'removed') await this.options.store.setPbxState(change.queue, change.user.id, outcome.state, outcome.error);
    return outcome;
  }

  /** After AMI is back and the queue state rebuilt: every change that waited for it. */
  async retryPending(): Promise<void> {
    for (const [key, removal] of [...this.pendingRemovals]) {
      const outcome = await this.apply({ kind: 'remove', queue: removal.queue, user: { id: 0, displayName: '', phoneInterface: removal.iface } });
      if (outcome.state !== 'pending') this.pendingRemovals.delete(key);
    }
    for (const member of await this.options.store.pending()) {
      if (!member.phoneInterface) continue;
      await this.push({ kind: 'add', queue: member.queue, user: { id: member.userId, displayName: member.displayName, phoneInterface: member.phoneInterface }, penalty: member.penalty });
    }
  }

  private async apply(change: MemberChange): Promise<PushOutcome> {
    const iface = change.user.phoneInterface;
    if (!iface) return change.kind === 'remove' ? { state: 'removed', error: null } : { state: 'at-login', error: null };
    const state = this.options.queueState();
    const current = state.queues[change.queue]?.members[iface];
    const loggedIn = Object.values(state.queues).some((queue) => iface in queue.members);
    const { actions } = this.options;
    try {
      if (change.kind === 'remove') {
        this.pendingRemovals.delete(`${change.queue}\u0000${iface}`);
        if (current) await actions.removeMember(change.queue, iface);
        return { state: 'removed', error: null };
      }
      if (current) {
        if (current.penalty !== change.penalty) await actions.setPenalty({ queue: change.queue, interface: iface, penalty: change.penalty });
        return { state: 'in-pbx', error: null };
      }
      if (!loggedIn) return { state: 'at-login', error: null };
      await this.join(change.queue, iface, change.user.displayName, change.penalty);
      return { state: 'in-pbx', error: null };
    } catch (error) {
      return this.failure(change, iface, error);
    }
  }

  private async join(queue: string, iface: string, memberName: string, penalty: number): Promise<void> {
    try {
      await this.options.actions.addMember({ queue, interface: iface, memberName, stateInterface: iface, penalty });
    } catch (error) {
      // Joined meanwhile (a desk login racing this change): the penalty is what is left to set.
      if (!(error instanceof QueueActionError) || error.problem !== 'already-member') throw error;
      await this.options.actions.setPenalty({ queue, interface: iface, penalty });
    }
  }

  private failure(change: MemberChange, iface: string, error: unknown): PushOutcome {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof QueueActionError && error.problem === 'ami-unavailable') {
      if (change.kind === 'remove') this.pendingRemovals.set(`${change.queue}\u0000${iface}`, { queue: change.queue, iface });
      this.options.logger.warn('queue member change waits for AMI', { queue: change.queue, kind: change.kind, error: message });
      return { state: 'pending', error: message };
    }
    // Already out of the queue is what a removal wanted.
    if (change.kind === 'remove' && error instanceof QueueActionError && error.problem === 'not-member') return { state: 'removed', error: null };
    this.options.logger.warn('queue member change refused by the PBX', { queue: change.queue, kind: change.kind, error: message });
    return { state: 'failed', error: message };
  }
}
