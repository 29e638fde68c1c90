import { expect } from 'chai';
import * as ev from '../../src/simulator/ami/ami-events.js';
import type { AmiChannel, QueueMemberInfo } from '../../src/simulator/ami/ami-events.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';

/** Samples below are copied by hand from Asterisk 22 transcripts, minus the Timestamp line the server adds. */
function sample(text: string): AmiMessage {
  return text
    .trim()
    .split('\n')
    .map((line): [string, string] => {
      const match = /^([^:]+):\s?(.*)$/.exec(line.trim());
      if (!match?.[1]) throw new Error(`bad sample line ${line}`);
      return [match[1], match[2] ?? ''];
    });
}

const caller: AmiChannel = {
  channel: 'PJSIP/citizen-00000000',
  channelState: 6,
  channelStateDesc: 'Up',
  callerIdNum: '05321234567',
  callerIdName: '',
  connectedLineNum: '',
  connectedLineName: '',
  language: 'en',
  accountCode: '',
  context: 'alo153-queues',
  exten: 'general',
  priority: 1,
  uniqueid: '1795888883.0',
  linkedid: '1795888883.0',
};
const CALLER = `
Channel: PJSIP/citizen-00000000
ChannelState: 6
ChannelStateDesc: Up
CallerIDNum: 05321234567
CallerIDName: <unknown>
ConnectedLineNum: <unknown>
ConnectedLineName: <unknown>
Language: en
AccountCode:
Context: alo153-queues
Exten: general
Priority: 1
Uniqueid: 1795888883.0
Linkedid: 1795888883.0`;

const agentLeg: AmiChannel = {
  channel: 'PJSIP/agent1-00000001',
  channelState: 0,
  channelStateDesc: 'Down',
  callerIdNum: 'agent1',
  callerIdName: 'Agent 1',
  connectedLineNum: '05321234567',
  connectedLineName: '',
  language: 'en',
  accountCode: '',
  context: 'agents',
  exten: 'general',
  priority: 1,
  uniqueid: '1795888887.1',
  linkedid: '1795888883.0',
};
const DEST = `
DestChannel: PJSIP/agent1-00000001
DestChannelState: 0
DestChannelStateDesc: Down
DestCallerIDNum: agent1
DestCallerIDName: Agent 1
DestConnectedLineNum: 05321234567
DestConnectedLineName: <unknown>
DestLanguage: en
DestAccountCode:
DestContext: agents
DestExten: general
DestPriority: 1
DestUniqueid: 1795888887.1
DestLinkedid: 1795888883.0`;

const agent1: QueueMemberInfo = {
  memberName: 'Agent 1',
  interface: 'PJSIP/agent1',
  stateInterface: 'PJSIP/agent1',
  membership: 'realtime',
  penalty: 0,
  callsTaken: 0,
  lastCall: 0,
  lastPause: 0,
  loginTime: 1795888887,
  inCall: 0,
  status: 6,
  paused: 0,
  pausedReason: '',
  ringinuse: 0,
  wrapuptime: 0,
};
const MEMBER_FIELDS = `
Queue: general
MemberName: Agent 1
Interface: PJSIP/agent1
StateInterface: PJSIP/agent1
Membership: realtime
Penalty: 0
CallsTaken: 0
LastCall: 0
LastPause: 0
LoginTime: 1795888887
InCall: 0
Status: 6
Paused: 0
PausedReason:
Ringinuse: 0
Wrapuptime: 0`;
const AGENT_TAIL = `
Queue: general
Interface: PJSIP/agent1
MemberName: Agent 1`;

const head = (event: string, privilege: string): string => `Event: ${event}\nPrivilege: ${privilege}`;

