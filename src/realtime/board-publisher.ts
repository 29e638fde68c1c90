import type { Logger } from '../logging/logger.js';
import type { QueueChange, QueueMonitorSnapshot } from '../queues/queue-monitor.js';
import type { QueueState } from '../queues/queue-state-types.js';
import { queueEntries, supervisorEntries, type BoardInput } from './board-view.js';
import type { LinkStatusTracker } from './link-status.js';
import type { BoardDeltaMessage, BoardSnapshotMessage, StreamName } from './protocol.js';
import { StreamState } from './stream-state.js';

/** The part of QueueMonitor the publisher reads. */
export interface BoardSource {
  readonly state: QueueState;
  snapshot(now?: number): QueueMonitorSnapshot;
  onChange(listener: (change: QueueChange) => void): () => void;
}

export interface BoardPublisherOptions {
  source: BoardSource;
  links: LinkStatusTracker;
  logger: Logger;
  /** Re-evaluates the board this often even without events: wrap-up ends and windows roll over by the clock. */
  tickMs?: number;
  now?: () => number;
}

export const SUPERVISORS: StreamName = 'supervisors';

/**
 * Turns queue changes into sequenced deltas per stream. Changes arriving in one burst are coalesced
 * into one publish (setImmediate), so a QueueStatus resync of 100 entries costs one delta, not 100.
 */
export class BoardPublisher {
  private readonly streams = new Map<StreamName, StreamState>();
  private readonly now: () => number;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private publishes = 0;
  private readonly deltaListeners: Array<(delta: BoardDeltaMessage) => void> = [];

  constructor(private readonly options: BoardPublisherOptions) {
    this.now = options.now ?? Date.now;
    this.streams.set(SUPERVISORS, new StreamState(SUPERVISORS));
  }

  get stats(): { streams: number; publishes: number } {
    return { streams: this.streams.size, publishes: this.publishes };
  }

  /** Deltas as they are published (the socket server sends each to the room of the same name). */
  onDelta(listener: (delta: BoardDeltaMessage) => void): void {
    this.deltaListeners.push(listener);
  }

  start(): void {
    this.unsubscribe = this.options.source.onChange((change) => {
      if (change.kind === 'snapshot') this.options.links.resynced();
      this.schedule();
    });
    this.options.links.onChange(() => this.schedule());
    this.timer = setInterval(() => this.publish(), this.options.tickMs ?? 1000);
    this.timer.unref();
    this.publish();
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The stream's current entries; a queue stream is created (and kept up to date) from its first subscriber on. */
  snapshotFor(stream: StreamName): BoardSnapshotMessage {
    let state = this.streams.get(stream);
    if (!state) {
      state = new StreamState(stream);
      this.streams.set(stream, state);
      state.update(this.entriesFor(stream, this.input()), this.now());
    }
    return state.snapshot(this.now());
  }

  /** Computes every stream now and sends what changed. */
  publish(): void {
    this.scheduled = false;
    this.publishes += 1;
    const input = this.input();
    const at = input.snapshot.at;
    for (const [name, state] of this.streams) {
      const delta = state.update(this.entriesFor(name, input), at);
      if (!delta) continue;
      for (const listener of this.deltaListeners) {
        try {
          listener(delta);
        } catch (error) {
          this.options.logger.error('board delta not sent', { stream: name, error: (error as Error).message });
        }
      }
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.publish());
  }

  private input(): BoardInput {
    const now = this.now();
    const waitingSince: Record<string, number> = {};
    for (const queue of Object.values(this.options.source.state.queues)) {
      for (const caller of Object.values(queue.waiting)) {
        waitingSince[queue.name] = Math.min(waitingSince[queue.name] ?? Number.POSITIVE_INFINITY, caller.joinedAt);
      }
    }
    return { snapshot: this.options.source.snapshot(now), waitingSince, status: this.options.links.status };
  }

  private entriesFor(stream: StreamName, input: BoardInput): ReturnType<typeof supervisorEntries> {
    return stream === SUPERVISORS ? supervisorEntries(input) : queueEntries(input, stream.slice('queue:'.length));
  }
}
