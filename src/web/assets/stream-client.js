/**
 * The streams over one socket.io connection, free of the DOM so Node tests drive it with socket.io-client.
 * Pages use it through realtime.js (`connectStreams`, `subscribe`), which documents the API.
 */

import { BoardStream } from './board-stream.js';

/** @typedef {import('../../realtime/protocol.js').StreamName} StreamName */
/** @typedef {import('../../realtime/protocol.js').SessionMessage} SessionMessage */
/** @typedef {import('../../realtime/protocol.js').BoardSnapshotMessage} BoardSnapshotMessage */
/** @typedef {import('../../realtime/protocol.js').BoardDeltaMessage} BoardDeltaMessage */
/** @typedef {import('../../realtime/protocol.js').Ack} Ack */
/** @typedef {'connecting' | 'connected' | 'disconnected'} ConnectionState */
/** @typedef {{ kind: 'snapshot' } | { kind: 'delta', set: string[], remove: string[] }} StreamChange */
/** @typedef {(stream: BoardStream, change: StreamChange) => void} StreamListener */
/** @typedef {ReturnType<typeof import('socket.io-client').io>} ClientSocket */

const RESYNC_TIMEOUT_MS = 5000;
const RESYNC_RETRY_MS = 2000;
const SUBSCRIBE_TIMEOUT_MS = 5000;

/**
 * @typedef {object} StreamClientOptions
 * @property {ClientSocket} socket an io() socket, handed over at once: the client must hear the connection's `session`
 * @property {(session: SessionMessage) => void} [onSession]
 * @property {(stream: StreamName, error: string) => void} [onRefused] a subscription the server refused (not retried)
 */

/**
 * @typedef {object} StreamClient
 * @property {(name: StreamName, onState: StreamListener) => () => void} subscribe returns the unsubscribe
 * @property {(name: StreamName) => BoardStream | undefined} stream
 * @property {() => number} serverNow the server's clock, from the latest message of any stream
 */

