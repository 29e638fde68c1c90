import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import { RevokedTokens } from '../../src/auth/revoked-tokens.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import { createHttpApp } from '../../src/http/app.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { FakeUserStore } from '../fakes/fake-user-store.js';

const SECRET = 'http-origin-guard-test-secret-0123456789';
const PASSWORD = 'doğru-parola-153';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

describe('HTTP origin and content-type guard', () => {
  let server: Server;
  let base: string;
  let users: FakeUserStore;
  let auth: AuthService;
  let adminToken: string;
  let adminId: number;

  const start = async (publicOrigins?: string[]): Promise<void> => {
    server = createServer(createHttpApp({ tickets: new FakeTicketStore(), health: async () => ({ status: 'ok', components: {} }), logger: createTestLogger(), auth, users, cookieSecure: false, publicOrigins }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  before(async () => {
    users = new FakeUserStore();
    adminId = (await users.create({ username: 'yonetici', displayName: 'Yönetici', role: 'admin', password: PASSWORD })).id;
  });

  beforeEach(() => {
    const signer = new TokenSigner({ secret: SECRET, ttlMs: 3_600_000 });
    auth = new AuthService({ users, signer, limiter: new LoginLimiter({ maxFailures: 50, windowMs: 60_000 }), logger: createTestLogger(), revoked: new RevokedTokens() });
    // Signed directly: a password hash per test would only slow the suite down.
    adminToken = signer.sign({ sub: adminId, role: 'admin', ver: 0 }).token;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const send = async (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> => {
    const response = await fetch(`${base}${path}`, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  const json = { 'content-type': 'application/json' };
  const loginBody = JSON.stringify({ username: 'yonetici', password: PASSWORD });
  const newUser = (username: string) => JSON.stringify({ username, displayName: 'Yeni', role: 'agent', password: 'yeni-parola-1530' });
  const stillSignedIn = async (token: string) => (await auth.authenticate(token)).ok;
  const userExists = async (username: string) => (await users.list()).some((user) => user.username === username);

  describe('with no public origins configured (the server\'s own origin)', () => {
    beforeEach(() => start());

    it('refuses a logout, a login and a user creation from a page on another port of the same host, and changes nothing', async () => {
      const foreign = { origin: 'http://127.0.0.1:1' };
      const logout = await send('POST', '/api/auth/logout', { ...foreign, cookie: `alo153_session=${adminToken}` });
      expect(logout.status).to.equal(403);
      expect(logout.body).to.deep.include({ details: { code: 'cross-origin' } });
      expect(logout.body.error).to.match(/cross-origin request refused \(Origin: http:\/\/127\.0\.0\.1:1\)/);
      expect(await stillSignedIn(adminToken)).to.equal(true);

      const login = await send('POST', '/api/auth/login', { ...foreign, ...json }, loginBody);
      expect(login.status).to.equal(403);

      const create = await send('POST', '/api/users', { ...foreign, ...json, authorization: `Bearer ${adminToken}` }, newUser('sahte1'));
      expect(create.status).to.equal(403);
      expect(await userExists('sahte1')).to.equal(false);
    });

    it('refuses Sec-Fetch-Site same-site or cross-site, with or without an Origin that looks like ours', async () => {
      for (const site of ['same-site', 'cross-site']) {
        const bare = await send('POST', '/api/auth/logout', { 'sec-fetch-site': site, cookie: `alo153_session=${adminToken}` });
        expect(bare.status, site).to.equal(403);
        expect(bare.body.error, site).to.include(`Sec-Fetch-Site: ${site}`);
        const withOrigin = await send('POST', '/api/auth/logout', { 'sec-fetch-site': site, origin: base, cookie: `alo153_session=${adminToken}` });
        expect(withOrigin.status, site).to.equal(403);
      }
      expect(await stillSignedIn(adminToken)).to.equal(true);
    });

    it('refuses an opaque Origin (sandboxed frame, file page, cross-origin redirect)', async () => {
      const create = await send('POST', '/api/users', { origin: 'null', ...json, authorization: `Bearer ${adminToken}` }, newUser('sahte2'));
      expect(create.status).to.equal(403);
      expect(await userExists('sahte2')).to.equal(false);
    });

    it('lets the server\'s own pages, and API clients that send no Origin, change state', async () => {
      const page = { origin: base, 'sec-fetch-site': 'same-origin' };
      expect((await send('POST', '/api/auth/login', { ...page, ...json }, loginBody)).status).to.equal(200);
      expect((await send('POST', '/api/users', { ...page, ...json, authorization: `Bearer ${adminToken}` }, newUser('gercek1'))).status).to.equal(201);
      expect((await send('POST', '/api/users', { ...json, authorization: `Bearer ${adminToken}` }, newUser('gercek2'))).status).to.equal(201);
      const logout = await send('POST', '/api/auth/logout', { ...page, cookie: `alo153_session=${adminToken}` });
      expect(logout.status).to.equal(204);
      expect(await stillSignedIn(adminToken)).to.equal(false);
    });

    it('leaves reads alone: a cross-site GET is answered (the browser keeps it from the other page)', async () => {
      const read = await send('GET', '/api/auth/me', { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site', authorization: `Bearer ${adminToken}` });
      expect(read.status).to.equal(200);
    });

    it('answers a body that is not JSON with 415 (no-cors text/plain, a form post, no type at all) and changes nothing', async () => {
      const bearer = { authorization: `Bearer ${adminToken}` };
      const textPlain = await send('POST', '/api/users', { ...bearer, 'content-type': 'text/plain;charset=UTF-8' }, newUser('metin1'));
      expect(textPlain.status).to.equal(415);
      expect(textPlain.body).to.deep.equal({ error: 'request body must be application/json', details: { code: 'unsupported-media-type', contentType: 'text/plain' } });
      const form = await send('POST', '/api/users', { ...bearer, 'content-type': 'application/x-www-form-urlencoded' }, 'username=metin2&role=admin');
      expect(form.status).to.equal(415);
      const untyped = await fetch(`${base}/api/users`, { method: 'POST', headers: bearer, body: new Blob([newUser('metin3')]) });
      expect(untyped.status).to.equal(415);
      const typedButEmpty = await send('POST', '/api/auth/logout', { 'content-type': 'text/plain', cookie: `alo153_session=${adminToken}` });
      expect(typedButEmpty.status).to.equal(415);
      expect(await userExists('metin1')).to.equal(false);
      expect(await userExists('metin3')).to.equal(false);
      expect(await stillSignedIn(adminToken)).to.equal(true);
    });

    it('takes JSON with a charset parameter, and a logout with no body and no type', async () => {
      expect((await send('POST', '/api/auth/login', { 'content-type': 'Application/JSON; charset=utf-8' }, loginBody)).status).to.equal(200);
      expect((await send('POST', '/api/auth/logout', { cookie: `alo153_session=${adminToken}` })).status).to.equal(204);
      expect(await stillSignedIn(adminToken)).to.equal(false);
    });
  });

  describe('with public origins configured', () => {
    beforeEach(() => start(['https://alo153.belediye.gov.tr', 'http://10.0.0.5:3000']));

    it('allows exactly the configured origins, not the Host the request was sent to', async () => {
      for (const origin of ['https://alo153.belediye.gov.tr', 'http://10.0.0.5:3000']) {
        const login = await send('POST', '/api/auth/login', { origin, ...json }, loginBody);
        expect(login.status, origin).to.equal(200);
      }
      for (const origin of [base, 'http://alo153.belediye.gov.tr', 'https://alo153.belediye.gov.tr:8443', 'https://masa.belediye.gov.tr', 'http://10.0.0.5:3001']) {
        const create = await send('POST', '/api/users', { origin, ...json, authorization: `Bearer ${adminToken}` }, newUser('yabanci'));
        expect(create.status, origin).to.equal(403);
      }
      expect(await userExists('yabanci')).to.equal(false);
    });
  });
});
