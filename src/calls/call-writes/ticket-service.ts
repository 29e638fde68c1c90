import type { Logger } from '../../logging/logger.js';
import { isPermanentTicketError } from '../../requests/errors.js';
import { backoffDelay, type BackoffOptions } from '../../shared/backoff.js';
import type { OpenCallTicket, OpenCallTicketResult, TicketStore } from '../../requests/ticket-store-type.js';
import { applyTicketWrite, isWriteKind, type TicketWriteInputs, type TicketWriteKind } from './ticket-outbox-kinds.js';
import type { TicketOutbox } from './ticket-outbox.js';
import type { OutboxEntry } from './ticket-outbox-lines.js';

export type { TicketWriteKind } from './ticket-outbox-kinds.js';

const DEFAULT_RETRY: BackoffOptions = { initialDelayMs: 100, maxDelayMs: 30_000 };

export interface TicketServiceOptions {
  store: TicketStore;
  logger: Logger;
  retry?: Partial<Pick<BackoffOptions, 'initialDelayMs' | 'maxDelayMs'>>;
  random?: () => number;
  /** Makes every accepted write durable on local disk until the store has it (absent: memory only). */
  outbox?: TicketOutbox;
}

interface QueuedWrite {
  kind: TicketWriteKind;
  /** The write's outbox line, marked applied once the store has it (or can never take it). */
  outboxKey: string | undefined;
  /** One try against the store; settles the caller's promise on success. */
  attempt(): Promise<void>;
  /** Settles the caller's promise with undefined: the write was given up. */
  abandon(): void;
  failures: number;
}

interface ChannelQueue {
  writes: QueuedWrite[];
  running: boolean;
  wake?: () => void;
  timer?: NodeJS.Timeout;
}

/**
 * The call path's way to the TicketStore: a ticket write never blocks or kills a call.
 * Writes are queued per channel (FIFO, so a hand-off never overtakes its channel's openCallTicket)
 * and retried with jittered backoff until they land. Returned promises never reject; they resolve
 * when the write landed, or with undefined when it was given up (permanent error, or stop()).
 * Retrying is safe because every store write is idempotent on the channel id.
 * With an outbox, each write is appended to it as it is accepted and marked applied once it landed (or was
 * dropped as permanent); a write given up by stop() stays in the outbox, and `replay` queues it at the next start.
 */
export class TicketService {
  private readonly store: TicketStore;
  private readonly logger: Logger;
  private readonly retry: BackoffOptions;
  private readonly random: () => number;
  private readonly outbox: TicketOutbox | undefined;
  private readonly queues = new Map<string, ChannelQueue>();
  private readonly idleWaiters = new Set<() => void>();
  /** Each channel's newest write while it is queued or in flight: what `settled` waits for. */
  private readonly newest = new Map<string, Promise<unknown>>();
  private pending = 0;
  private stopped = false;

  constructor(options: TicketServiceOptions) {
    this.store = options.store;
    this.logger = options.logger;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
    this.outbox = options.outbox;
  }

  /** Resolves with the ticket number once stored (possibly after retries); `created` is false when a retry found its own earlier commit. */
  openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult | undefined> {
    return this.enqueue('openCallTicket', input.channelId, input, () => this.store.openCallTicket(input));
  }

  recordIvrProgress(channelId: string, progress: TicketWriteInputs['recordIvrProgress']): Promise<void> {
    const snapshot = { ...progress, path: progress.path.map((step) => ({ ...step })) };
    return this.enqueue('recordIvrProgress', channelId, snapshot, () => this.store.recordIvrProgress(channelId, snapshot)).then(() => undefined);
  }

  recordHandOff(channelId: string, handOff: TicketWriteInputs['recordHandOff']): Promise<void> {
    return this.enqueue('recordHandOff', channelId, handOff, () => this.store.recordHandOff(channelId, handOff)).then(() => undefined);
  }

  recordCallEnd(channelId: string, end: TicketWriteInputs['recordCallEnd']): Promise<void> {
    return this.enqueue('recordCallEnd', channelId, end, () => this.store.recordCallEnd(channelId, end)).then(() => undefined);
  }

  /**
   * Queues the writes an earlier process left in the outbox, in file order, ahead of any new call's writes
   * (so a channel's replayed writes keep their order). Returns how many were queued.
   */
  replay(entries: readonly OutboxEntry[]): number {
    let queued = 0;
    for (const entry of entries) {
      const { kind, channelId, payload } = entry;
      const fits = isWriteKind(kind) && payload !== null && typeof payload === 'object';
      if (!fits || (kind === 'openCallTicket' && (payload as { channelId?: unknown }).channelId !== channelId)) {
        this.logger.warn('ticket outbox write skipped: unknown kind or malformed payload', { channelId, write: kind });
        this.outbox?.markApplied(entry.key);
        continue;
      }
      // The payload is what this service wrote for that kind; the store's own checks still apply.
      const execute = (): Promise<unknown> => applyTicketWrite(this.store, kind, channelId, payload);
      void this.enqueue(kind, channelId, payload, execute, entry.key);
      queued += 1;
    }
    if (queued > 0) this.logger.info('ticket outbox replay queued', { writes: queued });
    return queued;
  }

