import type { SimChannel } from './channel.js';
import { DEVICE_STATUS, type Devices } from './devices.js';
import type { MemberSnapshot } from './event-ports.js';
import type { QueueConfig } from './queues-conf.js';

export interface QueueMember {
  iface: string;
  name: string;
  stateInterface: string;
  penalty: number;
  membership: 'static' | 'dynamic';
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  /** Epoch seconds; 0 = never. */
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: boolean;
  /** In wrap-up until its timer ends it (a timer, not a wall-clock time: see QueueEntry.retrying). */
  wrappingUp: boolean;
}

export interface RingAttempt {
  member: QueueMember;
  agentChannel: SimChannel;
  cancel: () => void;
}

export type QueueOutcome = 'completed' | 'timeout' | 'abandoned' | 'joinempty';

export interface QueueEntry {
  channel: SimChannel;
  queue: QueueRuntime;
  joinedReal: number;
  originalPosition: number;
  ringing: RingAttempt | null;
  /**
   * Between a ring timeout and its `retry` timer no member is rung for this entry. The timer alone ends it:
   * a Date.now() deadline let the timer fire a millisecond "early" (libuv's loop clock is read before the
   * callback that armed it ran, and the wall clock can step), and the caller was then never rung again.
   */
  retrying: boolean;
  finish: (outcome: QueueOutcome) => void;
  cleanup: Array<() => void>;
}

export interface QueueRuntime {
  config: QueueConfig;
  members: Map<string, QueueMember>;
  entries: QueueEntry[];
  /** rrmemory: the interface rung last, so the next call starts after it. */
  lastRung: string | null;
  completed: number;
  abandoned: number;
  holdTimeTotal: number;
  talkTimeTotal: number;
}

export function newMember(iface: string, name: string, stateInterface: string, penalty: number, membership: 'static' | 'dynamic'): QueueMember {
  return {
    iface,
    name,
    stateInterface,
    penalty,
    membership,
    paused: false,
    pausedReason: '',
    callsTaken: 0,
    lastCall: 0,
    lastPause: 0,
    loginTime: Math.floor(Date.now() / 1000),
    inCall: false,
    wrappingUp: false,
  };
}

export function newQueueRuntime(config: QueueConfig): QueueRuntime {
  const members = new Map<string, QueueMember>();
  for (const m of config.members) members.set(m.interface, newMember(m.interface, m.name, m.stateInterface, m.penalty, 'static'));
  return { config, members, entries: [], lastRung: null, completed: 0, abandoned: 0, holdTimeTotal: 0, talkTimeTotal: 0 };
}

export function memberSnapshot(queue: QueueRuntime, member: QueueMember, devices: Devices): MemberSnapshot {
  return {
    queue: queue.config.name,
    memberName: member.name,
    interface: member.iface,
    stateInterface: member.stateInterface,
    membership: member.membership,
    penalty: member.penalty,
    callsTaken: member.callsTaken,
    lastCall: member.lastCall,
    lastPause: member.lastPause,
    loginTime: member.loginTime,
    inCall: member.inCall,
    status: DEVICE_STATUS[devices.state(member.stateInterface)],
    paused: member.paused,
    pausedReason: member.pausedReason,
    ringinuse: queue.config.ringinuse,
    wrapuptime: queue.config.wrapuptime,
  };
}

/** Lowest penalty first; within it rrmemory starts after the member rung last. */
export function pickMember(queue: QueueRuntime, devices: Devices): QueueMember | undefined {
  const available = [...queue.members.values()].filter(
    (m) => !m.paused && !m.wrappingUp && devices.state(m.stateInterface) === 'NOT_INUSE' && devices.agent(m.stateInterface),
  );
  if (available.length === 0) return undefined;
  const best = Math.min(...available.map((m) => m.penalty));
  const tier = available.filter((m) => m.penalty === best);
  const order = [...queue.members.keys()];
  const lastIndex = queue.lastRung ? order.indexOf(queue.lastRung) : -1;
  tier.sort((a, b) => {
    const ia = (order.indexOf(a.iface) - lastIndex - 1 + order.length) % order.length;
    const ib = (order.indexOf(b.iface) - lastIndex - 1 + order.length) % order.length;
    return ia - ib;
  });
  return tier[0];
}
