import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpApp } from '../../src/http/app.js';
import type { HealthReport } from '../../src/http/routes/health.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';

describe('HTTP API', () => {
  let server: Server;
  let base: string;
  let store: FakeTicketStore;
  let health: HealthReport;

  beforeEach(async () => {
    store = new FakeTicketStore();
    health = { status: 'ok', components: { ari: { ok: true } } };
    server = createServer(createHttpApp({ tickets: store, health: async () => health, logger: createTestLogger() }));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answeredAt = new Date('2026-11-28T10:00:00Z');
    await store.openCallTicket({ callId: '00000000-0000-4000-8000-000000000001', channelId: '1.1', callerNumber: '05321234567', callerName: '', startedAt: answeredAt, answeredAt });
    await store.openCallTicket({ callId: '00000000-0000-4000-8000-000000000002', channelId: '1.2', callerNumber: '05329999999', callerName: '', startedAt: answeredAt, answeredAt });
  });

  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  const get = async (path: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${base}${path}`);
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
    expect((one.body.events as unknown[]).length).to.be.greaterThan(0);
    expect((await get('/api/tickets/153-2026-999999')).status).to.equal(404);
  });

  it('returns a call by id', async () => {
    const call = await get('/api/calls/00000000-0000-4000-8000-000000000001');
    expect(call.status).to.equal(200);
    expect(call.body.channelId).to.equal('1.1');
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
    const bad = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"description": "çöp' });
    expect(bad.status).to.equal(400);
    expect(((await bad.json()) as { error: string }).error).to.be.a('string');
    const huge = await fetch(`${base}/api/tickets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ description: 'x'.repeat(100_000) }) });
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
});
