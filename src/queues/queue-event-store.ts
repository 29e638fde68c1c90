import type { QueueEvent } from './queue-events.js';

/** Where queue events are kept so the KPIs survive a restart. */
export interface QueueEventStore {
  /**
   * Queues the events for writing; never waits for the database (the AMI path must not block). An event whose
   * natural `key` is stored already is not stored again.
   */
  append(events: readonly QueueEvent[]): void;
  /** Stored events with `from <= at < to` (epoch ms), in event-time order, then arrival order. */
  between(from: number, to: number): Promise<QueueEvent[]>;
  /** Writes whatever is queued now; resolves false when it could not (the events stay queued). */
  flush(): Promise<boolean>;
  readonly counters: Readonly<QueueEventStoreCounters>;
  /** Flushes what it can within `timeoutMs` and stops the timer. */
  close(timeoutMs?: number): Promise<void>;
}

export interface QueueEventStoreCounters {
  /** Events handed to the database, duplicates included. */
  written: number;
  /** Of those, events already stored under their natural key (another consumer's copy, a stream fed again): not inserted. */
  duplicates: number;
  pending: number;
  /** Events thrown away because the database stayed down while the buffer was full. */
  dropped: number;
  failedFlushes: number;
}
