import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent, QueueMemberInfo } from '../../src/queues/queue-events.js';
import { QueueMonitor, type QueueChange } from '../../src/queues/queue-monitor.js';
import { FakeFeed, FakeQueueEventStore } from '../fakes/fake-queue-feed.js';
import type { QueueOutcome } from '../../src/calls/queue-outcomes.js';

const ist = (local: string): number => Date.parse(`${local}+03:00`);
const QUEUE = 'alo153-genel';
const agent = { interface: 'PJSIP/agent1', name: 'Ajan 1' };

function member(overrides: Partial<QueueMemberInfo> = {}): QueueMemberInfo {
  return { ...agent, queue: QUEUE, stateInterface: agent.interface, membership: 'static', penalty: 0, callsTaken: 0, lastCall: 0, inCall: false, status: 1, paused: false, pausedReason: '', ...overrides };
}

/** One caller answered after `waitS` and talking `talkS`, and one abandoning after 30 s. */
function morning(start: number, id: string, waitS: number, talkS: number): QueueEvent[] {
  const link = { uniqueid: id, linkedid: id };
  const abandoner = { uniqueid: `${id}.x`, linkedid: `${id}.x` };
  return [
    { kind: 'memberAdded', at: start - 60_000, member: member() },
    { kind: 'callerJoin', at: start, queue: QUEUE, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link },
    { kind: 'agentCalled', at: start + 1000, queue: QUEUE, member: agent, ...link },
    { kind: 'agentConnect', at: start + waitS * 1000, queue: QUEUE, member: agent, holdTimeS: waitS, ringTimeS: 1, ...link },
    { kind: 'callerLeave', at: start + waitS * 1000, queue: QUEUE, position: 1, count: 0, ...link },
    { kind: 'agentComplete', at: start + (waitS + talkS) * 1000, queue: QUEUE, member: agent, holdTimeS: waitS, talkTimeS: talkS, reason: 'caller', ...link },
    { kind: 'callerJoin', at: start + 5000, queue: QUEUE, position: 2, count: 2, callerNumber: '05321234568', callerName: '', ...abandoner },
    { kind: 'callerAbandon', at: start + 35_000, queue: QUEUE, position: 1, originalPosition: 2, holdTimeS: 30, ...abandoner },
  ];
}

