/**
 * Keeps the `escalations` stream live: entry `counts` (per department: due soon, overdue, ack overdue) and one entry
 * `item:<number>` per item that became an escalation (or changed while one) since the server started — the screen
 * lists pages from GET /api/escalations and uses these to update them in place.
 * Two causes: a RequestService change (forward, accept, answer, close… may start or end an escalation), and time
 * alone (an item passes lifecycle.dueSoonRatio of its deadline, or the deadline): each tick asks for the items whose
 * due_soon_at, due_at or ack_due_at fell since the previous tick — three index ranges, never a scan of the open items.
 */
import type { Logger } from '../../logging/logger.js';
import type { BoardEntries } from '../../realtime/protocol.js';
import type { StreamHub } from '../../realtime/stream-hub.js';
import type { RequestChange } from '../request-service.js';
import type { TicketView } from '../ticket-store-type.js';
import { escalationKinds } from './escalation-bounds.js';
import type { EscalationItem, EscalationReader } from './escalations.js';

export const ESCALATIONS_STREAM = 'escalations';
export const itemKey = (number: string): string => `item:${number}`;

/** The part of the stream hub used here (src/realtime/stream-hub.ts). */
export interface EscalationStreamPort {
  patch(stream: 'escalations', set: Readonly<Record<string, unknown>>, remove?: readonly string[]): unknown;
  onOpen?(kind: 'escalations', opener: () => void): void;
}

export interface EscalationPublisherOptions {
  reader: Pick<EscalationReader, 'counts' | 'crossed'>;
  hub: EscalationStreamPort;
  changes: { onChange(listener: (change: RequestChange) => void): () => void };
  logger: Logger;
  /** lifecycle.escalationCheckMs. */
  tickMs: number;
  now?: () => Date;
  /** Changes come in bursts: the counts are read once per this window (default 500 ms). */
  countsDelayMs?: number;
  /** Item entries kept in the stream; the oldest go first (default 500). */
  maxItems?: number;
  /** Crossings pushed one by one per tick and kind; beyond, only the counts show them (default 1000). */
  maxCrossings?: number;
}

function toEntry(ticket: TicketView, now: Date): EscalationItem {
  const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());
  return {
    number: ticket.number,
    status: ticket.status,
    source: ticket.source,
    departmentCode: ticket.departmentCode,
    categoryCode: ticket.categoryCode,
    priority: ticket.priority,
    createdAt: ticket.createdAt.toISOString(),
    dueAt: iso(ticket.dueAt),
    dueSoonAt: iso(ticket.dueSoonAt),
    ackDueAt: iso(ticket.ackDueAt),
    kinds: escalationKinds(ticket, now),
  };
}

export class EscalationPublisher {
  private readonly now: () => Date;
  private readonly log: Logger;
  /** Item keys in the stream, oldest first (a Set keeps insertion order). */
  private readonly items = new Set<string>();
  private lastTick: Date;
  private timer: ReturnType<typeof setInterval> | undefined;
  private countsTimer: ReturnType<typeof setTimeout> | undefined;
  private ticking: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(private readonly options: EscalationPublisherOptions) {
    this.now = options.now ?? (() => new Date());
    this.log = options.logger.child({ component: 'escalations' });
    this.lastTick = this.now();
  }

  start(): void {
    this.unsubscribe = this.options.changes.onChange((change) => this.changed(change));
    this.options.hub.onOpen?.('escalations', () => this.scheduleCounts(0));
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    this.scheduleCounts(0);
  }

  stop(): void {
    this.unsubscribe?.();
    clearInterval(this.timer);
    clearTimeout(this.countsTimer);
  }

  /** What time alone changed since the last tick; one tick at a time (a slow one is not overlapped). */
  tick(): Promise<void> {
    this.ticking ??= this.runTick().finally(() => {
      this.ticking = undefined;
    });
    return this.ticking;
  }

  /** Reads and publishes the counts now (tests; the coalescing timer calls it too). */
  async refreshCounts(): Promise<void> {
    clearTimeout(this.countsTimer);
    this.countsTimer = undefined;
    const at = this.now();
    try {
      const counts = await this.options.reader.counts(at);
      this.options.hub.patch(ESCALATIONS_STREAM, { counts: { ...counts, at: at.toISOString() } });
    } catch (error) {
      this.log.error('escalation counts not read', { error: (error as Error).message });
    }
  }

  private async runTick(): Promise<void> {
    const from = this.lastTick;
    const to = this.now();
    if (to <= from) return;
    try {
      const crossed = await this.options.reader.crossed(from, to, this.options.maxCrossings ?? 1000);
      this.lastTick = to;
      if (crossed.length > 0) this.publishItems(crossed.map((item) => [item.number, item]));
      await this.refreshCounts();
    } catch (error) {
      // lastTick stays: the next tick asks for the same range again, so nothing crossed is skipped.
      this.log.error('escalation tick failed', { error: (error as Error).message });
    }
  }

  private changed(change: RequestChange): void {
    const now = this.now();
    const entry = toEntry(change.after, now);
    const key = itemKey(entry.number);
    if (entry.kinds.length > 0) this.publishItems([[entry.number, entry]]);
    else if (this.items.delete(key)) this.options.hub.patch(ESCALATIONS_STREAM, {}, [key]);
    const before = change.before ? escalationKinds(change.before, now) : [];
    if (entry.kinds.length > 0 || before.length > 0) this.scheduleCounts(this.options.countsDelayMs ?? 500);
  }

  private publishItems(items: Array<[string, EscalationItem]>): void {
    const set: Record<string, EscalationItem> = {};
    for (const [number, item] of items) {
      const key = itemKey(number);
      this.items.delete(key);
      this.items.add(key);
      set[key] = item;
    }
    const remove: string[] = [];
    const max = this.options.maxItems ?? 500;
    for (const key of this.items) {
      if (this.items.size - remove.length <= max) break;
      remove.push(key);
    }
    for (const key of remove) this.items.delete(key);
    this.options.hub.patch(ESCALATIONS_STREAM, set, remove);
  }

  private scheduleCounts(delayMs: number): void {
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => void this.refreshCounts(), delayMs);
    this.countsTimer.unref();
  }
}

/** The stream hub as this publisher's port (entries are plain JSON; the hub's type says so by its own names). */
export function hubEscalationStream(hub: Pick<StreamHub, 'patch' | 'onOpen'>): EscalationStreamPort {
  return {
    patch: (stream, set, remove) => hub.patch(stream, set as BoardEntries, remove),
    onOpen: (kind, opener) => hub.onOpen(kind, () => opener()),
  };
}
