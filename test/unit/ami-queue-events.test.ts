import { expect } from 'chai';
import type { AmiRawMessage } from 'asterisk-manager';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import { normaliseAmiEvent, type NormalisedAmiEvent } from '../../src/telephony/ami/ami-queue-events.js';

/**
 * Parses wire text the way asterisk-manager 0.2.0's ManagerReader does: keys lower-cased,
 * `Variable`/`ChanVariable` lines into an object, other repeated keys into an array.
 */
export function asAsteriskManager(text: string): AmiRawMessage {
  const item: Record<string, string | string[] | Record<string, string>> = {};
  for (const line of text.trim().split('\n')) {
    const [rawKey = '', ...rest] = line.trim().split(': ');
    const key = rawKey.replace(/\s/g, '').replace(/:$/, '').toLowerCase();
    const value = rest.join(': ');
    const existing = item[key];
    if (key === 'variable' || key === 'chanvariable') {
      const vars = typeof existing === 'object' && !Array.isArray(existing) ? existing : {};
      const [name = '', ...parts] = value.split('=');
      vars[name] = parts.join('=');
      item[key] = vars;
    } else if (existing === undefined) item[key] = value;
    else item[key] = Array.isArray(existing) ? [...existing, value] : [existing as string, value];
  }
  return item;
}

const fixedClock = (): number => 1_800_000_000_000;

function normalised(text: string): QueueEvent {
  const result = normaliseAmiEvent(asAsteriskManager(text), fixedClock);
  if (!('event' in result)) throw new Error(`expected an event, got ${JSON.stringify(result)}`);
  return result.event;
}

const callerBlock = `Channel: PJSIP/citizen-00000000
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

const agentBlock = `DestChannel: PJSIP/agent1-00000001
DestChannelState: 0
DestChannelStateDesc: Down
DestCallerIDNum: agent1
DestCallerIDName: Agent 1
DestUniqueid: 1795888887.1
DestLinkedid: 1795888883.0`;

describe('AMI queue event normaliser', () => {
  it('turns QueueCallerJoin into callerJoin with the Timestamp in ms and <unknown> as an empty name', () => {
    const event = normalised(`Event: QueueCallerJoin
Privilege: agent,all
Timestamp: 1795888887.316503
${callerBlock}
Queue: general
Position: 1
Count: 1`);
    expect(event).to.deep.equal({
      kind: 'callerJoin',
      at: 1795888887316,
      queue: 'general',
      position: 1,
      count: 1,
      callerNumber: '05321234567',
      callerName: '',
      uniqueid: '1795888883.0',
      linkedid: '1795888883.0',
      key: 'callerJoin|1795888887316503|general|1795888883.0',
    });
  });

  it('keeps Turkish caller and member names intact', () => {
    const join = normalised(`Event: QueueCallerJoin
Timestamp: 1795888887.316503
${callerBlock.replace('CallerIDName: <unknown>', 'CallerIDName: Gülşah Işıkçı')}
Queue: alo153-çevre
Position: 2
Count: 2`);
    expect(join).to.include({ callerName: 'Gülşah Işıkçı', queue: 'alo153-çevre' });
    const status = normalised(`Event: QueueMemberStatus
Timestamp: 1795888887.319273
Queue: general
MemberName: İsmail Öztürk
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
Paused: 1
PausedReason: öğle arası
Ringinuse: 0
Wrapuptime: 0`);
    expect(status).to.deep.equal({
      kind: 'memberStatus',
      at: 1795888887319,
      member: {
        queue: 'general',
        interface: 'PJSIP/agent1',
        name: 'İsmail Öztürk',
        stateInterface: 'PJSIP/agent1',
        membership: 'realtime',
        penalty: 0,
        callsTaken: 0,
        lastCall: 0,
        inCall: false,
        status: 6,
        paused: true,
        pausedReason: 'öğle arası',
      },
      key: 'memberStatus|1795888887319273|general|PJSIP/agent1|6|1',
    });
  });

  it('reads AgentRingNoAnswer RingTime as ms and AgentConnect RingTime as s', () => {
    const noAnswer = normalised(`Event: AgentRingNoAnswer
