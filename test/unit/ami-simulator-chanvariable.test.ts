import { expect } from 'chai';
import type { AmiChannel } from '../../src/simulator/ami/ami-events.js';
import { encodeAmiMessage, type AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { createAmiEventSink } from '../../src/simulator/pbx/ami-adapter.js';
import { normaliseAmiEvent } from '../../src/telephony/ami/ami-queue-events.js';
import { asAsteriskManager } from './ami-queue-events.test.js';

const caller: AmiChannel = {
  channel: 'PJSIP/citizen-00000000',
  channelState: 6,
  channelStateDesc: 'Up',
  callerIdNum: '05321234567',
  callerIdName: '<unknown>',
  connectedLineNum: '<unknown>',
  connectedLineName: '<unknown>',
  language: 'tr',
  accountCode: '',
  context: 'alo153-queues',
  exten: 'alo153-genel',
  priority: 1,
  uniqueid: '1795888883.0',
  linkedid: '1795888883.0',
};
const agent: AmiChannel = { ...caller, channel: 'PJSIP/agent1-00000001', callerIdNum: 'agent1', callerIdName: 'Ajan 1', context: 'agents', uniqueid: '1795888887.1' };

function capture(): { messages: AmiMessage[]; sink: ReturnType<typeof createAmiEventSink> } {
  const messages: AmiMessage[] = [];
  return { messages, sink: createAmiEventSink((message) => messages.push(message)) };
}

describe('simulator AMI channelvars (ChanVariable lines)', () => {
  it('ends the caller block with one ChanVariable per manager.conf channelvar, empty when unset (golden)', () => {
    const { messages, sink } = capture();
    sink.varSet(caller, 'ALO153_TICKET', '153-2026-000001');
    sink.queueCallerJoin(caller, 'alo153-genel', 1, 1);
    expect(encodeAmiMessage(messages[1] ?? [])).to.equal(
      [
        'Event: QueueCallerJoin',
        'Privilege: agent,all',
        'Channel: PJSIP/citizen-00000000',
        'ChannelState: 6',
        'ChannelStateDesc: Up',
        'CallerIDNum: 05321234567',
        'CallerIDName: <unknown>',
        'ConnectedLineNum: <unknown>',
        'ConnectedLineName: <unknown>',
        'Language: tr',
        'AccountCode: ',
        'Context: alo153-queues',
        'Exten: alo153-genel',
        'Priority: 1',
        'Uniqueid: 1795888883.0',
        'Linkedid: 1795888883.0',
        'ChanVariable: ALO153_CALL_ID=',
        'ChanVariable: ALO153_TICKET=153-2026-000001',
        'ChanVariable: ALO153_QUEUE=',
        'Queue: alo153-genel',
        'Position: 1',
        'Count: 1',
        '',
        '',
      ].join('\r\n'),
    );
  });

  it('writes DestChanVariable for the agent leg, and the normaliser links the caller leg only', () => {
    const { messages, sink } = capture();
    sink.varSet(caller, 'ALO153_CALL_ID', 'c-7');
    sink.varSet(caller, 'ALO153_TICKET', '153-2026-000002');
    sink.agentConnect({ caller, agent, queue: 'alo153-genel', memberInterface: 'PJSIP/agent1', memberName: 'Ajan 1' }, 3, 2);
    const connect = messages.at(-1) ?? [];
    expect(connect.filter(([key]) => key.endsWith('ChanVariable'))).to.deep.equal([
      ['ChanVariable', 'ALO153_CALL_ID=c-7'],
      ['ChanVariable', 'ALO153_TICKET=153-2026-000002'],
      ['ChanVariable', 'ALO153_QUEUE='],
      ['DestChanVariable', 'ALO153_CALL_ID='],
      ['DestChanVariable', 'ALO153_TICKET='],
      ['DestChanVariable', 'ALO153_QUEUE='],
    ]);
    const text = connect.map(([key, value]) => `${key}: ${value}`).join('\n');
    const result = normaliseAmiEvent(asAsteriskManager(text), () => 0);
    expect(result).to.have.property('event').that.deep.includes({ kind: 'agentConnect', callId: 'c-7', ticket: '153-2026-000002' });
  });

  it('forgets a channel’s variables when it hangs up', () => {
    const { messages, sink } = capture();
    sink.varSet(caller, 'ALO153_TICKET', '153-2026-000003');
    sink.hangup(caller, 16, 'Normal Clearing');
    sink.newchannel(caller);
    expect((messages.at(-1) ?? []).filter(([key]) => key === 'ChanVariable').map(([, value]) => value)).to.deep.equal(['ALO153_CALL_ID=', 'ALO153_TICKET=', 'ALO153_QUEUE=']);
  });
});
