import { expect } from 'chai';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import winston from 'winston';
import { AuthError, AuthService } from '../../src/auth/auth-service.js';
import { HashGate } from '../../src/auth/hash-gate.js';
import { LoginLimiter, type AddressSlowdown } from '../../src/auth/login-limiter.js';
import { PasswordHasher } from '../../src/auth/passwords.js';
import type { Role } from '../../src/auth/roles.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { KnexUserStore } from '../../src/auth/user-store.js';
import { errorHandler, notFound } from '../../src/http/errors.js';
import { authRoutes } from '../../src/http/routes/auth.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startSystem, waitFor } from '../support/system.js';
import { TEST_HASHER } from '../support/test-hasher.js';

const SECRET = 'integration-test-secret-0123456789abcdef';
const PASSWORD = 'Erciyes-153-dağ';
const WRONG = 'Yanlış-parola-153';
const WINDOW_MS = 15 * 60_000;
const NO_SLOWDOWN: AddressSlowdown = { freeFailures: 10_000, delayMs: 0, maxDelayMs: 0 };

/** Counts password checks and, while `hold` is set, keeps them waiting: attempts stay in flight for as long as a test needs. */
class ObservedHasher extends PasswordHasher {
  checks = 0;
  running = 0;
  maxRunning = 0;
  private held: Promise<void> | undefined;
  private releaseHeld = (): void => {};

  hold(): void {
    this.held = new Promise((resolve) => (this.releaseHeld = resolve));
  }

  release(): void {
    this.held = undefined;
    this.releaseHeld();
  }

  override async verify(password: string, stored: string): Promise<boolean> {
    this.checks += 1;
    this.running += 1;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      await this.held;
      return await super.verify(password, stored);
    } finally {
      this.running -= 1;
    }
  }
}

function capturingLogger(): { logger: winston.Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      raw.push(chunk.toString());
      callback();
    },
  });
  const logger = winston.createLogger({ level: 'debug', format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] });
  return {
    logger,
    raw,
    get lines() {
      return raw.map((line) => JSON.parse(line) as Record<string, unknown>);
    },
  };
}

