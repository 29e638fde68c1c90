import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/http/app.js';
import type { HealthReport } from '../../src/http/routes/health.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { FakeUserStore } from '../fakes/fake-user-store.js';
import { AuthService } from '../../src/auth/auth-service.js';
import { LoginLimiter } from '../../src/auth/login-limiter.js';
import { TEST_HASHER } from '../support/test-hasher.js';
import { TokenSigner } from '../../src/auth/tokens.js';
import type { QueueReader } from '../../src/http/routes/queues.js';
import type { QueueKpis } from '../../src/queues/kpis.js';

const SECRET = 'http-api-test-secret-0123456789abcdef';
const PASSWORD = 'doğru-parola-153';

describe('HTTP API', () => {
  let server: Server;
  let base: string;
  let store: FakeTicketStore;
  let health: HealthReport;
  let token: string;
  let agentToken: string;

  beforeEach(async () => {
    store = new FakeTicketStore();
    health = { status: 'ok', components: { ari: { ok: true } } };
    const users = new FakeUserStore();
    const logger = createTestLogger();
    const auth = new AuthService({ users, signer: new TokenSigner({ secret: SECRET, ttlMs: 3_600_000 }), limiter: new LoginLimiter({ maxFailures: 5, windowMs: 60_000 }), hasher: TEST_HASHER, logger });
    await users.create({ username: 'nuray', displayName: 'Nuray Şahin', role: 'supervisor', password: PASSWORD });
    await users.create({ username: 'ajan1', displayName: 'Ajan Bir', role: 'agent', password: PASSWORD });
    await users.create({ username: 'fen', displayName: 'Fen İşleri', role: 'department', password: PASSWORD });
    token = (await auth.login('nuray', PASSWORD, 'test')).token;
    agentToken = (await auth.login('ajan1', PASSWORD, 'test')).token;
    // Trusts the loopback proxy, as a site behind nginx on the same host would.
    server = createServer(createHttpApp({ tickets: store, health: async () => health, logger, auth, users, cookieSecure: false, trustProxy: 'loopback', webDir: 'src/web' }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answeredAt = new Date('2026-11-28T10:00:00Z');
    await store.openCallTicket({ callId: '00000000-0000-4000-8000-000000000001', channelId: '1.1', callerNumber: '05321234567', callerName: '', startedAt: answeredAt, answeredAt });
    await store.openCallTicket({ callId: '00000000-0000-4000-8000-000000000002', channelId: '1.2', callerNumber: '05329999999', callerName: '', startedAt: answeredAt, answeredAt });
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = async (path: string, bearer: string | null = token): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${base}${path}`, { headers: bearer === null ? {} : { authorization: `Bearer ${bearer}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('lists tickets newest first, filtered by phone', async () => {
    const all = await get('/api/tickets');
    expect(all.status).to.equal(200);
    expect(all.body.total).to.equal(2);
    const mine = await get('/api/tickets?phone=05321234567');
    expect((mine.body.items as Array<{ number: string }>).map((t) => t.number)).to.deep.equal(['153-2026-000001']);
  });

  it('returns one ticket with its history, and 404 for an unknown number', async () => {
    const one = await get('/api/tickets/153-2026-000002');
    expect(one.status).to.equal(200);
    expect(one.body.number).to.equal('153-2026-000002');
    expect(one.body.callIds).to.deep.equal(['00000000-0000-4000-8000-000000000002']);
    expect((one.body.events as unknown[]).length).to.be.greaterThan(0);
    expect((await get('/api/tickets/153-2026-999999')).status).to.equal(404);
  });

  it('returns a call by id', async () => {
    const call = await get('/api/calls/00000000-0000-4000-8000-000000000001');
    expect(call.status).to.equal(200);
    expect(call.body.channelId).to.equal('1.1');
    expect(call.body).to.include({ leftIvrAt: null, endedAt: null, agent: null, agentName: null, waitS: null, talkS: null, outcome: null });
  });

  it('answers bad parameters with 400 and says what is wrong', async () => {
    const cases = ['/api/tickets?limit=0', '/api/tickets?limit=abc', '/api/tickets?status=lost', "/api/tickets?phone=1'%20OR%201=1", '/api/tickets?bogus=1', '/api/tickets/DROP', '/api/calls/not-a-uuid'];
    for (const path of cases) {
      const response = await get(path);
      expect(response.status, path).to.equal(400);
      expect(response.body.error, path).to.equal('invalid request');
      expect((response.body.details as unknown[]).length, path).to.be.greaterThan(0);
    }
  });

  it('answers a malformed JSON body with 400 and a JSON error, and an oversized one with 413', async () => {
    const bad = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"description": "çöp' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: string }).error).to.be.a('string');
    const huge = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ description: 'x'.repeat(100_000) }) });
    expect(huge.status).to.equal(413);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await get('/api/nothing');
    expect(response.status).to.equal(404);
    expect(response.body.error).to.match(/no route/);
  });

  it('reports health with 200 when all is up and 503 when a component is down', async () => {
    expect((await get('/healthz')).status).to.equal(200);
    health = { status: 'degraded', components: { ari: { ok: false, state: 'connecting' } } };
    const degraded = await get('/healthz');
    expect(degraded.status).to.equal(503);
    expect(degraded.body.status).to.equal('degraded');
  });

  it('refuses every /api route but login without a session, and says why when the token is bad', async () => {
    for (const path of ['/api/tickets', '/api/tickets/153-2026-000001', '/api/calls/00000000-0000-4000-8000-000000000001', '/api/auth/me']) {
      const response = await get(path, null);
      expect(response.status, path).to.equal(401);
    }
    const forged = await get('/api/tickets', `${token.slice(0, -4)}AAAA`);
    expect(forged.status).to.equal(401);
    expect(forged.body.details).to.deep.equal({ reason: 'bad-signature' });
  });

  it('shows a department user without a department no tickets and no calls, and lets agents read them', async () => {
    const departmentToken = (await (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fen', password: PASSWORD }) })).json()) as { token: string };
    const departmentList = await get('/api/tickets', departmentToken.token);
    expect(departmentList.status).to.equal(200);
    expect(departmentList.body).to.deep.include({ items: [], total: 0 });
    expect((await get('/api/tickets/153-2026-000001', departmentToken.token)).status).to.equal(404);
    expect((await get('/api/calls/00000000-0000-4000-8000-000000000001', departmentToken.token)).status).to.equal(403);
    expect((await get('/api/tickets', agentToken)).body.total).to.equal(2);
  });

  it('sends a visitor without a session from the wallboard to the login page, and an agent gets 403', async () => {
    const anonymous = await fetch(`${base}/wallboard`, { redirect: 'manual' });
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.get('location')).to.equal('/login?next=%2Fwallboard');
    const agent = await fetch(`${base}/wallboard`, { redirect: 'manual', headers: { cookie: `alo153_session=${agentToken}` } });
    expect(agent.status).to.equal(403);
    const supervisor = await fetch(`${base}/wallboard`, { headers: { cookie: `alo153_session=${token}` } });
    expect(supervisor.status).to.equal(200);
    expect(supervisor.headers.get('content-security-policy')).to.include("script-src 'self'");
    expect(await supervisor.text()).to.include('<html');
  });

  it('lets a department user open the desk, and sends them there from the root', async () => {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'fen', password: PASSWORD }) });
    const cookie = `alo153_session=${((await login.json()) as { token: string }).token}`;
    const desk = await fetch(`${base}/desk`, { redirect: 'manual', headers: { cookie } });
    expect(desk.status).to.equal(200);
    expect(await desk.text()).to.include('data-testid="department-tickets"');
    const root = await fetch(`${base}/`, { redirect: 'manual', headers: { cookie } });
    expect(root.status).to.equal(302);
    expect(root.headers.get('location')).to.equal('/desk');
    const wallboard = await fetch(`${base}/wallboard`, { redirect: 'manual', headers: { cookie } });
    expect(wallboard.status).to.equal(403);
  });

  it('locks a username out per client address behind a trusted proxy, not for everyone behind it', async () => {
    const login = (username: string, password: string, client: string) =>
      fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify({ username, password }) });
    for (let i = 0; i < 5; i += 1) expect((await login('nuray', 'yanlış-parola-000', '10.0.0.1')).status).to.equal(401);
    const blocked = await login('nuray', PASSWORD, '10.0.0.1');
    expect(blocked.status).to.equal(429);
    expect(Number(blocked.headers.get('retry-after'))).to.be.greaterThan(0);
    expect((await login('nuray', PASSWORD, '10.0.0.2')).status).to.equal(200);
  });
});

