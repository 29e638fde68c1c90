import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router, type RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { Logger } from '../../logging/logger.js';

export interface MetricsAccessConfig {
  /** A Bearer token the scraper sends; empty: no token. */
  token: string;
  /** A listener of its own for /metrics; 0: none. */
  port: number;
  host: string;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * Whether the request carries the token. Both sides are hashed first, so timingSafeEqual compares equal
 * lengths and the time taken tells nothing about the token's length or content.
 */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  if (token === '' || authorization === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  const presented = match?.[1] ?? '';
  const same = timingSafeEqual(digest(presented), digest(token));
  return same && presented !== '';
}

type Answer = { status: 200; type: string; body: string } | { status: 401 | 404 | 500; body: string };

async function answer(registry: Registry, authorization: string | undefined, token: string, logger: Logger): Promise<Answer> {
  if (token !== '' && !bearerMatches(authorization, token)) return { status: 401, body: 'a Bearer token is required\n' };
  try {
    return { status: 200, type: registry.contentType, body: await registry.metrics() };
  } catch (error) {
    logger.error('metrics not collected', { error: (error as Error).message });
    return { status: 500, body: 'metrics not collected\n' };
  }
}

function send(res: ServerResponse, result: Answer): void {
  res.statusCode = result.status;
  res.setHeader('cache-control', 'no-store');
  if (result.status === 401) res.setHeader('www-authenticate', 'Bearer realm="alo153-metrics"');
  res.setHeader('content-type', result.status === 200 ? result.type : 'text/plain; charset=utf-8');
  res.end(result.body);
}

/**
 * GET /metrics on the main port: only with a token (a scraper must authenticate there, the port is the staff's);
 * without one the route does not exist (404, as any unknown path), whether or not a metrics port is set.
 */
export function metricsRoute(registry: Registry, config: MetricsAccessConfig, logger: Logger): RequestHandler {
  const router = Router();
  if (config.token === '') return router;
  router.get('/metrics', (req, res, next) => {
    answer(registry, req.headers.authorization, config.token, logger).then((result) => send(res, result), next);
  });
  return router;
}

/** The separate listener (metrics.port, bound to metrics.host, 127.0.0.1 by default): /metrics only; the token too if set. */
export async function listenForMetrics(registry: Registry, config: MetricsAccessConfig, logger: Logger): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      send(res, { status: 404, body: 'not found\n' });
      return;
    }
    void answer(registry, req.headers.authorization, config.token, logger).then((result) => send(res, result));
  });
  // A scraper keeps its connection; a stop must not wait for it.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}/metrics`;
  logger.info('metrics listening', { url, token: config.token !== '' });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
