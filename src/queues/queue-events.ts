/**
 * Queue events as the core sees them: normalised from AMI (src/telephony/ami) so the queue state
 * and the KPIs are pure functions of these. Times are epoch milliseconds taken from AMI's
 * `Timestamp:` header when present (timestampevents=yes), else from the moment alo153 read the event.
 */

export interface QueueMemberRef {
  /** `PJSIP/agent1`: the member's interface (AMI `Interface`, or `DestChannel` prefix for agent legs). */
  interface: string;
  /** `Ajan 1` (AMI `MemberName`). */
  name: string;
}

/** AMI QueueMemberStatus `Status`: 0 unknown, 1 not in use, 2 in use, 3 busy, 4 invalid, 5 unavailable, 6 ringing, 7 ring+inuse, 8 on hold. */
export type DeviceStatus = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export interface QueueMemberInfo extends QueueMemberRef {
  queue: string;
  stateInterface: string;
  membership: 'static' | 'dynamic' | 'realtime';
  penalty: number;
  callsTaken: number;
  /** Epoch seconds of the last call, 0 when none. */
  lastCall: number;
  inCall: boolean;
  status: DeviceStatus;
  paused: boolean;
  pausedReason: string;
}

/** What ties a queue call to alo153's call and ticket (channel variables set over ARI). */
export interface CallLink {
  /** The caller's channel: equals the ARI channel id. */
  uniqueid: string;
  linkedid: string;
  callId?: string;
  ticket?: string;
}

type QueueEventBody =
  | ({ kind: 'callerJoin'; at: number; queue: string; position: number; count: number; callerNumber: string; callerName: string } & CallLink)
  | ({ kind: 'callerLeave'; at: number; queue: string; position: number; count: number } & CallLink)
  | ({ kind: 'callerAbandon'; at: number; queue: string; position: number; originalPosition: number; holdTimeS: number } & CallLink)
  | ({ kind: 'agentCalled'; at: number; queue: string; member: QueueMemberRef } & CallLink)
  /** AMI reports this RingTime in milliseconds (unlike AgentConnect). */
  | ({ kind: 'agentRingNoAnswer'; at: number; queue: string; member: QueueMemberRef; ringTimeMs: number } & CallLink)
  /** AMI reports this RingTime in seconds. */
  | ({ kind: 'agentConnect'; at: number; queue: string; member: QueueMemberRef; holdTimeS: number; ringTimeS: number } & CallLink)
  | ({ kind: 'agentComplete'; at: number; queue: string; member: QueueMemberRef; holdTimeS: number; talkTimeS: number; reason: 'agent' | 'caller' | 'transfer' | string } & CallLink)
  | ({ kind: 'agentDump'; at: number; queue: string; member: QueueMemberRef } & CallLink)
  | { kind: 'memberAdded'; at: number; member: QueueMemberInfo }
  | { kind: 'memberRemoved'; at: number; member: QueueMemberInfo }
  | { kind: 'memberStatus'; at: number; member: QueueMemberInfo }
  | { kind: 'memberPause'; at: number; member: QueueMemberInfo }
  /** Asterisk (re)started: every call is gone; a QueueStatus snapshot follows. */
  | { kind: 'fullyBooted'; at: number }
  | { kind: 'shutdown'; at: number; restart: boolean }
  /** Our caller's channel hung up after alo153 handed it to the dialplan (AMI Hangup carrying ALO153_CALL_ID). */
  | ({ kind: 'callerHangup'; at: number; cause: number; /** ALO153_QUEUE: where alo153 sent the call. */ queue?: string } & CallLink);

export type QueueEvent = QueueEventBody & {
  /**
   * The event's natural identity, the same for every copy of one Asterisk event (a second consumer, a stream
   * fed again): what a store dedupes on. Absent when Asterisk sent no `Timestamp:` (timestampevents=no, or the
   * FullyBooted greeting at login), because then `at` is our clock and two copies would not match.
   */
  key?: string;
};

/**
 * The natural key of an event whose Asterisk `Timestamp:` was `micros` (epoch µs, as digits). A timestamp is
 * not unique by itself (AgentCalled rings several members in one instant), so the key adds what tells
 * simultaneous events apart: the caller's Uniqueid and queue, the member's interface for agent and member
 * events, and for member events also the status and pause they report (a member's status changes twice
 * within one µs only in a simulator with a coarse clock, and then with different values).
 */
export function queueEventKey(event: QueueEventBody, micros: string): string {
  const parts: Array<string | number> = [event.kind, micros];
  switch (event.kind) {
    case 'callerJoin':
    case 'callerLeave':
    case 'callerAbandon':
      parts.push(event.queue, event.uniqueid);
      break;
    case 'agentCalled':
    case 'agentRingNoAnswer':
    case 'agentConnect':
    case 'agentComplete':
    case 'agentDump':
      parts.push(event.queue, event.uniqueid, event.member.interface);
      break;
    case 'memberAdded':
    case 'memberRemoved':
    case 'memberStatus':
    case 'memberPause':
      parts.push(event.member.queue, event.member.interface, event.member.status, event.member.paused ? 1 : 0);
      break;
    case 'callerHangup':
      parts.push(event.uniqueid);
      break;
    case 'fullyBooted':
    case 'shutdown':
      break;
  }
  return parts.join('|');
}

export interface QueueEntrySnapshot {
  queue: string;
  position: number;
  uniqueid: string;
  callerNumber: string;
  callerName: string;
  /** Seconds waited so far, as QueueEntry `Wait` says. */
  waitS: number;
}

/** One QueueStatus list (QueueParams + QueueMember + QueueEntry … QueueStatusComplete), collected whole. */
export interface QueueStatusSnapshot {
  at: number;
  queues: Array<{ name: string; strategy: string; calls: number; members: QueueMemberInfo[]; entries: QueueEntrySnapshot[] }>;
}