describe(`auth: login limits, slowdown and hash bound (${testEngine()})`, () => {
  let test: TestDatabase;
  let users: KnexUserStore;
  let server: Server | undefined;
  let base: string;
  let services: AuthService[] = [];
  let hashers: ObservedHasher[] = [];

  const observedHasher = (): ObservedHasher => {
    const hasher = new ObservedHasher(TEST_HASHER.params);
    hashers.push(hasher);
    return hasher;
  };

  const addUser = (username: string, role: Role) => users.create({ username, displayName: `Test ${username}`, role, password: PASSWORD });

  const service = (options: { hasher?: PasswordHasher; gate?: HashGate; maxFailures?: number; perAddress?: AddressSlowdown; logger?: winston.Logger } = {}): AuthService => {
    const auth = new AuthService({
      users,
      signer: new TokenSigner({ secret: SECRET, ttlMs: 60 * 60_000 }),
      limiter: new LoginLimiter({ maxFailures: options.maxFailures ?? 5, windowMs: WINDOW_MS, perAddress: options.perAddress ?? NO_SLOWDOWN }),
      gate: options.gate ?? new HashGate({ maxConcurrent: 2, maxWaiting: 64 }),
      hasher: options.hasher ?? TEST_HASHER,
      logger: options.logger ?? capturingLogger().logger,
    });
    services.push(auth);
    return auth;
  };

  /** The login route behind a loopback proxy, so each request can name its client address. */
  const serve = async (auth: AuthService): Promise<void> => {
    const app = express();
    app.set('trust proxy', 'loopback');
    app.use(express.json());
    app.use('/api', authRoutes({ auth, users, cookieSecure: false }));
    app.use(notFound);
    app.use(errorHandler(capturingLogger().logger));
    server = createServer(app);
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  const login = async (username: string, password: string, address = '10.0.0.1'): Promise<{ status: number; retryAfter: string | null }> => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ username, password }),
    });
    await response.arrayBuffer();
    return { status: response.status, retryAfter: response.headers.get('retry-after') };
  };

  beforeEach(async () => {
    test = await createTestDatabase();
    users = new KnexUserStore(test.db, { hasher: TEST_HASHER });
  });

  afterEach(async () => {
    // A failed assertion can leave held logins behind: they must finish before their database goes.
    for (const hasher of hashers) hasher.release();
    await waitFor(() => services.every(({ loginStats }) => loginStats.hashing + loginStats.waiting === 0), 10_000, 'logins in flight to finish');
    services = [];
    hashers = [];
    server?.closeAllConnections();
    if (server) await new Promise((resolve) => server!.close(resolve));
    server = undefined;
    await test.destroy();
  });

  it('lets at most maxFailures of 50 concurrent wrong logins for one user and address reach the password check; the rest, and the right password inside the burst, get 429', async () => {
    await addUser('ali', 'agent');
    const hasher = observedHasher();
    const auth = service({ hasher, maxFailures: 5 });
    await serve(auth);
    hasher.hold();
    const burst = Array.from({ length: 50 }, () => login('ali', WRONG));
    const admittedOrRefused = (): number => auth.loginStats.hashing + auth.loginStats.waiting + auth.loginStats.refused;
    await waitFor(() => admittedOrRefused() === 50, 10_000, 'every attempt of the burst to be admitted or refused');
    expect(auth.loginStats.hashing + auth.loginStats.waiting, 'attempts on their way to the password check').to.equal(5);
    const rightInsideBurst = await login('ali', PASSWORD);
    hasher.release();
    const answers = await Promise.all(burst);
    expect(rightInsideBurst.status, 'the right password after the limit').to.equal(429);
    expect(answers.filter((answer) => answer.status === 401)).to.have.length(5);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited).to.have.length(45);
    for (const answer of [...limited, rightInsideBurst]) expect(Number(answer.retryAfter)).to.be.within(WINDOW_MS / 1000 - 30, WINDOW_MS / 1000);
    expect(hasher.checks).to.equal(5);
    expect((await login('ali', PASSWORD, '10.0.0.2')).status, 'the same user from another address').to.equal(200);
  });

  it('computes at most maxConcurrentHashes password checks at once and answers 503 with Retry-After once the queue is full', async () => {
    const hasher = observedHasher();
    const auth = service({ hasher, gate: new HashGate({ maxConcurrent: 1, maxWaiting: 2 }) });
    await serve(auth);
    hasher.hold();
    const inside = [0, 1, 2].map((i) => login(`ghost${i}`, WRONG, `10.0.1.${i}`));
    await waitFor(() => auth.loginStats.hashing === 1 && auth.loginStats.waiting === 2, 10_000, 'one hash running and two logins waiting');
    const full = await Promise.all([login('ghost3', WRONG, '10.0.1.3'), login('ghost4', WRONG, '10.0.1.4')]);
    hasher.release();
    expect((await Promise.all(inside)).map((answer) => answer.status)).to.deep.equal([401, 401, 401]);
    expect(full).to.deep.equal([
      { status: 503, retryAfter: '1' },
      { status: 503, retryAfter: '1' },
    ]);
    expect(hasher.maxRunning).to.equal(1);
    expect(auth.loginStats).to.deep.include({ busy: 2, loginFailures: 3, hashing: 0, waiting: 0 });
  });

  it('keeps a database read answering during a burst of 30 logins: scrypt cannot take every libuv thread the database driver needs', async () => {
    // Real scrypt work per login; the gate leaves two of libuv's four threads to sqlite3.
    const auth = service({ hasher: new PasswordHasher({ cost: 2 ** 14, blockSize: 8, parallelism: 1 }), gate: new HashGate({ maxConcurrent: 2, maxWaiting: 64 }) });
    let finished = 0;
    const burst = Array.from({ length: 30 }, (_, i) =>
      auth.login(`ghost${i}`, WRONG, `10.0.2.${i}`).then(
        () => (finished += 1),
        (error: unknown) => {
          expect(error).to.be.instanceOf(AuthError);
          finished += 1;
        },
      ),
    );
    await new Promise((resolve) => setImmediate(resolve));
    const read = await test.db('users').count({ total: '*' });
    const finishedAtRead = finished;
    await Promise.all(burst);
    expect(read).to.have.length(1);
    expect(finished).to.equal(30);
    expect(finishedAtRead, 'logins done before the read could answer').to.be.below(10);
  });

  it('never locks an address out: after 25 failed logins with random usernames from it, admin, supervisor and an agent log in from it, slowed down', async () => {
    await addUser('admin', 'admin');
    await addUser('supervisor', 'supervisor');
    await addUser('ajan1', 'agent');
    const log = capturingLogger();
    const auth = service({ maxFailures: 5, perAddress: { freeFailures: 20, delayMs: 20, maxDelayMs: 100 }, logger: log.logger });
    await serve(auth);
    const failures: number[] = [];
    for (let i = 0; i < 25; i += 1) failures.push((await login(`random-${Math.random().toString(36).slice(2, 10)}`, WRONG, '10.0.3.1')).status);
    expect(failures).to.deep.equal(Array.from({ length: 25 }, () => 401));
    for (const username of ['admin', 'supervisor', 'ajan1']) expect((await login(username, PASSWORD, '10.0.3.1')).status, username).to.equal(200);
    expect(auth.loginStats).to.deep.include({ loginFailures: 25, lockouts: 0, refused: 0, slowed: 8 });
    const lines = log.lines;
    expect(lines.filter((line) => line.message === 'login failed')).to.have.length(25);
    const slowedWarnings = lines.filter((line) => line.message === 'login slowed down for address' && line.level === 'warn');
    expect(slowedWarnings).to.have.length(1);
    expect(slowedWarnings[0]).to.deep.include({ client: '10.0.3.1', reason: 'more than 20 failed logins from this address within 15 min' });
  });

  it('logs each failed login and the lock-out at warn with its reason, counts them, and never logs a password', async () => {
    await addUser('ali', 'agent');
    const log = capturingLogger();
    const auth = service({ maxFailures: 3, logger: log.logger });
    await serve(auth);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await login('ali', `${WRONG}-${i}`, '10.0.4.1')).status);
    for (let i = 0; i < 3; i += 1) statuses.push((await login('Ali', PASSWORD, '10.0.4.1')).status);
    expect(statuses).to.deep.equal([401, 401, 401, 429, 429, 429]);
    expect(auth.loginStats).to.deep.include({ loginFailures: 3, lockouts: 1, refused: 3 });
    const lines = log.lines;
    const failed = lines.filter((line) => line.message === 'login failed');
    expect(failed.map((line) => [line.level, line.username, line.client, line.outcome])).to.deep.equal(Array.from({ length: 3 }, () => ['info', 'ali', '10.0.4.1', 'wrong-password']));
    const lockouts = lines.filter((line) => line.message === 'login locked out');
    expect(lockouts).to.have.length(1);
    expect(lockouts[0]).to.deep.include({
      level: 'warn',
      username: 'ali',
      client: '10.0.4.1',
      reason: '3 failed or unfinished logins for this username from this address within 15 min',
      retryAfterSeconds: WINDOW_MS / 1000,
    });
    expect(log.raw.join('\n')).to.not.contain(WRONG).and.not.contain(PASSWORD);
  });

  it('reports failed logins, lock-outs and slowed attempts on /healthz', async () => {
    const system = await startSystem();
    try {
      const response = await fetch(`${system.app.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'nobody', password: WRONG }),
      });
      expect(response.status).to.equal(401);
      const health = (await (await fetch(`${system.app.url}/healthz`)).json()) as { components: Record<string, unknown> };
      expect(health.components.login).to.deep.equal({ ok: true, loginFailures: 1, lockouts: 0, refused: 0, slowed: 0, busy: 0, hashUpgrades: 0, hashing: 0, waiting: 0 });
    } finally {
      await system.stop();
    }
  });
});
