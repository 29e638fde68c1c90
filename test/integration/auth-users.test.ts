import { expect } from 'chai';
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { ZodError } from 'zod';
import { AuthError, AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import { PasswordHasher, productionHasher, verifyPassword } from '../../src/auth/passwords.js';
import type { Role } from '../../src/auth/roles.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { runUserCli } from '../../src/auth/user-cli.js';
import { KnexUserStore, UnknownDepartmentError, UserExistsError, type UserView } from '../../src/auth/user-store.js';
import { errorHandler, notFound } from '../../src/http/errors.js';
import { authRoutes } from '../../src/http/routes/auth.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { rejection } from '../support/rejection.js';
import { TEST_HASHER } from '../support/test-hasher.js';

const SECRET = 'integration-test-secret-0123456789abcdef';
const TTL_MS = 30 * 60_000;
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 3;
const PASSWORD = 'Erciyes-153-dağ';

async function authErrorOf(promise: Promise<unknown>): Promise<AuthError> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(AuthError);
  return error as AuthError;
}

describe(`auth: users, sessions, routes and CLI (${testEngine()})`, () => {
  let test: TestDatabase;
  let users: KnexUserStore;
  let clock: number;
  let auth: AuthService;

  const addUser = (username: string, role: Role, extra: { phoneInterface?: string; department?: string } = {}): Promise<UserView> =>
    users.create({ username, displayName: `Test ${username}`, role, password: PASSWORD, ...extra });

  const serviceWith = (hasher: PasswordHasher, store: KnexUserStore = users): AuthService =>
    new AuthService({
      users: store,
      signer: new TokenSigner({ secret: SECRET, ttlMs: TTL_MS, now: () => clock }),
      limiter: new LoginLimiter({ maxFailures: MAX_FAILURES, windowMs: WINDOW_MS }),
      hasher,
      logger: createTestLogger(),
      now: () => new Date(clock),
    });

  beforeEach(async () => {
    test = await createTestDatabase();
    clock = Date.UTC(2026, 10, 28, 9, 0, 0);
    users = new KnexUserStore(test.db, { now: () => new Date(clock), hasher: TEST_HASHER });
    auth = serviceWith(TEST_HASHER);
  });

  afterEach(async () => {
    await test.destroy();
  });

  describe('user store', () => {
    it('creates a user with a lower-cased username and finds it by id, username and phone interface', async () => {
      const created = await users.create({
        username: 'Ayse.Yilmaz',
        displayName: 'Ayşe Yılmaz Öztürk',
        role: 'agent',
        password: PASSWORD,
        phoneInterface: 'PJSIP/agent12',
        department: 'beyaz-masa',
      });
      expect(created).to.deep.include({
        username: 'ayse.yilmaz',
        displayName: 'Ayşe Yılmaz Öztürk',
        role: 'agent',
        phoneInterface: 'PJSIP/agent12',
        department: 'beyaz-masa',
        active: true,
        tokenVersion: 0,
        lastLoginAt: null,
      });
      expect(created.createdAt.toISOString()).to.equal(new Date(clock).toISOString());
      expect(created).to.not.have.property('passwordHash');
      expect(await users.findById(created.id)).to.deep.equal(created);
      expect(await users.findByInterface('PJSIP/agent12')).to.deep.equal(created);
      const withHash = await users.findByUsername('AYSE.yilmaz');
      expect(withHash?.id).to.equal(created.id);
      expect(await verifyPassword(PASSWORD, withHash?.passwordHash ?? '')).to.equal(true);
      expect(await users.findByUsername('nobody')).to.equal(undefined);
      expect(await users.findById(9999)).to.equal(undefined);
      await addUser('mehmet', 'supervisor');
      expect((await users.list()).map((user) => user.username)).to.deep.equal(['ayse.yilmaz', 'mehmet']);
      expect(await users.count()).to.equal(2);
    });

    it('refuses a duplicate username or phone interface, naming the field', async () => {
      await addUser('ali', 'agent', { phoneInterface: 'PJSIP/agent1' });
      const sameName = await rejection(addUser('ALI', 'admin'));
      expect(sameName).to.be.instanceOf(UserExistsError);
      expect((sameName as UserExistsError).field).to.equal('username');
      const sameInterface = await rejection(addUser('veli', 'agent', { phoneInterface: 'PJSIP/agent1' }));
      expect(sameInterface).to.be.instanceOf(UserExistsError);
      expect((sameInterface as UserExistsError).field).to.equal('phoneInterface');
      expect(await users.count()).to.equal(1);
    });

    it('refuses an unknown department, a weak password and malformed fields', async () => {
      const department = await rejection(addUser('ali', 'department', { department: 'no-such-department' }));
      expect(department).to.be.instanceOf(UnknownDepartmentError);
      expect((department as Error).message).to.contain('no-such-department');
      const weak = await rejection(users.create({ username: 'ali', displayName: 'Ali', role: 'agent', password: 'aaaaaaaaaaaa' }));
      expect(weak).to.be.instanceOf(ZodError);
      expect((weak as ZodError).issues.map((issue) => issue.path.join('.'))).to.deep.equal(['password']);
      const malformed = await rejection(
        users.create({ username: 'a b', displayName: '<script>', role: 'root' as Role, password: PASSWORD, phoneInterface: 'agent12' }),
      );
      expect((malformed as ZodError).issues.map((issue) => issue.path.join('.')).sort()).to.deep.equal(['displayName', 'phoneInterface', 'role', 'username']);
      expect(await users.count()).to.equal(0);
    });

    it('bumps the token version when the password changes or the account is deactivated', async () => {
      const user = await addUser('ali', 'agent');
      clock += 1000;
      await users.setPassword(user.id, 'Yeni-şifre-2026');
      const changed = await users.findByUsername('ali');
      expect(changed?.tokenVersion).to.equal(1);
      expect(await verifyPassword('Yeni-şifre-2026', changed?.passwordHash ?? '')).to.equal(true);
      expect(await verifyPassword(PASSWORD, changed?.passwordHash ?? '')).to.equal(false);
      expect(await rejection(users.setPassword(user.id, 'short'))).to.be.instanceOf(ZodError);
      await users.setActive(user.id, false);
      expect(await users.findById(user.id)).to.deep.include({ active: false, tokenVersion: 2 });
      await users.recordLogin(user.id, new Date('2026-11-28T10:00:00Z'));
      expect((await users.findById(user.id))?.lastLoginAt?.toISOString()).to.equal('2026-11-28T10:00:00.000Z');
    });
  });

  describe('auth service', () => {
    it('logs in, records the login and authenticates the token', async () => {
      const user = await addUser('ali', 'supervisor');
      const login = await auth.login('Ali', PASSWORD, '10.0.0.1');
      expect(login.expiresAt).to.equal(clock + TTL_MS);
      expect(login.user).to.not.have.property('passwordHash');
      expect(login.user.id).to.equal(user.id);
      expect((await users.findById(user.id))?.lastLoginAt?.getTime()).to.equal(clock);
      const session = await auth.authenticate(login.token);
      expect(session.ok && session.user.username).to.equal('ali');
      expect(session.ok && session.expiresAt).to.equal(clock + TTL_MS);
    });

    it('answers a wrong password and an unknown user alike, each after a full password check at the production parameters', async () => {
      const production = new KnexUserStore(test.db, { hasher: productionHasher });
      await production.create({ username: 'ali', displayName: 'Ali', role: 'agent', password: PASSWORD });
      const realAuth = serviceWith(productionHasher, production);
      let started = performance.now();
      expect((await authErrorOf(realAuth.login('ali', 'wrong-password-1', '10.0.0.1'))).code).to.equal('invalid-credentials');
      const wrongPasswordMs = performance.now() - started;
      started = performance.now();
      expect((await authErrorOf(realAuth.login('nobody', 'wrong-password-1', '10.0.0.2'))).code).to.equal('invalid-credentials');
      const unknownUserMs = performance.now() - started;
      expect(unknownUserMs).to.be.greaterThan(wrongPasswordMs * 0.3);
    });

    it('says inactive only after the right password', async () => {
      const user = await addUser('ali', 'agent');
      await users.setActive(user.id, false);
      expect((await authErrorOf(auth.login('ali', 'wrong-password-1', '10.0.0.1'))).code).to.equal('invalid-credentials');
      expect((await authErrorOf(auth.login('ali', PASSWORD, '10.0.0.1'))).code).to.equal('inactive');
    });

    it('revokes existing tokens after a password change or deactivation', async () => {
      const user = await addUser('ali', 'agent');
      const first = await auth.login('ali', PASSWORD, '10.0.0.1');
      await users.setPassword(user.id, 'Yeni-şifre-2026');
      expect(await auth.authenticate(first.token)).to.deep.equal({ ok: false, reason: 'revoked' });
      const second = await auth.login('ali', 'Yeni-şifre-2026', '10.0.0.1');
      expect((await auth.authenticate(second.token)).ok).to.equal(true);
      await users.setActive(user.id, false);
      expect(await auth.authenticate(second.token)).to.deep.equal({ ok: false, reason: 'revoked' });
    });

    it('reports missing, malformed, forged and expired tokens', async () => {
      await addUser('ali', 'agent');
      const { token } = await auth.login('ali', PASSWORD, '10.0.0.1');
      expect(await auth.authenticate(undefined)).to.deep.equal({ ok: false, reason: 'missing' });
      expect(await auth.authenticate('garbage')).to.deep.equal({ ok: false, reason: 'malformed' });
      const forged = new TokenSigner({ secret: 'x'.repeat(40), ttlMs: TTL_MS, now: () => clock }).sign({ sub: 1, role: 'admin', ver: 0 });
      expect(await auth.authenticate(forged.token)).to.deep.equal({ ok: false, reason: 'bad-signature' });
      clock += TTL_MS;
      expect(await auth.authenticate(token)).to.deep.equal({ ok: false, reason: 'expired' });
    });

    it('locks a username out from one address after N failures, even with the right password, but not from another address', async () => {
      await addUser('ali', 'agent');
      for (let i = 0; i < MAX_FAILURES; i += 1) {
        clock += 1000;
        await authErrorOf(auth.login('ali', `wrong-password-${i}`, '10.0.0.1'));
      }
      const blocked = await authErrorOf(auth.login('ALI', PASSWORD, '10.0.0.1'));
      expect(blocked.code).to.equal('rate-limited');
      expect(blocked.retryAfterMs).to.be.within(WINDOW_MS - 30_000, WINDOW_MS);
      expect((await auth.login('ali', PASSWORD, '10.0.0.2')).user.username, 'another address').to.equal('ali');
    });

    it("upgrades an old N=16384 hash to OWASP's N=131072 at the next successful login; sessions and the password stay valid", async () => {
      const legacy = new KnexUserStore(test.db, { hasher: new PasswordHasher({ cost: 16384, blockSize: 8, parallelism: 1 }) });
      const user = await legacy.create({ username: 'eski', displayName: 'Eski Kullanıcı', role: 'agent', password: PASSWORD });
      const before = await users.findByUsername('eski');
      expect(before?.passwordHash).to.match(/^scrypt\$16384\$8\$1\$/);
      const realAuth = serviceWith(productionHasher);
      const first = await realAuth.login('eski', PASSWORD, '10.0.0.1');
      const after = await users.findByUsername('eski');
      expect(after?.passwordHash).to.match(/^scrypt\$131072\$8\$1\$/);
      expect(after?.tokenVersion, 'no session ended').to.equal(before?.tokenVersion);
      expect(realAuth.loginStats.hashUpgrades).to.equal(1);
      expect((await realAuth.authenticate(first.token)).ok).to.equal(true);
      expect((await realAuth.login('eski', PASSWORD, '10.0.0.1')).user.id).to.equal(user.id);
      expect((await users.findByUsername('eski'))?.passwordHash, 'no second upgrade').to.equal(after?.passwordHash);
      expect(realAuth.loginStats.hashUpgrades).to.equal(1);
    });

    it('leaves an old hash alone after a wrong password, and never overwrites a password changed meanwhile', async () => {
      const legacy = new KnexUserStore(test.db, { hasher: new PasswordHasher({ cost: 16384, blockSize: 8, parallelism: 1 }) });
      const user = await legacy.create({ username: 'eski', displayName: 'Eski Kullanıcı', role: 'agent', password: PASSWORD });
      const stored = (await users.findByUsername('eski'))?.passwordHash ?? '';
      const realAuth = serviceWith(productionHasher);
      expect((await authErrorOf(realAuth.login('eski', 'wrong-password-1', '10.0.0.1'))).code).to.equal('invalid-credentials');
      expect((await users.findByUsername('eski'))?.passwordHash).to.equal(stored);
      expect(realAuth.loginStats.hashUpgrades).to.equal(0);
      await users.setPassword(user.id, 'Yeni-şifre-2026');
      expect(await users.replacePasswordHash(user.id, stored, await TEST_HASHER.hash(PASSWORD))).to.equal(false);
      expect(await verifyPassword('Yeni-şifre-2026', (await users.findByUsername('eski'))?.passwordHash ?? '')).to.equal(true);
    });
  });

  describe('HTTP routes', () => {
    let server: Server;
    let base: string;

    const start = async (cookieSecure: boolean): Promise<void> => {
      const app = express();
      app.use(express.json());
      app.use('/api', authRoutes({ auth, users, cookieSecure }));
      app.use(notFound);
      app.use(errorHandler(createTestLogger()));
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };

    const call = async (method: string, path: string, options: { body?: unknown; token?: string; cookie?: string } = {}) => {
      const headers: Record<string, string> = {};
      if (options.body !== undefined) headers['content-type'] = 'application/json';
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.cookie) headers.cookie = options.cookie;
      const response = await fetch(`${base}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
    };

    const loginAs = async (username: string): Promise<string> => {
      const response = await call('POST', '/api/auth/login', { body: { username, password: PASSWORD } });
      expect(response.status).to.equal(200);
      return String(response.body?.token);
    };

    beforeEach(async () => {
      // The HTTP layer computes the cookie lifetime from the wall clock.
      clock = Date.now();
      await addUser('admin', 'admin');
      await addUser('sup', 'supervisor');
      await addUser('agent1', 'agent', { phoneInterface: 'PJSIP/agent1' });
    });

    afterEach(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('logs in with a session cookie that scripts cannot read, and the cookie or bearer token identify the user', async () => {
      await start(false);
      const login = await call('POST', '/api/auth/login', { body: { username: 'agent1', password: PASSWORD } });
      expect(login.status).to.equal(200);
      expect(login.body?.expiresAt).to.equal(clock + TTL_MS);
      expect(login.body?.user).to.deep.include({ username: 'agent1', role: 'agent' });
      expect(login.body?.user).to.not.have.property('passwordHash');
      const cookie = login.headers.get('set-cookie') ?? '';
      expect(cookie).to.match(/^alo153_session=v1\.[^;]+; HttpOnly; SameSite=Strict; Path=\/; Max-Age=(1799|1800)$/);
      const token = String(login.body?.token);
      expect(cookie).to.contain(token);

      const byBearer = await call('GET', '/api/auth/me', { token });
      expect(byBearer.status).to.equal(200);
      expect(byBearer.body).to.deep.include({ expiresAt: clock + TTL_MS });
      expect(byBearer.body?.user).to.deep.include({ username: 'agent1' });
      const byCookie = await call('GET', '/api/auth/me', { cookie: `theme=dark; alo153_session=${token}` });
      expect((byCookie.body?.user as UserView | undefined)?.username).to.equal('agent1');
    });

    it('marks the cookie Secure when configured, and logout clears it', async () => {
      await start(true);
      const login = await call('POST', '/api/auth/login', { body: { username: 'agent1', password: PASSWORD } });
      expect(login.headers.get('set-cookie')).to.match(/; Secure$/);
      const logout = await call('POST', '/api/auth/logout');
      expect(logout.status).to.equal(204);
      expect(logout.headers.get('set-cookie')).to.equal('alo153_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0; Secure');
    });

    it('answers 401 for wrong credentials or no session, with the reason for a bad token', async () => {
      await start(false);
      const wrong = await call('POST', '/api/auth/login', { body: { username: 'agent1', password: 'wrong-password-1' } });
      expect(wrong).to.deep.include({ status: 401, body: { error: 'invalid username or password' } });
      const unknown = await call('POST', '/api/auth/login', { body: { username: 'ghost', password: 'wrong-password-1' } });
      expect(unknown).to.deep.include({ status: 401, body: { error: 'invalid username or password' } });
      expect(await call('GET', '/api/auth/me')).to.deep.include({ status: 401, body: { error: 'authentication required' } });
      expect(await call('GET', '/api/auth/me', { token: 'not-a-token' })).to.deep.include({
        status: 401,
        body: { error: 'authentication required', details: { reason: 'malformed' } },
      });
      const forged = new TokenSigner({ secret: 'y'.repeat(40), ttlMs: TTL_MS }).sign({ sub: 1, role: 'admin', ver: 0 });
      expect(await call('GET', '/api/users', { cookie: `alo153_session=${forged.token}` })).to.deep.include({
        status: 401,
        body: { error: 'authentication required', details: { reason: 'bad-signature' } },
      });
      const extraField = await call('POST', '/api/auth/login', { body: { username: 'agent1', password: PASSWORD, role: 'admin' } });
      expect(extraField.status).to.equal(400);
    });

    it('answers 429 with Retry-After once a username is rate-limited, and 403 for a deactivated account', async () => {
      await start(false);
      for (let i = 0; i < MAX_FAILURES; i += 1) await call('POST', '/api/auth/login', { body: { username: 'sup', password: `wrong-password-${i}` } });
      const limited = await call('POST', '/api/auth/login', { body: { username: 'sup', password: PASSWORD } });
      expect(limited.status).to.equal(429);
      expect(limited.body?.error).to.match(/too many/);
      expect(Number(limited.headers.get('retry-after'))).to.be.within(WINDOW_MS / 1000 - 5, WINDOW_MS / 1000);
      const agent = await users.findByUsername('agent1');
      await users.setActive(agent?.id ?? 0, false);
      expect(await call('POST', '/api/auth/login', { body: { username: 'agent1', password: PASSWORD } })).to.deep.include({
        status: 403,
        body: { error: 'account is deactivated' },
      });
    });

    it('lets supervisors list users but not agents, and only admins create them', async () => {
      await start(false);
      const agentToken = await loginAs('agent1');
      const supervisorToken = await loginAs('sup');
      const adminToken = await loginAs('admin');
      const denied = await call('GET', '/api/users', { token: agentToken });
      expect(denied.status).to.equal(403);
      expect(denied.body?.error).to.equal('forbidden: agent may not GET /api/users');
      const listed = await call('GET', '/api/users', { token: supervisorToken });
      expect(listed.status).to.equal(200);
      const items = listed.body?.items as Record<string, unknown>[];
      expect(items.map((user) => user.username)).to.deep.equal(['admin', 'agent1', 'sup']);
      for (const item of items) expect(item).to.not.have.property('passwordHash');

      const newUser = { username: 'Zeynep', displayName: 'Zeynep Çelik', role: 'agent', password: 'Talas-153-ğüş', phoneInterface: 'PJSIP/agent7' };
      expect((await call('POST', '/api/users', { token: supervisorToken, body: newUser })).status).to.equal(403);
      expect((await call('POST', '/api/users', { body: newUser })).status).to.equal(401);
      const created = await call('POST', '/api/users', { token: adminToken, body: newUser });
      expect(created.status).to.equal(201);
      expect(created.body).to.deep.include({ username: 'zeynep', displayName: 'Zeynep Çelik', role: 'agent', phoneInterface: 'PJSIP/agent7', active: true });
      expect(created.body).to.not.have.property('passwordHash');
      expect((await call('POST', '/api/auth/login', { body: { username: 'zeynep', password: 'Talas-153-ğüş' } })).status).to.equal(200);

      const duplicate = await call('POST', '/api/users', { token: adminToken, body: { ...newUser, username: 'zeynep2' } });
      expect(duplicate).to.deep.include({ status: 409, body: { error: 'phone interface PJSIP/agent7 already belongs to another user', details: { field: 'phoneInterface' } } });
      const weak = await call('POST', '/api/users', { token: adminToken, body: { ...newUser, username: 'zeynep3', phoneInterface: null, password: 'short' } });
      expect(weak.status).to.equal(400);
      expect(weak.body?.details).to.deep.equal([{ path: 'password', message: 'password must be at least 10 characters long' }]);
    });
  });

  describe('user CLI', () => {
    const run = async (argv: string[], options: { stdin?: string; env?: NodeJS.ProcessEnv } = {}): Promise<{ code: number; lines: string[] }> => {
      const lines: string[] = [];
      const code = await runUserCli(argv, { stdin: Readable.from([options.stdin ?? '']), stdout: (line) => lines.push(line), env: options.env ?? {}, db: test.db });
      return { code, lines };
    };

    it('adds a user with the password from stdin, then lists it', async () => {
      const added = await run(['add', '--username', 'Fatma', '--role', 'supervisor', '--name', 'Fatma Şahin', '--interface', 'PJSIP/agent3', '--department', 'zabita'], {
        stdin: `${PASSWORD}\nignored second line\n`,
      });
      expect(added.code).to.equal(0);
      expect(added.lines).to.have.length(1);
      expect(added.lines[0]).to.match(/^added \d+\tfatma\tsupervisor\tactive\tFatma Şahin\tPJSIP\/agent3\tzabita$/);
      expect(await verifyPassword(PASSWORD, (await users.findByUsername('fatma'))?.passwordHash ?? '')).to.equal(true);
      const listed = await run(['list']);
      expect(listed).to.deep.include({ code: 0 });
      expect(listed.lines).to.have.length(1);
      expect(listed.lines[0]).to.contain('fatma\tsupervisor');
    });

    it('refuses a weak password, an unknown role, a duplicate and a missing option with exit code 1', async () => {
      const weak = await run(['add', '--username', 'ali', '--role', 'agent', '--name', 'Ali'], { stdin: 'aaaaaaaaaaaaaa\n' });
      expect(weak.code).to.equal(1);
      expect(weak.lines.join('\n')).to.contain('password: password must contain at least 4 different characters');
      const role = await run(['add', '--username', 'ali', '--role', 'root', '--name', 'Ali'], { stdin: `${PASSWORD}\n` });
      expect(role.code).to.equal(1);
      expect(role.lines[0]).to.match(/^user: role: /);
      expect(await users.count()).to.equal(0);
      await addUser('ali', 'agent');
      const duplicate = await run(['add', '--username', 'ALI', '--role', 'agent', '--name', 'Ali'], { stdin: `${PASSWORD}\n` });
      expect(duplicate).to.deep.equal({ code: 1, lines: ['user: username ali is already taken'] });
      const missing = await run(['passwd'], { stdin: `${PASSWORD}\n` });
      expect(missing.code).to.equal(1);
      expect(missing.lines[0]).to.equal('user: --username is required');
      expect((await run(['add', '--username', 'veli', '--password', 'x'])).code, 'no --password option').to.equal(1);
      expect((await run(['frobnicate'])).code).to.equal(1);
      expect(await users.count()).to.equal(1);
    });

    it('changes a password from the environment, ending old sessions, and deactivates a user', async () => {
      const user = await addUser('ali', 'agent');
      const passwd = await run(['passwd', '--username', 'ali'], { env: { ALO153_NEW_PASSWORD: 'Yeni-şifre-2026' }, stdin: 'not this one\n' });
      expect(passwd).to.deep.equal({ code: 0, lines: ['password changed for ali; their sessions have ended'] });
      const changed = await users.findByUsername('ali');
      expect(changed?.tokenVersion).to.equal(1);
      expect(await verifyPassword('Yeni-şifre-2026', changed?.passwordHash ?? '')).to.equal(true);
      expect((await run(['passwd', '--username', 'nobody'], { stdin: `${PASSWORD}\n` })).code).to.equal(1);
      const deactivated = await run(['deactivate', '--username', 'ali']);
      expect(deactivated.code).to.equal(0);
      expect((await users.findById(user.id))?.active).to.equal(false);
      expect((await run(['list'])).lines[0]).to.contain('\tinactive\t');
    });
  });
});