/** @param {StreamClientOptions} options @returns {StreamClient} */
export function createStreamClient(options) {
  const { socket } = options;
  /** @type {Map<string, { stream: BoardStream, listeners: Set<StreamListener> }>} */
  const subscriptions = new Map();
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const resyncRetries = new Map();
  /** Streams the server joined this connection to by itself (`session.streams`): asking again would double the snapshot. */
  let joinedByServer = /** @type {string[] | null} */ (null);
  /** @type {BoardStream | null} */
  let latestClock = null;

  /** @param {StreamName} name */
  const ask = (name) => {
    if (!socket.connected || joinedByServer === null || joinedByServer.includes(name)) return;
    socket.timeout(SUBSCRIBE_TIMEOUT_MS).emit('board:subscribe', { stream: name }, (/** @type {Error | null} */ error, /** @type {Ack | undefined} */ ack) => {
      if (error) return console.warn('board:subscribe got no answer', name, error.message);
      if (ack && !ack.ok) options.onRefused?.(name, ack.error);
    });
  };

  /** @param {StreamName} name */
  const requestResync = (name) => {
    clearTimeout(resyncRetries.get(name));
    resyncRetries.delete(name);
    socket.timeout(RESYNC_TIMEOUT_MS).emit('board:resync', { stream: name }, (/** @type {Error | null} */ error, /** @type {Ack | undefined} */ ack) => {
      if (!error && ack?.ok) return;
      console.warn('board:resync failed', name, error?.message ?? (ack && !ack.ok ? ack.error : 'no answer'));
      // Without a fresh snapshot the stream stays frozen, so keep asking while connected.
      if (socket.connected && subscriptions.get(name)?.stream.awaitingSnapshot) resyncRetries.set(name, setTimeout(() => requestResync(name), RESYNC_RETRY_MS));
    });
  };

  /** @param {string} name @param {StreamChange} change */
  const notify = (name, change) => {
    const subscription = subscriptions.get(name);
    if (!subscription) return;
    for (const listener of subscription.listeners) {
      try {
        listener(subscription.stream, change);
      } catch (error) {
        console.error('stream listener failed', name, error);
      }
    }
  };

  socket.on('session', (/** @type {unknown} */ message) => {
    if (!isSession(message)) return console.warn('malformed session dropped');
    joinedByServer = message.streams.map(String);
    // A new connection has no subscriptions of its own: ask again for every stream (each answers with a snapshot).
    for (const name of subscriptions.keys()) ask(/** @type {StreamName} */ (name));
    options.onSession?.(message);
  });
  socket.on('disconnect', () => {
    joinedByServer = null;
    for (const { stream } of subscriptions.values()) stream.expectSnapshot();
  });
  socket.on('board:snapshot', (/** @type {unknown} */ message) => {
    if (!isSnapshot(message)) return console.warn('malformed board:snapshot dropped');
    const subscription = subscriptions.get(message.stream);
    if (!subscription) return;
    clearTimeout(resyncRetries.get(message.stream));
    resyncRetries.delete(message.stream);
    subscription.stream.applySnapshot(message);
    latestClock = subscription.stream;
    notify(message.stream, { kind: 'snapshot' });
  });
  socket.on('board:delta', (/** @type {unknown} */ message) => {
    if (!isDelta(message)) return console.warn('malformed board:delta dropped');
    const subscription = subscriptions.get(message.stream);
    if (!subscription) return;
    const outcome = subscription.stream.applyDelta(message);
    latestClock = subscription.stream;
    if (outcome === 'applied') notify(message.stream, { kind: 'delta', set: Object.keys(message.set), remove: message.remove });
    else if (outcome === 'gap') requestResync(message.stream);
  });

  return {
    subscribe: (name, onState) => {
      let subscription = subscriptions.get(name);
      if (!subscription) {
        subscription = { stream: new BoardStream(name), listeners: new Set() };
        subscriptions.set(name, subscription);
        ask(name);
      } else if (!subscription.stream.awaitingSnapshot) {
        // A second listener of a stream already followed starts from what the first one has.
        onState(subscription.stream, { kind: 'snapshot' });
      }
      const current = subscription;
      current.listeners.add(onState);
      return () => {
        current.listeners.delete(onState);
        if (current.listeners.size > 0 || subscriptions.get(name) !== current) return;
        subscriptions.delete(name);
        clearTimeout(resyncRetries.get(name));
        if (socket.connected) socket.emit('board:unsubscribe', { stream: name });
      };
    },
    stream: (name) => subscriptions.get(name)?.stream,
    serverNow: () => latestClock?.serverNow() ?? Date.now(),
  };
}

// The server is trusted but a screen on the wall must not die of one odd message, so the shape
// is checked here, where the data enters the page (zod is not shipped to the browser).

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} message @returns {message is SessionMessage} */
function isSession(message) {
  return isRecord(message) && isRecord(message.user) && typeof message.user.displayName === 'string' && typeof message.user.id === 'number' && Array.isArray(message.streams);
}

/** The same names as src/realtime/stream-names.ts. @param {unknown} value @returns {value is StreamName} */
export function isStreamName(value) {
  if (typeof value !== 'string') return false;
  return (
    value === 'supervisors' ||
    value === 'relay' ||
    value === 'escalations' ||
    value === 'announcements' ||
    value === 'survey' ||
    value === 'site' ||
    /^queue:[\p{L}\p{N}_.-]{1,80}$/u.test(value) ||
    /^desk:[1-9][0-9]{0,9}$/.test(value) ||
    /^inbox:[a-z0-9-]{1,40}$/.test(value)
  );
}

/** @param {unknown} message @returns {message is BoardSnapshotMessage} */
export function isSnapshot(message) {
  return isRecord(message) && isStreamName(message.stream) && Number.isInteger(message.seq) && Number.isFinite(message.at) && isRecord(message.entries);
}

/** @param {unknown} message @returns {message is BoardDeltaMessage} */
export function isDelta(message) {
  return (
    isRecord(message) &&
    isStreamName(message.stream) &&
    Number.isInteger(message.seq) &&
    Number.isFinite(message.at) &&
    isRecord(message.set) &&
    Array.isArray(message.remove) &&
    message.remove.every((key) => typeof key === 'string')
  );
}
