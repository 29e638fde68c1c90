import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import { LogThrottle } from '../logging/log-throttle.js';
import type { Logger } from '../logging/logger.js';
import { HttpError } from './errors.js';
import type { OriginPolicy } from './origin-policy.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const REFUSAL_LOG_INTERVAL_MS = 60_000;

/**
 * Refuses a state-changing request (any method but GET/HEAD/OPTIONS) that another page started: the
 * SameSite=Strict session cookie still travels from a page on another port of this host or a sibling
 * subdomain. Goes before the body parser and every route, so a forged request changes nothing.
 */
export function requireOwnOrigin(policy: OriginPolicy, logger: Logger): RequestHandler {
  // A misconfigured proxy (Host rewritten, http.publicOrigins unset) refuses every user at once: the
  // operator must see why, but one hostile page looping must not flood the log either.
  const refusals = new LogThrottle(REFUSAL_LOG_INTERVAL_MS);
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const decision = policy.check(req.headers);
    if (decision.allowed) return next();
    const refusedSinceLastLine = refusals.due('cross-origin');
    if (refusedSinceLastLine !== undefined) {
      logger.warn('cross-origin request refused', { method: req.method, path: req.path, reason: decision.reason, refusedSinceLastLine });
    }
    next(new HttpError(403, decision.reason, { code: 'cross-origin' }));
  };
}

function mediaType(headers: IncomingHttpHeaders): string | undefined {
  const value = headers['content-type'];
  return value === undefined ? undefined : (value.split(';')[0] ?? '').trim().toLowerCase();
}

function carriesBody(headers: IncomingHttpHeaders): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  return Number(headers['content-length'] ?? '0') > 0;
}

/**
 * A body on a state-changing request must be `application/json`: a no-cors `text/plain` fetch or an HTML
 * form post would otherwise reach the route with an empty parsed body, which routes like desk logout
 * accept. A POST with neither body nor Content-Type (logout) passes; the origin check covers it.
 */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method)) return next();
  const type = mediaType(req.headers);
  if (type === undefined && !carriesBody(req.headers)) return next();
  if (type === 'application/json') return next();
  next(new HttpError(415, 'request body must be application/json', { code: 'unsupported-media-type', contentType: type?.slice(0, 100) ?? null }));
};
