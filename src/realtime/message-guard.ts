import type { Socket } from 'socket.io';
import type { Ack } from './protocol.js';
import type { RejectionReason } from './rejection-log.js';
import { TokenBucket } from './socket-limits.js';

export interface MessageGuardOptions {
  messagesPerSecond: number;
  burst: number;
  reject: (reason: RejectionReason, event: string) => void;
}

/** The ack socket.io appends to a packet when the sender passed a callback. */
export function ackOf(args: readonly unknown[]): ((answer: Ack) => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (answer: Ack) => void) : undefined;
}

/**
 * Every packet from the screen passes here before any handler: over the socket's rate it is
 * answered with an error ack (when it has one) or dropped; an event nothing listens to is refused
 * the same way. socket.io calls onAny listeners before this middleware, so none are used for checks.
 */
export function guardMessages(socket: Socket, options: MessageGuardOptions): void {
  const bucket = new TokenBucket(options.messagesPerSecond, options.burst);
  socket.use((packet, next) => {
    const event = String(packet[0]);
    const ack = ackOf(packet);
    if (!bucket.take()) {
      options.reject('rate-limited', event);
      ack?.({ ok: false, error: `rate limited: at most ${options.messagesPerSecond} messages a second` });
      return;
    }
    if (socket.listeners(event).length === 0) {
      options.reject('unknown-event', event);
      ack?.({ ok: false, error: 'unknown event' });
      return;
    }
    next();
  });
}
