/**
 * The department's live inbox: follows `inbox:<department>` on the page's one realtime connection
 * (realtime.js: snapshot, deltas in order, a snapshot again after a gap or a reconnect) and reports which
 * items were set or removed, and the deadline clock's notices. What to do with the news is the page's.
 */

import { connectStreams } from './realtime.js';

/** @typedef {{ set: string[], remove: string[], snapshot: boolean }} InboxNews */

const NOTICES = 'notifications';

/**
 * @param {string} department
 * @param {{ onNews: (news: InboxNews) => void, onConnection: (connected: boolean) => void, onNotifications?: (entry: unknown) => void }} callbacks
 */
export function followInbox(department, callbacks) {
  const name = /** @type {import('../../realtime/protocol.js').StreamName} */ (`inbox:${department}`);
  const client = connectStreams({ onConnection: (state) => callbacks.onConnection(state === 'connected') });
  const unsubscribe = client.subscribe(name, (stream, change) => {
    if (change.kind === 'snapshot') {
      callbacks.onNotifications?.(stream.entries[NOTICES]);
      callbacks.onNews({ set: Object.keys(stream.entries).filter((key) => key !== NOTICES), remove: [], snapshot: true });
      return;
    }
    if (change.set.includes(NOTICES)) callbacks.onNotifications?.(stream.entries[NOTICES]);
    const set = change.set.filter((key) => key !== NOTICES);
    if (set.length > 0 || change.remove.length > 0) callbacks.onNews({ set, remove: change.remove, snapshot: false });
  });
  return {
    /** The server's clock (the stream's messages carry it). */
    serverNow: () => client.serverNow(),
    close: unsubscribe,
  };
}
