import { expect } from 'chai';
import { buildQueueStatusSnapshot } from '../../src/telephony/ami/ami-queue-status.js';
import { asAsteriskManager } from './ami-queue-events.test.js';

// The QueueStatus list of transcript 05 while one caller waits (ActionID kept as the last field).
const list = [
  `Event: QueueParams
Queue: general
Max: 0
Strategy: rrmemory
Calls: 1
Holdtime: 7
TalkTime: 5
Completed: 2
Abandoned: 1
ServiceLevel: 0
ServicelevelPerf: 0.0
ServicelevelPerf2: 0.0
Weight: 0
ActionID: qstat-2`,
  `Event: QueueMember
Queue: general
Name: Gülşah Işıkçı
Location: PJSIP/agent1
StateInterface: PJSIP/agent1
Membership: static
Penalty: 0
CallsTaken: 1
LastCall: 1795888894
LastPause: 0
LoginTime: 1795888887
InCall: 0
Status: 5
Paused: 1
PausedReason: mola
Wrapuptime: 0
ActionID: qstat-2`,
  `Event: QueueEntry
Queue: general
Position: 1
Channel: PJSIP/citizen-00000008
Uniqueid: 1795888972.8
CallerIDNum: 05321234567
CallerIDName: unknown
ConnectedLineNum: unknown
ConnectedLineName: unknown
Wait: 2
Priority: 0
ActionID: qstat-2`,
].map(asAsteriskManager);

describe('QueueStatus snapshot builder', () => {
  it('builds a queue with its members and waiting entries, `unknown` caller name as empty', () => {
    const { snapshot, errors } = buildQueueStatusSnapshot(list, 1000);
    expect(errors).to.deep.equal([]);
    expect(snapshot).to.deep.equal({
      at: 1000,
      queues: [
        {
          name: 'general',
          strategy: 'rrmemory',
          calls: 1,
          members: [
            {
              queue: 'general',
              interface: 'PJSIP/agent1',
              name: 'Gülşah Işıkçı',
              stateInterface: 'PJSIP/agent1',
              membership: 'static',
              penalty: 0,
              callsTaken: 1,
              lastCall: 1795888894,
              inCall: false,
              status: 5,
              paused: true,
              pausedReason: 'mola',
            },
          ],
          entries: [{ queue: 'general', position: 1, uniqueid: '1795888972.8', callerNumber: '05321234567', callerName: '', waitS: 2 }],
        },
      ],
    });
  });

  it('leaves a malformed item out and reports it, keeping the rest', () => {
    const broken = asAsteriskManager('Event: QueueEntry\nQueue: general\nPosition: first\nUniqueid: 1.1\nWait: 2');
    const { snapshot, errors } = buildQueueStatusSnapshot([...list, broken], 1000);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.match(/^QueueEntry: position/);
    expect(snapshot.queues[0]?.entries).to.have.length(1);
  });

  it('gives an empty snapshot for an empty list (no queues configured, or all calls gone)', () => {
    expect(buildQueueStatusSnapshot([], 5).snapshot).to.deep.equal({ at: 5, queues: [] });
  });
});
