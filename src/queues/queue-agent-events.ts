import type { QueueEvent, QueueMemberInfo } from './queue-events.js';
import type { AgentRecord, QueueMembership, QueueState } from './queue-state-types.js';
import { updateAgent, updateQueue, without } from './state-updates.js';

type EventOf<K extends QueueEvent['kind']> = Extract<QueueEvent, { kind: K }>;

export function isMemberOfAnyQueue(state: QueueState, memberInterface: string): boolean {
  return Object.values(state.queues).some((queue) => memberInterface in queue.members);
}

/** Ring tracking: AgentCalled until AgentConnect, AgentRingNoAnswer or AgentDump. */
export function onAgentCalled(state: QueueState, event: EventOf<'agentCalled'>): QueueState {
  const agent = state.agents[event.member.interface];
  // Older than the end of this agent's last ring or call: a stale duplicate.
  if (agent && event.at <= agent.busyEndedAt) return state;
  if (agent?.ringing?.uniqueid === event.uniqueid || agent?.onCall) return state;
  return updateAgent(state, event.member, event.at, (current) => ({
    ...current,
    ringing: { queue: event.queue, uniqueid: event.uniqueid, since: event.at },
  }));
}

export function onRingEnded(state: QueueState, event: EventOf<'agentRingNoAnswer' | 'agentDump'>): QueueState {
  return updateAgent(state, event.member, event.at, (agent) => ({
    ...agent,
    ringing: agent.ringing?.uniqueid === event.uniqueid ? null : agent.ringing,
    busyEndedAt: Math.max(agent.busyEndedAt, event.at),
  }));
}

export function onAgentConnected(state: QueueState, event: EventOf<'agentConnect'>): QueueState {
  const agent = state.agents[event.member.interface];
  if (agent?.onCall?.uniqueid === event.uniqueid || (agent && event.at <= agent.busyEndedAt)) return state;
  return updateAgent(state, event.member, event.at, (current) => ({
    ...current,
    ringing: null,
    wrapUp: null,
    onCall: { queue: event.queue, uniqueid: event.uniqueid, since: event.at },
  }));
}

export function onAgentCompleted(state: QueueState, event: EventOf<'agentComplete'>, wrapUpMs: number): QueueState {
  const agent = state.agents[event.member.interface];
  if (agent && event.at <= agent.busyEndedAt) return state;
  return updateAgent(state, event.member, event.at, (current) => ({
    ...current,
    onCall: current.onCall?.uniqueid === event.uniqueid ? null : current.onCall,
    busyEndedAt: Math.max(current.busyEndedAt, event.at),
    wrapUp: wrapUpMs > 0 ? { queue: event.queue, since: event.at, until: event.at + wrapUpMs } : null,
  }));
}

function membershipFrom(info: QueueMemberInfo, at: number, previous?: QueueMembership): QueueMembership {
  const pauseChanged = !previous || previous.paused !== info.paused;
  return {
    interface: info.interface,
    name: info.name,
    stateInterface: info.stateInterface,
    membership: info.membership,
    penalty: info.penalty,
    callsTaken: info.callsTaken,
    paused: info.paused,
    pausedReason: info.paused ? info.pausedReason : '',
    pausedSince: pauseChanged || !previous ? at : previous.pausedSince,
    updatedAt: at,
  };
}

export function withDeviceStatus(agent: AgentRecord, info: QueueMemberInfo, at: number): AgentRecord {
  if (at < agent.deviceStatusAt) return agent;
  const changed = info.status !== agent.deviceStatus;
  return { ...agent, deviceStatus: info.status, deviceStatusAt: at, deviceStatusSince: changed ? at : agent.deviceStatusSince };
}

/** QueueMemberAdded / QueueMemberStatus / QueueMemberPause all carry the member's full state. */
export function onMemberInfo(state: QueueState, event: EventOf<'memberAdded' | 'memberStatus' | 'memberPause'>): QueueState {
  const info = event.member;
  const agent = state.agents[info.interface];
  const removedAt = agent?.removedAt[info.queue];
  // A status or pause older than the member's removal must not bring the member back.
  if (removedAt !== undefined && event.at <= removedAt) return state;
  const previous = state.queues[info.queue]?.members[info.interface];
  if (previous && event.at < previous.updatedAt) {
    return updateAgent(state, info, event.at, (current) => withDeviceStatus(current, info, event.at));
  }
  const wasLoggedOut = !isMemberOfAnyQueue(state, info.interface);
  const membership = membershipFrom(info, event.at, previous);
  const next = updateQueue(state, info.queue, (queue) => ({ ...queue, members: { ...queue.members, [info.interface]: membership } }));
  const unpaused = previous?.paused === true && !info.paused;
  return updateAgent(next, info, event.at, (current) => ({
    ...withDeviceStatus(current, info, event.at),
    loggedOutSince: null,
    availableSince: wasLoggedOut || unpaused ? event.at : current.availableSince,
    removedAt: without(current.removedAt, info.queue),
  }));
}

export function onMemberRemoved(state: QueueState, event: EventOf<'memberRemoved'>): QueueState {
  const info = event.member;
  const previous = state.queues[info.queue]?.members[info.interface];
  if (previous && event.at < previous.updatedAt) return state;
  const next = previous ? updateQueue(state, info.queue, (queue) => ({ ...queue, members: without(queue.members, info.interface) })) : state;
  const stillMember = isMemberOfAnyQueue(next, info.interface);
  return updateAgent(next, info, event.at, (agent) => ({
    ...agent,
    loggedOutSince: stillMember ? null : (agent.loggedOutSince ?? event.at),
    removedAt: { ...agent.removedAt, [info.queue]: event.at },
  }));
}
