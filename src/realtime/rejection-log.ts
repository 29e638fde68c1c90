import type { Logger } from '../logging/logger.js';

export type RejectionReason = 'rate-limited' | 'unknown-event' | 'invalid-request' | 'forbidden' | 'resync-too-often' | 'foreign-origin';

export interface RejectionSource {
  /** Who sent it: username and socket id, or the refused origin. */
  [field: string]: string | number;
}

interface Pending {
  source: RejectionSource;
  total: number;
  reasons: Partial<Record<RejectionReason, number>>;
  /** A few distinct event names, so the log says what the screen was sending. */
  events: Set<string>;
  since: number;
}

const SAMPLE_EVENTS = 5;
const EVENT_NAME_CHARS = 40;

/**
 * Rejected socket messages as one warning per key (a socket, an origin) per window with the counts,
 * not one line per message: 25,000 bad messages in 8 s once wrote 25,000 lines. A key's counts are
 * written when the window timer fires, when the socket disconnects, and at close.
 */
export class RejectionLog {
  private readonly pending = new Map<string, Pending>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly logger: Logger,
    private readonly options: { windowMs?: number; now?: () => number } = {},
  ) {
    this.timer = setInterval(() => this.flushAll(), options.windowMs ?? 60_000);
    this.timer.unref();
  }

  record(key: string, source: RejectionSource, reason: RejectionReason, event = ''): void {
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { source, total: 0, reasons: {}, events: new Set(), since: this.now() };
      this.pending.set(key, entry);
    }
    entry.total += 1;
    entry.reasons[reason] = (entry.reasons[reason] ?? 0) + 1;
    if (event !== '' && entry.events.size < SAMPLE_EVENTS) entry.events.add(event.slice(0, EVENT_NAME_CHARS));
  }

  flush(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.pending.delete(key);
    this.logger.warn('socket messages rejected', {
      ...entry.source,
      count: entry.total,
      reasons: entry.reasons,
      events: [...entry.events],
      windowS: Math.max(1, Math.round((this.now() - entry.since) / 1000)),
    });
  }

  flushAll(): void {
    for (const key of [...this.pending.keys()]) this.flush(key);
  }

  close(): void {
    clearInterval(this.timer);
    this.flushAll();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
