import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Knex } from 'knex';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import type { Role } from '../../src/auth/roles.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { KnexUserStore, type UserView } from '../../src/auth/user-store.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createHttpApp, type HttpAppDeps } from '../../src/http/app.js';
import type { Logger } from '../../src/logging/logger.js';
import { TEST_HASHER } from './test-hasher.js';

export const TEST_ACCOUNT_PASSWORD = 'Erciyes-153-dağ';

export interface TestAccount {
  username: string;
  role: Role;
  department?: string;
  phoneInterface?: string;
}

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export interface TestHttpApp {
  /** http://127.0.0.1:<port> */
  base: string;
  users: Record<string, UserView>;
  /** A session token per account, logged in through the real AuthService. */
  tokens: Record<string, string>;
  /** A JSON request as `who` (null: without a session); the reply's body parsed as JSON. */
  call<T = Record<string, unknown>>(method: string, path: string, who: string | null, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  close(): Promise<void>;
}

export interface TestHttpAppOptions {
  db: Knex;
  logger: Logger;
  accounts: readonly TestAccount[];
  /** The routes under test (tickets defaults to a plain KnexTicketStore); auth, users, health and cookies are the helper's. */
  deps?: Partial<Omit<HttpAppDeps, 'auth' | 'users' | 'health' | 'cookieSecure' | 'logger'>>;
}

/** The HTTP app on a free local port, with `accounts` created and signed in: what every route test needs before its first request. */
export async function startTestHttpApp(options: TestHttpAppOptions): Promise<TestHttpApp> {
  const { db, logger } = options;
  const userStore = new KnexUserStore(db, { hasher: TEST_HASHER });
  const signer = new TokenSigner({ secret: 'http-route-test-secret-0123456789abcdef', ttlMs: 3_600_000 });
  const auth = new AuthService({ users: userStore, signer, limiter: new LoginLimiter({ maxFailures: 5, windowMs: 60_000 }), hasher: TEST_HASHER, logger });
  const users: Record<string, UserView> = {};
  const tokens: Record<string, string> = {};
  for (const { username, ...extra } of options.accounts) {
    users[username] = await userStore.create({ username, displayName: `Test ${username}`, password: TEST_ACCOUNT_PASSWORD, ...extra });
    tokens[username] = (await auth.login(username, TEST_ACCOUNT_PASSWORD, 'test')).token;
  }
  const app = createHttpApp({ tickets: new KnexTicketStore(db), ...options.deps, health: async () => ({ status: 'ok', components: {} }), auth, users: userStore, cookieSecure: false, logger });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    users,
    tokens,
    async call<T>(method: string, path: string, who: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Reply<T>> {
      const all: Record<string, string> = { ...(who === null ? {} : { authorization: `Bearer ${tokens[who] ?? ''}` }), ...headers };
      if (body !== undefined) all['content-type'] = 'application/json';
      const response = await fetch(`${base}${path}`, { method, headers: all, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: response.status, body: (await response.json()) as T };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
