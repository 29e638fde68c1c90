import type { Logger } from '../logging/logger.js';
import type { QueueState } from '../queues/queue-state-types.js';
import { QueueActionError } from '../telephony/ami/ami-queue-actions.js';
import type { QueueActions } from '../telephony/ports.js';
import type { AgentSessionStore } from './agent-session-store.js';
import type { DeskLogoutResult, DeskState, LogoutReport, PauseReason } from './desk-protocol.js';
import { deskStateOf } from './desk-state.js';
import { leaveQueues } from './queue-leave.js';

/** The desk user as presence needs it. */
export interface DeskUser {
  id: number;
  username: string;
  displayName: string;
  phoneInterface: string | null;
  /**
   * The queues a supervisor or admin assigned (users.queues); null: every queue of the hotline. A desk
   * login joins these or some of them, never others; what was joined is in agent_sessions and Asterisk.
   */
  queues: readonly string[] | null;
}

export interface Actor {
  username: string;
}

type Pending = NonNullable<DeskState['pending']>;
type DeskAction =
  | { action: 'login'; queues: string[] }
  /** `removed`: queues an earlier attempt of this logout left before AMI went down. */
  | { action: 'logout'; removed: string[] }
  | { action: 'pause'; reason: string }
  | { action: 'unpause' };

/** A desk action that cannot be done at all (not a phone user, a queue not assigned); AMI being down is not one of these. */
export class DeskActionError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
    readonly details?: { queues: string[] },
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
  /** The penalty per queue an admin set (queue_members); a desk login joins with these. Absent or unlisted: 0. */
  penaltiesOf?: (userId: number) => Promise<Readonly<Record<string, number>>>;
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

  /** Joins `queues` (default: every assigned queue); a queue outside the assignment refuses the whole login. */
  async login(user: DeskUser, actor: Actor, queues?: readonly string[]): Promise<DeskState> {
    const known = this.options.allQueues();
    const assigned = user.queues ?? known;
    const wanted = [...new Set(queues ?? assigned)];
    const unknown = wanted.filter((queue) => !known.includes(queue));
    if (unknown.length > 0) throw new DeskActionError(400, `unknown queue: ${unknown.join(', ')}`, { queues: unknown });
    const notAssigned = wanted.filter((queue) => !assigned.includes(queue));
    if (notAssigned.length > 0) throw new DeskActionError(403, `not assigned to ${user.username}: ${notAssigned.join(', ')}`, { queues: notAssigned });
    if (wanted.length === 0) throw new DeskActionError(400, 'no queue to join');
    return (await this.run(user, actor, { action: 'login', queues: wanted })).state;
  }

  /**
   * Leaves every queue Asterisk last said the agent is in (the monitor's QueueStatus-fed state, not
   * the assignment: a queue joined by hand in the CLI counts too) and says per queue what happened.
   */
  async logout(user: DeskUser, actor: Actor): Promise<DeskLogoutResult> {
    const earlier = this.pending.get(user.id)?.request;
    const { state, report } = await this.run(user, actor, { action: 'logout', removed: earlier?.action === 'logout' ? earlier.removed : [] });
    return { ...state, logout: report ?? { complete: true, queues: [], remaining: [] } };
  }

  async pause(user: DeskUser, actor: Actor, reason: PauseReason): Promise<DeskState> {
    return (await this.run(user, actor, { action: 'pause', reason })).state;
  }

  async unpause(user: DeskUser, actor: Actor): Promise<DeskState> {
    return (await this.run(user, actor, { action: 'unpause' })).state;
  }

  /** Replays what waited for AMI; called once the queue state has been rebuilt after a reconnect. */
  async retryPending(): Promise<void> {
    for (const { user, actor, request } of [...this.pending.values()]) {
      await this.run(user, actor, request).catch((error: unknown) => this.options.logger.warn('pending desk action failed', { user: user.username, error: (error as Error).message }));
    }
  }

  private async run(user: DeskUser, actor: Actor, request: DeskAction): Promise<{ state: DeskState; report?: LogoutReport }> {
    const iface = user.phoneInterface;
    if (!iface) throw new DeskActionError(409, `${user.username} has no phone interface: an admin must set one before the desk can join queues`);
    let report: LogoutReport | undefined;
    try {
      if (request.action === 'logout') {
        report = await leaveQueues(this.options.actions, iface, this.memberQueues(iface));
        const removed = [...request.removed, ...report.queues.filter((leave) => leave.outcome === 'removed').map((leave) => leave.queue)];
        const waiting = report.queues.find((leave) => leave.outcome === 'pending');
        if (waiting) this.keepPending(user, actor, { action: 'logout', removed }, waiting.message);
        else await this.done(user, actor, request, removed, report);
      } else {
        await this.perform(user, iface, request);
        await this.done(user, actor, request, request.action === 'login' ? request.queues : null);
      }
    } catch (error) {
      if (!(error instanceof QueueActionError) || error.problem !== 'ami-unavailable') throw error;
      this.keepPending(user, actor, request, error.message);
    } finally {
      this.options.onChange(user.id);
    }
    return { state: this.state(user), ...(report ? { report } : {}) };
  }

  private memberQueues(agentInterface: string): string[] {
    return Object.values(this.options.queueState().queues)
      .filter((queue) => agentInterface in queue.members)
      .map((queue) => queue.name);
  }

  private keepPending(user: DeskUser, actor: Actor, request: DeskAction, error: string): void {
    const since = this.pending.get(user.id)?.state.since ?? this.now();
    this.pending.set(user.id, { user, actor, request, state: { action: request.action, since, error } });
    this.options.logger.warn('desk action waits for AMI', { user: user.username, action: request.action, error });
  }

  private async done(user: DeskUser, actor: Actor, request: DeskAction, queues: readonly string[] | null, report?: LogoutReport): Promise<void> {
    this.pending.delete(user.id);
    await this.options.sessions
      .record({
        userId: user.id,
        kind: request.action,
        reason: request.action === 'pause' ? request.reason : null,
        queues,
        actor: `user:${actor.username}`,
        at: new Date(this.now()),
      })
      .catch((error: unknown) => this.options.logger.error('agent session not recorded', { user: user.username, error: (error as Error).message }));
    const refused = report?.queues.flatMap((leave) => (leave.outcome === 'refused' ? [`${leave.queue}: ${leave.message}`] : [])) ?? [];
    if (refused.length > 0) this.options.logger.warn('desk logout left the agent in queues', { user: user.username, by: actor.username, refused });
    else this.options.logger.info('desk action done', { user: user.username, action: request.action, by: actor.username });
  }

  private async perform(user: DeskUser, iface: string, request: Exclude<DeskAction, { action: 'logout' }>): Promise<void> {
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
      case 'login': {
        const penalties = (await this.options.penaltiesOf?.(user.id)) ?? {};
        for (const queue of request.queues) {
          await tolerate(actions.addMember({ queue, interface: iface, memberName: user.displayName, stateInterface: iface, penalty: penalties[queue] ?? 0 }), 'already-member');
        }
        // A desk login means "ready": clear a break left over from the previous shift.
        await tolerate(actions.pauseMember({ interface: iface, paused: false }), 'not-member');
        return;
      }
      case 'pause':
        await actions.pauseMember({ interface: iface, paused: true, reason: request.reason });
        return;
      case 'unpause':
        await actions.pauseMember({ interface: iface, paused: false });
        return;
    }
  }
}
