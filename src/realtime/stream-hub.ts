import type { Logger } from '../logging/logger.js';
import type { Ack, BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, StreamName } from './protocol.js';
import { authoriseStream, type StreamAccessOptions, type StreamUser } from './stream-access.js';
import { InProcessStreamBus, type StreamBus } from './stream-bus.js';
import { kindOf, type StreamKind } from './stream-names.js';
import { StreamState } from './stream-state.js';

export interface StreamHubOptions {
  logger: Logger;
  /** Where numbered deltas go (the socket server listens there); default: in this process. */
  bus?: StreamBus;
  /** Queue knowledge for the authorisation rules; default: no queue is known (every queue stream refused). */
  access?: StreamAccessOptions;
  now?: () => number;
}

/** Fills a stream the first time anyone asks for it (by calling `hub.replace`). */
export type StreamOpener = (stream: StreamName) => void;

/**
 * Named streams, each a flat map of entries with a sequence number: the one realtime path of every
 * pushed screen. A feature publishes WHAT CHANGED (`patch`) or the whole stream (`replace`); the hub
 * keeps the entries, numbers the delta and sends it through the bus. A new or recovering screen gets
 * `snapshot`. Which user may follow which stream is `authorise` (rules: stream-access.ts).
 */
export interface StreamHub {
  /** Sets `set`'s entries and removes `remove`'s keys; publishes the entries whose content changed. Null: nothing did. */
  patch(stream: StreamName, set: Readonly<BoardEntries>, remove?: readonly string[]): BoardDeltaMessage | null;
  /** Makes the stream exactly `entries` (what is not in it is removed). */
  replace(stream: StreamName, entries: Readonly<BoardEntries>): BoardDeltaMessage | null;
  /** The stream's entries and sequence now; a stream nobody published yet is opened (its kind's opener fills it). */
  snapshot(stream: StreamName): BoardSnapshotMessage;
  has(stream: StreamName): boolean;
  /** The stream's names of one kind that exist (the board keeps the followed queue streams up to date). */
  streamsOf(kind: StreamKind): StreamName[];
  /** Whether `user` may follow `stream`: `{ ok: false, error }` says why not. */
  authorise(user: StreamUser, stream: StreamName): Ack;
  onOpen(kind: StreamKind, opener: StreamOpener): void;
  /** Deltas as they are published (through the bus). Returns the unsubscribe. */
  onDelta(listener: (delta: BoardDeltaMessage) => void): () => void;
  /** Forgets a stream's entries (a department deleted); opened again, its numbers go on past a gap. */
  drop(stream: StreamName): void;
  readonly stats: { streams: number; deltas: number };
}

export function createStreamHub(options: StreamHubOptions): StreamHub {
  const { logger } = options;
  const log = logger.child({ component: 'stream-hub' });
  const now = options.now ?? Date.now;
  const bus = options.bus ?? new InProcessStreamBus((error, delta) => log.error('stream delta not sent', { stream: delta.stream, error: error.message }));
  const access: StreamAccessOptions = options.access ?? { knowsQueue: () => false };
  const streams = new Map<StreamName, StreamState>();
  const openers = new Map<StreamKind, StreamOpener>();
  const droppedAt = new Map<StreamName, number>();
  let deltas = 0;
  /** The stream its opener is filling: nobody follows it yet, so its first entries are not sent. */
  let opening: StreamName | undefined;

  const stateOf = (stream: StreamName): StreamState => {
    let state = streams.get(stream);
    if (!state) {
      // One past the old number: its first delta then shows followers a gap, and they ask for the new entries.
      const dropped = droppedAt.get(stream);
      state = new StreamState(stream, dropped === undefined ? 0 : dropped + 1);
      streams.set(stream, state);
    }
    return state;
  };
  const sent = (delta: BoardDeltaMessage | null): BoardDeltaMessage | null => {
    if (!delta || delta.stream === opening) return delta;
    deltas += 1;
    bus.publish(delta);
    return delta;
  };

  return {
    patch: (stream, set, remove = []) => sent(stateOf(stream).patch(set, remove, now())),
    replace: (stream, entries) => sent(stateOf(stream).update(entries, now())),
    snapshot: (stream) => {
      if (!streams.has(stream)) {
        stateOf(stream);
        const opener = openers.get(kindOf(stream));
        opening = stream;
        try {
          opener?.(stream);
        } catch (error) {
          // The screen still gets the (empty) stream and every later delta; its next resync brings what failed now.
          log.error('stream not filled on open', { stream, error: (error as Error).message });
        } finally {
          opening = undefined;
        }
      }
      return stateOf(stream).snapshot(now());
    },
    has: (stream) => streams.has(stream),
    streamsOf: (kind) => [...streams.keys()].filter((stream) => kindOf(stream) === kind),
    authorise: (user, stream) => authoriseStream(user, stream, access),
    onOpen: (kind, opener) => {
      openers.set(kind, opener);
    },
    onDelta: (listener) => bus.subscribe(listener),
    drop: (stream) => {
      const state = streams.get(stream);
      if (state) droppedAt.set(stream, state.sequence);
      streams.delete(stream);
    },
    get stats() {
      return { streams: streams.size, deltas };
    },
  };
}
