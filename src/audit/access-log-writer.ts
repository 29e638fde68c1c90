import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { redactText } from '../logging/redact.js';
import { backoffDelay } from '../shared/backoff.js';
import type { AccessDetail, AccessEntry, AccessLog, AccessRecord } from './access-log.js';
import type { AccessLogStore } from './access-log-store.js';
import { LogThrottle } from '../logging/log-throttle.js';

export interface AccessLogWriterOptions {
  store: Pick<AccessLogStore, 'append'>;
  logger: Logger;
  /** config audit.flushMs: a row waits at most this long before its batch is written. */
  flushMs: number;
  /** config audit.batchSize: a batch this full is written at once. */
  batchSize: number;
  /** Rows kept while the database refuses them; beyond this new rows are dropped, counted and logged. */
  maxPending?: number;
  retry?: { initialDelayMs: number; maxDelayMs: number };
  now?: () => Date;
}

const DROP_LOG_INTERVAL_MS = 60_000;

/**
 * Collects access-log rows in memory and writes them in batches, so a ticket read, a search or a
 * screen pop never waits for the database. A failed batch stays in memory and is retried with
 * backoff; only the bound (maxPending) or a shutdown past its deadline can lose rows, and both are
 * counted and logged.
 */
export class AccessLogWriter implements AccessLog {
  private readonly pending: AccessRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private failuresInARow = 0;
  /** After a failed batch nothing is written before this (epoch ms), however many rows arrive. */
  private retryAt = 0;
  private closed = false;
  private readonly dropLog = new LogThrottle(DROP_LOG_INTERVAL_MS);
  private readonly counters = { recorded: 0, written: 0, batches: 0, failedBatches: 0, dropped: 0 };

  constructor(private readonly options: AccessLogWriterOptions) {}

  get stats(): { recorded: number; written: number; batches: number; failedBatches: number; dropped: number; pending: number; failing: boolean } {
    return { ...this.counters, pending: this.pending.length, failing: this.failuresInARow > 0 };
  }

  record(entry: AccessEntry): void {
    if (this.closed || this.pending.length >= (this.options.maxPending ?? 100_000)) {
      this.drop(this.closed ? 'the access log is closed' : 'too many rows waiting for the database');
      return;
    }
    this.counters.recorded += 1;
    this.pending.push({
      id: randomUUID(),
      at: this.options.now?.() ?? new Date(),
      kind: entry.kind,
      user: { userId: entry.user.userId, username: entry.user.username },
      tickets: [...new Set(entry.tickets)],
      address: entry.address,
      ...(entry.detail ? { detail: maskDetail(entry.detail) } : {}),
    });
    this.flushSoon(this.pending.length >= this.options.batchSize ? 0 : this.options.flushMs);
  }

  /** Writes what is pending now, in batches; resolves when done or when the database refused a batch (retried later). */
  flush(): Promise<void> {
    this.flushing ??= this.writeBatches().finally(() => {
      this.flushing = undefined;
      // After a refusal flushSoon waits for retryAt (the backoff), not for the flush interval.
      if (this.pending.length > 0 && !this.closed) this.flushSoon(this.failuresInARow > 0 ? 0 : this.options.flushMs);
    });
    return this.flushing;
  }

  /** Shutdown: no new rows; keeps retrying what is pending until written or `timeoutMs` has passed. */
  async close(timeoutMs: number): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await (this.flushing ?? this.flush());
      if (this.pending.length === 0) return;
      const wait = Math.min(this.retryDelay(), deadline - Date.now());
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.counters.dropped += this.pending.length;
    this.options.logger.error('access log rows not written at shutdown (KVKK)', { lost: this.pending.length, written: this.counters.written });
    this.pending.length = 0;
  }

  private flushSoon(delayMs: number): void {
    const wait = Math.max(delayMs, this.retryAt - Date.now());
    if (this.timer && wait > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, wait);
    this.timer.unref();
  }

  /** Rows that arrive while a batch is written join the next batch of the same run. */
  private async writeBatches(): Promise<void> {
    while (this.pending.length > 0) {
      // The rows stay in `pending` while written: they count against the bound, and a failure keeps them in order.
      const batch = this.pending.slice(0, this.options.batchSize);
      try {
        await this.options.store.append(batch);
      } catch (error) {
        this.failuresInARow += 1;
        this.counters.failedBatches += 1;
        this.retryAt = Date.now() + this.retryDelay();
        // A timer set for the normal flush interval while this batch was written must not retry early.
        clearTimeout(this.timer);
        this.timer = undefined;
        this.options.logger.warn('access log batch not written; kept in memory and retried', {
          rows: batch.length,
          pending: this.pending.length,
          failuresInARow: this.failuresInARow,
          error: (error as Error).message,
        });
        return;
      }
      this.pending.splice(0, batch.length);
      this.counters.written += batch.length;
      this.counters.batches += 1;
      if (this.failuresInARow > 0) this.options.logger.info('access log written again', { afterFailures: this.failuresInARow, pending: this.pending.length });
      this.failuresInARow = 0;
      this.retryAt = 0;
    }
  }

  private retryDelay(): number {
    const retry = this.options.retry ?? { initialDelayMs: this.options.flushMs, maxDelayMs: 30_000 };
    return backoffDelay(Math.max(0, this.failuresInARow - 1), retry);
  }

  /** One line per minute at most: a database down for an hour must not also flood the log. */
  private drop(reason: string): void {
    this.counters.dropped += 1;
    const dropped = this.dropLog.due('dropped');
    if (dropped === undefined) return;
    this.options.logger.error('access log rows dropped (KVKK)', { reason, dropped, droppedTotal: this.counters.dropped, pending: this.pending.length });
  }
}

function maskDetail(detail: AccessDetail): AccessDetail {
  const masked: Record<string, string | number | boolean | null> = {};
  for (const [key, value] of Object.entries(detail)) if (value !== undefined) masked[key] = typeof value === 'string' ? redactText(value) : value;
  return masked;
}
