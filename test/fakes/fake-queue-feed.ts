import type { QueueEvent, QueueStatusSnapshot } from '../../src/queues/queue-events.js';
import type { QueueEventStore, QueueEventStoreCounters } from '../../src/queues/queue-event-store.js';
import type { QueueFeed } from '../../src/queues/queue-monitor.js';

/** Keeps appended queue events in memory; `failReads` makes the start-up replay fail. */
export class FakeQueueEventStore implements QueueEventStore {
  readonly events: QueueEvent[] = [];
  failReads = false;
  readonly counters: QueueEventStoreCounters = { written: 0, duplicates: 0, pending: 0, dropped: 0, failedFlushes: 0 };
  append(events: readonly QueueEvent[]): void {
    this.events.push(...events);
  }
  async between(from: number, to: number): Promise<QueueEvent[]> {
    if (this.failReads) throw new Error('database down');
    return this.events.filter((event) => event.at >= from && event.at < to).sort((a, b) => a.at - b.at);
  }
  async flush(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}
}

/** A queue feed driven by the test. */
export class FakeFeed implements QueueFeed {
  private readonly eventListeners: Array<(event: QueueEvent) => void> = [];
  private readonly snapshotListeners: Array<(snapshot: QueueStatusSnapshot) => void> = [];
  onEvent(listener: (event: QueueEvent) => void): void {
    this.eventListeners.push(listener);
  }
  onSnapshot(listener: (snapshot: QueueStatusSnapshot) => void): void {
    this.snapshotListeners.push(listener);
  }
  event(event: QueueEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }
  snapshot(snapshot: QueueStatusSnapshot): void {
    for (const listener of this.snapshotListeners) listener(snapshot);
  }
}
