import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueMemberInfo } from '../../src/queues/queue-events.js';
import { QueueMonitor } from '../../src/queues/queue-monitor.js';
import { BoardPublisher } from '../../src/realtime/board-publisher.js';
import { LinkStatusTracker, type WatchedConnection } from '../../src/realtime/link-status.js';
import type { AgentRow, BoardDeltaMessage, BoardMeta, HourPoint, QueueTile } from '../../src/realtime/protocol.js';
import { StreamState } from '../../src/realtime/stream-state.js';
import type { ConnectionState } from '../../src/telephony/ports.js';
import { FakeFeed, FakeQueueEventStore } from '../fakes/fake-queue-feed.js';

const ist = (local: string): number => Date.parse(`${local}+03:00`);
const QUEUE = 'alo153-genel';
const agent = { interface: 'PJSIP/agent1', name: 'Ayşe Öztürk' };
const link = (id: string) => ({ uniqueid: id, linkedid: id });

function member(overrides: Partial<QueueMemberInfo> = {}): QueueMemberInfo {
  return { ...agent, queue: QUEUE, stateInterface: agent.interface, membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, inCall: false, status: 1, paused: false, pausedReason: '', ...overrides };
}

class FakeConnection implements WatchedConnection {
  state: ConnectionState = 'connected';
  private readonly up: Array<() => void> = [];
  private readonly down: Array<(reason: string) => void> = [];
  onConnected(listener: () => void): void {
    this.up.push(listener);
  }
  onDisconnected(listener: (reason: string) => void): void {
    this.down.push(listener);
  }
  connect(): void {
    this.state = 'connected';
    for (const listener of this.up) listener();
  }
  drop(): void {
    this.state = 'disconnected';
    for (const listener of this.down) listener('socket closed');
  }
}

describe('StreamState', () => {
  it('sends only the entries whose content changed, with the next sequence number', () => {
    const stream = new StreamState('supervisors');
    const first = stream.update({ a: [1] as unknown as HourPoint[], b: [2] as unknown as HourPoint[] }, 1);
    expect(first).to.deep.include({ seq: 1, remove: [] });
    expect(Object.keys(first!.set)).to.deep.equal(['a', 'b']);
    const second = stream.update({ a: [1] as unknown as HourPoint[], b: [3] as unknown as HourPoint[] }, 2);
    expect(second).to.deep.equal({ stream: 'supervisors', seq: 2, at: 2, set: { b: [3] }, remove: [] });
  });

  it('publishes nothing and keeps its sequence when the board did not change', () => {
    const stream = new StreamState('queue:x');
    stream.update({ a: [] }, 1);
    expect(stream.update({ a: [] }, 2)).to.equal(null);
    expect(stream.sequence).to.equal(1);
  });

  it('removes entries that disappeared and snapshots the latest entries at the latest sequence', () => {
    const stream = new StreamState('supervisors');
    stream.update({ a: [], b: [] }, 1);
    expect(stream.update({ a: [] }, 2)).to.deep.include({ seq: 2, set: {}, remove: ['b'] });
    expect(stream.snapshot(3)).to.deep.equal({ stream: 'supervisors', seq: 2, at: 3, entries: { a: [] } });
  });
});

