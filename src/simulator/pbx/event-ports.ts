import type { AmiChannelSnapshot, SimChannel } from './channel.js';

/**
 * One ARI event before it is addressed to an application. Asterisk's field order is
 * `head` (ChannelVarset's variable/value, ChannelHangupRequest's cause/soft), then `type`,
 * `timestamp`, `body`, and finally `asterisk_id` and `application` (README fact 8).
 */
export interface AriEventDraft {
  head?: Record<string, unknown>;
  type: string;
  timestamp: string;
  body: Record<string, unknown>;
}

/** Where the PBX sends ARI events; the ARI server decides which application sockets get them. */
export interface AriEventRouter {
  isAppConnected(app: string): boolean;
  /** `channel` decides the routing: its subscribed application and every subscribeAll socket. */
  deliver(draft: AriEventDraft, channel: SimChannel): void;
  /** Events of a bridge: to `app` (the app whose channel is in it; null: none) and every subscribeAll socket. */
  deliverToApp(draft: AriEventDraft, app: string | null): void;
}

/** A queue member as AMI's QueueMember* events describe it. */
export interface MemberSnapshot {
  queue: string;
  memberName: string;
  interface: string;
  stateInterface: string;
  membership: 'static' | 'dynamic' | 'realtime';
  penalty: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: boolean;
  status: number;
  paused: boolean;
  pausedReason: string;
  ringinuse: boolean;
  wrapuptime: number;
}

export interface QueueCallRef {
  caller: AmiChannelSnapshot;
  agent: AmiChannelSnapshot;
  queue: string;
  memberInterface: string;
  memberName: string;
}

/** The AMI events the PBX raises; an adapter turns them into wire messages. */
export interface AmiEventSink {
  newchannel(channel: AmiChannelSnapshot): void;
  newstate(channel: AmiChannelSnapshot): void;
  newexten(channel: AmiChannelSnapshot, application: string, appData: string): void;
  varSet(channel: AmiChannelSnapshot, variable: string, value: string): void;
  dtmf(channel: AmiChannelSnapshot, digit: string, durationMs: number): void;
  hangupRequest(channel: AmiChannelSnapshot): void;
  softHangupRequest(channel: AmiChannelSnapshot, cause: number): void;
  hangup(channel: AmiChannelSnapshot, cause: number, causeText: string): void;
  queueCallerJoin(channel: AmiChannelSnapshot, queue: string, position: number, count: number): void;
  queueCallerLeave(channel: AmiChannelSnapshot, queue: string, position: number, count: number): void;
  queueCallerAbandon(channel: AmiChannelSnapshot, queue: string, position: number, originalPosition: number, holdTime: number): void;
  agentCalled(ref: QueueCallRef): void;
  agentRingNoAnswer(ref: QueueCallRef, ringTimeMs: number): void;
  agentConnect(ref: QueueCallRef, holdTime: number, ringTimeSeconds: number): void;
  agentComplete(ref: QueueCallRef, holdTime: number, talkTime: number, reason: 'agent' | 'caller'): void;
  queueMemberStatus(member: MemberSnapshot): void;
  queueMemberAdded(member: MemberSnapshot): void;
  queueMemberRemoved(member: MemberSnapshot): void;
  queueMemberPause(member: MemberSnapshot): void;
  queueMemberPenalty(member: MemberSnapshot): void;
}
