import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router } from 'express';
import { OTHER, RouteLabels, routePattern, statusClass, UNMATCHED } from '../../src/operations/metrics/route-label.js';
import { bearerMatches } from '../../src/operations/metrics/metrics-access.js';
import { httpMetrics } from '../../src/operations/metrics/http-metrics.js';
import { Registry } from 'prom-client';

describe('the metrics route label', () => {
  it('is the mount path and the route pattern express matched, never the URL', () => {
    expect(routePattern({ baseUrl: '/api', route: { path: '/tickets/:number' } })).to.equal('/api/tickets/:number');
    expect(routePattern({ baseUrl: '', route: { path: '/healthz' } })).to.equal('/healthz');
    expect(routePattern({ baseUrl: '/open311', route: { path: '/v2/requests.json' } })).to.equal('/open311/v2/requests.json');
    expect(routePattern({ baseUrl: '/api', route: { path: '/' } })).to.equal('/api');
    expect(routePattern({ baseUrl: '', route: { path: ['/a', '/b'] } })).to.equal('/a|/b');
  });

  it('is (unmatched) for a request no route took (404, a guard refusing before the route)', () => {
    expect(routePattern({ baseUrl: '/api/queues/alo153-genel/stats' })).to.equal(UNMATCHED);
    expect(routePattern({ baseUrl: '', route: { path: /x/ } })).to.equal(UNMATCHED);
  });

  it('replaces a mount segment that holds data (a ticket or phone number) with :value', () => {
    expect(routePattern({ baseUrl: '/api/tickets/153-2024-000123', route: { path: '/history' } })).to.equal('/api/tickets/:value/history');
    expect(routePattern({ baseUrl: '/api/citizens/05321234567', route: { path: '/' } })).to.equal('/api/citizens/:value');
  });

  it('keeps the number of label values bounded', () => {
    const labels = new RouteLabels(2);
    expect(labels.of({ baseUrl: '', route: { path: '/a' } })).to.equal('/a');
    expect(labels.of({ baseUrl: '', route: { path: '/b' } })).to.equal('/b');
    expect(labels.of({ baseUrl: '', route: { path: '/c' } })).to.equal(OTHER);
    expect(labels.of({ baseUrl: '', route: { path: '/a' } })).to.equal('/a');
    expect(labels.of({ baseUrl: '' })).to.equal(UNMATCHED);
  });

  it('classes status codes', () => {
    expect([statusClass(200), statusClass(204), statusClass(304), statusClass(401), statusClass(503), statusClass(99)]).to.deep.equal(['2xx', '2xx', '3xx', '4xx', '5xx', 'other']);
  });

  describe('with a real express app (httpMetrics)', () => {
    let server: Server;
    let base: string;
    const registry = new Registry();

    before(async () => {
      const app = express();
      app.use(httpMetrics(registry));
      const api = Router();
      api.get('/tickets/:number', (_req, res) => void res.json({}));
      // An async route whose error the app's handler answers, after express left the router (req.baseUrl put back).
      api.post('/auth/login', async () => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        throw new Error('wrong password');
      });
      app.use('/api/tickets', (req, res, next) => (req.headers['x-refuse'] ? void res.status(403).end() : next()));
      app.use('/api', api);
      app.use((_error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => void res.status(401).end());
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('labels by what express matched, never the URL', async () => {
      await fetch(`${base}/api/tickets/153-2025-000042?phone=05321234567`);
      await fetch(`${base}/api/tickets/153-2025-000042`, { headers: { 'x-refuse': '1' } });
      await fetch(`${base}/api/nope/05321234567`);
      await fetch(`${base}/api/auth/login`, { method: 'POST' });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const text = await registry.metrics();
      const counts = text.split('\n').filter((line) => line.startsWith('alo153_http_request_duration_seconds_count'));
      expect(counts).to.have.members([
        'alo153_http_request_duration_seconds_count{method="GET",route="/api/tickets/:number",status="2xx"} 1',
        'alo153_http_request_duration_seconds_count{method="GET",route="(unmatched)",status="4xx"} 2',
        'alo153_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="4xx"} 1',
      ]);
      expect(text).not.to.match(/000042|05321234567/);
    });
  });
});

describe('the metrics token check', () => {
  const token = 'metrics-token-0123456789';
  it('takes only `Bearer <the token>`', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).to.equal(true);
    expect(bearerMatches(`bearer ${token}`, token)).to.equal(true);
    expect(bearerMatches(undefined, token)).to.equal(false);
    expect(bearerMatches('Bearer ', token)).to.equal(false);
    expect(bearerMatches(`Bearer ${token}x`, token)).to.equal(false);
    expect(bearerMatches(`Basic ${token}`, token)).to.equal(false);
    expect(bearerMatches(token, token)).to.equal(false);
  });
  it('never matches when no token is configured', () => {
    expect(bearerMatches('Bearer ', '')).to.equal(false);
    expect(bearerMatches('Bearer x', '')).to.equal(false);
  });
});
