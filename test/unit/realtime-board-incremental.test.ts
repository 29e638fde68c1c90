import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent, QueueMemberInfo, QueueStatusSnapshot } from '../../src/queues/queue-events.js';
import { QueueMonitor } from '../../src/queues/queue-monitor.js';
import { BoardPublisher } from '../../src/realtime/board-publisher.js';
import { queueEntries, supervisorEntries, type BoardInput } from '../../src/realtime/board-view.js';
import { LinkStatusTracker, type WatchedConnection } from '../../src/realtime/link-status.js';
import { seededRandom } from '../../src/shared/seeded-random.js';
import { FakeFeed, FakeQueueEventStore } from '../fakes/fake-queue-feed.js';

const ist = (local: string): number => Date.parse(`${local}+03:00`);
const QUEUES = ['alo153-genel', 'alo153-kentkart', 'alo153-su'];
const AGENTS = [1, 2, 3, 4, 5].map((n) => ({ interface: `PJSIP/agent${n}`, name: `Ajan ${n}` }));

const connection: WatchedConnection = { state: 'connected', onConnected: () => undefined, onDisconnected: () => undefined };

/** Plausible traffic with the odd events AMI really sends: unknown callers, duplicates, late joins, pauses mid-call. */
class Traffic {
  private readonly waiting: Array<{ id: string; queue: string }> = [];
  private readonly ringing: Array<{ id: string; queue: string; agent: (typeof AGENTS)[number] }> = [];
  private readonly talking: Array<{ id: string; queue: string; agent: (typeof AGENTS)[number] }> = [];
  private next = 0;

  constructor(private readonly random: () => number) {}

  private pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)]!;
  }

  private member(agent: (typeof AGENTS)[number], queue: string, overrides: Partial<QueueMemberInfo> = {}): QueueMemberInfo {
    return { ...agent, queue, stateInterface: agent.interface, membership: 'dynamic', penalty: 0, callsTaken: 0, lastCall: 0, inCall: false, status: 1, paused: false, pausedReason: '', ...overrides };
  }

  event(at: number): QueueEvent {
    const roll = this.random();
    const link = (id: string) => ({ uniqueid: id, linkedid: id });
    if (roll < 0.2) {
      const id = `c${(this.next += 1)}`;
      const queue = this.pick(QUEUES);
      this.waiting.push({ id, queue });
      return { kind: 'callerJoin', at, queue, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link(id) };
    }
    if (roll < 0.3 && this.waiting.length > 0) {
      const caller = this.waiting.splice(Math.floor(this.random() * this.waiting.length), 1)[0]!;
      if (this.random() < 0.5) return { kind: 'callerAbandon', at, queue: caller.queue, position: 1, originalPosition: 1, holdTimeS: 3, ...link(caller.id) };
      return { kind: 'callerLeave', at, queue: caller.queue, position: 1, count: 0, ...link(caller.id) };
    }
    if (roll < 0.42 && this.waiting.length > 0) {
      const caller = this.pick(this.waiting);
      const agent = this.pick(AGENTS);
      this.ringing.push({ ...caller, agent });
      return { kind: 'agentCalled', at, queue: caller.queue, member: agent, ...link(caller.id) };
    }
    if (roll < 0.55 && this.ringing.length > 0) {
      const ring = this.ringing.splice(Math.floor(this.random() * this.ringing.length), 1)[0]!;
      if (this.random() < 0.3) return { kind: 'agentRingNoAnswer', at, queue: ring.queue, member: ring.agent, ringTimeMs: 4000, ...link(ring.id) };
      const index = this.waiting.findIndex((caller) => caller.id === ring.id);
      if (index >= 0) this.waiting.splice(index, 1);
      this.talking.push(ring);
      return { kind: 'agentConnect', at, queue: ring.queue, member: ring.agent, holdTimeS: 5, ringTimeS: 2, ...link(ring.id) };
    }
    if (roll < 0.65 && this.talking.length > 0) {
      const call = this.talking.splice(Math.floor(this.random() * this.talking.length), 1)[0]!;
      return { kind: 'agentComplete', at, queue: call.queue, member: call.agent, holdTimeS: 5, talkTimeS: 40, reason: 'caller', ...link(call.id) };
    }
    const agent = this.pick(AGENTS);
    const queue = this.pick(QUEUES);
    if (roll < 0.75) return { kind: 'memberAdded', at, member: this.member(agent, queue) };
    if (roll < 0.85) return { kind: 'memberPause', at, member: this.member(agent, queue, { paused: this.random() < 0.6, pausedReason: this.pick(['mola', 'yemek']) }) };
    if (roll < 0.93) return { kind: 'memberStatus', at, member: this.member(agent, queue, { status: this.pick([1, 2, 5, 6]) }) };
    if (roll < 0.97) return { kind: 'memberRemoved', at, member: this.member(agent, queue) };
    // A leave for a caller nobody saw join: it must change nothing.
    return { kind: 'callerLeave', at, queue, position: 1, count: 0, ...link(`ghost${this.next}`) };
  }

  /** QueueStatus after a reconnect: some of our callers are gone (lost). */
  snapshot(at: number): QueueStatusSnapshot {
    const kept = this.waiting.filter(() => this.random() < 0.5);
    this.waiting.splice(0, this.waiting.length, ...kept);
    this.ringing.length = 0;
    this.talking.length = 0;
    return {
      at,
      queues: QUEUES.map((name) => ({
        name,
        strategy: 'rrmemory',
        calls: 0,
        entries: kept.filter((caller) => caller.queue === name).map((caller, index) => ({ queue: name, uniqueid: caller.id, position: index + 1, waitS: 10, callerNumber: '', callerName: '' })),
        members: AGENTS.slice(0, 3).map((agent) => this.member(agent, name)),
      })),
    };
  }
}

