import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { AuthService } from '../auth/auth-service.js';
import { isSupervising } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';
import type { AppConfig } from '../config/schema.js';
import { readCookie, SESSION_COOKIE } from '../http/auth-middleware.js';
import type { OriginPolicy } from '../http/origin-policy.js';
import type { Logger } from '../logging/logger.js';
import { guardMessages } from './message-guard.js';
import { EVENTS, type SessionEndedMessage, type SessionEndReason, type SessionMessage, type StreamName } from './protocol.js';
import { RejectionLog, type RejectionReason } from './rejection-log.js';
import { SessionSweeper, type UserSessionState } from './session-sweeper.js';
import { dropConnection, watchUnsentOutput } from './socket-output.js';
import { handleStreamRequests, joinStream } from './stream-handlers.js';
import type { StreamHub } from './stream-hub.js';

/** Where live sockets' users are re-read (the users table), and told of changes this process makes itself. */
export interface SessionSource {
  sessionStates(userIds: number[]): Promise<UserSessionState[]>;
  onSessionsEnded?(listener: (userId: number, reason: SessionEndReason) => void): void;
}

export interface RealtimeOptions {
  auth: Pick<AuthService, 'authenticate'>;
  /** The streams: their snapshots, who may follow which, and the deltas to send to each stream's room. */
  hub: Pick<StreamHub, 'onDelta' | 'snapshot' | 'authorise'>;
  logger: Logger;
  limits: AppConfig['realtime'];
  /** Browser handshakes (Origin / Sec-Fetch-Site) from other origins are refused before any cookie is read. */
  origins: OriginPolicy;
  /** Deactivations and password changes: the user's sockets end within `limits.revocationCheckMs`. */
  sessions?: SessionSource;
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

export interface RealtimeCounters {
  connected: number;
  refused: number;
  refusedOrigin: number;
  rejectedMessages: number;
  sessionsEnded: number;
  outputOverflows: number;
}

export interface Realtime {
  readonly io: Server;
  readonly counters: RealtimeCounters;
  /** Ends every socket of the user now (a change made in this process); returns how many. */
  endSessions(userId: number, reason: SessionEndReason): number;
  close(): Promise<void>;
}

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
 * `auth.token`); supervisors are joined to `supervisors`, everyone to `agent:<id>` (screen pops); other
 * streams are joined on request, as the hub authorises. Each joined stream starts with a snapshot, then
 * receives the hub's deltas.
 */
