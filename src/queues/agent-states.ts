import type { AgentRecord, QueueMembership, QueueState } from './queue-state-types.js';
import { IN_USE_STATUSES } from './queue-snapshot.js';

export type AgentStateName = 'logged-out' | 'ready' | 'ringing' | 'on-call' | 'wrap-up' | 'paused' | 'unavailable';

export interface AgentStateView {
  interface: string;
  name: string;
  state: AgentStateName;
  /** Epoch ms the agent entered this state. */
  since: number;
  /** Queues the agent is a member of, sorted. */
  queues: string[];
  /** Pause reason, when paused. */
  reason?: string;
  /** The queue and caller of the ring, call or wrap-up. */
  queue?: string;
  uniqueid?: string;
}

export function membershipsOf(state: QueueState, agentInterface: string): QueueMembership[] {
  return Object.values(state.queues)
    .map((queue) => queue.members[agentInterface])
    .filter((membership): membership is QueueMembership => membership !== undefined);
}

export interface PauseView {
  /** Paused in every queue: paused in only some, the agent still takes calls from the others. */
  paused: boolean;
  /** The reason of the most recent pause change. */
  reason: string;
  /** When the pause state last changed in any queue. */
  changedAt: number;
}

export function pauseOf(memberships: readonly QueueMembership[]): PauseView {
  const latest = memberships.reduce<QueueMembership | undefined>((a, b) => (a === undefined || b.pausedSince > a.pausedSince ? b : a), undefined);
  return {
    paused: memberships.length > 0 && memberships.every((membership) => membership.paused),
    reason: latest?.pausedReason ?? '',
    changedAt: latest?.pausedSince ?? Number.NEGATIVE_INFINITY,
  };
}

/**
 * The busy states come first: an agent paused during a call is shown on the call until it ends.
 * A device status older than the end of the agent's last ring/call describes that finished work
 * (QueueMemberStatus 2 can arrive around AgentConnect/AgentComplete in either order, fact 3).
 */
function stateOf(agent: AgentRecord, memberships: QueueMembership[], now: number): Omit<AgentStateView, 'interface' | 'name' | 'queues'> {
  if (memberships.length === 0) return { state: 'logged-out', since: agent.loggedOutSince ?? agent.availableSince };
  const deviceFresh = agent.deviceStatusAt > agent.busyEndedAt;
  const deviceInUse = deviceFresh && IN_USE_STATUSES.has(agent.deviceStatus);
  if (agent.onCall) {
    const since = deviceInUse ? Math.min(agent.onCall.since, agent.deviceStatusSince) : agent.onCall.since;
    return { state: 'on-call', since, queue: agent.onCall.queue, uniqueid: agent.onCall.uniqueid };
  }
  if (deviceInUse) return { state: 'on-call', since: agent.deviceStatusSince };
  if (agent.ringing) return { state: 'ringing', since: agent.ringing.since, queue: agent.ringing.queue, uniqueid: agent.ringing.uniqueid };
  if (deviceFresh && agent.deviceStatus === 6) return { state: 'ringing', since: agent.deviceStatusSince };
  if (agent.wrapUp && now < agent.wrapUp.until) return { state: 'wrap-up', since: agent.wrapUp.since, queue: agent.wrapUp.queue };

  const workEndedAt = Math.max(agent.busyEndedAt, agent.wrapUp?.until ?? Number.NEGATIVE_INFINITY);
  const pause = pauseOf(memberships);
  if (pause.paused) return { state: 'paused', since: Math.max(pause.changedAt, workEndedAt), reason: pause.reason };
  const since = Math.max(agent.availableSince, pause.changedAt, workEndedAt, agent.deviceStatusSince);
  if (agent.deviceStatus === 4 || agent.deviceStatus === 5) return { state: 'unavailable', since: Math.max(agent.deviceStatusSince, workEndedAt) };
  return { state: 'ready', since };
}

/** Pure: one agent's state at `now` (wrap-up ends by the clock, not by an event). */
export function agentStateOf(state: QueueState, agent: AgentRecord, now: number): AgentStateView {
  const memberships = membershipsOf(state, agent.interface);
  const queues = Object.values(state.queues)
    .filter((queue) => agent.interface in queue.members)
    .map((queue) => queue.name)
    .sort();
  return { interface: agent.interface, name: agent.name, queues, ...stateOf(agent, memberships, now) };
}

/** Pure: every known agent's state at `now`, sorted by name. */
export function agentStates(state: QueueState, now: number): AgentStateView[] {
  return Object.values(state.agents)
    .map((agent) => agentStateOf(state, agent, now))
    .sort((a, b) => a.name.localeCompare(b.name, 'tr') || a.interface.localeCompare(b.interface));
}
