import type { AmiMessage } from './ami-message.js';

/**
 * Builders for the unsolicited AMI events the simulator emits, field for field in Asterisk 22's order.
 * Each starts with `Event:` and `Privilege:`; AmiServer.publish inserts `Timestamp:` after Privilege.
 */

export interface AmiChannel {
  channel: string;
  channelState: number;
  channelStateDesc: string;
  callerIdNum: string;
  callerIdName: string;
  connectedLineNum: string;
  connectedLineName: string;
  language: string;
  accountCode: string;
  context: string;
  exten: string;
  priority: number;
  uniqueid: string;
  linkedid: string;
  /** manager.conf `channelvars`, in that order: one `ChanVariable: NAME=value` line each, empty when unset. */
  chanVariables?: ReadonlyArray<readonly [string, string]>;
}

export interface QueueMemberInfo {
  queue?: string;
  memberName: string;
  interface: string;
  stateInterface: string;
  membership: 'dynamic' | 'realtime' | 'static';
  penalty: number;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
  loginTime: number;
  inCall: 0 | 1;
  status: number;
  paused: 0 | 1;
  pausedReason: string;
  ringinuse: 0 | 1;
  wrapuptime: number;
}

export type DtmfDirection = 'Received' | 'Sent';

// manager_build_channel_state_string writes an empty caller or connected-line number/name as
// `<unknown>` (S_OR), while AccountCode stays empty.
const orUnknown = (value: string): string => (value === '' ? '<unknown>' : value);

/** The channel snapshot block; `Dest` prefixes the agent leg in AgentCalled/Connect/Complete. */
export function channelFields(ch: AmiChannel, prefix = ''): AmiMessage {
  return [
    [`${prefix}Channel`, ch.channel],
    [`${prefix}ChannelState`, String(ch.channelState)],
    [`${prefix}ChannelStateDesc`, ch.channelStateDesc],
    [`${prefix}CallerIDNum`, orUnknown(ch.callerIdNum)],
    [`${prefix}CallerIDName`, orUnknown(ch.callerIdName)],
    [`${prefix}ConnectedLineNum`, orUnknown(ch.connectedLineNum)],
    [`${prefix}ConnectedLineName`, orUnknown(ch.connectedLineName)],
    [`${prefix}Language`, ch.language],
    [`${prefix}AccountCode`, ch.accountCode],
    [`${prefix}Context`, ch.context],
    [`${prefix}Exten`, ch.exten],
    [`${prefix}Priority`, String(ch.priority)],
    [`${prefix}Uniqueid`, ch.uniqueid],
    [`${prefix}Linkedid`, ch.linkedid],
    ...(ch.chanVariables ?? []).map(([name, value]): [string, string] => [`${prefix}ChanVariable`, `${name}=${value}`]),
  ];
}

function channelEvent(event: string, privilege: string, ch: AmiChannel, extra: AmiMessage = []): AmiMessage {
  return [['Event', event], ['Privilege', privilege], ...channelFields(ch), ...extra];
}

export const newchannel = (ch: AmiChannel): AmiMessage => channelEvent('Newchannel', 'call,all', ch);
export const newstate = (ch: AmiChannel): AmiMessage => channelEvent('Newstate', 'call,all', ch);

export const newexten = (ch: AmiChannel, application: string, appData: string): AmiMessage =>
  channelEvent('Newexten', 'dialplan,all', ch, [
    ['Extension', ch.exten],
    ['Application', application],
    ['AppData', appData],
  ]);

export const varSet = (ch: AmiChannel, variable: string, value: string): AmiMessage =>
  channelEvent('VarSet', 'dialplan,all', ch, [
    ['Variable', variable],
    ['Value', value],
  ]);

export const dtmfBegin = (ch: AmiChannel, digit: string, direction: DtmfDirection): AmiMessage =>
  channelEvent('DTMFBegin', 'dtmf,all', ch, [
    ['Digit', digit],
    ['Direction', direction],
  ]);

export const dtmfEnd = (ch: AmiChannel, digit: string, durationMs: number, direction: DtmfDirection): AmiMessage =>
  channelEvent('DTMFEnd', 'dtmf,all', ch, [
    ['Digit', digit],
    ['DurationMs', String(durationMs)],
    ['Direction', direction],
  ]);

/** A remote BYE gives HangupRequest without Cause; Asterisk adds Cause only when the request carried one. */
export const hangupRequest = (ch: AmiChannel, cause?: number): AmiMessage =>
  channelEvent('HangupRequest', 'call,all', ch, cause === undefined ? [] : [['Cause', String(cause)]]);

export const softHangupRequest = (ch: AmiChannel, cause: number): AmiMessage =>
  channelEvent('SoftHangupRequest', 'call,all', ch, [['Cause', String(cause)]]);

export const hangup = (ch: AmiChannel, cause: number, causeTxt: string): AmiMessage =>
  channelEvent('Hangup', 'call,all', ch, [
    ['Cause', String(cause)],
    ['Cause-txt', causeTxt],
  ]);

