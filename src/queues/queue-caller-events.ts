import type { CallLink, QueueEvent } from './queue-events.js';
import type { CallFact, CallLinks, QueueState, WaitingCaller } from './queue-state-types.js';
import { appendFact, latestFact, replaceLatestFact, updateQueue, without } from './state-updates.js';

type EventOf<K extends QueueEvent['kind']> = Extract<QueueEvent, { kind: K }>;

/**
 * Events of one call can arrive a few ms out of order (fact 3: QueueCallerLeave before or after
 * AgentConnect, QueueCallerAbandon before QueueCallerLeave); within this gap a later event upgrades
 * the fact an earlier one wrote instead of starting a new call.
 */
const LATE_EVENT_TOLERANCE_MS = 5000;

export function linksOf(event: CallLink, known?: CallLinks): CallLinks {
  const links: CallLinks = { uniqueid: event.uniqueid, linkedid: event.linkedid || known?.linkedid || event.uniqueid };
  const callId = event.callId ?? known?.callId;
  const ticket = event.ticket ?? known?.ticket;
  if (callId !== undefined) links.callId = callId;
  if (ticket !== undefined) links.ticket = ticket;
  return links;
}

/** The fact written by an earlier event of this same call, if any (not one of an earlier visit to the queue). */
function factOfThisCall(state: QueueState, queue: string, uniqueid: string, at: number, caller?: WaitingCaller): CallFact | undefined {
  const fact = latestFact(state, queue, uniqueid);
  if (!fact) return undefined;
  if (caller) return fact.leftAt >= caller.joinedAt - (caller.joinedAtEstimated ? 1000 : 0) ? fact : undefined;
  return Math.abs(at - fact.leftAt) <= LATE_EVENT_TOLERANCE_MS ? fact : undefined;
}

function removeWaiting(state: QueueState, queue: string, uniqueid: string): QueueState {
  if (!state.queues[queue]?.waiting[uniqueid]) return state;
  return updateQueue(state, queue, (live) => ({ ...live, waiting: without(live.waiting, uniqueid) }));
}

export function onCallerJoin(state: QueueState, event: EventOf<'callerJoin'>): QueueState {
  const live = state.queues[event.queue];
  if (live?.waiting[event.uniqueid]) return state;
  const fact = latestFact(state, event.queue, event.uniqueid);
  if (fact && event.at <= fact.leftAt) {
    // The join arrived after the caller already left: complete the fact rather than re-adding the caller.
    if (fact.joinedAt !== null) return state;
    const waitMs = fact.leftAt - event.at;
    return replaceLatestFact(state, { ...fact, joinedAt: event.at, offeredAt: event.at, waitMs, waitSource: 'events' });
  }
  if (live?.calls[event.uniqueid]) return state;
  const caller: WaitingCaller = {
    ...linksOf(event),
    queue: event.queue,
    callerNumber: event.callerNumber,
    callerName: event.callerName,
    position: event.position,
    joinedAt: event.at,
    joinedAtEstimated: false,
  };
  return updateQueue(state, event.queue, (queue) => ({ ...queue, waiting: { ...queue.waiting, [caller.uniqueid]: caller } }));
}

export function onCallerLeave(state: QueueState, event: EventOf<'callerLeave'>): QueueState {
  const caller = state.queues[event.queue]?.waiting[event.uniqueid];
  // A leave for a caller we never saw join tells nothing measurable; AgentConnect/Abandon will still record it.
  if (!caller) return state;
  const next = removeWaiting(state, event.queue, event.uniqueid);
  if (factOfThisCall(state, event.queue, event.uniqueid, event.at, caller)) return next;
  return appendFact(next, {
    ...linksOf(event, caller),
    queue: event.queue,
    outcome: 'left',
    joinedAt: caller.joinedAt,
    offeredAt: caller.joinedAt,
    leftAt: event.at,
    waitMs: event.at - caller.joinedAt,
    waitSource: 'events',
  });
}

