import * as events from '../ami/ami-events.js';
import type { AmiMessage } from '../ami/ami-message.js';
import type { AmiChannelSnapshot } from './channel.js';
import type { AmiEventSink, MemberSnapshot, QueueCallRef } from './event-ports.js';

function memberInfo(member: MemberSnapshot): events.QueueMemberInfo {
  return {
    queue: member.queue,
    memberName: member.memberName,
    interface: member.interface,
    stateInterface: member.stateInterface,
    membership: member.membership,
    penalty: member.penalty,
    callsTaken: member.callsTaken,
    lastCall: member.lastCall,
    lastPause: member.lastPause,
    loginTime: member.loginTime,
    inCall: member.inCall ? 1 : 0,
    status: member.status,
    paused: member.paused ? 1 : 0,
    pausedReason: member.pausedReason,
    ringinuse: member.ringinuse ? 1 : 0,
    wrapuptime: member.wrapuptime,
  };
}

function refMember(ref: QueueCallRef): events.QueueMemberInfo {
  return memberInfo({
    queue: ref.queue,
    memberName: ref.memberName,
    interface: ref.memberInterface,
    stateInterface: ref.memberInterface,
    membership: 'static',
    penalty: 0,
    callsTaken: 0,
    lastCall: 0,
    lastPause: 0,
    loginTime: 0,
    inCall: false,
    status: 0,
    paused: false,
    pausedReason: '',
    ringinuse: false,
    wrapuptime: 0,
  });
}

/** dialplans/manager.conf `channelvars`: what alo153 sets over ARI to tie queue events to its calls. */
export const DEFAULT_CHANNEL_VARS = ['ALO153_CALL_ID', 'ALO153_TICKET', 'ALO153_QUEUE'] as const;

/**
 * Turns PBX happenings into AMI wire messages with the AMI helper's builders.
 * Like Asterisk with `channelvars`, every channel block carries those variables (`ChanVariable:`,
 * `DestChanVariable:` for the agent leg); their values are followed here through the VarSet calls.
 */
export function createAmiEventSink(publish: (message: AmiMessage) => void, channelVars: readonly string[] = DEFAULT_CHANNEL_VARS): AmiEventSink {
  const values = new Map<string, Map<string, string>>();
  const withVars = (ch: AmiChannelSnapshot): AmiChannelSnapshot => {
    if (channelVars.length === 0) return ch;
    const set = values.get(ch.uniqueid);
    return { ...ch, chanVariables: channelVars.map((name) => [name, set?.get(name) ?? ''] as const) };
  };
  const forRef = (ref: QueueCallRef): QueueCallRef => ({ ...ref, caller: withVars(ref.caller), agent: withVars(ref.agent) });
  const sink = createPlainSink(publish);
  return {
    ...sink,
    newchannel: (ch) => sink.newchannel(withVars(ch)),
    newstate: (ch) => sink.newstate(withVars(ch)),
    newexten: (ch, app, data) => sink.newexten(withVars(ch), app, data),
    varSet: (ch, variable, value) => {
      if (channelVars.includes(variable)) {
        const set = values.get(ch.uniqueid) ?? new Map<string, string>();
        set.set(variable, value);
        values.set(ch.uniqueid, set);
      }
      sink.varSet(withVars(ch), variable, value);
    },
    dtmf: (ch, digit, durationMs) => sink.dtmf(withVars(ch), digit, durationMs),
    hangupRequest: (ch) => sink.hangupRequest(withVars(ch)),
    softHangupRequest: (ch, cause) => sink.softHangupRequest(withVars(ch), cause),
    hangup: (ch, cause, text) => {
      sink.hangup(withVars(ch), cause, text);
      values.delete(ch.uniqueid);
    },
    queueCallerJoin: (ch, queue, position, count) => sink.queueCallerJoin(withVars(ch), queue, position, count),
    queueCallerLeave: (ch, queue, position, count) => sink.queueCallerLeave(withVars(ch), queue, position, count),
    queueCallerAbandon: (ch, queue, position, original, hold) => sink.queueCallerAbandon(withVars(ch), queue, position, original, hold),
    agentCalled: (ref) => sink.agentCalled(forRef(ref)),
    agentRingNoAnswer: (ref, ms) => sink.agentRingNoAnswer(forRef(ref), ms),
    agentConnect: (ref, hold, ring) => sink.agentConnect(forRef(ref), hold, ring),
    agentComplete: (ref, hold, talk, reason) => sink.agentComplete(forRef(ref), hold, talk, reason),
  };
}

function createPlainSink(publish: (message: AmiMessage) => void): AmiEventSink {
  return {
    newchannel: (ch: AmiChannelSnapshot) => publish(events.newchannel(ch)),
    newstate: (ch) => publish(events.newstate(ch)),
    newexten: (ch, app, data) => publish(events.newexten(ch, app, data)),
    varSet: (ch, variable, value) => publish(events.varSet(ch, variable, value)),
    dtmf: (ch, digit, durationMs) => {
      publish(events.dtmfBegin(ch, digit, 'Received'));
      publish(events.dtmfEnd(ch, digit, durationMs, 'Received'));
    },
    hangupRequest: (ch) => publish(events.hangupRequest(ch)),
    softHangupRequest: (ch, cause) => publish(events.softHangupRequest(ch, cause)),
    hangup: (ch, cause, text) => publish(events.hangup(ch, cause, text)),
    queueCallerJoin: (ch, queue, position, count) => publish(events.queueCallerJoin(ch, queue, position, count)),
    queueCallerLeave: (ch, queue, position, count) => publish(events.queueCallerLeave(ch, queue, position, count)),
    queueCallerAbandon: (ch, queue, position, original, hold) => publish(events.queueCallerAbandon(ch, queue, position, original, hold)),
    agentCalled: (ref) => publish(events.agentCalled(ref.caller, ref.agent, ref.queue, refMember(ref))),
    agentRingNoAnswer: (ref, ms) => publish(events.agentRingNoAnswer(ref.caller, ref.agent, ref.queue, refMember(ref), ms)),
    agentConnect: (ref, hold, ring) => publish(events.agentConnect(ref.caller, ref.agent, ref.queue, refMember(ref), hold, ring)),
    agentComplete: (ref, hold, talk, reason) => publish(events.agentComplete(ref.caller, ref.agent, ref.queue, refMember(ref), hold, talk, reason)),
    queueMemberStatus: (member) => publish(events.queueMemberStatus(member.queue, memberInfo(member))),
    queueMemberAdded: (member) => publish(events.queueMemberAdded(member.queue, memberInfo(member))),
    queueMemberRemoved: (member) => publish(events.queueMemberRemoved(member.queue, memberInfo(member))),
    queueMemberPause: (member) => publish(events.queueMemberPause(member.queue, memberInfo(member))),
    queueMemberPenalty: (member) => publish(events.queueMemberPenalty(member.queue, memberInfo(member))),
  };
}
