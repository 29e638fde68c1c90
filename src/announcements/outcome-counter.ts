import type { AnnouncementOutcome, AnnouncementOutcomes } from '../ivr/announcements.js';
import type { Logger } from '../logging/logger.js';
import type { CountIncrement } from './announcement-store.js';

export interface OutcomeCounterOptions {
  write: (increments: ReadonlyMap<number, CountIncrement>) => Promise<void>;
  /** After a batch landed: the in-memory rows take the counts (and the board shows them). */
  stored?: (increments: ReadonlyMap<number, CountIncrement>) => void;
  /** After every record: the board shows stored + pending at once. */
  changed?: (announcementId: number) => void;
  logger: Logger;
  flushMs: number;
}

/** One outcome per announcement and call: a repeated report (a retried hand-off) counts once. Bounded memory. */
const SEEN_LIMIT = 20_000;

/**
 * `AnnouncementOutcomes` for the IVR: `record` only adds to a map (never a write on the call's path); the
 * batch is written every `flushMs` as one transaction. A failed write keeps its counts for the next try, and
 * `close()` writes what is left, so a shutdown loses nothing.
 */
export class OutcomeCounter implements AnnouncementOutcomes {
  private pendingCounts = new Map<number, CountIncrement>();
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private closed = false;
  readonly stats = { recorded: 0, duplicates: 0, flushed: 0, failures: 0 };

  constructor(private readonly options: OutcomeCounterOptions) {}

  record(outcome: { announcementId: number; callId: string; outcome: AnnouncementOutcome; at: Date }): void {
    const key = `${outcome.announcementId}:${outcome.callId}`;
    if (this.seen.has(key)) {
      this.stats.duplicates += 1;
      return;
    }
    this.seen.add(key);
    if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.values().next().value as string);
    const counts = this.pendingCounts.get(outcome.announcementId) ?? { served: 0, continued: 0 };
    counts[outcome.outcome] += 1;
    this.pendingCounts.set(outcome.announcementId, counts);
    this.stats.recorded += 1;
    this.options.changed?.(outcome.announcementId);
    this.schedule();
  }

  /** Counts recorded here and not yet written (the board adds them to the stored ones). */
  pending(announcementId: number): CountIncrement {
    return this.pendingCounts.get(announcementId) ?? { served: 0, continued: 0 };
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.flushMs);
    this.timer.unref();
  }

  /** Writes the batch (one at a time); resolves when it landed or was put back for the next try. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => (this.pendingCounts.size > 0 ? this.flush() : undefined));
    if (this.pendingCounts.size === 0) return Promise.resolve();
    const batch = this.pendingCounts;
    this.pendingCounts = new Map();
    this.flushing = this.options
      .write(batch)
      .then(() => {
        this.stats.flushed += 1;
        this.options.stored?.(batch);
      })
      .catch((error: unknown) => {
        this.stats.failures += 1;
        this.options.logger.warn('announcement counts not written, kept for the next try', { error: (error as Error).message });
        for (const [id, counts] of batch) {
          const now = this.pendingCounts.get(id) ?? { served: 0, continued: 0 };
          this.pendingCounts.set(id, { served: now.served + counts.served, continued: now.continued + counts.continued });
        }
        this.schedule();
      })
      .finally(() => {
        this.flushing = undefined;
      });
    return this.flushing;
  }

  /** Shutdown: the last batch is written (tried up to `attempts` times). */
  async close(attempts = 3): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    for (let attempt = 0; attempt < attempts && (this.pendingCounts.size > 0 || this.flushing); attempt += 1) await this.flush();
    if (this.pendingCounts.size > 0) this.options.logger.error('announcement counts lost at shutdown', { announcements: this.pendingCounts.size });
  }
}