describe('HTTP API: the period of GET /api/queues/:name/stats', () => {
  let server: Server;
  let base: string;
  let token: string;
  const asked: Array<{ from: string; to: string }> = [];
  const kpis = { offered: 0, answered: 0, abandoned: 0 };
  const queues: QueueReader = {
    snapshot: () => {
      throw new Error('not used');
    },
    knows: (queue) => queue === 'alo153-genel',
    stats: (_queue, from, to) => {
      asked.push({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
      return Promise.resolve(kpis as unknown as QueueKpis);
    },
  };

  beforeEach(async () => {
    asked.length = 0;
    const users = new FakeUserStore();
    const logger = createTestLogger();
    const auth = new AuthService({ users, signer: new TokenSigner({ secret: SECRET, ttlMs: 3_600_000 }), limiter: new LoginLimiter({ maxFailures: 5, windowMs: 60_000 }), hasher: TEST_HASHER, logger });
    await users.create({ username: 'nuray', displayName: 'Nuray Şahin', role: 'supervisor', password: PASSWORD });
    token = (await auth.login('nuray', PASSWORD, 'test')).token;
    server = createServer(createHttpApp({ tickets: new FakeTicketStore(), health: async () => ({ status: 'ok', components: {} }), logger, auth, users, cookieSecure: false, queues }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const stats = async (query: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${base}/api/queues/alo153-genel/stats?${query}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('reads date-only values as Istanbul days: from its 00:00 (+03:00) to the end of the `to` day', async () => {
    const response = await stats('from=2026-12-02&to=2026-12-03');
    expect(response.status).to.equal(200);
    expect(asked).to.deep.equal([{ from: '2026-12-01T21:00:00.000Z', to: '2026-12-03T21:00:00.000Z' }]);
    expect(response.body).to.include({ from: '2026-12-01T21:00:00.000Z', to: '2026-12-03T21:00:00.000Z' });
  });

  it('takes one date as both ends for that one Istanbul day, and full timestamps as given', async () => {
    expect((await stats('from=2026-12-02&to=2026-12-02')).status).to.equal(200);
    expect((await stats('from=2026-12-02T08:00:00%2B03:00&to=2026-12-02T12:30:00Z')).status).to.equal(200);
    expect((await stats('from=2026-12-02&to=2026-12-02T12:00:00Z')).status).to.equal(200);
    expect(asked).to.deep.equal([
      { from: '2026-12-01T21:00:00.000Z', to: '2026-12-02T21:00:00.000Z' },
      { from: '2026-12-02T05:00:00.000Z', to: '2026-12-02T12:30:00.000Z' },
      { from: '2026-12-01T21:00:00.000Z', to: '2026-12-02T12:00:00.000Z' },
    ]);
  });

  it('refuses a timestamp without an offset, a reversed period and one over 31 days', async () => {
    for (const query of ['from=2026-12-02T08:00:00&to=2026-12-03', 'from=2026-12-03&to=2026-12-02', 'from=2026-12-01&to=2027-01-01', 'from=2026-02-30&to=2026-03-01']) {
      expect((await stats(query)).status, query).to.equal(400);
    }
    expect((await stats('from=2026-12-01&to=2026-12-31')).status, 'December is 31 days').to.equal(200);
    expect(asked).to.have.length(1);
  });
});
