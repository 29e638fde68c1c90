import { FactIndex } from './fact-index.js';
import type { DeviceStatus, QueueMemberInfo } from './queue-events.js';

/** Plain data: the live queues, the agent pool and the facts of every caller that left a queue. */

export interface QueueStateConfig {
  /** Asterisk's `wrapuptime` per queue, in seconds; queues not listed use `defaultWrapUpS`. */
  wrapUpS: Readonly<Record<string, number>>;
  defaultWrapUpS: number;
}

export interface CallLinks {
  uniqueid: string;
  linkedid: string;
  callId?: string;
  ticket?: string;
}

export interface WaitingCaller extends CallLinks {
  queue: string;
  callerNumber: string;
  callerName: string;
  position: number;
  joinedAt: number;
  /** True when the caller was first seen in a QueueStatus snapshot, so `joinedAt` is derived from its `Wait` (whole seconds). */
  joinedAtEstimated: boolean;
}

export interface ConnectedCall extends CallLinks {
  queue: string;
  member: string;
  memberName: string;
  connectedAt: number;
}

export interface QueueMembership {
  interface: string;
  name: string;
  stateInterface: string;
  membership: QueueMemberInfo['membership'];
  penalty: number;
  callsTaken: number;
  paused: boolean;
  pausedReason: string;
  /** When `paused` last changed (or the member was first seen). */
  pausedSince: number;
  /** Event time of the newest member event applied; an older one is stale (fact 3: events arrive out of order). */
  updatedAt: number;
}

export interface LiveQueue {
  name: string;
  waiting: Readonly<Record<string, WaitingCaller>>;
  calls: Readonly<Record<string, ConnectedCall>>;
  members: Readonly<Record<string, QueueMembership>>;
}

export interface AgentActivity {
  queue: string;
  uniqueid: string;
  since: number;
}

/** One agent of the shared pool, keyed by member interface: the same person may serve several queues. */
export interface AgentRecord {
  interface: string;
  name: string;
  deviceStatus: DeviceStatus;
  /** Event time of the device status we hold; an older QueueMemberStatus is stale and ignored. */
  deviceStatusAt: number;
  /** When the device entered `deviceStatus` (unchanged repeats keep it). */
  deviceStatusSince: number;
  ringing: AgentActivity | null;
  onCall: AgentActivity | null;
  wrapUp: { queue: string; since: number; until: number } | null;
  /** Last time a ring or call of ours ended: a device status older than this describes that finished work. */
  busyEndedAt: number;
  /** Set when the agent is a member of no queue any more. */
  loggedOutSince: number | null;
  /** Last time the agent came on duty (first seen, added, unpaused); used as "ready since". */
  availableSince: number;
  /** Per queue, when the member was removed: older member events for that queue must not re-add it. */
  removedAt: Readonly<Record<string, number>>;
}

export type CallOutcome = 'answered' | 'abandoned' | 'left' | 'lost';

/**
 * What happened to one caller in one queue; the KPIs are computed from these only. A day of them stays in
 * memory, so a fact keeps only the caller's uniqueid and linkedid of its links (see compactFact).
 */
export interface CallFact extends Pick<CallLinks, 'uniqueid' | 'linkedid'> {
  queue: string;
  /** `left`: left without answer or abandon (timeout, exit key); `lost`: vanished while AMI was down or Asterisk restarted. */
  outcome: CallOutcome;
  joinedAt: number | null;
  /** When the call counts as offered: the join, or (join not seen) the leave minus Asterisk's HoldTime. */
  offeredAt: number;
  /** When the caller stopped waiting (connect, abandon, leave, loss). */
  leftAt: number;
  waitMs: number | null;
  /** `events`: from our join and connect/abandon times; `holdtime`: Asterisk's HoldTime, only when the join was not seen. */
  waitSource: 'events' | 'holdtime' | null;
  member?: string;
  memberName?: string;
  connectedAt?: number;
  completedAt?: number;
  talkMs?: number;
  wrapUpMs?: number;
  completionReason?: string;
  /** Answered, but the call vanished during a disconnect, so its talk time is unknown (left out of AHT). */
  lostAfterAnswer?: boolean;
}

export interface QueueState {
  config: QueueStateConfig;
  queues: Readonly<Record<string, LiveQueue>>;
  agents: Readonly<Record<string, AgentRecord>>;
  facts: readonly CallFact[];
  /** Where each call's latest fact is, so late events update the right fact; shared with derived states. */
  factIndex: FactIndex;
}

export function emptyQueueState(config: Partial<QueueStateConfig> = {}): QueueState {
  return {
    config: { wrapUpS: config.wrapUpS ?? {}, defaultWrapUpS: config.defaultWrapUpS ?? 0 },
    queues: {},
    agents: {},
    facts: [],
    factIndex: new FactIndex(),
  };
}

export function wrapUpMsFor(config: QueueStateConfig, queue: string): number {
  return (config.wrapUpS[queue] ?? config.defaultWrapUpS) * 1000;
}
