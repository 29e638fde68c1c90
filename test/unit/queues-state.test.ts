import { expect } from 'chai';
import type { DeviceStatus, QueueEvent, QueueMemberInfo } from '../../src/queues/queue-events.js';
import { applySnapshot, emptyQueueState, reduceQueueState, type QueueState } from '../../src/queues/queue-state.js';
import { agentStates, type AgentStateView } from '../../src/queues/agent-states.js';

const QUEUE = 'general';
const CALLER = '1795888883.0';
const agent1 = { interface: 'PJSIP/agent1', name: 'Agent 1' };
const agent2 = { interface: 'PJSIP/agent2', name: 'Agent 2' };
const agent3 = { interface: 'PJSIP/agent3', name: 'Agent 3' };
const link = (uniqueid: string) => ({ uniqueid, linkedid: uniqueid });

function member(ref: { interface: string; name: string }, status: DeviceStatus, extra: Partial<QueueMemberInfo> = {}): QueueMemberInfo {
  return {
    ...ref,
    queue: QUEUE,
    stateInterface: ref.interface,
    membership: 'realtime',
    penalty: 0,
    callsTaken: 0,
    lastCall: 0,
    inCall: false,
    status,
    paused: false,
    pausedReason: '',
    ...extra,
  };
}

const join = (at: number, uniqueid = CALLER): QueueEvent => ({ kind: 'callerJoin', at, queue: QUEUE, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link(uniqueid) });
const leave = (at: number, uniqueid = CALLER): QueueEvent => ({ kind: 'callerLeave', at, queue: QUEUE, position: 1, count: 0, ...link(uniqueid) });
const called = (at: number, who = agent1, uniqueid = CALLER): QueueEvent => ({ kind: 'agentCalled', at, queue: QUEUE, member: who, ...link(uniqueid) });
const connect = (at: number, who = agent1, holdTimeS = 2, uniqueid = CALLER): QueueEvent => ({ kind: 'agentConnect', at, queue: QUEUE, member: who, holdTimeS, ringTimeS: 2, ...link(uniqueid) });
const complete = (at: number, who = agent1, uniqueid = CALLER): QueueEvent => ({ kind: 'agentComplete', at, queue: QUEUE, member: who, holdTimeS: 2, talkTimeS: 5, reason: 'agent', ...link(uniqueid) });
const status = (at: number, who: { interface: string; name: string }, value: DeviceStatus): QueueEvent => ({ kind: 'memberStatus', at, member: member(who, value) });

const run = (events: QueueEvent[], state: QueueState = emptyQueueState()): QueueState => events.reduce(reduceQueueState, state);
const agentOf = (state: QueueState, iface: string, now: number): AgentStateView | undefined => agentStates(state, now).find((view) => view.interface === iface);

// Transcript 01 (answered call), times in ms, in the order the events arrived.
const T = 1795888887316;
const answeredCall: QueueEvent[] = [
  status(T - 5000, agent1, 1),
  join(T),
  called(T + 1, agent1),
  status(T + 3, agent1, 6),
  status(T + 2006, agent1, 2),
  leave(T + 2007),
  connect(T + 2009),
  complete(T + 7010),
  status(T + 7013, agent1, 1),
];

