import type { RequestHandler } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { RouteLabels, statusClass, type MatchedRequest } from './route-label.js';

/** Seconds; an API answer is expected in ms, an export may stream for a while. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Express middleware (first in the app): how long each request took, labelled by method, the route pattern
 * express matched (route-label.ts) and the status class. Measured to the response's `finish` (or `close`
 * when the client went away first).
 */
export function httpMetrics(registry: Registry): RequestHandler {
  const histogram = new Histogram({
    name: 'alo153_http_request_duration_seconds',
    help: 'HTTP request duration by method, matched route pattern and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  const labels = new RouteLabels();
  return (req, res, next) => {
    const started = performance.now();
    let done = false;
    // The mount path as it was when express matched the route: by the response's end it may have put req.baseUrl
    // back to the parent's (an error thrown by a route travels up to the app's error handler, which answers).
    const matched: MatchedRequest = { baseUrl: '', route: undefined };
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => matched.route,
      set: (route: MatchedRequest['route']) => {
        matched.route = route;
        matched.baseUrl = req.baseUrl;
      },
    });
    const observe = (): void => {
      if (done) return;
      done = true;
      histogram.observe({ method: req.method, route: labels.of(matched), status: res.writableFinished ? statusClass(res.statusCode) : 'aborted' }, (performance.now() - started) / 1000);
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