describe('queue monitor', () => {
  const logger = createTestLogger();
  let clock: number;
  let store: FakeQueueEventStore;
  let feed: FakeFeed;
  const newMonitor = (): QueueMonitor => new QueueMonitor({ store, logger, now: () => clock });

  beforeEach(() => {
    clock = ist('2026-11-28T15:00:00');
    store = new FakeQueueEventStore();
    feed = new FakeFeed();
  });

  it('reduces and persists every feed event and tells its listeners', async () => {
    const monitor = newMonitor();
    await monitor.start(feed);
    const changes: QueueChange[] = [];
    monitor.onChange((change) => changes.push(change));
    for (const event of morning(ist('2026-11-28T14:00:00'), '1795888.1', 10, 60)) feed.event(event);
    expect(store.events).to.have.length(8);
    expect(changes.map((change) => change.kind)).to.deep.equal(Array(8).fill('event'));
    const { kpis } = monitor.snapshot();
    expect(kpis.queues[QUEUE]).to.include({ offered: 2, answered: 1, abandoned: 1, asaMs: 10_000, ahtMs: 60_000 });
  });

  it('recomputes the same KPIs after a restart by replaying today’s stored events, ignoring yesterday’s', async () => {
    const first = newMonitor();
    await first.start(feed);
    for (const event of morning(ist('2026-11-27T22:00:00'), 'yesterday', 5, 30)) feed.event(event);
    for (const event of morning(ist('2026-11-28T09:00:00'), 'a', 10, 60)) feed.event(event);
    for (const event of morning(ist('2026-11-28T14:00:00'), 'b', 30, 120)) feed.event(event);
    const before = first.snapshot();

    const restarted = newMonitor();
    await restarted.start(new FakeFeed());
    const after = restarted.snapshot();
    expect(after.kpis).to.deep.equal(before.kpis);
    expect(after.kpis.total).to.include({ offered: 4, answered: 2, abandoned: 2, answeredWithinThreshold: 1 });
    expect(after.agents.map((view) => view.state)).to.deep.equal(['ready']);
  });

  it('counts a night shift that began yesterday, also after a restart at 02:00', async () => {
    const shifts = [
      { name: 'Gündüz', start: '08:00', end: '22:00' },
      { name: 'Gece', start: '22:00', end: '06:00' },
    ];
    clock = ist('2026-11-29T02:00:00');
    const first = new QueueMonitor({ store, logger, now: () => clock, shifts });
    await first.start(feed);
    for (const event of morning(ist('2026-11-28T21:00:00'), 'day-shift', 5, 30)) feed.event(event);
    for (const event of morning(ist('2026-11-28T23:00:00'), 'night-1', 5, 30)) feed.event(event);
    for (const event of morning(ist('2026-11-29T01:00:00'), 'night-2', 25, 30)) feed.event(event);

    const restarted = new QueueMonitor({ store, logger, now: () => clock, shifts });
    await restarted.start(new FakeFeed());
    const snapshot = restarted.snapshot();
    expect(snapshot.shift).to.equal('Gece');
    expect(snapshot.kpis.window).to.deep.equal({ from: ist('2026-11-28T22:00:00'), to: ist('2026-11-29T06:00:00'), shift: 'Gece' });
    expect(snapshot.kpis.total).to.include({ offered: 4, answered: 2, abandoned: 2, answeredWithinThreshold: 1 });
  });

  it('forgets facts from before today and the current window, but keeps today\'s', async () => {
    const monitor = newMonitor();
    await monitor.start(feed);
    for (const event of morning(ist('2026-11-27T10:00:00'), 'old', 5, 30)) feed.event(event);
    for (const event of morning(ist('2026-11-28T10:00:00'), 'today', 5, 30)) feed.event(event);
    expect(monitor.state.facts).to.have.length(4);
    monitor.pruneOldFacts();
    expect(monitor.state.facts.map((fact) => fact.uniqueid)).to.not.include.members(['old', 'old.x']);
    expect(monitor.snapshot().kpis.total).to.include({ offered: 2, answered: 1 });
  });

  it('folds the facts of calls that ended over a minute ago into tallies, with the same KPIs and hourly series', async () => {
    const monitor = newMonitor();
    await monitor.start(feed);
    for (const [index, hour] of ['08', '09', '09', '12', '14'].entries()) {
      for (const event of morning(ist(`2026-11-28T${hour}:1${index}:00`), `c${index}`, 5 + index * 10, 30)) feed.event(event);
    }
    // Still talking at 15:00: its fact must stay live, or AgentComplete would count it twice.
    for (const event of morning(ist('2026-11-28T14:58:00'), 'live', 8, 600).filter((e) => e.kind !== 'agentComplete')) feed.event(event);
    const before = monitor.snapshot().kpis;
    monitor.pruneOldFacts();
    expect(monitor.state.facts.map((fact) => fact.uniqueid)).to.deep.equal(['live']);
    expect(monitor.snapshot().kpis).to.deep.equal(before);
    expect(monitor.knows(QUEUE)).to.equal(true);
    clock = ist('2026-11-28T15:10:00');
    feed.event({ kind: 'agentComplete', at: clock - 1000, queue: QUEUE, member: agent, holdTimeS: 8, talkTimeS: 600, reason: 'agent', uniqueid: 'live', linkedid: 'live' });
    const completed = monitor.snapshot().kpis.total;
    expect(completed).to.include({ offered: 12, answered: 6, abandoned: 6, handled: 6 });
    clock = ist('2026-11-29T00:05:00');
    monitor.pruneOldFacts();
    expect(monitor.snapshot().kpis.total).to.include({ offered: 0, answered: 0 });
  });

  it('applies feed input that arrives during the replay after it, in order', async () => {
    for (const event of morning(ist('2026-11-28T09:00:00'), 'a', 10, 60)) store.append([event]);
    const monitor = newMonitor();
    const starting = monitor.start(feed);
    const late: QueueEvent = { kind: 'callerJoin', at: ist('2026-11-28T14:59:00'), queue: QUEUE, position: 1, count: 1, callerNumber: '05320000000', callerName: '', uniqueid: 'late', linkedid: 'late' };
    feed.event(late);
    await starting;
    expect(monitor.snapshot().kpis.queues[QUEUE]).to.include({ offered: 3, waiting: 1, longestWaitMs: 60_000 });
  });

  it('starts from zero when the stored events cannot be read, and still follows the feed', async () => {
    store.failReads = true;
    const monitor = newMonitor();
    await monitor.start(feed);
    feed.event({ kind: 'callerJoin', at: clock - 1000, queue: QUEUE, position: 1, count: 1, callerNumber: '05320000000', callerName: '', uniqueid: 'u', linkedid: 'u' });
    expect(monitor.snapshot().kpis.total).to.include({ offered: 1, waiting: 1 });
  });

  it('resyncs from a QueueStatus snapshot: a caller gone while AMI was down is no longer waiting', async () => {
    const monitor = newMonitor();
    await monitor.start(feed);
    feed.event({ kind: 'memberAdded', at: clock - 120_000, member: member() });
    feed.event({ kind: 'callerJoin', at: clock - 60_000, queue: QUEUE, position: 1, count: 1, callerNumber: '05320000000', callerName: '', uniqueid: 'gone', linkedid: 'gone' });
    expect(monitor.snapshot().queues).to.deep.equal([{ name: QUEUE, waiting: 1, connected: 0, members: 1 }]);
    feed.snapshot({ at: clock, queues: [{ name: QUEUE, strategy: 'rrmemory', calls: 0, members: [member({ paused: true, pausedReason: 'Mola' })], entries: [] }] });
    const view = monitor.snapshot();
    expect(view.queues).to.deep.equal([{ name: QUEUE, waiting: 0, connected: 0, members: 1 }]);
    expect(view.kpis.queues[QUEUE]).to.include({ offered: 1, answered: 0, lost: 1 });
    expect(view.agents[0]).to.include({ state: 'paused', reason: 'Mola' });
  });

  it('computes a past period’s stats from stored events, zeros for a quiet period', async () => {
    const monitor = newMonitor();
    await monitor.start(feed);
    for (const event of morning(ist('2026-11-27T10:00:00'), 'a', 10, 60)) feed.event(event);
    for (const event of morning(ist('2026-11-28T10:00:00'), 'b', 25, 60)) feed.event(event);
    const twoDays = await monitor.stats(QUEUE, ist('2026-11-27T00:00:00'), ist('2026-11-29T00:00:00'));
    expect(twoDays).to.include({ offered: 4, answered: 2, abandoned: 2, answeredWithinThreshold: 1, waiting: 0 });
    const quiet = await monitor.stats(QUEUE, ist('2026-11-20T00:00:00'), ist('2026-11-21T00:00:00'));
    expect(quiet).to.include({ offered: 0, answered: 0, serviceLevel: null });
    expect(monitor.knows(QUEUE)).to.equal(true);
    expect(monitor.knows('alo153-yok')).to.equal(false);
  });

  it('records answers, completions and abandons of live events on the caller’s channel, never during the replay', async () => {
    for (const event of morning(ist('2026-11-28T09:00:00'), 'replayed', 10, 60)) store.append([event]);
    const recorded: Array<[string, QueueOutcome]> = [];
    const outcomes = {
      recordQueueOutcome: async (channelId: string, outcome: QueueOutcome): Promise<boolean> => {
        recorded.push([channelId, outcome]);
        return true;
      },
    };
    const monitor = new QueueMonitor({ store, logger, now: () => clock, outcomes });
    await monitor.start(feed);
    for (const event of morning(ist('2026-11-28T14:00:00'), 'live', 12, 60)) feed.event(event);
    expect(recorded.map(([channel, outcome]) => `${channel} ${outcome.kind} ${'waitS' in outcome ? outcome.waitS : ''}`)).to.deep.equal([
      'live agent-answered 12',
      'live agent-completed ',
      'live.x abandoned-in-queue 30',
    ]);
    expect(recorded[0]?.[1]).to.include({ agent: 'PJSIP/agent1', agentName: 'Ajan 1', queue: QUEUE });
  });
});

