import type { Logger } from '../logging/logger.js';
import type { QueueState } from '../queues/queue-state-types.js';
import { QueueActionError } from '../telephony/ami/ami-queue-actions.js';
import type { QueueActions } from '../telephony/ports.js';
import type { AgentSessionStore } from './agent-session-store.js';
import type { DeskState, PauseReason } from './desk-protocol.js';
import { deskStateOf } from './desk-state.js';

/** The desk user as presence needs it. */
export interface DeskUser {
  id: number;
  username: string;
  displayName: string;
  phoneInterface: string | null;
  /** Queues joined at desk login; null: every queue of the hotline. */
  queues: readonly string[] | null;
}

export interface Actor {
  username: string;
}

type Pending = NonNullable<DeskState['pending']>;
type DeskAction = { action: 'login'; queues: string[] } | { action: 'logout'; queues: string[] } | { action: 'pause'; reason: string } | { action: 'unpause' };

/** A desk action that cannot be done at all (not a phone user, unknown queue); AMI being down is not one of these. */
export class DeskActionError extends Error {
  constructor(
    readonly status: 400 | 409,
    message: string,
  ) {
    super(message);
    this.name = 'DeskActionError';
  }
}

export interface AgentPresenceOptions {
  actions: QueueActions;
  sessions: AgentSessionStore;
  /** The live queue state (QueueMonitor.state). */
  queueState: () => QueueState;
  /** Every queue of the hotline (for users without their own list). */
  allQueues: () => string[];
  logger: Logger;
  /** Told whenever a user's desk may have changed (the desk notifier sends desk:state). */
  onChange: (userId: number) => void;
  now?: () => number;
}

/**
 * Desk login/logout and breaks, done over AMI (QueueAdd/QueueRemove/QueuePause) and logged in
 * agent_sessions. When AMI is down the request is kept as *pending*, the desk says so, and it is
 * replayed when AMI is back (retry(), called after each QueueStatus resync): nothing the agent asked
 * for is lost, and Asterisk stays the truth for what actually happened.
 */
export class AgentPresence {
  private readonly pending = new Map<number, { user: DeskUser; actor: Actor; request: DeskAction; state: Pending }>();
  private readonly now: () => number;

  constructor(private readonly options: AgentPresenceOptions) {
    this.now = options.now ?? Date.now;
  }

  state(user: DeskUser): DeskState {
    return deskStateOf(this.options.queueState(), this.now(), user.phoneInterface, this.pending.get(user.id)?.state ?? null);
  }

  login(user: DeskUser, actor: Actor, queues?: readonly string[]): Promise<DeskState> {
    const known = this.options.allQueues();
    const wanted = [...(queues ?? user.queues ?? known)];
    const unknown = wanted.filter((queue) => !known.includes(queue));
    if (unknown.length > 0) throw new DeskActionError(400, `unknown queue: ${unknown.join(', ')}`);
    if (wanted.length === 0) throw new DeskActionError(400, 'no queue to join');
    return this.run(user, actor, { action: 'login', queues: wanted });
  }

  logout(user: DeskUser, actor: Actor): Promise<DeskState> {
    return this.run(user, actor, { action: 'logout', queues: this.state(user).queues });
  }

  pause(user: DeskUser, actor: Actor, reason: PauseReason | string): Promise<DeskState> {
    return this.run(user, actor, { action: 'pause', reason });
  }

  unpause(user: DeskUser, actor: Actor): Promise<DeskState> {
    return this.run(user, actor, { action: 'unpause' });
  }

  /** Replays what waited for AMI; called once the queue state has been rebuilt after a reconnect. */
  async retryPending(): Promise<void> {
    for (const { user, actor, request } of [...this.pending.values()]) {
      await this.run(user, actor, request).catch((error: unknown) => this.options.logger.warn('pending desk action failed', { user: user.username, error: (error as Error).message }));
    }
  }

  private async run(user: DeskUser, actor: Actor, request: DeskAction): Promise<DeskState> {
    const iface = user.phoneInterface;
    if (!iface) throw new DeskActionError(409, `${user.username} has no phone interface: an admin must set one before the desk can join queues`);
    try {
      await this.perform(user, iface, request);
      this.pending.delete(user.id);
      await this.options.sessions
        .record({
          userId: user.id,
          kind: request.action,
          reason: request.action === 'pause' ? request.reason : null,
          queues: 'queues' in request ? request.queues : null,
          actor: `user:${actor.username}`,
          at: new Date(this.now()),
        })
        .catch((error: unknown) => this.options.logger.error('agent session not recorded', { user: user.username, error: (error as Error).message }));
      this.options.logger.info('desk action done', { user: user.username, action: request.action, by: actor.username });
    } catch (error) {
      if (!(error instanceof QueueActionError) || error.problem !== 'ami-unavailable') throw error;
      const since = this.pending.get(user.id)?.state.since ?? this.now();
      this.pending.set(user.id, { user, actor, request, state: { action: request.action, since, error: error.message } });
      this.options.logger.warn('desk action waits for AMI', { user: user.username, action: request.action, error: error.message });
    } finally {
      this.options.onChange(user.id);
    }
    return this.state(user);
  }

  private async perform(user: DeskUser, iface: string, request: DeskAction): Promise<void> {
    const { actions } = this.options;
    const tolerate = async (action: Promise<void>, harmless: QueueActionError['problem']): Promise<void> => {
      try {
        await action;
      } catch (error) {
        // Already in the queue (a desk reloaded) or already out: the wanted state holds.
        if (!(error instanceof QueueActionError) || error.problem !== harmless) throw error;
      }
    };
    switch (request.action) {
      case 'login':
        for (const queue of request.queues) {
          await tolerate(actions.addMember({ queue, interface: iface, memberName: user.displayName, stateInterface: iface }), 'already-member');
        }
        // A desk login means "ready": clear a break left over from the previous shift.
        await tolerate(actions.pauseMember({ interface: iface, paused: false }), 'not-member');
        return;
      case 'logout':
        for (const queue of request.queues) await tolerate(actions.removeMember(queue, iface), 'not-member');
        return;
      case 'pause':
        await actions.pauseMember({ interface: iface, paused: true, reason: request.reason });
        return;
      case 'unpause':
        await actions.pauseMember({ interface: iface, paused: false });
        return;
    }
  }
}
