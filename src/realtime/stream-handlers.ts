import type { Socket } from 'socket.io';
import { z } from 'zod';
import type { UserView } from '../auth/user-store.js';
import { ackOf } from './message-guard.js';
import { EVENTS, type Ack, type StreamName } from './protocol.js';
import type { RejectionReason } from './rejection-log.js';
import { PerKeyInterval } from './socket-limits.js';
import type { StreamHub } from './stream-hub.js';
import { streamNameSchema } from './stream-names.js';

export interface StreamHandlerOptions {
  user: UserView;
  hub: Pick<StreamHub, 'snapshot' | 'authorise'>;
  reject: (reason: RejectionReason, event: string) => void;
}

const streamRequest = z.strictObject({ stream: streamNameSchema });

const INVALID =
  'invalid request: expected { stream: "supervisors" | "relay" | "escalations" | "queue:<name>" | "desk:<user id>" | "inbox:<department>" }';

/** A snapshot of a large board costs far more to send than a resync costs to ask for. */
const RESYNC_INTERVAL_MS = 1000;

/** The snapshot is taken before the join, so a stream's opener publishing its first delta cannot reach this socket ahead of it. */
export function joinStream(socket: Socket, hub: Pick<StreamHub, 'snapshot'>, stream: StreamName): void {
  const snapshot = hub.snapshot(stream);
  void socket.join(stream);
  socket.emit(EVENTS.snapshot, snapshot);
}

/** board:subscribe, board:unsubscribe and board:resync, each answered through its ack. */
export function handleStreamRequests(socket: Socket, options: StreamHandlerOptions): void {
  const { user, hub, reject } = options;
  const resyncs = new PerKeyInterval(RESYNC_INTERVAL_MS);

  const handle = (event: string, run: (stream: StreamName) => Ack): void => {
    socket.on(event, (...args: unknown[]) => {
      const reply = ackOf(args) ?? (() => undefined);
      const request = streamRequest.safeParse(args[0]);
      if (!request.success) {
        reject('invalid-request', event);
        reply({ ok: false, error: INVALID });
        return;
      }
      reply(run(request.data.stream as StreamName));
    });
  };

  handle(EVENTS.subscribe, (stream) => {
    const allowed = hub.authorise(user, stream);
    if (allowed.ok) joinStream(socket, hub, stream);
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
    socket.emit(EVENTS.snapshot, hub.snapshot(stream));
    return { ok: true };
  });
}
