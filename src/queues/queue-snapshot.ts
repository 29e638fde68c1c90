import type { QueueMemberInfo, QueueStatusSnapshot } from './queue-events.js';
import type { AgentRecord, ConnectedCall, LiveQueue, QueueMembership, QueueState, WaitingCaller } from './queue-state-types.js';
import { withDeviceStatus } from './queue-agent-events.js';
import { appendFact, latestFact, replaceLatestFact, newAgent } from './state-updates.js';

/** Device statuses in which the member is busy with a call (in use, busy, ring+in use, on hold). */
export const IN_USE_STATUSES: ReadonlySet<number> = new Set([2, 3, 7, 8]);

function loseWaitingCaller(state: QueueState, caller: WaitingCaller, at: number): QueueState {
  return appendFact(state, {
    uniqueid: caller.uniqueid,
    linkedid: caller.linkedid,
    queue: caller.queue,
    outcome: 'lost',
    joinedAt: caller.joinedAt,
    offeredAt: caller.joinedAt,
    leftAt: at,
    waitMs: null,
    waitSource: null,
  });
}

/** The answer was already counted; only the talk time is unknown, so the call stays out of AHT. */
function loseConnectedCall(state: QueueState, call: ConnectedCall, at: number): QueueState {
  const fact = latestFact(state, call.queue, call.uniqueid);
  const next = fact?.outcome === 'answered' ? replaceLatestFact(state, { ...fact, lostAfterAnswer: true }) : state;
  const agent = next.agents[call.member];
  if (!agent) return next;
  const endedAgent: AgentRecord = {
    ...agent,
    onCall: agent.onCall?.uniqueid === call.uniqueid ? null : agent.onCall,
    busyEndedAt: Math.max(agent.busyEndedAt, at),
  };
  return { ...next, agents: { ...next.agents, [call.member]: endedAgent } };
}

/** Asterisk is going down: every call in it is gone, and no event will tell us how they ended. */
export function closeAllLiveCalls(state: QueueState, at: number): QueueState {
  let next = state;
  for (const queue of Object.values(state.queues)) {
    for (const caller of Object.values(queue.waiting)) next = loseWaitingCaller(next, caller, at);
    for (const call of Object.values(queue.calls)) next = loseConnectedCall(next, call, at);
  }
  const agents: Record<string, AgentRecord> = {};
  for (const [key, agent] of Object.entries(next.agents)) agents[key] = { ...agent, ringing: null, onCall: null };
  const queues: Record<string, LiveQueue> = {};
  for (const [name, queue] of Object.entries(next.queues)) queues[name] = { ...queue, waiting: {}, calls: {} };
  return { ...next, agents, queues };
}

function callSurvives(call: ConnectedCall, members: readonly QueueMemberInfo[]): boolean {
  const member = members.find((candidate) => candidate.interface === call.member);
  return member !== undefined && (member.inCall || IN_USE_STATUSES.has(member.status));
}

function membershipOf(info: QueueMemberInfo, at: number, previous?: QueueMembership): QueueMembership {
  const keepPause = previous !== undefined && previous.paused === info.paused;
  return {
    interface: info.interface,
    name: info.name,
    stateInterface: info.stateInterface,
    membership: previous?.membership ?? info.membership,
    penalty: info.penalty,
    callsTaken: info.callsTaken,
    paused: info.paused,
    pausedReason: info.paused ? info.pausedReason : '',
    pausedSince: keepPause ? previous.pausedSince : at,
    updatedAt: at,
  };
}

function rebuildQueue(state: QueueState, listed: QueueStatusSnapshot['queues'][number], at: number): LiveQueue {
  const previous = state.queues[listed.name];
  const waiting: Record<string, WaitingCaller> = {};
  for (const entry of listed.entries) {
    const known = previous?.waiting[entry.uniqueid];
    waiting[entry.uniqueid] = known
      ? { ...known, position: entry.position }
      : {
          queue: listed.name,
          uniqueid: entry.uniqueid,
          // Fact 8: the caller's uniqueid is the call's linkedid.
          linkedid: entry.uniqueid,
          callerNumber: entry.callerNumber,
          callerName: entry.callerName,
          position: entry.position,
          joinedAt: at - entry.waitS * 1000,
          joinedAtEstimated: true,
        };
  }
  const calls: Record<string, ConnectedCall> = {};
  for (const call of Object.values(previous?.calls ?? {})) if (callSurvives(call, listed.members)) calls[call.uniqueid] = call;
  const members: Record<string, QueueMembership> = {};
  for (const info of listed.members) members[info.interface] = membershipOf(info, at, previous?.members[info.interface]);
  return { name: listed.name, waiting, calls, members };
}

/**
 * After an AMI reconnect or FullyBooted the QueueStatus list is the truth: events sent while we were
 * disconnected are lost for good. Callers and calls we held that Asterisk no longer lists are closed
 * as `lost`, neither answered nor abandoned.
 */
export function applySnapshot(state: QueueState, snapshot: QueueStatusSnapshot): QueueState {
  const at = snapshot.at;
  let next = state;
  for (const queue of Object.values(state.queues)) {
    const listed = snapshot.queues.find((candidate) => candidate.name === queue.name);
    for (const caller of Object.values(queue.waiting)) {
      if (!listed?.entries.some((entry) => entry.uniqueid === caller.uniqueid)) next = loseWaitingCaller(next, caller, at);
    }
    for (const call of Object.values(queue.calls)) {
      if (!listed || !callSurvives(call, listed.members)) next = loseConnectedCall(next, call, at);
    }
  }
  const queues: Record<string, LiveQueue> = {};
  for (const listed of snapshot.queues) queues[listed.name] = rebuildQueue(next, listed, at);

  const agents: Record<string, AgentRecord> = {};
  const listedMembers = snapshot.queues.flatMap((queue) => queue.members);
  for (const info of listedMembers) {
    const known = agents[info.interface] ?? next.agents[info.interface] ?? newAgent(info, at);
    const wasLoggedOut = known.loggedOutSince !== null;
    const updated = withDeviceStatus({ ...known, deviceStatusAt: Math.min(known.deviceStatusAt, at) }, info, at);
    const ringingStill = updated.deviceStatus === 6 || updated.deviceStatus === 7;
    agents[info.interface] = {
      ...updated,
      name: info.name || updated.name,
      ringing: ringingStill ? updated.ringing : null,
      loggedOutSince: null,
      availableSince: wasLoggedOut ? at : updated.availableSince,
      removedAt: {},
    };
  }
  for (const [key, agent] of Object.entries(next.agents)) {
    if (agents[key]) continue;
    agents[key] = { ...agent, ringing: null, onCall: null, loggedOutSince: agent.loggedOutSince ?? at };
  }
  return { ...next, queues, agents };
}
