import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import type { AuthService } from '../auth/auth-service.js';
import { isSupervising } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';
import { readCookie, SESSION_COOKIE } from '../http/auth-middleware.js';
import type { Logger } from '../logging/logger.js';
import { SUPERVISORS, type BoardPublisher } from './board-publisher.js';
import { EVENTS, type Ack, type SessionMessage, type StreamName } from './protocol.js';

export interface RealtimeOptions {
  auth: Pick<AuthService, 'authenticate'>;
  publisher: BoardPublisher;
  /** Whether a queue name may be followed (a live queue or one with calls today). */
  knowsQueue: (name: string) => boolean;
  logger: Logger;
  /** Logouts: the sockets opened with that token are closed at once. */
  revocations?: { onRevoke(listener: (token: string) => void): void };
  /** Called for every authenticated connection after `session` (the desk sends its state and current pop). */
  onConnection?: (socket: Socket, user: UserView) => void;
}

export interface SocketData {
  user: UserView;
  expiresAt: number;
  token: string;
}

export interface Realtime {
  readonly io: Server;
  readonly counters: { connected: number; refused: number; rejectedMessages: number };
  close(): Promise<void>;
}

const streamRequest = z.strictObject({
  stream: z.union([z.literal('supervisors'), z.string().regex(/^queue:[\p{L}\p{N}_.-]{1,80}$/u)]),
});

/** setTimeout's limit: a token living longer than ~24.8 days would fire at once. */
const MAX_TIMER_MS = 2_147_483_647;

function tokenOf(socket: Socket): string | undefined {
  const fromAuth: unknown = socket.handshake.auth?.token;
  if (typeof fromAuth === 'string' && fromAuth !== '') return fromAuth;
  const header = socket.handshake.headers.authorization;
  if (typeof header === 'string' && header.startsWith('Bearer ')) return header.slice(7).trim();
  return readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
}

/**
 * socket.io for the screens. Every connection is authenticated at the handshake (cookie, bearer or
 * `auth.token`); supervisors are joined to `supervisors`, everyone to `agent:<id>`; queue streams are
 * joined on request. Each joined stream starts with a snapshot, then receives the publisher's deltas.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const { logger, publisher } = options;
  const counters = { connected: 0, refused: 0, rejectedMessages: 0 };
  const io = new Server(httpServer, {
    serveClient: true,
    maxHttpBufferSize: 16 * 1024,
    pingInterval: 10_000,
    pingTimeout: 5_000,
  });

  publisher.onDelta((delta) => io.to(delta.stream).emit(EVENTS.delta, delta));
  options.revocations?.onRevoke((token) => {
    for (const socket of io.sockets.sockets.values()) if ((socket.data as SocketData).token === token) socket.disconnect(true);
  });

  io.use((socket, next) => {
    const token = tokenOf(socket);
    options.auth.authenticate(token).then(
      (result) => {
        if (!result.ok) {
          counters.refused += 1;
          next(Object.assign(new Error('unauthorized'), { data: { reason: result.reason } }));
          return;
        }
        const data: SocketData = { user: result.user, expiresAt: result.expiresAt, token: token ?? '' };
        socket.data = data;
        next();
      },
      (error: unknown) => {
        logger.error('socket authentication failed', { error: (error as Error).message });
        next(Object.assign(new Error('unauthorized'), { data: { reason: 'unavailable' } }));
      },
    );
  });

  io.on('connection', (socket) => {
    counters.connected += 1;
    const { user, expiresAt } = socket.data as SocketData;
    const joinStream = (stream: StreamName): void => {
      void socket.join(stream);
      socket.emit(EVENTS.snapshot, publisher.snapshotFor(stream));
    };

    const streams: StreamName[] = isSupervising(user.role) ? [SUPERVISORS] : [];
    void socket.join(`agent:${user.id}`);
    const session: SessionMessage = {
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
      streams,
      expiresAt,
    };
    socket.emit(EVENTS.session, session);
    for (const stream of streams) joinStream(stream);
    try {
      options.onConnection?.(socket, user);
    } catch (error) {
      logger.error('socket connection hook failed', { user: user.username, error: (error as Error).message });
    }

    // The session ends with its token: the screen must log in again rather than watch on forever.
    const expiry = setTimeout(() => socket.disconnect(true), Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
    socket.on('disconnect', () => clearTimeout(expiry));

    const handle = (event: string, run: (stream: StreamName) => Ack): void => {
      socket.on(event, (raw: unknown, ack: unknown) => {
        const reply = typeof ack === 'function' ? (ack as (answer: Ack) => void) : () => undefined;
        const request = streamRequest.safeParse(raw);
        if (!request.success) {
          counters.rejectedMessages += 1;
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
      if (allowed.ok) joinStream(stream);
      else logger.warn('stream refused', { user: user.username, role: user.role, stream });
      return allowed;
    });
    handle(EVENTS.unsubscribe, (stream) => {
      void socket.leave(stream);
      return { ok: true };
    });
    handle(EVENTS.resync, (stream) => {
      if (!socket.rooms.has(stream)) return { ok: false, error: `not subscribed to ${stream}` };
      socket.emit(EVENTS.snapshot, publisher.snapshotFor(stream));
      return { ok: true };
    });
    socket.onAny((event: string) => {
      if ((Object.values(EVENTS) as string[]).includes(event)) return;
      counters.rejectedMessages += 1;
      logger.warn('unknown socket message ignored', { user: user.username, event: event.slice(0, 40) });
    });
  });

  return {
    io,
    counters,
    close: () => new Promise<void>((resolve) => void io.close(() => resolve())),
  };
}