describe('queue monitor counting window', () => {
  it('is the Istanbul day of whatever instant it is asked for, forwards and backwards across midnights', () => {
    const monitor = new QueueMonitor({ store: new FakeQueueEventStore(), logger: createTestLogger() });
    const instants = ['2026-11-28T23:59:59.999', '2026-11-29T00:00:00', '2026-11-28T12:00:00', '2026-11-29T23:00:00', '2026-11-30T00:00:00.001'].map(ist);
    for (const at of instants) {
      const day = new Date(at + 3 * 3_600_000).toISOString().slice(0, 10);
      const from = ist(`${day}T00:00:00`);
      expect(monitor.window(at), new Date(at).toISOString()).to.deep.equal({ from, to: from + 86_400_000, shift: null });
    }
  });

  it('follows overlapping shifts minute by minute (the first listed shift that holds the instant wins)', () => {
    const shifts = [
      { name: 'öğle', start: '12:00', end: '14:00' },
      { name: 'gündüz', start: '08:00', end: '20:00' },
    ];
    const monitor = new QueueMonitor({ store: new FakeQueueEventStore(), logger: createTestLogger(), shifts });
    expect(monitor.window(ist('2026-11-28T11:59:00')).shift).to.equal('gündüz');
    expect(monitor.window(ist('2026-11-28T12:00:00')).shift).to.equal('öğle');
    expect(monitor.window(ist('2026-11-28T21:00:00'))).to.deep.include({ shift: null, from: ist('2026-11-28T00:00:00') });
  });
});
