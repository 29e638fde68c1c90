import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import { emptyQueueState, reduceQueueState, type QueueState } from '../../src/queues/queue-state.js';

const QUEUE = 'alo153-hayvan-bakim';
const T = 1795888887316;
const agent = { interface: 'PJSIP/agent-istanbul-01', name: 'Ajan Ayşe Yılmaz' };

const run = (events: QueueEvent[], state: QueueState = emptyQueueState()): QueueState => events.reduce(reduceQueueState, state);
const link = (uniqueid: string) => ({ uniqueid, linkedid: uniqueid });
const join = (at: number, uniqueid: string): QueueEvent => ({ kind: 'callerJoin', at, queue: QUEUE, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link(uniqueid) });
const abandon = (at: number, uniqueid: string): QueueEvent => ({ kind: 'callerAbandon', at, queue: QUEUE, position: 1, originalPosition: 1, holdTimeS: 0, ...link(uniqueid) });
const connect = (at: number, uniqueid: string): QueueEvent => ({ kind: 'agentConnect', at, queue: QUEUE, member: agent, holdTimeS: 2, ringTimeS: 1, ...link(uniqueid) });
const complete = (at: number, uniqueid: string): QueueEvent => ({ kind: 'agentComplete', at, queue: QUEUE, member: agent, holdTimeS: 2, talkTimeS: 5, reason: 'agent', ...link(uniqueid) });

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** One call's events with every string cut out of its own 64 KiB block, the way asterisk-manager reads AMI. */
function callCutFromAmiText(index: number): QueueEvent[] {
  const uniqueid = `${1795888887 + index}.${index}`;
  const callId = `0b7e4c2a-5f1d-4a8e-9c3b-${String(index).padStart(12, '0')}`;
  const ticket = `153-20261203-${String(index).padStart(6, '0')}`;
  const text = `${'Event: Padding\r\n'.repeat(4096)}${uniqueid}|${callId}|${ticket}|${QUEUE}|${agent.interface}|${agent.name}|agent`;
  const [id, call, number, queue, member, name, reason] = text.slice(text.lastIndexOf('\n') + 1).split('|') as [string, string, string, string, string, string, string];
  const links = { uniqueid: id, linkedid: id, callId: call, ticket: number };
  const at = T + index * 60_000;
  return [
    { kind: 'callerJoin', at, queue, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...links },
    { kind: 'agentConnect', at: at + 3000, queue, member: { interface: member, name }, holdTimeS: 3, ringTimeS: 1, ...links },
    { kind: 'agentComplete', at: at + 40_000, queue, member: { interface: member, name }, holdTimeS: 3, talkTimeS: 37, reason, ...links },
  ];
}

describe('queue facts over a day', () => {
  it('keeps none of the AMI text a fact’s strings were cut from', () => {
    const gc = collectGarbage();
    const calls = 300;
    let state = emptyQueueState();
    for (let index = 0; index < calls; index += 1) state = run(callCutFromAmiText(index), state);
    expect(state.facts).to.have.length(calls);
    expect(state.facts[calls - 1]).to.include({ outcome: 'answered', talkMs: 37_000, completionReason: 'agent', member: agent.interface });
    gc();
    gc();
    const withFacts = process.memoryUsage().heapUsed;
    state = emptyQueueState();
    gc();
    gc();
    const retainedBytes = withFacts - process.memoryUsage().heapUsed;
    // Each pinned block is 64 KiB: 300 calls pinning theirs would keep ~19 MiB; a fact alone is well under 1 KiB.
    expect(retainedBytes).to.be.below(4 * 1024 * 1024);
  });

  it('gives each state grown from one earlier state its own facts, and late events find the fact of their own branch', () => {
    const both = run([join(T, 'caller.X'), join(T + 100, 'caller.Y')]);
    const xAbandoned = run([abandon(T + 6000, 'caller.X')], both);
    const yAbandoned = run([abandon(T + 7000, 'caller.Y')], both);
    const xLater = run([abandon(T + 9000, 'caller.X')], yAbandoned);
    const xDuplicate = run([abandon(T + 6001, 'caller.X')], xAbandoned);

    expect(both.facts).to.deep.equal([]);
    expect(xAbandoned.facts.map((fact) => [fact.uniqueid, fact.waitMs])).to.deep.equal([['caller.X', 6000]]);
    expect(xDuplicate.facts.map((fact) => [fact.uniqueid, fact.waitMs])).to.deep.equal([['caller.X', 6000]]);
    expect(yAbandoned.facts.map((fact) => [fact.uniqueid, fact.waitMs])).to.deep.equal([['caller.Y', 6900]]);
    expect(xLater.facts.map((fact) => [fact.uniqueid, fact.waitMs])).to.deep.equal([
      ['caller.Y', 6900],
      ['caller.X', 9000],
    ]);
  });

  it('leaves an earlier state’s fact as it was when a later state completes or loses the call', () => {
    const onCall = run([join(T, 'caller.Z'), connect(T + 2000, 'caller.Z')]);
    const completed = run([complete(T + 7000, 'caller.Z')], onCall);
    const lost = reduceQueueState(onCall, { kind: 'shutdown', at: T + 8000, restart: true });

    expect(onCall.facts).to.have.length(1);
    expect(onCall.facts[0]).to.not.have.property('talkMs');
    expect(onCall.facts[0]).to.not.have.property('lostAfterAnswer');
    expect(completed.facts[0]).to.include({ outcome: 'answered', talkMs: 5000 });
    expect(completed.facts[0]).to.not.have.property('lostAfterAnswer');
    expect(lost.facts[0]).to.include({ outcome: 'answered', lostAfterAnswer: true });
    expect(lost.facts[0]).to.not.have.property('talkMs');
  });
});
