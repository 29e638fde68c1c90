import type { Logger } from '../../logging/logger.js';
import type { QueueEvent, QueueStatusSnapshot } from '../../queues/queue-events.js';
import type { ConnectionState, QueueEvents } from '../ports.js';
import type { AmiEvent } from './ami-connection.js';
import { collectList, type ListActionPort } from './ami-list-action.js';
import { AMI_QUEUE_EVENT_NAMES, normaliseAmiEvent } from './ami-queue-events.js';
import { buildQueueStatusSnapshot } from './ami-queue-status.js';

/** The part of AmiConnection the feed uses. */
export interface QueueFeedConnection extends ListActionPort {
  readonly state: ConnectionState;
  onEvent(listener: (event: AmiEvent) => void, names?: readonly string[]): void;
  onConnected(listener: () => void): void;
}

export interface AmiQueueFeedOptions {
  connection: QueueFeedConnection;
  logger: Logger;
  /** For a whole QueueStatus list (default 5000). */
  listTimeoutMs?: number;
  /** Wait before retrying a QueueStatus that failed while still connected (default 1000). */
  retryDelayMs?: number;
  /** Events held back while a snapshot is collected; beyond it the buffer is dropped and read again (default 10000). */
  maxBufferedEvents?: number;
  now?: () => number;
}

export interface AmiQueueFeedCounters {
  /** Queue events emitted. */
  events: number;
  /** AMI events that are not queue events (VarSet, Newexten…). */
  ignored: number;
  /** Queue events or QueueStatus items that failed validation (dropped, never thrown). */
  malformed: number;
  snapshots: number;
  snapshotFailures: number;
}

/**
 * Normalised queue events from AMI, plus a full QueueStatus snapshot after every (re)connect and
 * every FullyBooted, because Asterisk does not replay the events a disconnected client missed.
 *
 * Order: while a snapshot is being collected, events are held back; the snapshot is emitted first,
 * then the held events in arrival order. Some of those may already be reflected in the snapshot
 * (Asterisk interleaves them with the list), so a consumer must apply them idempotently (a join of
 * a caller already waiting, a status equal to the current one).
 */
export class AmiQueueFeed implements QueueEvents {
  private readonly eventListeners: Array<(event: QueueEvent) => void> = [];
  private readonly snapshotListeners: Array<(snapshot: QueueStatusSnapshot) => void> = [];
  private readonly countersValue: AmiQueueFeedCounters = { events: 0, ignored: 0, malformed: 0, snapshots: 0, snapshotFailures: 0 };
  private readonly now: () => number;
  private buffer: QueueEvent[] | undefined;
  private resyncAgain = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: AmiQueueFeedOptions) {
    this.now = options.now ?? Date.now;
    options.connection.onEvent((raw) => this.receive(raw), AMI_QUEUE_EVENT_NAMES);
    options.connection.onConnected(() => this.requestSnapshot('connected'));
  }

  get counters(): Readonly<AmiQueueFeedCounters> {
    return { ...this.countersValue };
  }

  /** Whether a QueueStatus list is being collected right now. */
  get resyncing(): boolean {
    return this.buffer !== undefined;
  }

  onEvent(listener: (event: QueueEvent) => void): void {
    this.eventListeners.push(listener);
  }

  onSnapshot(listener: (snapshot: QueueStatusSnapshot) => void): void {
    this.snapshotListeners.push(listener);
  }

  /** Reads QueueStatus again (coalesced with one already running); a no-op while disconnected (the next connect reads it). */
  requestSnapshot(reason: string): void {
    if (this.stopped || this.options.connection.state !== 'connected') return;
    if (this.buffer) {
      this.resyncAgain = true;
      return;
    }
    clearTimeout(this.retryTimer);
    this.buffer = [];
    void this.collect(reason);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  private receive(raw: AmiEvent): void {
    if (this.stopped) return;
    const result = normaliseAmiEvent(raw, this.now);
    if ('ignored' in result) {
      this.countersValue.ignored += 1;
      return;
    }
    if ('error' in result) {
      this.countersValue.malformed += 1;
      this.options.logger.warn('ami queue event malformed', { error: result.error });
      return;
    }
    const event = result.event;
    if (this.buffer) {
      if (this.buffer.length < (this.options.maxBufferedEvents ?? 10_000)) this.buffer.push(event);
      else this.overflow();
    } else this.emit(event);
    // FullyBooted after a restart: every call is gone and app_queue reloaded its members.
    if (event.kind === 'fullyBooted') this.requestSnapshot('fully booted');
  }

  private overflow(): void {
    // The held events would be replayed over a snapshot that no longer matches: read it again instead.
    this.options.logger.warn('ami queue events overflowed during a snapshot; reading QueueStatus again');
    this.buffer = [];
    this.resyncAgain = true;
  }

  private async collect(reason: string): Promise<void> {
    const at = this.now();
    try {
      const items = await collectList(this.options.connection, { action: 'QueueStatus' }, 'QueueStatusComplete', {
        timeoutMs: this.options.listTimeoutMs ?? 5000,
      });
      const { snapshot, errors } = buildQueueStatusSnapshot(items, at);
      this.countersValue.malformed += errors.length;
      if (errors.length > 0) this.options.logger.warn('ami queue status items malformed', { errors });
      if (this.stopped) return;
      this.countersValue.snapshots += 1;
      this.options.logger.info('ami queue status read', { reason, queues: snapshot.queues.length });
      for (const listener of this.snapshotListeners) this.safely(() => listener(snapshot));
    } catch (error) {
      this.countersValue.snapshotFailures += 1;
      this.options.logger.warn('ami queue status failed', { reason, error: (error as Error).message });
      this.scheduleRetry();
    } finally {
      this.flush();
    }
  }

  private flush(): void {
    const held = this.buffer ?? [];
    this.buffer = undefined;
    for (const event of held) this.emit(event);
    if (this.resyncAgain) {
      this.resyncAgain = false;
      this.requestSnapshot('requested during the previous read');
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.options.connection.state !== 'connected') return;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.requestSnapshot('retry'), this.options.retryDelayMs ?? 1000);
  }

  private emit(event: QueueEvent): void {
    this.countersValue.events += 1;
    for (const listener of this.eventListeners) this.safely(() => listener(event));
  }

  // A throwing listener must not break the others nor escape into asterisk-manager's socket handler.
  private safely(call: () => void): void {
    try {
      call();
    } catch (error) {
      this.options.logger.error('ami queue feed listener threw', { error: (error as Error).message });
    }
  }
}
