import type { Knex } from 'knex';
import { z } from 'zod';
import type { Logger } from '../logging/logger.js';
import { toDbTime } from '../storage/time.js';
import type { QueueEvent } from './queue-events.js';
import type { QueueEventStore, QueueEventStoreCounters } from './queue-event-store.js';

export interface KnexQueueEventStoreOptions {
  db: Knex;
  logger: Logger;
  /** Flush period (default 200 ms). */
  flushIntervalMs?: number;
  /** Flush at once when this many events are queued (default 100). */
  batchSize?: number;
  /** Beyond this many queued events the oldest are dropped and counted (default 50 000). */
  maxBuffered?: number;
}

interface QueueEventRow {
  id: number;
  at: string;
  data: string;
}

// The row's `data` is our own JSON, but a bad row (hand-edited, older format) must not stop a replay.
const storedEvent = z.looseObject({ kind: z.string(), at: z.number() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function rowOf(event: QueueEvent, createdAt: string): Record<string, string | null> {
  const member = 'member' in event ? event.member : undefined;
  const queue = 'queue' in event ? event.queue : member && 'queue' in member ? String(member.queue) : null;
  return {
    at: toDbTime(new Date(event.at)),
    kind: event.kind,
    queue: queue ?? null,
    uniqueid: 'uniqueid' in event ? event.uniqueid : null,
    linkedid: 'linkedid' in event ? event.linkedid : null,
    member_interface: member?.interface ?? null,
    dedupe_key: event.key ?? null,
    data: JSON.stringify(event),
    created_at: createdAt,
  };
}

/**
 * Batched inserts behind an in-memory queue: `append` only pushes, a timer (or a full batch) writes.
 * A failed write keeps the events and retries on the next tick; when the database stays down the
 * buffer is bounded and the oldest events are dropped and counted rather than growing without end.
 */
export class KnexQueueEventStore implements QueueEventStore {
  private readonly pending: QueueEvent[] = [];
  private readonly countersValue: QueueEventStoreCounters = { written: 0, duplicates: 0, pending: 0, dropped: 0, failedFlushes: 0 };
  private readonly timer: NodeJS.Timeout;
  private writing: Promise<boolean> | undefined;
  private readonly batchSize: number;
  private readonly maxBuffered: number;

  constructor(private readonly options: KnexQueueEventStoreOptions) {
    this.batchSize = options.batchSize ?? 100;
    this.maxBuffered = options.maxBuffered ?? 50_000;
    this.timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  get counters(): Readonly<QueueEventStoreCounters> {
    return { ...this.countersValue, pending: this.pending.length };
  }

  append(events: readonly QueueEvent[]): void {
    // A FullyBooted without Timestamp is the greeting of our own AMI login, not something the PBX did:
    // each consumer gets its own, and nothing is replayed from it.
    this.pending.push(...events.filter((event) => event.kind !== 'fullyBooted' || event.key !== undefined));
    const excess = this.pending.length - this.maxBuffered;
    if (excess > 0) {
      this.pending.splice(0, excess);
      const before = this.countersValue.dropped;
      this.countersValue.dropped += excess;
      // Once per thousand, not per event: this runs on every AMI event while the database is down.
      if (Math.floor(before / 1000) !== Math.floor(this.countersValue.dropped / 1000) || before === 0) {
        this.options.logger.warn('queue events dropped: database down too long', { dropped: this.countersValue.dropped });
      }
    }
    if (this.pending.length >= this.batchSize) void this.flush();
  }

  flush(): Promise<boolean> {
    // One write at a time keeps the stored order equal to the arrival order.
    this.writing ??= this.writeAll().finally(() => {
      this.writing = undefined;
    });
    return this.writing;
  }

  private async writeAll(): Promise<boolean> {
    while (this.pending.length > 0) {
      const batch = this.pending.slice(0, this.batchSize);
      const createdAt = toDbTime(new Date());
      try {
        // Insert-or-ignore on the natural key: a copy another consumer (or an earlier feed of the same stream) stored is skipped.
        const inserted: unknown[] = await this.options
          .db('queue_events')
          .insert(batch.map((event) => rowOf(event, createdAt)))
          .onConflict('dedupe_key')
          .ignore()
          .returning('id');
        this.countersValue.duplicates += batch.length - inserted.length;
      } catch (error) {
        this.countersValue.failedFlushes += 1;
        this.options.logger.warn('queue events write failed; will retry', { pending: this.pending.length, error: (error as Error).message });
        return false;
      }
      // Drops during the write remove from the front: what is left of the batch is still the front.
      const firstLeft = this.pending.length > 0 ? batch.indexOf(this.pending[0]!) : -1;
      this.pending.splice(0, firstLeft < 0 ? 0 : batch.length - firstLeft);
      this.countersValue.written += batch.length;
    }
    return true;
  }

  async between(from: number, to: number): Promise<QueueEvent[]> {
    const rows: QueueEventRow[] = await this.options
      .db('queue_events')
      .select('id', 'at', 'data')
      .where('at', '>=', toDbTime(new Date(from)))
      .andWhere('at', '<', toDbTime(new Date(to)))
      .orderBy([{ column: 'at' }, { column: 'id' }]);
    const events: QueueEvent[] = [];
    for (const row of rows) {
      const parsed = storedEvent.safeParse(parseJson(row.data));
      if (parsed.success) events.push(parsed.data as unknown as QueueEvent);
      else this.options.logger.warn('stored queue event unreadable', { id: row.id });
    }
    return events;
  }

  async close(timeoutMs = 2000): Promise<void> {
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const done = await Promise.race([this.flush(), timeout]);
    clearTimeout(timer);
    if (!done) this.options.logger.error('queue events not written at shutdown', { pending: this.pending.length });
  }
}