describe('queue state reducer', () => {
  it('follows an answered call: waiting, ringing, on call, then ready, with a wait from our own times', () => {
    let state = run(answeredCall.slice(0, 4));
    expect(Object.keys(state.queues[QUEUE]?.waiting ?? {})).to.deep.equal([CALLER]);
    expect(agentOf(state, agent1.interface, T + 10)).to.include({ state: 'ringing', since: T + 1 });
    state = run(answeredCall.slice(4, 7), state);
    expect(state.queues[QUEUE]?.waiting).to.deep.equal({});
    expect(state.queues[QUEUE]?.calls[CALLER]?.member).to.equal(agent1.interface);
    // QueueMemberStatus 2 came before AgentConnect: the call started at the device's pick-up.
    expect(agentOf(state, agent1.interface, T + 3000)).to.include({ state: 'on-call', since: T + 2006, uniqueid: CALLER });
    state = run(answeredCall.slice(7), state);
    expect(agentOf(state, agent1.interface, T + 8000)).to.include({ state: 'ready', since: T + 7013 });
    expect(state.facts).to.have.length(1);
    expect(state.facts[0]).to.include({ outcome: 'answered', waitMs: 2009, waitSource: 'events', talkMs: 5001, member: agent1.interface });
  });

  it('keeps the agent on the call when QueueMemberStatus 2 arrives after AgentConnect', () => {
    const reordered = [...answeredCall.slice(0, 4), leave(T + 2007), connect(T + 2009), status(T + 2011, agent1, 2)];
    expect(agentOf(run(reordered), agent1.interface, T + 3000)).to.include({ state: 'on-call', since: T + 2009 });
  });

  it('ends the call at AgentComplete even while a stale in-use status is still held', () => {
    const state = run(answeredCall.slice(0, 8));
    expect(agentOf(state, agent1.interface, T + 7011)).to.include({ state: 'ready', since: T + 7010 });
  });

  it('records an abandoned caller with the wait measured from its join (transcript 03)', () => {
    const abandonAt = T + 5995;
    const state = run([
      join(T),
      { kind: 'callerAbandon', at: abandonAt, queue: QUEUE, position: 1, originalPosition: 1, holdTimeS: 6, ...link(CALLER) },
      leave(abandonAt + 1),
    ]);
    expect(state.queues[QUEUE]?.waiting).to.deep.equal({});
    expect(state.facts).to.have.length(1);
    expect(state.facts[0]).to.include({ outcome: 'abandoned', waitMs: 5995, waitSource: 'events' });
  });

  it('turns a leave into an abandon when QueueCallerAbandon arrives after QueueCallerLeave', () => {
    const state = run([
      join(T),
      leave(T + 4001),
      { kind: 'callerAbandon', at: T + 4000, queue: QUEUE, position: 1, originalPosition: 1, holdTimeS: 4, ...link(CALLER) },
    ]);
    expect(state.facts.map((fact) => fact.outcome)).to.deep.equal(['abandoned']);
    expect(state.facts[0]?.waitMs).to.equal(4000);
  });

  it('frees a ringing agent on AgentRingNoAnswer and connects the next one (transcript 04)', () => {
    const ringNoAnswer: QueueEvent = { kind: 'agentRingNoAnswer', at: T + 15001, queue: QUEUE, member: agent2, ringTimeMs: 15000, ...link(CALLER) };
    const state = run([
      status(T - 2000, agent2, 1),
      status(T - 1900, agent3, 1),
      join(T),
      called(T + 1, agent2),
      status(T + 3, agent2, 6),
      ringNoAnswer,
      status(T + 15003, agent2, 1),
      called(T + 20000, agent3),
      status(T + 20002, agent3, 6),
      leave(T + 22000),
      connect(T + 22002, agent3, 22),
    ]);
    expect(agentOf(state, agent2.interface, T + 23000)).to.include({ state: 'ready', since: T + 15003 });
    expect(agentOf(state, agent3.interface, T + 23000)).to.include({ state: 'on-call', since: T + 22002 });
    expect(state.facts[0]).to.include({ outcome: 'answered', member: agent3.interface, waitMs: 22002 });
  });

  it('shows a paused member with its reason and returns it to ready on unpause', () => {
    const paused = member(agent2, 1, { paused: true, pausedReason: 'öğle yemeği' });
    let state = run([{ kind: 'memberAdded', at: T, member: member(agent2, 1) }, { kind: 'memberPause', at: T + 1000, member: paused }]);
    expect(agentOf(state, agent2.interface, T + 2000)).to.include({ state: 'paused', since: T + 1000, reason: 'öğle yemeği' });
    state = run([{ kind: 'memberPause', at: T + 5000, member: member(agent2, 1) }], state);
    expect(agentOf(state, agent2.interface, T + 6000)).to.include({ state: 'ready', since: T + 5000 });
  });

  it('logs an agent out when removed from its last queue, and in again when added', () => {
    let state = run([{ kind: 'memberAdded', at: T, member: member(agent2, 1) }, { kind: 'memberRemoved', at: T + 1000, member: member(agent2, 1) }]);
    expect(agentOf(state, agent2.interface, T + 2000)).to.include({ state: 'logged-out', since: T + 1000 });
    // A status stamped before the removal but delivered after it must not bring the member back.
    state = run([status(T + 900, agent2, 1)], state);
    expect(agentOf(state, agent2.interface, T + 2000)?.state).to.equal('logged-out');
    state = run([{ kind: 'memberAdded', at: T + 3000, member: member(agent2, 1) }], state);
    expect(agentOf(state, agent2.interface, T + 4000)).to.include({ state: 'ready', since: T + 3000 });
  });

  it('counts one answered call however often its events are duplicated', () => {
    const doubled = answeredCall.flatMap((event) => [event, event]);
    const state = run(doubled);
    expect(state.facts).to.have.length(1);
    expect(state.facts[0]).to.include({ outcome: 'answered', waitMs: 2009, talkMs: 5001 });
    expect(agentOf(state, agent1.interface, T + 8000)?.state).to.equal('ready');
  });

  it('absorbs events for callers and members it never saw, without throwing', () => {
    const state = run([
      leave(T, 'ghost.1'),
      { kind: 'agentRingNoAnswer', at: T, queue: 'other', member: agent3, ringTimeMs: 15000, ...link('ghost.2') },
      connect(T + 10, agent3, 7, 'ghost.3'),
    ]);
    expect(state.facts).to.have.length(1);
    // The join was not seen, so (only then) Asterisk's HoldTime gives the wait.
    expect(state.facts[0]).to.include({ uniqueid: 'ghost.3', outcome: 'answered', waitMs: 7000, waitSource: 'holdtime' });
    expect(agentOf(state, agent3.interface, T + 20)?.state).to.equal('logged-out');
  });

  it('holds an agent in wrap-up for the queue wrap-up time, measured by the clock', () => {
    const state = run(answeredCall, emptyQueueState({ wrapUpS: { [QUEUE]: 30 } }));
    expect(agentOf(state, agent1.interface, T + 7010 + 29_999)).to.include({ state: 'wrap-up', since: T + 7010 });
    expect(agentOf(state, agent1.interface, T + 7010 + 30_000)).to.include({ state: 'ready', since: T + 37_010 });
    expect(state.facts[0]?.wrapUpMs).to.equal(30_000);
  });

  it('shows an unregistered device as unavailable', () => {
    const state = run([status(T, agent1, 1), status(T + 500, agent1, 5)]);
    expect(agentOf(state, agent1.interface, T + 600)).to.include({ state: 'unavailable', since: T + 500 });
  });
});

