/**
 * The desk's socket: the agent's own state and screen pops as they happen, and one board stream per
 * queue the agent serves. It keeps the streams; what to do with the news is the caller's.
 */

import { BoardStream } from './board-stream.js';
import { isSnapshot, isDelta } from './realtime.js';
import { isRecord } from './desk-api.js';
import { isDeskState, isPop } from './desk-messages.js';
import { page, setText } from './desk-page.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */
/** @typedef {import('./desk-api.js').ScreenPop} ScreenPop */
/** @typedef {import('../../realtime/protocol.js').QueueTile} QueueTile */

/**
 * @typedef {object} DeskSocketHandlers
 * @property {(state: DeskState) => void} onDeskState
 * @property {(pop: ScreenPop) => void} onPop
 * @property {() => void} onQueuesChanged a queue stream has new figures
 * @property {(endedBecause?: string) => void} onUnauthorized the session is gone (with the server's `session:ended` reason when it said one)
 */

const RECONNECT_INITIAL_MS = 1000;
const RECONNECT_MAX_MS = 30_000;

/** @type {ReturnType<typeof io> | null} */
let socket = null;
/** @type {'connecting' | 'connected' | 'disconnected'} */
let connection = 'connecting';
/** @type {Map<string, BoardStream>} */
const queueStreams = new Map();
/** @type {BoardStream | null} */
let latestClock = null;
/** The queues whose streams the desk follows, in the order shown. A live binding. @type {string[]} */
export let followedQueues = [];

/** The server's clock when a queue stream has told us its offset, so countdowns match the PBX. */
export function serverNow() {
  return latestClock?.serverNow() ?? Date.now();
}

/** @param {string} queue */
export function queueTile(queue) {
  const entry = queueStreams.get(queue)?.entries[`queue:${queue}`];
  return /** @type {QueueTile | undefined} */ (entry);
}

/** @param {string[]} queues */
export function followQueues(queues) {
  const next = [...new Set(queues)];
  if (socket?.connected) {
    for (const queue of followedQueues) if (!next.includes(queue)) socket.emit('board:unsubscribe', { stream: `queue:${queue}` });
    for (const queue of next) if (!followedQueues.includes(queue)) subscribeQueue(queue);
  }
  for (const queue of followedQueues) if (!next.includes(queue)) queueStreams.delete(queue);
  followedQueues = next;
}

/** @param {string} queue */
function subscribeQueue(queue) {
  if (!socket) return;
  queueStreams.set(queue, new BoardStream(`queue:${queue}`));
  socket.timeout(5000).emit('board:subscribe', { stream: `queue:${queue}` }, (/** @type {Error | null} */ error, /** @type {{ ok: boolean, error?: string } | undefined} */ ack) => {
    if (error || !ack?.ok) console.warn('queue subscription refused', queue, error?.message ?? ack?.error ?? 'no answer');
  });
}

/** @param {string} streamName */
function requestResync(streamName) {
  socket?.timeout(5000).emit('board:resync', { stream: streamName }, (/** @type {Error | null} */ error, /** @type {{ ok: boolean, error?: string } | undefined} */ ack) => {
    if (error || !ack?.ok) console.warn('board:resync failed', streamName, error?.message ?? ack?.error ?? 'no answer');
  });
}

function renderConnection() {
  page.connectionLost.hidden = connection !== 'disconnected';
}

/** @param {DeskSocketHandlers} handlers */
export function connectDeskSocket(handlers) {
  const connected = io({ transports: ['websocket', 'polling'] });
  socket = connected;
  let refusedAttempts = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let retryTimer;

  connected.on('connect', () => {
    refusedAttempts = 0;
    connection = 'connected';
    renderConnection();
    // A new socket has no subscriptions: ask again for every queue (each answers with a snapshot).
    for (const queue of followedQueues) subscribeQueue(queue);
  });
  connected.on('disconnect', (reason) => {
    connection = 'disconnected';
    renderConnection();
    if (reason === 'io server disconnect') connected.connect();
  });
  connected.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      connected.close();
      handlers.onUnauthorized();
      return;
    }
    connection = 'disconnected';
    renderConnection();
    if (!connected.active) {
      clearTimeout(retryTimer);
      const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_INITIAL_MS * 2 ** refusedAttempts++);
      retryTimer = setTimeout(() => connected.connect(), ceiling / 2 + Math.random() * (ceiling / 2));
    }
  });
  connected.on('session:ended', (/** @type {unknown} */ message) => {
    // Sent just before the server disconnects a deactivated user, a changed password, a logout or an expiry: no reconnecting.
    connected.close();
    handlers.onUnauthorized(isRecord(message) && typeof message.reason === 'string' ? message.reason : undefined);
  });
  connected.on('session', (/** @type {unknown} */ message) => {
    if (isRecord(message) && isRecord(message.user) && typeof message.user.displayName === 'string') setText(page.userName, message.user.displayName);
  });
  connected.on('desk:state', (/** @type {unknown} */ message) => {
    if (isDeskState(message)) handlers.onDeskState(message);
    else console.warn('malformed desk:state dropped');
  });
  connected.on('desk:pop', (/** @type {unknown} */ message) => {
    if (isPop(message)) handlers.onPop(message);
    else console.warn('malformed desk:pop dropped');
  });
  connected.on('board:snapshot', (/** @type {unknown} */ message) => {
    if (!isSnapshot(message)) return;
    const stream = queueStreams.get(message.stream.slice('queue:'.length));
    if (!stream) return;
    stream.applySnapshot(message);
    latestClock = stream;
    handlers.onQueuesChanged();
  });
  connected.on('board:delta', (/** @type {unknown} */ message) => {
    if (!isDelta(message)) return;
    const stream = queueStreams.get(message.stream.slice('queue:'.length));
    if (!stream) return;
    const outcome = stream.applyDelta(message);
    latestClock = stream;
    if (outcome === 'applied') handlers.onQueuesChanged();
    else if (outcome === 'gap') requestResync(message.stream);
  });
}