Timestamp: 1795888934.771545
${callerBlock}
${agentBlock}
Queue: general
Interface: PJSIP/agent2
MemberName: Agent 2
RingTime: 15000`);
    expect(noAnswer).to.include({ kind: 'agentRingNoAnswer', ringTimeMs: 15000 });
    expect(noAnswer).to.have.deep.property('member', { interface: 'PJSIP/agent2', name: 'Agent 2' });
    const connect = normalised(`Event: AgentConnect
Timestamp: 1795888889.325344
${callerBlock}
${agentBlock}
Queue: general
Interface: PJSIP/agent1
MemberName: Agent 1
HoldTime: 2
RingTime: 2`);
    expect(connect).to.include({ kind: 'agentConnect', holdTimeS: 2, ringTimeS: 2, uniqueid: '1795888883.0' });
  });

  it('links a queue call to its alo153 call and ticket through ChanVariable, the caller leg only', () => {
    const complete = normalised(`Event: AgentComplete
Timestamp: 1795888894.329000
${callerBlock}
ChanVariable: ALO153_CALL_ID=c-42
ChanVariable: ALO153_TICKET=153-2026-000001
ChanVariable: ALO153_QUEUE=alo153-genel
${agentBlock}
DestChanVariable: ALO153_CALL_ID=
DestChanVariable: ALO153_TICKET=
Queue: general
Interface: PJSIP/agent1
MemberName: Agent 1
HoldTime: 2
TalkTime: 5
Reason: agent`);
    expect(complete).to.deep.include({ kind: 'agentComplete', callId: 'c-42', ticket: '153-2026-000001', talkTimeS: 5, holdTimeS: 2, reason: 'agent' });
  });

  it('leaves callId and ticket out when the channel variables are empty', () => {
    const leave = normalised(`Event: QueueCallerLeave
Timestamp: 1795888889.323623
${callerBlock}
ChanVariable: ALO153_CALL_ID=
ChanVariable: ALO153_TICKET=
Queue: general
Position: 1
Count: 0`);
    expect(leave).to.not.have.property('callId');
    expect(leave).to.not.have.property('ticket');
  });

  it('takes the injected clock for a FullyBooted without Timestamp, and reads Shutdown Restart', () => {
    expect(normalised('Event: FullyBooted\nPrivilege: system,all\nUptime: 0\nLastReload: 0\nStatus: Fully Booted')).to.deep.equal({
      kind: 'fullyBooted',
      at: fixedClock(),
    });
    expect(normalised('Event: Shutdown\nPrivilege: system,all\nTimestamp: 1795888978.123585\nShutdown: Cleanly\nRestart: True')).to.deep.equal({
      kind: 'shutdown',
      at: 1795888978123,
      restart: true,
      key: 'shutdown|1795888978123585',
    });
  });

  it('gives two copies of one event the same natural key, and simultaneous calls to two members different ones', () => {
    const called = (member: number, stamp: string) =>
      normalised(`Event: AgentCalled
Privilege: agent,all
Timestamp: ${stamp}
${callerBlock}
${agentBlock}
Queue: general
Interface: PJSIP/agent${member}
MemberName: Agent ${member}`).key;
    expect(called(2, '1795888919.770940')).to.equal(called(2, '1795888919.770940'));
    expect(called(2, '1795888919.770940')).to.equal('agentCalled|1795888919770940|general|1795888883.0|PJSIP/agent2');
    expect(called(3, '1795888919.770940'), 'ringall: two members in one instant').to.not.equal(called(2, '1795888919.770940'));
    expect(called(2, '1795888939.774065'), 'the same member rung again after retry').to.not.equal(called(2, '1795888919.770940'));
  });

  it('keys repeated QueueMemberStatus changes of one member apart by time, and by status within one instant', () => {
    const status = (stamp: string, value: number, queue = 'general') =>
      normalised(`Event: QueueMemberStatus
