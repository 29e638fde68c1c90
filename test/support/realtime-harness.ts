import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Authentication } from '../../src/auth/auth-service.js';
import type { UserView } from '../../src/auth/user-store.js';
import { createOriginPolicy } from '../../src/http/origin-policy.js';
import type { BoardEntries } from '../../src/realtime/protocol.js';
import { attachRealtime, type Realtime, type RealtimeOptions } from '../../src/realtime/socket-server.js';
import { createStreamHub, type StreamHub } from '../../src/realtime/stream-hub.js';
import { capturingEntriesLogger } from './capturing-logger.js';

export const TEST_LIMITS = { messagesPerSecond: 10, burst: 30, maxBufferedBytes: 1_048_576, revocationCheckMs: 500 };

export function testUser(id: number, role: UserView['role'], overrides: Partial<UserView> = {}): UserView {
  return { id, username: `${role}${id}`, displayName: `Test ${role}`, role, phoneInterface: null, department: null, active: true, tokenVersion: 0, createdAt: new Date(), lastLoginAt: null, queues: null, mustChangePassword: false, ...overrides };
}

/** Deltas on demand, of any size, to the supervisors stream of a real hub. */
export class FakePublisher {
  private pushed = 0;
  constructor(readonly hub: StreamHub) {}
  push(bytes: number): void {
    this.pushed += 1;
    // The count makes every push a change, so the hub publishes each one.
    const set = { 'agent:PJSIP/agent1': { name: 'x'.repeat(bytes), pushed: this.pushed } } as unknown as BoardEntries;
    this.hub.patch('supervisors', set);
  }
}

export interface RealtimeHarness {
  url: string;
  port: number;
  realtime: Realtime;
  publisher: FakePublisher;
  /** Every log line, from debug up. */
  lines: Array<Record<string, unknown>>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Token → user; any other token is refused as missing. */
  users: Record<string, UserView>;
  limits?: Partial<RealtimeOptions['limits']>;
  sessions?: RealtimeOptions['sessions'];
}

/** The real socket server on a plain HTTP server that also answers /healthz, with a logger the test reads. */
export async function startRealtimeHarness(options: HarnessOptions): Promise<RealtimeHarness> {
  const { logger, lines } = capturingEntriesLogger();
  const server: HttpServer = createServer((request, response) => {
    response.writeHead(request.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok');
  });
  const hub = createStreamHub({ logger, access: { knowsQueue: (name) => name === 'alo153-genel' } });
  const publisher = new FakePublisher(hub);
  const realtime = attachRealtime(server, {
    auth: {
      authenticate: async (token): Promise<Authentication> => {
        const found = token === undefined ? undefined : options.users[token];
        return found ? { ok: true, user: found, expiresAt: Date.now() + 3_600_000 } : { ok: false, reason: 'missing' };
      },
    },
    hub,
    logger,
    limits: { ...TEST_LIMITS, ...options.limits },
    origins: createOriginPolicy([]),
    sessions: options.sessions,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    realtime,
    publisher,
    lines,
    close: async () => {
      const closed = realtime.close();
      server.closeAllConnections();
      await closed;
    },
  };
}
