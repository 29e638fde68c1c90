import type { QueueMemberRef } from './queue-events.js';
import { FactIndex } from './fact-index.js';
import { compactFact } from './fact-strings.js';
import type { AgentRecord, CallFact, LiveQueue, QueueState } from './queue-state-types.js';

/** Copy-on-write helpers: the reducer stays pure without cloning the whole state per event. */

export function emptyQueue(name: string): LiveQueue {
  return { name, waiting: {}, calls: {}, members: {} };
}

export function updateQueue(state: QueueState, name: string, change: (queue: LiveQueue) => LiveQueue): QueueState {
  const queue = state.queues[name] ?? emptyQueue(name);
  return { ...state, queues: { ...state.queues, [name]: change(queue) } };
}

export function without<T>(record: Readonly<Record<string, T>>, key: string): Readonly<Record<string, T>> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}

export function newAgent(member: QueueMemberRef, at: number): AgentRecord {
  return {
    interface: member.interface,
    name: member.name,
    deviceStatus: 0,
    deviceStatusAt: Number.NEGATIVE_INFINITY,
    deviceStatusSince: at,
    ringing: null,
    onCall: null,
    wrapUp: null,
    busyEndedAt: Number.NEGATIVE_INFINITY,
    loggedOutSince: null,
    availableSince: at,
    removedAt: {},
  };
}

export function updateAgent(
  state: QueueState,
  member: QueueMemberRef,
  at: number,
  change: (agent: AgentRecord) => AgentRecord,
): QueueState {
  const agent = state.agents[member.interface] ?? newAgent(member, at);
  const named = member.name && member.name !== agent.name ? { ...agent, name: member.name } : agent;
  return { ...state, agents: { ...state.agents, [member.interface]: change(named) } };
}

export function latestFact(state: QueueState, queue: string, uniqueid: string): CallFact | undefined {
  const position = state.factIndex.latest(state.facts, queue, uniqueid);
  return position === undefined ? undefined : state.facts[position];
}

/** The facts array is still copied (a flat copy of pointers, cheap); the index is shared, see FactIndex. */
export function appendFact(state: QueueState, fact: CallFact): QueueState {
  const compact = compactFact(fact);
  const facts = [...state.facts, compact];
  state.factIndex.add(compact, facts.length - 1);
  return { ...state, facts };
}

export function replaceLatestFact(state: QueueState, fact: CallFact): QueueState {
  const position = state.factIndex.latest(state.facts, fact.queue, fact.uniqueid);
  if (position === undefined) return appendFact(state, fact);
  const facts = state.facts.slice();
  facts[position] = compactFact(fact, state.facts[position]);
  return { ...state, facts };
}

/** Facts older than `before` (by offer time) are no longer needed for any window; drop them to bound memory. */
export function pruneFacts(state: QueueState, before: number): QueueState {
  const facts = state.facts.filter((fact) => fact.offeredAt >= before);
  if (facts.length === state.facts.length) return state;
  return { ...state, facts, factIndex: FactIndex.of(facts) };
}

/** Splits off the facts `settled` picks (QueueMonitor folds them into tallies); the rest keep their order. */
export function takeFacts(state: QueueState, settled: (fact: CallFact) => boolean): { state: QueueState; taken: CallFact[] } {
  const taken: CallFact[] = [];
  const kept: CallFact[] = [];
  for (const fact of state.facts) (settled(fact) ? taken : kept).push(fact);
  if (taken.length === 0) return { state, taken };
  return { state: { ...state, facts: kept, factIndex: FactIndex.of(kept) }, taken };
}