Timestamp: ${stamp}
Queue: ${queue}
MemberName: Agent 2
Interface: PJSIP/agent2
StateInterface: PJSIP/agent2
Membership: realtime
Penalty: 0
CallsTaken: 0
LastCall: 0
InCall: 0
Status: ${value}
Paused: 0`).key;
    const keys = [
      status('1795888919.773009', 6),
      status('1795888934.773619', 1),
      status('1795888939.776235', 6),
      status('1795888939.776235', 1),
      status('1795888939.776235', 6, 'alo153-genel'),
    ];
    expect(new Set(keys).size).to.equal(keys.length);
    expect(status('1795888919.773009', 6)).to.equal(keys[0]);
  });

  it('has no key without an Asterisk Timestamp, and pads a short fraction to microseconds', () => {
    expect(normalised('Event: FullyBooted\nPrivilege: system,all\nStatus: Fully Booted')).to.not.have.property('key');
    expect(normalised('Event: Shutdown\nTimestamp: 1795888978.12\nRestart: False').key).to.equal('shutdown|1795888978120000');
  });

  it('turns the Hangup of a caller alo153 handed on into callerHangup, and ignores every other Hangup', () => {
    const hangup = (vars: string, block = callerBlock) =>
      normaliseAmiEvent(asAsteriskManager(`Event: Hangup\nPrivilege: call,all\nTimestamp: 1795888894.330003\n${block}\n${vars}\nCause: 16\nCause-txt: Normal Clearing`), fixedClock);
    expect(hangup('ChanVariable: ALO153_CALL_ID=c-42\nChanVariable: ALO153_TICKET=153-2026-000001\nChanVariable: ALO153_QUEUE=alo153-genel')).to.deep.equal({
      event: {
        kind: 'callerHangup',
        at: 1795888894330,
        cause: 16,
        queue: 'alo153-genel',
        uniqueid: '1795888883.0',
        linkedid: '1795888883.0',
        callId: 'c-42',
        ticket: '153-2026-000001',
        key: 'callerHangup|1795888894330003|1795888883.0',
      },
    });
    const agentLeg = callerBlock.replace('Uniqueid: 1795888883.0', 'Uniqueid: 1795888887.1');
    expect(hangup('ChanVariable: ALO153_CALL_ID=\nChanVariable: ALO153_TICKET=', agentLeg)).to.deep.equal({ ignored: true });
    expect(hangup('')).to.deep.equal({ ignored: true });
    expect(normaliseAmiEvent(asAsteriskManager('Event: Hangup\nTimestamp: 1795888894.3\nCause: 16'), fixedClock)).to.deep.equal({ ignored: true });
  });

  it('normalises an abandon with its hold time in seconds', () => {
    const abandon = normalised(`Event: QueueCallerAbandon
Timestamp: 1795888913.436206
${callerBlock}
Queue: general
Position: 1
OriginalPosition: 1
HoldTime: 6`);
    expect(abandon).to.include({ kind: 'callerAbandon', position: 1, originalPosition: 1, holdTimeS: 6 });
  });

  it('ignores events that are not queue events', () => {
    const results: NormalisedAmiEvent[] = ['Event: VarSet\nVariable: QUEUEWAIT\nValue: 2', 'Event: Newexten', 'Event: QueueParams\nQueue: general', 'Response: Success'].map(
      (text) => normaliseAmiEvent(asAsteriskManager(text), fixedClock),
    );
    expect(results).to.deep.equal([{ ignored: true }, { ignored: true }, { ignored: true }, { ignored: true }]);
  });

  it('reports a malformed queue event as an error naming the field, without throwing', () => {
    const noQueue = normaliseAmiEvent(asAsteriskManager(`Event: QueueCallerJoin\nTimestamp: 1795888887.3\n${callerBlock}\nPosition: 1\nCount: 1`));
    expect(noQueue).to.have.property('error').that.matches(/^QueueCallerJoin: queue:/);
    const badHold = normaliseAmiEvent(
      asAsteriskManager(`Event: AgentConnect\nTimestamp: 1795888887.3\n${callerBlock}\nQueue: q\nInterface: PJSIP/a\nMemberName: A\nHoldTime: two\nRingTime: 2`),
    );
    expect(badHold).to.have.property('error').that.matches(/holdtime: not an integer/);
    const badStamp = normaliseAmiEvent(asAsteriskManager('Event: FullyBooted\nTimestamp: yesterday'));
    expect(badStamp).to.have.property('error').that.matches(/timestamp/);
    const badStatus = normaliseAmiEvent(asAsteriskManager('Event: QueueMemberPause\nQueue: q\nMemberName: A\nInterface: PJSIP/a\nMembership: static\nPenalty: 0\nCallsTaken: 0\nLastCall: 0\nInCall: 0\nStatus: 9\nPaused: 1'));
    expect(badStatus).to.have.property('error').that.matches(/status/);
  });
});
