/**
 * realtime.js: the one client every pushed screen uses for alo153's streams (wallboard, desk, department
 * inbox, callback list). The wire protocol is src/realtime/protocol.ts; who may follow what is
 * src/realtime/stream-access.ts.
 *
 * API
 *   connectStreams({ onSession?, onConnection?, onUnauthorized?, onRefused? }) → client
 *       Opens the page's socket (once; later calls return the same client and add their callbacks, so
 *       parts of a page may connect in any order). Optional: `subscribe` opens it with the defaults (a
 *       refused or ended session goes to the login page).
 *   subscribe(streamName, onState) → unsubscribe()
 *       Follows a stream: 'supervisors', 'queue:<name>', 'desk:<user id>', 'inbox:<department code>',
 *       'relay', 'escalations'. `onState(stream, change)` is called after every snapshot and every applied
 *       delta; `stream.entries` is the whole current map (read-only), `stream.seq` its number,
 *       `stream.serverNow()` the server's clock; `change` is { kind: 'snapshot' } or
 *       { kind: 'delta', set: [keys], remove: [keys] } for pages that redraw only what changed.
 *   client.stream(name), client.serverNow(), client.connectionState(), client.socket (for plain events
 *       such as `desk:pop`), client.close().
 *
 * What it does for the page: keeps each stream's entries, applies deltas in `seq` order, asks for a
 * snapshot (`board:resync`) on a gap, subscribes again after every reconnect (each answered with a
 * snapshot), and reconnects by itself with a growing, jittered delay.
 *
 *   import { subscribe } from './realtime.js';
 *   subscribe('inbox:ulasim', (stream) => renderInbox(Object.values(stream.entries)));
 */

import { createStreamClient } from './stream-client.js';

export { isDelta, isSnapshot, isStreamName } from './stream-client.js';

/** @typedef {import('../../realtime/protocol.js').StreamName} StreamName */
/** @typedef {import('../../realtime/protocol.js').SessionMessage} SessionMessage */
/** @typedef {import('./board-stream.js').BoardStream} BoardStream */
/** @typedef {import('./stream-client.js').StreamListener} StreamListener */
/** @typedef {import('./stream-client.js').ConnectionState} ConnectionState */

/**
 * @typedef {object} ConnectOptions
 * @property {(session: SessionMessage) => void} [onSession]
 * @property {(state: ConnectionState) => void} [onConnection]
 * @property {(endedBecause?: string) => void} [onUnauthorized] refused, or `session:ended` (default: the login page)
 * @property {(stream: StreamName, error: string) => void} [onRefused] a subscription the server refused
 */

/**
 * @typedef {object} RealtimeClient
 * @property {(name: StreamName, onState: StreamListener) => () => void} subscribe
 * @property {(name: StreamName) => BoardStream | undefined} stream
 * @property {() => number} serverNow
 * @property {() => ConnectionState} connectionState
 * @property {ReturnType<typeof io>} socket
 * @property {() => void} close
 */

const RECONNECT_INITIAL_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/** @type {RealtimeClient | null} */
let pageClient = null;
/** Every caller's options: parts of one page (the desk and its relay tab) may connect in any order. */
/** @type {ConnectOptions[]} */
const hooks = [];
/** @type {SessionMessage | null} */
let lastSession = null;

/** @param {ConnectOptions} [options] @returns {RealtimeClient} */
export function connectStreams(options = {}) {
  hooks.push(options);
  if (pageClient) {
    // A part that connects late still learns who is signed in.
    if (lastSession) options.onSession?.(lastSession);
    return pageClient;
  }
  const socket = io({ transports: ['websocket', 'polling'] });
  /** @type {ConnectionState} */
  let connectionState = 'connecting';
  /** The last part that said what to do when the session is gone decides; none: the login page. */
  const unauthorized = (/** @type {string | undefined} */ reason) => {
    const own = [...hooks].reverse().find((hook) => hook.onUnauthorized);
    if (own?.onUnauthorized) own.onUnauthorized(reason);
    else redirectToLogin(reason);
  };
  const streams = createStreamClient({
    socket,
    onSession: (session) => {
      lastSession = session;
      for (const hook of hooks) hook.onSession?.(session);
    },
    onRefused: (name, error) => {
      const listeners = hooks.filter((hook) => hook.onRefused);
      if (listeners.length === 0) console.warn('subscription refused', name, error);
      for (const hook of listeners) hook.onRefused?.(name, error);
    },
  });

  /** @param {ConnectionState} state */
  const setConnection = (state) => {
    if (state === connectionState) return;
    connectionState = state;
    for (const hook of hooks) hook.onConnection?.(state);
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
    const reason = typeof message === 'object' && message !== null && typeof Reflect.get(message, 'reason') === 'string' ? String(Reflect.get(message, 'reason')) : undefined;
    console.warn('session ended by the server', reason ?? '');
    socket.close();
    unauthorized(reason);
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
      unauthorized(undefined);
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

  pageClient = {
    subscribe: streams.subscribe,
    stream: streams.stream,
    serverNow: streams.serverNow,
    connectionState: () => connectionState,
    socket,
    close: () => {
      clearTimeout(retryTimer);
      socket.close();
      pageClient = null;
      hooks.length = 0;
      lastSession = null;
    },
  };
  return pageClient;
}

/**
 * Follows a stream on the page's connection (opened with the defaults if the page did not call connectStreams).
 * @param {StreamName} name
 * @param {StreamListener} onState
 * @returns {() => void} the unsubscribe
 */
export function subscribe(name, onState) {
  return connectStreams().subscribe(name, onState);
}

/**
 * The wallboard's entry point (kept for it): the supervisors stream, with the page told through callbacks.
 * @param {{ onSession?: (session: SessionMessage) => void, onChange?: (stream: BoardStream) => void, onConnection?: (state: ConnectionState) => void }} callbacks
 */
export function connectRealtime(callbacks) {
  const client = connectStreams({
    ...(callbacks.onSession ? { onSession: callbacks.onSession } : {}),
    ...(callbacks.onConnection ? { onConnection: callbacks.onConnection } : {}),
  });
  client.subscribe('supervisors', (stream) => callbacks.onChange?.(stream));
  return client;
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