  /** Writes queued or in flight. */
  pendingWrites(): number {
    return this.pending;
  }

  /**
   * True once the writes already queued for `channelId` landed or were given up, false if `timeoutMs` passed
   * first. For a reader of the call's row that must see them (the screen pop and the hand-off's IVR path: the
   * continue waits only for the outbox, so app_queue can offer the call before the row has its path).
   */
  settled(channelId: string, timeoutMs: number): Promise<boolean> {
    const newest = this.newest.get(channelId);
    if (newest === undefined) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      void newest.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** For shutdown: true once every pending write landed, false if `timeoutMs` passed first. */
  drain(timeoutMs: number): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (drained: boolean) => {
        clearTimeout(timer);
        this.idleWaiters.delete(onIdle);
        resolve(drained);
      };
      const onIdle = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.idleWaiters.add(onIdle);
    });
  }

  /**
   * Gives up queued writes and retries (their promises resolve with undefined); a write in flight finishes.
   * With an outbox, what was given up stays in it for the next start's replay.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.pending > 0) this.logger.warn('ticket service stopped with writes pending', { pendingWrites: this.pending });
    for (const queue of this.queues.values()) {
      clearTimeout(queue.timer);
      queue.wake?.();
    }
  }

  private enqueue<T>(kind: TicketWriteKind, channelId: string, payload: object, execute: () => Promise<T>, replayedKey?: string): Promise<T | undefined> {
    if (this.stopped) {
      // Still on disk if the outbox is open (a late hang-up during shutdown): the next start replays it.
      const kept = replayedKey === undefined && this.outbox?.append({ kind, channelId, payload }) !== undefined;
      this.logger.warn(kept ? 'ticket write kept in the outbox for the next start: service stopped' : 'ticket write refused: service stopped', {
        channelId,
        write: kind,
      });
      return Promise.resolve(undefined);
    }
    // Queued for the outbox's next group commit before anything else happens; outbox.flushed() tells when it is on disk.
    const outboxKey = replayedKey ?? this.outbox?.append({ kind, channelId, payload });
    const written = new Promise<T | undefined>((resolve) => {
      const write: QueuedWrite = {
        kind,
        outboxKey,
        failures: 0,
        attempt: async () => {
          const result = await execute();
          this.markApplied(write);
          resolve(result);
        },
        abandon: () => resolve(undefined),
      };
      let queue = this.queues.get(channelId);
      if (!queue) {
        queue = { writes: [], running: false };
        this.queues.set(channelId, queue);
      }
      const waiting = queue.writes.at(-1);
      if (kind === 'recordIvrProgress' && waiting?.kind === kind && queue.writes.length > 1) {
        // Each progress write carries the whole path: a newer one makes a waiting one pointless.
        // (writes[0] is in flight, so only a write behind it is replaced.)
        waiting.abandon();
        this.markApplied(waiting);
        queue.writes[queue.writes.length - 1] = write;
        return;
      }
      queue.writes.push(write);
      this.pending += 1;
      if (!queue.running) void this.run(channelId, queue);
    });
    this.newest.set(channelId, written);
    void written.then(() => {
      if (this.newest.get(channelId) === written) this.newest.delete(channelId);
    });
    return written;
  }

  private async run(channelId: string, queue: ChannelQueue): Promise<void> {
    queue.running = true;
    for (let write = queue.writes[0]; write; write = queue.writes[0]) {
      if (this.stopped) write.abandon();
      else await this.writeUntilDone(channelId, queue, write);
      queue.writes.shift();
      this.pending -= 1;
    }
    queue.running = false;
    this.queues.delete(channelId);
    if (this.pending === 0) for (const waiter of [...this.idleWaiters]) waiter();
  }

  private async writeUntilDone(channelId: string, queue: ChannelQueue, write: QueuedWrite): Promise<void> {
    for (;;) {
      try {
        await write.attempt();
        if (write.failures > 0) this.logger.info('ticket write landed after retries', { channelId, write: write.kind, failures: write.failures });
        return;
      } catch (error) {
        write.failures += 1;
        const reason = error instanceof Error ? error.message : String(error);
        if (isPermanentTicketError(error)) {
          this.logger.error('ticket write failed permanently, dropped', { channelId, write: write.kind, error: reason });
          this.markApplied(write);
          write.abandon();
          return;
        }
        if (this.stopped) {
          this.logger.warn('ticket write failed during stop, dropped', { channelId, write: write.kind, error: reason });
          write.abandon();
          return;
        }
        const delayMs = backoffDelay(write.failures - 1, { ...this.retry, random: this.random });
        this.logger.warn('ticket write failed, will retry', { channelId, write: write.kind, failures: write.failures, retryInMs: delayMs, error: reason });
        await this.sleep(queue, delayMs);
        if (this.stopped) {
          write.abandon();
          return;
        }
      }
    }
  }

  private markApplied(write: QueuedWrite): void {
    if (write.outboxKey !== undefined) this.outbox?.markApplied(write.outboxKey);
  }

  private sleep(queue: ChannelQueue, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(queue.timer);
        queue.timer = undefined;
        queue.wake = undefined;
        resolve();
      };
      queue.wake = wake;
      queue.timer = setTimeout(wake, ms);
    });
  }
}
