import type { Logger } from '../logging/logger.js';
import type { CountingWindow } from '../queues/istanbul-time.js';
import type { QueueEvent } from '../queues/queue-events.js';
import type { QueueChange } from '../queues/queue-monitor.js';
import type { QueueState } from '../queues/queue-state-types.js';
import { BoardModel, type BoardModelSource, type BoardTouch } from './board-model.js';
import type { LinkStatusTracker } from './link-status.js';
import type { BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, StreamName } from './protocol.js';
import { createStreamHub, type StreamHub } from './stream-hub.js';
import { argumentOf, kindOf, queueStream } from './stream-names.js';

/** The part of QueueMonitor the publisher reads. */
export interface BoardSource extends BoardModelSource {
  window(now: number): CountingWindow;
  onChange(listener: (change: QueueChange) => void): () => void;
}

export interface BoardPublisherOptions {
  source: BoardSource;
  links: LinkStatusTracker;
  logger: Logger;
  /** Where the board's streams live; default: a hub of its own (unit tests). */
  hub?: StreamHub;
  /** Re-evaluates the board this often even without events: wrap-up ends and windows roll over by the clock. */
  tickMs?: number;
  now?: () => number;
}

export const SUPERVISORS: StreamName = 'supervisors';

/**
 * What one queue event can change on the board (as the reducers in src/queues/ change the state): callers'
 * events and answers change their queue's KPIs; rings, pauses and memberships only the agent and the counts
 * on its queues' tiles.
 */
function touchOf(event: QueueEvent, touch: BoardTouch): boolean {
  switch (event.kind) {
    case 'callerJoin':
    case 'callerLeave':
    case 'callerAbandon':
      touch.queues.add(event.queue);
      return true;
    case 'agentConnect':
    case 'agentComplete':
      touch.queues.add(event.queue);
      touch.agents.add(event.member.interface);
      return true;
    case 'agentCalled':
    case 'agentRingNoAnswer':
    case 'agentDump':
      touch.tiles.add(event.queue);
      touch.agents.add(event.member.interface);
      return true;
    case 'memberAdded':
    case 'memberStatus':
    case 'memberPause':
    case 'memberRemoved':
      touch.tiles.add(event.member.queue);
      touch.agents.add(event.member.interface);
      return true;
    case 'fullyBooted':
      return true;
    default:
      // A shutdown closes every call; anything new is recomputed whole rather than guessed.
      return false;
  }
}

/**
 * Publishes the supervisors' board and the `queue:<name>` streams to the hub from what changed: each queue
 * event touches its queue's tile, the total, the hourly chart and the agent it names (BoardModel); a
 * QueueStatus resync, a shutdown or a new counting window recomputes everything. Changes arriving in one
 * burst are coalesced into one publish (setImmediate), so a resync of 100 entries costs one delta.
 */
export class BoardPublisher {
  readonly hub: StreamHub;
  private readonly model: BoardModel;
  private readonly now: () => number;
  private touch: BoardTouch = { queues: new Set(), tiles: new Set(), agents: new Set() };
  private whole = true;
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private publishes = 0;
  /** The source's state after the last change seen: an event that leaves it as it was changes nothing here. */
  private seenState: QueueState | undefined;

  constructor(private readonly options: BoardPublisherOptions) {
    this.now = options.now ?? Date.now;
    this.hub = options.hub ?? createStreamHub({ logger: options.logger, now: this.now });
    this.model = new BoardModel(options.source);
    this.hub.onOpen('queue', (stream) => this.openQueue(stream));
  }

  get stats(): { streams: number; publishes: number } {
    return { streams: this.hub.streamsOf('supervisors').length + this.hub.streamsOf('queue').length, publishes: this.publishes };
  }

  /** The board's deltas as they are published. */
  onDelta(listener: (delta: BoardDeltaMessage) => void): void {
    this.hub.onDelta((delta) => {
      const kind = kindOf(delta.stream);
      if (kind === 'supervisors' || kind === 'queue') listener(delta);
    });
  }

  start(): void {
    this.unsubscribe = this.options.source.onChange((change) => {
      const state = this.options.source.state;
      if (change.kind === 'snapshot') {
        this.options.links.resynced();
        this.whole = true;
      } else if (state === this.seenState) {
        // The reducer returned the state it was given (every caller's Hangup, duplicates, unknown callers):
        // nothing on the board can have changed, and touchOf would take a Hangup for a whole rebuild.
        return;
      } else if (!touchOf(change.event, this.touch)) this.whole = true;
      this.seenState = state;
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
    return this.hub.snapshot(stream);
  }

  /** Sends what changed since the last publish (everything after a resync or when the window rolled over). */
  publish(): void {
    this.scheduled = false;
    this.publishes += 1;
    const now = this.now();
    const window = this.options.source.window(now);
    const status = this.options.links.status;
    if (this.whole || !this.model.sameWindow(window)) {
      this.whole = false;
      this.touch = { queues: new Set(), tiles: new Set(), agents: new Set() };
      const entries = this.model.rebuild(now, window);
      this.hub.replace(SUPERVISORS, { ...entries, status });
      for (const stream of this.hub.streamsOf('queue')) this.hub.replace(stream, this.queueEntries(argumentOf(stream)));
      return;
    }
    const touch = this.touch;
    this.touch = { queues: new Set(), tiles: new Set(), agents: new Set() };
    for (const agent of this.model.endedWrapUps(now)) touch.agents.add(agent);
    const { set, remove, tiles } = this.model.update(now, touch);
    this.hub.patch(SUPERVISORS, { ...set, status }, remove);
    for (const stream of this.hub.streamsOf('queue')) {
      const queue = argumentOf(stream);
      const tile = tiles.has(queue) ? (this.model.queueTile(queue) ?? this.model.emptyTile(queue)) : undefined;
      this.hub.patch(stream, tile ? { status, [stream]: tile } : { status });
    }
  }

  private openQueue(stream: StreamName): void {
    if (!this.model.window) {
      // Asked before the first publish: the model is filled now, and the supervisors stream at the next publish.
      this.model.rebuild(this.now(), this.options.source.window(this.now()));
      this.whole = true;
    }
    this.hub.replace(stream, this.queueEntries(argumentOf(stream)));
  }

  private queueEntries(queue: string): BoardEntries {
    const stream = queueStream(queue);
    return { meta: this.model.meta(), status: this.options.links.status, [stream]: this.model.queueTile(queue) ?? this.model.emptyTile(queue) };
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.publish());
  }
}