describe('queue state after a QueueStatus snapshot', () => {
  const busy = run([
    status(T - 5000, agent1, 1),
    status(T - 5000, agent2, 1),
    join(T),
    called(T + 1, agent1),
    leave(T + 2007),
    connect(T + 2009),
    join(T + 3000, 'caller.B'),
    join(T + 4000, 'caller.C'),
  ]);

  it('rebuilds waiting callers and members exactly and closes the calls that vanished as lost', () => {
    const at = T + 60_000;
    const state = applySnapshot(busy, {
      at,
      queues: [
        {
          name: QUEUE,
          strategy: 'rrmemory',
          calls: 2,
          members: [member(agent1, 1), member(agent2, 2, { paused: true, pausedReason: 'toplantı' })],
          entries: [
            { queue: QUEUE, position: 1, uniqueid: 'caller.C', callerNumber: '05321234567', callerName: 'unknown', waitS: 56 },
            { queue: QUEUE, position: 2, uniqueid: 'caller.D', callerNumber: '05449876543', callerName: 'unknown', waitS: 10 },
          ],
        },
      ],
    });
    const live = state.queues[QUEUE];
    expect(Object.keys(live?.waiting ?? {}).sort()).to.deep.equal(['caller.C', 'caller.D']);
    expect(live?.waiting['caller.C']).to.include({ joinedAt: T + 4000, joinedAtEstimated: false, position: 1 });
    expect(live?.waiting['caller.D']).to.include({ joinedAt: at - 10_000, joinedAtEstimated: true });
    expect(live?.calls).to.deep.equal({});
    const byCaller = Object.fromEntries(state.facts.map((fact) => [fact.uniqueid, fact]));
    expect(byCaller['caller.B']).to.include({ outcome: 'lost', leftAt: at });
    expect(byCaller[CALLER]).to.include({ outcome: 'answered', lostAfterAnswer: true });
    expect(byCaller[CALLER]?.talkMs).to.equal(undefined);
    expect(agentOf(state, agent1.interface, at + 1)).to.include({ state: 'ready', since: at });
    expect(agentOf(state, agent2.interface, at + 1)).to.include({ state: 'on-call', since: at });
  });

  it('keeps a call whose agent is still in use, and logs out members no longer listed', () => {
    const state = applySnapshot(busy, { at: T + 60_000, queues: [{ name: QUEUE, strategy: 'rrmemory', calls: 0, members: [member(agent1, 2)], entries: [] }] });
    expect(Object.keys(state.queues[QUEUE]?.calls ?? {})).to.deep.equal([CALLER]);
    expect(agentOf(state, agent1.interface, T + 60_001)).to.include({ state: 'on-call', since: T + 2009 });
    expect(agentOf(state, agent2.interface, T + 60_001)).to.include({ state: 'logged-out', since: T + 60_000 });
  });

  it('closes every live call as lost when Asterisk shuts down', () => {
    const state = reduceQueueState(busy, { kind: 'shutdown', at: T + 9000, restart: true });
    expect(state.facts.filter((fact) => fact.outcome === 'lost')).to.have.length(2);
    expect(state.queues[QUEUE]?.waiting).to.deep.equal({});
    expect(state.queues[QUEUE]?.calls).to.deep.equal({});
  });
});
