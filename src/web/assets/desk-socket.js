/**
 * The desk's socket: the agent's own state (stream `desk:<user id>`), one `queue:<name>` stream per queue
 * the agent serves, both through realtime.js like the wallboard's, so a reconnect recovers them the same
 * way (snapshot, then deltas in order). Screen pops stay events to the agent's room (`desk:pop`): a pop is a
 * moment, not a state to recover, and the server sends the current one again to a desk that reconnects.
 */

import { connectStreams } from './realtime.js';
import { followSiteQueues } from './site-stream.js';
import { isDeskState, isPop } from './desk-messages.js';
import { page, setText } from './desk-page.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */
/** @typedef {import('./desk-api.js').ScreenPop} ScreenPop */
/** @typedef {import('../../realtime/protocol.js').QueueTile} QueueTile */
/** @typedef {import('./realtime.js').RealtimeClient} RealtimeClient */

/**
 * @typedef {object} DeskSocketHandlers
 * @property {(state: DeskState) => void} onDeskState
 * @property {(pop: ScreenPop) => void} onPop
 * @property {() => void} onQueuesChanged a queue stream has new figures
 * @property {(endedBecause?: string) => void} onUnauthorized the session is gone (with the server's `session:ended` reason when it said one)
 */

/** @type {RealtimeClient | null} */
let client = null;
/** @type {Map<string, () => void>} queue → unsubscribe */
const queueSubscriptions = new Map();
/** @type {() => void} */
let queuesChanged = () => undefined;
/** The queues whose streams the desk follows, in the order shown. A live binding. @type {string[]} */
export let followedQueues = [];

/** The server's clock when a stream has told us its offset, so countdowns match the PBX. */
export function serverNow() {
  return client?.serverNow() ?? Date.now();
}

/** @param {string} queue */
export function queueTile(queue) {
  const entry = client?.stream(`queue:${queue}`)?.entries[`queue:${queue}`];
  return /** @type {QueueTile | undefined} */ (entry);
}

/** @param {string[]} queues */
export function followQueues(queues) {
  const next = [...new Set(queues)];
  for (const [queue, unsubscribe] of queueSubscriptions) {
    if (next.includes(queue)) continue;
    unsubscribe();
    queueSubscriptions.delete(queue);
  }
  followedQueues = next;
  subscribeQueues();
}

function subscribeQueues() {
  if (!client) return;
  for (const queue of followedQueues) {
    if (!queueSubscriptions.has(queue)) queueSubscriptions.set(queue, client.subscribe(`queue:${queue}`, () => queuesChanged()));
  }
}

/** @param {DeskSocketHandlers} handlers */
export function connectDeskSocket(handlers) {
  queuesChanged = handlers.onQueuesChanged;
  let deskFollowed = false;
  const connected = connectStreams({
    onConnection: (state) => {
      page.connectionLost.hidden = state !== 'disconnected';
    },
    onUnauthorized: (reason) => handlers.onUnauthorized(reason),
    onSession: (session) => {
      setText(page.userName, session.user.displayName);
      if (deskFollowed) return;
      deskFollowed = true;
      connected.subscribe(`desk:${session.user.id}`, (stream) => {
        const state = stream.entries.state;
        if (state === undefined) return;
        if (isDeskState(state)) handlers.onDeskState(state);
        else console.warn('malformed desk state dropped');
      });
    },
  });
  client = connected;
  subscribeQueues();
  // Queue labels an admin changes reach the queue strip and the pop at once.
  followSiteQueues(connected, () => queuesChanged());
  connected.socket.on('desk:pop', (/** @type {unknown} */ message) => {
    if (isPop(message)) handlers.onPop(message);
    else console.warn('malformed desk:pop dropped');
  });
}