export function attachRealtime(httpServer: HttpServer, options: RealtimeOptions): Realtime {
  const { logger, hub, limits } = options;
  const counters: RealtimeCounters = { connected: 0, refused: 0, refusedOrigin: 0, rejectedMessages: 0, sessionsEnded: 0, outputOverflows: 0 };
  const rejections = new RejectionLog(logger);
  const io = new Server(httpServer, {
    serveClient: true,
    maxHttpBufferSize: 16 * 1024,
    pingInterval: 10_000,
    pingTimeout: 5_000,
    // A page on another port of this host is the same *site*, so a SameSite=Strict cookie still comes along.
    allowRequest: (request: IncomingMessage, callback) => {
      const decision = options.origins.check(request.headers);
      if (decision.allowed) return callback(null, true);
      counters.refusedOrigin += 1;
      const origin = String(request.headers.origin ?? request.headers['sec-fetch-site'] ?? '-').slice(0, 100);
      rejections.record(`origin:${origin}`, { origin }, 'foreign-origin');
      callback(decision.reason, false);
    },
  });

  const endSession = (socket: Socket, reason: SessionEndReason): void => {
    if (!socket.connected) return;
    counters.sessionsEnded += 1;
    logger.info('socket session ended', { user: (socket.data as SocketData).user.username, socket: socket.id, reason });
    const message: SessionEndedMessage = { reason };
    socket.emit(EVENTS.sessionEnded, message);
    socket.disconnect(true);
  };
  const endSessions = (userId: number, reason: SessionEndReason): number => {
    let ended = 0;
    for (const socket of io.of('/').sockets.values()) {
      if ((socket.data as SocketData).user.id !== userId) continue;
      endSession(socket, reason);
      ended += 1;
    }
    return ended;
  };

  // socket.io encodes a broadcast before it looks for the room's sockets: a delta of a stream nobody has joined
  // (the board between shifts, a queue stream after its last viewer left) would be JSON-encoded for no one.
  const stopDeltas = hub.onDelta((delta) => {
    if (io.of('/').adapter.rooms.get(delta.stream)?.size) io.to(delta.stream).emit(EVENTS.delta, delta);
  });
  options.revocations?.onRevoke((token) => {
    for (const socket of io.of('/').sockets.values()) if ((socket.data as SocketData).token === token) endSession(socket, 'revoked');
  });
  options.sessions?.onSessionsEnded?.((userId, reason) => endSessions(userId, reason));
  const sessions = options.sessions;
  const sweeper = sessions
    ? new SessionSweeper({
        intervalMs: limits.revocationCheckMs,
        sessions: function* () {
          for (const socket of io.of('/').sockets.values()) {
            const { user } = socket.data as SocketData;
            yield { userId: user.id, tokenVersion: user.tokenVersion, end: (reason: SessionEndReason) => endSession(socket, reason) };
          }
        },
        lookup: (userIds) => sessions.sessionStates(userIds),
        onLookupFailed: (error) => logger.warn('live sockets not checked against user changes: the database did not answer', { error: error.message }),
        onLookupRecovered: () => logger.info('live sockets checked against user changes again'),
      })
    : undefined;
  sweeper?.start();

  io.use((socket, next) => {
    const token = tokenOf(socket);
    options.auth.authenticate(token).then(
      (result) => {
        if (!result.ok) {
          counters.refused += 1;
          next(Object.assign(new Error('unauthorized'), { data: { reason: result.reason } }));
          return;
        }
        // An admin's one-time password: nothing live until the user chose their own (the login page asks).
        if (result.user.mustChangePassword) {
          counters.refused += 1;
          next(Object.assign(new Error('unauthorized'), { data: { reason: 'password-change-required' } }));
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
    const reject = (reason: RejectionReason, event: string): void => {
      counters.rejectedMessages += 1;
      rejections.record(socket.id, { user: user.username, socket: socket.id }, reason, event);
    };
    guardMessages(socket, { messagesPerSecond: limits.messagesPerSecond, burst: limits.burst, reject });
    watchUnsentOutput(socket, limits.maxBufferedBytes, (unsentBytes) => {
      counters.outputOverflows += 1;
      logger.warn('socket disconnected: it stopped reading', { user: user.username, socket: socket.id, unsentBytes, limitBytes: limits.maxBufferedBytes });
      dropConnection(socket);
    });
    // The session ends with its token: the screen must log in again rather than watch on forever.
    const expiry = setTimeout(() => endSession(socket, 'expired'), Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS));
    socket.on('disconnect', () => {
      clearTimeout(expiry);
      rejections.flush(socket.id);
    });

    const streams: StreamName[] = isSupervising(user.role) ? ['supervisors'] : [];
    void socket.join(`agent:${user.id}`);
    const session: SessionMessage = {
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
      streams,
      expiresAt,
    };
    socket.emit(EVENTS.session, session);
    for (const stream of streams) joinStream(socket, hub, stream);
    handleStreamRequests(socket, { user, hub, reject });
    try {
      options.onConnection?.(socket, user);
    } catch (error) {
      logger.error('socket connection hook failed', { user: user.username, error: (error as Error).message });
    }
  });

  return {
    io,
    counters,
    endSessions,
    close: () => {
      sweeper?.stop();
      stopDeltas();
      rejections.close();
      return new Promise<void>((resolve) => void io.close(() => resolve()));
    },
  };
}