export const queueCallerJoin = (caller: AmiChannel, queue: string, position: number, count: number): AmiMessage =>
  channelEvent('QueueCallerJoin', 'agent,all', caller, [
    ['Queue', queue],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);

export const queueCallerLeave = (caller: AmiChannel, queue: string, position: number, count: number): AmiMessage =>
  channelEvent('QueueCallerLeave', 'agent,all', caller, [
    ['Queue', queue],
    ['Position', String(position)],
    ['Count', String(count)],
  ]);

export const queueCallerAbandon = (
  caller: AmiChannel,
  queue: string,
  position: number,
  originalPosition: number,
  holdTime: number,
): AmiMessage =>
  channelEvent('QueueCallerAbandon', 'agent,all', caller, [
    ['Queue', queue],
    ['Position', String(position)],
    ['OriginalPosition', String(originalPosition)],
    ['HoldTime', String(holdTime)],
  ]);

/** Caller block, then the agent leg as Dest*, then Queue/Interface/MemberName (app_queue's blob order). */
function agentEvent(event: string, caller: AmiChannel, agentChannel: AmiChannel, queue: string, member: QueueMemberInfo, extra: AmiMessage): AmiMessage {
  return [
    ['Event', event],
    ['Privilege', 'agent,all'],
    ...channelFields(caller),
    ...channelFields(agentChannel, 'Dest'),
    ['Queue', queue],
    ['Interface', member.interface],
    ['MemberName', member.memberName],
    ...extra,
  ];
}

export const agentCalled = (caller: AmiChannel, agentChannel: AmiChannel, queue: string, member: QueueMemberInfo): AmiMessage =>
  agentEvent('AgentCalled', caller, agentChannel, queue, member, []);

/** RingTime here is in milliseconds (AgentConnect's is in seconds). */
export const agentRingNoAnswer = (caller: AmiChannel, agentChannel: AmiChannel, queue: string, member: QueueMemberInfo, ringTimeMs: number): AmiMessage =>
  agentEvent('AgentRingNoAnswer', caller, agentChannel, queue, member, [['RingTime', String(ringTimeMs)]]);

export const agentConnect = (
  caller: AmiChannel,
  agentChannel: AmiChannel,
  queue: string,
  member: QueueMemberInfo,
  holdTimeS: number,
  ringTimeS: number,
): AmiMessage =>
  agentEvent('AgentConnect', caller, agentChannel, queue, member, [
    ['HoldTime', String(holdTimeS)],
    ['RingTime', String(ringTimeS)],
  ]);

export const agentComplete = (
  caller: AmiChannel,
  agentChannel: AmiChannel,
  queue: string,
  member: QueueMemberInfo,
  holdTimeS: number,
  talkTimeS: number,
  reason: 'agent' | 'caller' | 'transfer',
): AmiMessage =>
  agentEvent('AgentComplete', caller, agentChannel, queue, member, [
    ['HoldTime', String(holdTimeS)],
    ['TalkTime', String(talkTimeS)],
    ['Reason', reason],
  ]);

/** Not in the transcripts; shape from app_queue.c (same blob as AgentCalled, no extra fields). */
export const agentDump = (caller: AmiChannel, agentChannel: AmiChannel, queue: string, member: QueueMemberInfo): AmiMessage =>
  agentEvent('AgentDump', caller, agentChannel, queue, member, []);

function memberEvent(event: string, queue: string, member: QueueMemberInfo): AmiMessage {
  return [
    ['Event', event],
    ['Privilege', 'agent,all'],
    ['Queue', queue],
    ['MemberName', member.memberName],
    ['Interface', member.interface],
    ['StateInterface', member.stateInterface],
    ['Membership', member.membership],
    ['Penalty', String(member.penalty)],
    ['CallsTaken', String(member.callsTaken)],
    ['LastCall', String(member.lastCall)],
    ['LastPause', String(member.lastPause)],
    ['LoginTime', String(member.loginTime)],
    ['InCall', String(member.inCall)],
    ['Status', String(member.status)],
    ['Paused', String(member.paused)],
    ['PausedReason', member.pausedReason],
    ['Ringinuse', String(member.ringinuse)],
    ['Wrapuptime', String(member.wrapuptime)],
  ];
}

export const queueMemberStatus = (queue: string, member: QueueMemberInfo): AmiMessage => memberEvent('QueueMemberStatus', queue, member);
export const queueMemberAdded = (queue: string, member: QueueMemberInfo): AmiMessage => memberEvent('QueueMemberAdded', queue, member);
export const queueMemberRemoved = (queue: string, member: QueueMemberInfo): AmiMessage => memberEvent('QueueMemberRemoved', queue, member);
export const queueMemberPause = (queue: string, member: QueueMemberInfo): AmiMessage => memberEvent('QueueMemberPause', queue, member);
/** app_queue's set_member_penalty_help_members: the same member blob, after the new penalty is set. */
export const queueMemberPenalty = (queue: string, member: QueueMemberInfo): AmiMessage => memberEvent('QueueMemberPenalty', queue, member);

export { fullyBooted, shutdown, successfulAuth, invalidPassword, requestBadFormat, type SecuritySessionInfo } from './ami-system-events.js';
