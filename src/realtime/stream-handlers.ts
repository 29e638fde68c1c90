import type { Socket } from 'socket.io';
import { z } from 'zod';
import { isSupervising } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';
import { SUPERVISORS, type BoardPublisher } from './board-publisher.js';
import { ackOf } from './message-guard.js';
import { EVENTS, type Ack, type StreamName } from './protocol.js';
import type { RejectionReason } from './rejection-log.js';
import { PerKeyInterval } from './socket-limits.js';

export interface StreamHandlerOptions {
  user: UserView;
  publisher: Pick<BoardPublisher, 'snapshotFor'>;
  knowsQueue: (name: string) => boolean;
  reject: (reason: RejectionReason, event: string) => void;
}

const streamRequest = z.strictObject({
  stream: z.union([z.literal('supervisors'), z.string().regex(/^queue:[\p{L}\p{N}_.-]{1,80}$/u)]),
});

/** A snapshot of a large board costs far more to send than a resync costs to ask for. */
const RESYNC_INTERVAL_MS = 1000;

export function joinStream(socket: Socket, publisher: Pick<BoardPublisher, 'snapshotFor'>, stream: StreamName): void {
  void socket.join(stream);
  socket.emit(EVENTS.snapshot, publisher.snapshotFor(stream));
}

/** board:subscribe, board:unsubscribe and board:resync, each answered through its ack. */
export function handleStreamRequests(socket: Socket, options: StreamHandlerOptions): void {
  const { user, publisher, reject } = options;
  const resyncs = new PerKeyInterval(RESYNC_INTERVAL_MS);

  const handle = (event: string, run: (stream: StreamName) => Ack): void => {
    socket.on(event, (...args: unknown[]) => {
      const reply = ackOf(args) ?? (() => undefined);
      const request = streamRequest.safeParse(args[0]);
      if (!request.success) {
        reject('invalid-request', event);
        reply({ ok: false, error: 'invalid request: expected { stream: "supervisors" | "queue:<name>" }' });
        return;
      }
      reply(run(request.data.stream as StreamName));
    });
  };

  const mayFollow = (stream: StreamName): Ack => {
    if (stream === SUPERVISORS) return isSupervising(user.role) ? { ok: true } : { ok: false, error: 'forbidden: supervisors only' };
    if (user.role === 'department') return { ok: false, error: 'forbidden: queue status is for agents and supervisors' };
    return options.knowsQueue(stream.slice('queue:'.length)) ? { ok: true } : { ok: false, error: `unknown queue ${stream.slice(6)}` };
  };

  handle(EVENTS.subscribe, (stream) => {
    const allowed = mayFollow(stream);
    if (allowed.ok) joinStream(socket, publisher, stream);
    else reject('forbidden', EVENTS.subscribe);
    return allowed;
  });
  handle(EVENTS.unsubscribe, (stream) => {
    void socket.leave(stream);
    return { ok: true };
  });
  handle(EVENTS.resync, (stream) => {
    if (!socket.rooms.has(stream)) return { ok: false, error: `not subscribed to ${stream}` };
    if (!resyncs.allow(stream)) {
      reject('resync-too-often', EVENTS.resync);
      return { ok: false, error: `too many resyncs of ${stream}: at most one a second` };
    }
    socket.emit(EVENTS.snapshot, publisher.snapshotFor(stream));
    return { ok: true };
  });
}