export function onCallerAbandon(state: QueueState, event: EventOf<'callerAbandon'>): QueueState {
  const caller = state.queues[event.queue]?.waiting[event.uniqueid];
  const fact = factOfThisCall(state, event.queue, event.uniqueid, event.at, caller);
  if (fact && fact.outcome !== 'left') return removeWaiting(state, event.queue, event.uniqueid);
  const next = removeWaiting(state, event.queue, event.uniqueid);
  const joinedAt = caller?.joinedAt ?? fact?.joinedAt ?? null;
  const waitMs = joinedAt !== null ? event.at - joinedAt : event.holdTimeS * 1000;
  const abandoned: CallFact = {
    ...linksOf(event, caller ?? fact),
    queue: event.queue,
    outcome: 'abandoned',
    joinedAt,
    offeredAt: joinedAt ?? event.at - waitMs,
    leftAt: event.at,
    waitMs,
    waitSource: joinedAt !== null ? 'events' : 'holdtime',
  };
  return fact ? replaceLatestFact(next, abandoned) : appendFact(next, abandoned);
}

export function onAgentConnect(state: QueueState, event: EventOf<'agentConnect'>): QueueState {
  if (state.queues[event.queue]?.calls[event.uniqueid]) return state;
  const caller = state.queues[event.queue]?.waiting[event.uniqueid];
  const fact = factOfThisCall(state, event.queue, event.uniqueid, event.at, caller);
  if (fact && fact.outcome !== 'left') return removeWaiting(state, event.queue, event.uniqueid);
  const joinedAt = caller?.joinedAt ?? fact?.joinedAt ?? null;
  const waitMs = joinedAt !== null ? event.at - joinedAt : event.holdTimeS * 1000;
  const links = linksOf(event, caller ?? fact);
  const answered: CallFact = {
    ...links,
    queue: event.queue,
    outcome: 'answered',
    joinedAt,
    offeredAt: joinedAt ?? event.at - waitMs,
    leftAt: event.at,
    waitMs,
    waitSource: joinedAt !== null ? 'events' : 'holdtime',
    member: event.member.interface,
    memberName: event.member.name,
    connectedAt: event.at,
  };
  let next = removeWaiting(state, event.queue, event.uniqueid);
  next = fact ? replaceLatestFact(next, answered) : appendFact(next, answered);
  const call = { ...links, queue: event.queue, member: event.member.interface, memberName: event.member.name, connectedAt: event.at };
  return updateQueue(next, event.queue, (queue) => ({ ...queue, calls: { ...queue.calls, [call.uniqueid]: call } }));
}

export function onAgentComplete(state: QueueState, event: EventOf<'agentComplete'>, wrapUpMs: number): QueueState {
  const call = state.queues[event.queue]?.calls[event.uniqueid];
  const fact = latestFact(state, event.queue, event.uniqueid);
  const factIsThisCall = fact?.outcome === 'answered' && fact.completedAt === undefined && !fact.lostAfterAnswer;
  if (!call && fact?.completedAt !== undefined && event.at - fact.completedAt <= LATE_EVENT_TOLERANCE_MS) return state;
  let next = call ? updateQueue(state, event.queue, (queue) => ({ ...queue, calls: without(queue.calls, event.uniqueid) })) : state;
  const connectedAt = call?.connectedAt ?? (factIsThisCall ? fact.connectedAt : undefined) ?? event.at - event.talkTimeS * 1000;
  const completion = {
    completedAt: event.at,
    talkMs: event.at - connectedAt,
    wrapUpMs,
    completionReason: event.reason,
  };
  if (fact && factIsThisCall) return replaceLatestFact(next, { ...fact, ...completion });
  const waitMs = event.holdTimeS * 1000;
  next = appendFact(next, {
    ...linksOf(event, call),
    queue: event.queue,
    outcome: 'answered',
    joinedAt: null,
    offeredAt: connectedAt - waitMs,
    leftAt: connectedAt,
    waitMs,
    waitSource: 'holdtime',
    member: event.member.interface,
    memberName: event.member.name,
    connectedAt,
    ...completion,
  });
  return next;
}
