/**
 * The department's live inbox: follows `inbox:<department>` over socket.io (board protocol, see
 * src/realtime/protocol.ts) and reports which items were set or removed. A gap in the sequence asks for a
 * fresh snapshot; a reconnect gets one anyway. What to do with the news is the page's (it reloads its page).
 */

import { BoardStream } from './board-stream.js';
import { redirectToLogin } from './realtime.js';

/** @typedef {{ set: string[], remove: string[], snapshot: boolean }} InboxNews */

/**
 * @param {string} department
 * @param {{ onNews: (news: InboxNews) => void, onConnection: (connected: boolean) => void, onNotifications?: (entry: unknown) => void }} callbacks
 */
export function followInbox(department, callbacks) {
  const name = /** @type {import('../../realtime/protocol.js').StreamName} */ (`inbox:${department}`);
  const stream = new BoardStream(name);
  const socket = io({ transports: ['websocket', 'polling'] });

  const subscribe = () => {
    stream.expectSnapshot();
    socket.timeout(5000).emit('board:subscribe', { stream: name }, (/** @type {Error | null} */ error, /** @type {{ ok: boolean, error?: string } | undefined} */ ack) => {
      if (error || !ack?.ok) console.warn('inbox subscribe failed', error?.message ?? ack?.error ?? 'no answer');
    });
  };

  socket.on('connect', () => {
    callbacks.onConnection(true);
    subscribe();
  });
  socket.on('disconnect', () => callbacks.onConnection(false));
  socket.on('connect_error', (error) => {
    if (error.message === 'unauthorized') {
      socket.close();
      redirectToLogin();
      return;
    }
    callbacks.onConnection(false);
  });
  socket.on('session:ended', (/** @type {{ reason?: unknown } | undefined} */ message) => {
    socket.close();
    redirectToLogin(typeof message?.reason === 'string' ? message.reason : undefined);
  });
  socket.on('board:snapshot', (/** @type {import('../../realtime/protocol.js').BoardSnapshotMessage} */ message) => {
    if (message?.stream !== name || typeof message.entries !== 'object') return;
    stream.applySnapshot(message);
    callbacks.onNotifications?.(stream.entries.notifications);
    callbacks.onNews({ set: Object.keys(message.entries).filter((key) => key !== 'notifications'), remove: [], snapshot: true });
  });
  socket.on('board:delta', (/** @type {import('../../realtime/protocol.js').BoardDeltaMessage} */ message) => {
    if (message?.stream !== name || typeof message.set !== 'object' || !Array.isArray(message.remove)) return;
    const outcome = stream.applyDelta(message);
    if (outcome === 'applied' && 'notifications' in message.set) callbacks.onNotifications?.(stream.entries.notifications);
    const set = Object.keys(message.set).filter((key) => key !== 'notifications');
    if (outcome === 'applied' && (set.length > 0 || message.remove.length > 0)) callbacks.onNews({ set, remove: message.remove.filter((key) => typeof key === 'string'), snapshot: false });
    else if (outcome === 'gap') socket.emit('board:resync', { stream: name }, () => undefined);
  });

  return {
    /** The server's clock (the stream's messages carry it). */
    serverNow: () => stream.serverNow(),
    close: () => socket.close(),
  };
}