describe('simulator AMI event builders (golden, Asterisk 22 field order)', () => {
  const cases: Array<[string, AmiMessage, string]> = [
    ['Newchannel', ev.newchannel(caller), `${head('Newchannel', 'call,all')}${CALLER}`],
    ['Newstate', ev.newstate(caller), `${head('Newstate', 'call,all')}${CALLER}`],
    ['Newexten', ev.newexten(caller, 'Queue', 'general'), `${head('Newexten', 'dialplan,all')}${CALLER}\nExtension: general\nApplication: Queue\nAppData: general`],
    ['VarSet', ev.varSet(caller, 'STASISSTATUS', ''), `${head('VarSet', 'dialplan,all')}${CALLER}\nVariable: STASISSTATUS\nValue:`],
    ['DTMFBegin', ev.dtmfBegin(caller, '1', 'Received'), `${head('DTMFBegin', 'dtmf,all')}${CALLER}\nDigit: 1\nDirection: Received`],
    ['DTMFEnd', ev.dtmfEnd(caller, '1', 280, 'Received'), `${head('DTMFEnd', 'dtmf,all')}${CALLER}\nDigit: 1\nDurationMs: 280\nDirection: Received`],
    ['HangupRequest', ev.hangupRequest(caller), `${head('HangupRequest', 'call,all')}${CALLER}`],
    ['HangupRequest with cause', ev.hangupRequest(caller, 16), `${head('HangupRequest', 'call,all')}${CALLER}\nCause: 16`],
    ['SoftHangupRequest', ev.softHangupRequest(caller, 16), `${head('SoftHangupRequest', 'call,all')}${CALLER}\nCause: 16`],
    ['Hangup', ev.hangup(caller, 16, 'Normal Clearing'), `${head('Hangup', 'call,all')}${CALLER}\nCause: 16\nCause-txt: Normal Clearing`],
    ['QueueCallerJoin', ev.queueCallerJoin(caller, 'general', 1, 1), `${head('QueueCallerJoin', 'agent,all')}${CALLER}\nQueue: general\nPosition: 1\nCount: 1`],
    ['QueueCallerLeave', ev.queueCallerLeave(caller, 'general', 1, 0), `${head('QueueCallerLeave', 'agent,all')}${CALLER}\nQueue: general\nPosition: 1\nCount: 0`],
    [
      'QueueCallerAbandon',
      ev.queueCallerAbandon(caller, 'general', 1, 1, 4),
      `${head('QueueCallerAbandon', 'agent,all')}${CALLER}\nQueue: general\nPosition: 1\nOriginalPosition: 1\nHoldTime: 4`,
    ],
    ['AgentCalled', ev.agentCalled(caller, agentLeg, 'general', agent1), `${head('AgentCalled', 'agent,all')}${CALLER}${DEST}${AGENT_TAIL}`],
    ['AgentRingNoAnswer', ev.agentRingNoAnswer(caller, agentLeg, 'general', agent1, 15000), `${head('AgentRingNoAnswer', 'agent,all')}${CALLER}${DEST}${AGENT_TAIL}\nRingTime: 15000`],
    ['AgentConnect', ev.agentConnect(caller, agentLeg, 'general', agent1, 2, 2), `${head('AgentConnect', 'agent,all')}${CALLER}${DEST}${AGENT_TAIL}\nHoldTime: 2\nRingTime: 2`],
    [
      'AgentComplete',
      ev.agentComplete(caller, agentLeg, 'general', agent1, 2, 5, 'agent'),
      `${head('AgentComplete', 'agent,all')}${CALLER}${DEST}${AGENT_TAIL}\nHoldTime: 2\nTalkTime: 5\nReason: agent`,
    ],
    ['AgentDump', ev.agentDump(caller, agentLeg, 'general', agent1), `${head('AgentDump', 'agent,all')}${CALLER}${DEST}${AGENT_TAIL}`],
    ['QueueMemberStatus', ev.queueMemberStatus('general', agent1), `${head('QueueMemberStatus', 'agent,all')}${MEMBER_FIELDS}`],
    ['QueueMemberAdded', ev.queueMemberAdded('general', agent1), `${head('QueueMemberAdded', 'agent,all')}${MEMBER_FIELDS}`],
    ['QueueMemberRemoved', ev.queueMemberRemoved('general', agent1), `${head('QueueMemberRemoved', 'agent,all')}${MEMBER_FIELDS}`],
    ['QueueMemberPause', ev.queueMemberPause('general', agent1), `${head('QueueMemberPause', 'agent,all')}${MEMBER_FIELDS}`],
    ['FullyBooted at login', ev.fullyBooted(88, 88), `${head('FullyBooted', 'system,all')}\nUptime: 88\nLastReload: 88\nStatus: Fully Booted`],
    ['FullyBooted after boot', ev.fullyBooted(0, 0, 'boot'), `${head('FullyBooted', 'system,all')}\nStatus: Fully Booted\nUptime: 0\nLastReload: 0`],
    ['Shutdown restart', ev.shutdown(true), `${head('Shutdown', 'system,all')}\nShutdown: Cleanly\nRestart: True`],
    ['Shutdown stop', ev.shutdown(false), `${head('Shutdown', 'system,all')}\nShutdown: Cleanly\nRestart: False`],
  ];

  for (const [name, built, expected] of cases) {
    it(`builds ${name} with Asterisk's fields in Asterisk's order`, () => {
      expect(built).to.deep.equal(sample(expected));
    });
  }

  const session = {
    accountId: 'alo153',
    sessionId: '0x7f0e54002c40',
    localAddress: 'IPV4/TCP/127.0.0.1/5038',
    remoteAddress: 'IPV4/TCP/127.0.0.1/58520',
    sessionStartMs: Date.UTC(2026, 10, 28, 18, 2, 49, 299),
  };

  it('builds SuccessfulAuth like Asterisk', () => {
    expect(ev.successfulAuth(session, Date.UTC(2026, 10, 28, 18, 2, 49, 299))).to.deep.equal(
      sample(`${head('SuccessfulAuth', 'security,all')}
EventTV: 2026-11-28T18:02:49.299+0000
Severity: Informational
Service: AMI
EventVersion: 1
AccountID: alo153
SessionID: 0x7f0e54002c40
LocalAddress: IPV4/TCP/127.0.0.1/5038
RemoteAddress: IPV4/TCP/127.0.0.1/58520
UsingPassword: 0
SessionTV: 2026-11-28T18:02:49.299+0000`),
    );
  });

  it('builds InvalidPassword with the epoch SessionTV of a session that never started', () => {
    const { sessionStartMs: _unused, ...notStarted } = session;
    expect(ev.invalidPassword(notStarted, Date.UTC(2026, 10, 28, 18, 2, 49, 604))).to.deep.equal(
      sample(`${head('InvalidPassword', 'security,all')}
EventTV: 2026-11-28T18:02:49.604+0000
Severity: Error
Service: AMI
EventVersion: 2
AccountID: alo153
SessionID: 0x7f0e54002c40
LocalAddress: IPV4/TCP/127.0.0.1/5038
RemoteAddress: IPV4/TCP/127.0.0.1/58520
SessionTV: 1970-01-01T00:00:00.000+0000`),
    );
  });

  it('builds RequestBadFormat with AccountID last', () => {
    expect(ev.requestBadFormat(session, 'NoSuchAction', Date.UTC(2026, 10, 28, 18, 2, 56, 305))).to.deep.equal(
      sample(`${head('RequestBadFormat', 'security,all')}
EventTV: 2026-11-28T18:02:56.305+0000
Severity: Error
Service: AMI
EventVersion: 1
SessionID: 0x7f0e54002c40
LocalAddress: IPV4/TCP/127.0.0.1/5038
RemoteAddress: IPV4/TCP/127.0.0.1/58520
RequestType: Action: NoSuchAction
SessionTV: 2026-11-28T18:02:49.299+0000
AccountID: alo153`),
    );
  });

  it('writes a Turkish caller name as is and only empty names as <unknown>', () => {
    const named = ev.newchannel({ ...caller, callerIdName: 'Gülşah Işıkçı' });
    expect(named).to.deep.include(['CallerIDName', 'Gülşah Işıkçı']);
    expect(named).to.deep.include(['ConnectedLineName', '<unknown>']);
  });
});