describe('BoardPublisher: the board built from what changed equals a full recompute', () => {
  for (const seed of [1, 7, 153, 2026]) {
    it(`after a random day of events (seed ${seed}), every entry of the supervisors and a queue stream`, async () => {
      const random = seededRandom(seed);
      let clock = ist('2026-11-28T21:30:00');
      const feed = new FakeFeed();
      const monitor = new QueueMonitor({ store: new FakeQueueEventStore(), logger: createTestLogger(), now: () => clock, config: { defaultWrapUpS: 15 } });
      await monitor.start(feed);
      const links = new LinkStatusTracker(connection, connection, () => clock);
      const publisher = new BoardPublisher({ source: monitor, links, logger: createTestLogger(), now: () => clock, tickMs: 3_600_000 });
      publisher.start();
      const followed = `queue:${QUEUES[1]}` as const;
      publisher.snapshotFor(followed);
      const traffic = new Traffic(random);

      const full = (): BoardInput => {
        const waitingSince: Record<string, number> = {};
        for (const queue of Object.values(monitor.state.queues)) {
          for (const caller of Object.values(queue.waiting)) waitingSince[queue.name] = Math.min(waitingSince[queue.name] ?? Number.POSITIVE_INFINITY, caller.joinedAt);
        }
        return { snapshot: monitor.snapshot(clock), waitingSince, status: links.status };
      };
      const compare = (step: number): void => {
        const input = full();
        expect(publisher.snapshotFor('supervisors').entries, `supervisors after step ${step}`).to.deep.equal(supervisorEntries(input));
        expect(publisher.snapshotFor(followed).entries, `${followed} after step ${step}`).to.deep.equal(queueEntries(input, QUEUES[1]!));
      };

      // 400 steps of up to 30 s: past Istanbul midnight (the window rolls over) and through several hours.
      for (let step = 0; step < 400; step += 1) {
        clock += Math.floor(random() * 30_000);
        if (random() < 0.01) feed.snapshot(traffic.snapshot(clock));
        else feed.event(traffic.event(clock));
        if (random() < 0.05) monitor.pruneOldFacts(clock);
        // Sometimes a burst of events is published as one (as setImmediate coalesces them).
        if (random() < 0.7) {
          publisher.publish();
          compare(step);
        }
      }
      publisher.publish();
      compare(400);
      publisher.stop();
    });
  }
});
