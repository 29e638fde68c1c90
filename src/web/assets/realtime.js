/**
 * The screen's socket: follows the board protocol (src/realtime/protocol.ts) and keeps one
 * BoardStream per stream. Renders nothing; the page is told through callbacks.
 */

import { BoardStream } from './board-stream.js';

/** @typedef {import('../../realtime/protocol.js').StreamName} StreamName */
/** @typedef {import('../../realtime/protocol.js').SessionMessage} SessionMessage */
/** @typedef {import('../../realtime/protocol.js').BoardSnapshotMessage} BoardSnapshotMessage */
/** @typedef {import('../../realtime/protocol.js').BoardDeltaMessage} BoardDeltaMessage */
/** @typedef {import('../../realtime/protocol.js').Ack} Ack */
/** @typedef {'connecting' | 'connected' | 'disconnected'} ConnectionState */

/**
 * @typedef {object} RealtimeCallbacks
 * @property {(session: SessionMessage) => void} [onSession]
 * @property {(stream: BoardStream) => void} [onChange] after a snapshot or an applied delta
 * @property {(state: ConnectionState) => void} [onConnection]
 */

/**
 * @typedef {object} RealtimeConnection
 * @property {(name: StreamName) => BoardStream | undefined} stream
 * @property {() => number} serverNow the server's clock, from the latest message of any stream
 * @property {() => ConnectionState} connectionState
 * @property {() => void} close
 */

const RESYNC_TIMEOUT_MS = 5000;
const RESYNC_RETRY_MS = 2000;
const RECONNECT_INITIAL_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/**
 * @param {RealtimeCallbacks} callbacks
 * @returns {RealtimeConnection}
 */
export function connectRealtime(callbacks) {
  /** @type {Map<string, BoardStream>} */
  const streams = new Map();
  /** @type {BoardStream | null} */
  let latestClock = null;
  /** @type {ConnectionState} */
  let connectionState = 'connecting';
  /** @type {Map<string, ReturnType<typeof setTimeout>>} */
  const resyncRetries = new Map();

  const socket = io({ transports: ['websocket', 'polling'] });

  /** @param {ConnectionState} state */
  const setConnection = (state) => {
    if (state === connectionState) return;
    connectionState = state;
    callbacks.onConnection?.(state);
  };

  /** @param {StreamName} name */
  const streamFor = (name) => {
    let stream = streams.get(name);
    if (!stream) {
      stream = new BoardStream(name);
      streams.set(name, stream);
    }
    return stream;
  };

  /** @param {StreamName} name */
  const requestResync = (name) => {
    clearTimeout(resyncRetries.get(name));
    resyncRetries.delete(name);
    socket.timeout(RESYNC_TIMEOUT_MS).emit('board:resync', { stream: name }, (/** @type {Error | null} */ error, /** @type {Ack | undefined} */ ack) => {
      if (!error && ack?.ok) return;
      console.warn('board:resync failed', name, error?.message ?? (ack && !ack.ok ? ack.error : 'no answer'));
      // Without a fresh snapshot the stream stays frozen, so keep asking while connected.
      if (socket.connected && streams.get(name)?.awaitingSnapshot) resyncRetries.set(name, setTimeout(() => requestResync(name), RESYNC_RETRY_MS));
    });
  };

  let refusedAttempts = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;
  /** The server said the session is over (deactivated, password changed, logged out, expired): no reconnecting. */
  let ended = false;

  socket.on('connect', () => {
    refusedAttempts = 0;
    setConnection('connected');
  });

  socket.on('session:ended', (/** @type {unknown} */ message) => {
    ended = true;
    const reason = isRecord(message) && typeof message.reason === 'string' ? message.reason : '';
    console.warn('session ended by the server', reason);
    socket.close();
    redirectToLogin(reason);
  });

  socket.on('disconnect', (reason) => {
    setConnection('disconnected');
    if (ended) return;
    // The server drops the socket itself when the token expires; socket.io does not retry that
    // case, so reconnect: a still-valid cookie gets a new snapshot, an expired one the login page.
    if (reason === 'io server disconnect') socket.connect();
  });

  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      const data = /** @type {{ data?: { reason?: string } }} */ (error).data;
      console.warn('socket refused', data?.reason ?? '');
      socket.close();
      redirectToLogin();
      return;
    }
    setConnection('disconnected');
    // A refusal by the server's middleware (other than auth) ends socket.io's own retries; a wall
    // screen must come back by itself, so retry with a growing, jittered delay.
    if (!socket.active) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(() => socket.connect(), reconnectDelayMs(refusedAttempts++));
    }
  });

  socket.on('session', (/** @type {unknown} */ message) => {
    if (isSession(message)) callbacks.onSession?.(message);
  });

  socket.on('board:snapshot', (/** @type {unknown} */ message) => {
    if (!isSnapshot(message)) return console.warn('malformed board:snapshot dropped');
    const stream = streamFor(message.stream);
    clearTimeout(resyncRetries.get(message.stream));
    resyncRetries.delete(message.stream);
    stream.applySnapshot(message);
    latestClock = stream;
    callbacks.onChange?.(stream);
  });

  socket.on('board:delta', (/** @type {unknown} */ message) => {
    if (!isDelta(message)) return console.warn('malformed board:delta dropped');
    const stream = streams.get(message.stream);
    if (!stream) return;
    const outcome = stream.applyDelta(message);
    latestClock = stream;
    if (outcome === 'applied') callbacks.onChange?.(stream);
    else if (outcome === 'gap') requestResync(message.stream);
  });

  return {
    stream: (name) => streams.get(name),
    serverNow: () => latestClock?.serverNow() ?? Date.now(),
    connectionState: () => connectionState,
    close: () => {
      for (const timer of resyncRetries.values()) clearTimeout(timer);
      clearTimeout(retryTimer);
      socket.close();
    },
  };
}

/** @param {number} attempt */
function reconnectDelayMs(attempt) {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

/**
 * @param {string} [endedBecause] the server's `session:ended` reason, which the login page explains
 */
export function redirectToLogin(endedBecause) {
  const next = location.pathname + location.search;
  location.assign(loginPath(next, endedBecause));
}

/**
 * @param {string} next
 * @param {string} [endedBecause]
 */
export function loginPath(next, endedBecause) {
  const ended = endedBecause && /^[a-z-]{1,40}$/.test(endedBecause) ? `&ended=${endedBecause}` : '';
  return `/login?next=${encodeURIComponent(next)}${ended}`;
}

// The server is trusted but a screen on the wall must not die of one odd message, so the shape
// is checked here, where the data enters the page (zod is not shipped to the browser).

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isRecord(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param {unknown} value
 * @returns {value is StreamName}
 */
function isStreamName(value) {
  return value === 'supervisors' || (typeof value === 'string' && value.startsWith('queue:'));
}

/**
 * @param {unknown} message
 * @returns {message is BoardSnapshotMessage}
 */
export function isSnapshot(message) {
  return isRecord(message) && isStreamName(message.stream) && Number.isInteger(message.seq) && Number.isFinite(message.at) && isRecord(message.entries);
}

/**
 * @param {unknown} message
 * @returns {message is BoardDeltaMessage}
 */
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

/**
 * @param {unknown} message
 * @returns {message is SessionMessage}
 */
function isSession(message) {
  return isRecord(message) && isRecord(message.user) && typeof message.user.displayName === 'string' && Array.isArray(message.streams);
}