describe('BoardPublisher', () => {
  let clock: number;
  let feed: FakeFeed;
  let monitor: QueueMonitor;
  let ami: FakeConnection;
  let ari: FakeConnection;
  let links: LinkStatusTracker;
  let sent: BoardDeltaMessage[];
  let publisher: BoardPublisher;

  beforeEach(async () => {
    clock = ist('2026-11-28T10:00:00');
    feed = new FakeFeed();
    monitor = new QueueMonitor({ store: new FakeQueueEventStore(), logger: createTestLogger(), now: () => clock, config: { defaultWrapUpS: 10 } });
    await monitor.start(feed);
    ami = new FakeConnection();
    ari = new FakeConnection();
    links = new LinkStatusTracker(ami, ari, () => clock);
    sent = [];
    publisher = new BoardPublisher({ source: monitor, links, logger: createTestLogger(), now: () => clock, tickMs: 60_000 });
    publisher.onDelta((delta) => sent.push(delta));
    publisher.start();
    feed.event({ kind: 'memberAdded', at: clock, member: member() });
    publisher.publish();
  });

  afterEach(() => publisher.stop());

  const board = () => publisher.snapshotFor('supervisors').entries;

  it('shows a joining caller as waiting, with the join time the screen ticks the longest wait from', () => {
    const joinedAt = clock;
    feed.event({ kind: 'callerJoin', at: joinedAt, queue: QUEUE, position: 1, count: 1, callerNumber: '05321234567', callerName: 'Çağrı Şişman', ...link('c1') });
    clock += 5000;
    publisher.publish();
    const tile = board()[`queue:${QUEUE}`] as QueueTile;
    expect(tile).to.deep.include({ waiting: 1, longestWaitSince: joinedAt, offered: 1, answered: 0 });
    expect((board().total as QueueTile).waiting).to.equal(1);
    const last = sent.at(-1)!;
    expect(Object.keys(last.set)).to.include.members([`queue:${QUEUE}`, 'total']);
  });

  it('follows an agent from ringing to on call to wrap-up to ready, and counts the answer', () => {
    const events = [
      { kind: 'callerJoin', at: clock, queue: QUEUE, position: 1, count: 1, callerNumber: '', callerName: '', ...link('c2') },
      { kind: 'agentCalled', at: clock + 1000, queue: QUEUE, member: agent, ...link('c2') },
    ] as const;
    for (const event of events) feed.event(event);
    clock += 1000;
    publisher.publish();
    expect((board()[`agent:${agent.interface}`] as AgentRow).state).to.equal('ringing');

    feed.event({ kind: 'agentConnect', at: clock + 3000, queue: QUEUE, member: agent, holdTimeS: 4, ringTimeS: 3, ...link('c2') });
    feed.event({ kind: 'callerLeave', at: clock + 3000, queue: QUEUE, position: 1, count: 0, ...link('c2') });
    clock += 3000;
    publisher.publish();
    expect(board()[`agent:${agent.interface}`]).to.deep.include({ state: 'on-call', queue: QUEUE, since: clock });
    expect(board()[`queue:${QUEUE}`]).to.deep.include({ waiting: 0, answered: 1, longestWaitSince: null });

    feed.event({ kind: 'agentComplete', at: clock + 60_000, queue: QUEUE, member: agent, holdTimeS: 4, talkTimeS: 60, reason: 'caller', ...link('c2') });
    clock += 60_000;
    publisher.publish();
    expect((board()[`agent:${agent.interface}`] as AgentRow).state).to.equal('wrap-up');

    // Wrap-up ends by the clock, without an event: the periodic publish picks it up.
    clock += 10_001;
    publisher.publish();
    expect((board()[`agent:${agent.interface}`] as AgentRow).state).to.equal('ready');
    expect((board()[`queue:${QUEUE}`] as QueueTile).ahtMs).to.equal(70_000);
  });

  it('numbers deltas consecutively across publishes', () => {
    for (let i = 0; i < 5; i += 1) {
      feed.event({ kind: 'callerJoin', at: clock + i, queue: QUEUE, position: i + 1, count: i + 1, callerNumber: '', callerName: '', ...link(`d${i}`) });
      publisher.publish();
    }
    const seqs = sent.map((delta) => delta.seq);
    expect(seqs).to.deep.equal(seqs.map((_, index) => seqs[0]! + index));
  });

  it('spends no publish on an event that changes no queue state (every caller\'s Hangup), and one on an event that does', async () => {
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
    await settle();
    const before = publisher.stats.publishes;
    feed.event({ kind: 'callerHangup', at: clock, cause: 16, queue: QUEUE, ...link('h1') });
    await settle();
    expect(publisher.stats.publishes).to.equal(before);
    feed.event({ kind: 'callerJoin', at: clock, queue: QUEUE, position: 1, count: 1, callerNumber: '', callerName: '', ...link('h2') });
    await settle();
    expect(publisher.stats.publishes).to.equal(before + 1);
    expect((board()[`queue:${QUEUE}`] as QueueTile).waiting).to.equal(1);
  });

  it('marks AMI as down at once and as connected only after the QueueStatus resync', async () => {
    ami.drop();
    publisher.publish();
    expect(board().status).to.deep.include({ ami: 'disconnected' });
    ami.connect();
    publisher.publish();
    expect(board().status).to.deep.include({ ami: 'connecting' });
    feed.snapshot({ at: clock, queues: [] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(board().status).to.deep.include({ ami: 'connected' });
  });

  it('gives a queue stream only its own tile, the window and the link status', () => {
    const snapshot = publisher.snapshotFor(`queue:${QUEUE}`);
    expect(Object.keys(snapshot.entries).sort()).to.deep.equal(['meta', `queue:${QUEUE}`, 'status']);
    expect((snapshot.entries.meta as BoardMeta).windowFrom).to.equal(ist('2026-11-28T00:00:00'));
  });

  it('keeps a queue stream up to date once someone follows it', () => {
    publisher.snapshotFor(`queue:${QUEUE}`);
    feed.event({ kind: 'callerJoin', at: clock, queue: QUEUE, position: 1, count: 1, callerNumber: '', callerName: '', ...link('q1') });
    publisher.publish();
    const queueDelta = sent.find((delta) => delta.stream === `queue:${QUEUE}`);
    expect(queueDelta?.set[`queue:${QUEUE}`]).to.deep.include({ waiting: 1 });
  });

  it('rolls the window over at Istanbul midnight: yesterday\'s answers leave the tiles', () => {
    feed.event({ kind: 'callerJoin', at: clock, queue: QUEUE, position: 1, count: 1, callerNumber: '', callerName: '', ...link('m1') });
    feed.event({ kind: 'callerAbandon', at: clock + 5000, queue: QUEUE, position: 1, originalPosition: 1, holdTimeS: 5, ...link('m1') });
    publisher.publish();
    expect((board().total as QueueTile).abandoned).to.equal(1);
    clock = ist('2026-11-29T00:00:01');
    publisher.publish();
    expect(board().total).to.deep.include({ offered: 0, abandoned: 0 });
    expect((board().meta as BoardMeta).windowFrom).to.equal(ist('2026-11-29T00:00:00'));
  });
});
