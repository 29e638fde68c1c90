import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import type { Open311Api } from '../../channels/open311/open311-api.js';
import { Open311Error, sendOpen311, sendOpen311Error, splitResource, type Open311Format, type Open311Shape } from '../../channels/open311/format.js';
import type { Open311Limits } from '../../channels/open311/limits.js';
import type { Logger } from '../../logging/logger.js';
import { noStore } from '../security-headers.js';

export interface Open311RoutesOptions {
  api: Open311Api;
  limits: Open311Limits;
  maxBodyBytes: number;
  logger: Logger;
}

const SERVICES: Open311Shape = { root: 'services', item: 'service' };
const DEFINITION: Open311Shape = { root: 'service_definition', item: null };
const REQUESTS: Open311Shape = { root: 'service_requests', item: 'request' };
const DISCOVERY: Open311Shape = { root: 'discovery', item: null };
const BODY_TYPES = new Set(['application/x-www-form-urlencoded', 'application/json']);

/** The format a path asks for; XML (the spec's required one) when it names none. */
function formatOf(req: Request): Open311Format {
  return /\.json$/.test(req.path) ? 'json' : 'xml';
}

function resource(file: string | string[] | undefined): { name: string; format: Open311Format } {
  const split = typeof file === 'string' ? splitResource(file) : undefined;
  if (!split) throw new Open311Error(404, 'unknown resource: use a .json or .xml extension');
  return split;
}

const contentTypeOf = (req: Request): string | undefined => req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();

/** A POST body must be a form (the spec) or JSON; anything else would reach the route as no body at all. */
const requireOpen311Body: RequestHandler = (req, _res, next) => {
  const type = contentTypeOf(req);
  if (type !== undefined && !BODY_TYPES.has(type)) throw new Open311Error(415, 'the body must be application/x-www-form-urlencoded or application/json');
  next();
};

/** Body parser and limit errors, and anything unexpected, leave in the spec's error format too. */
function open311Errors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof Open311Error) return sendOpen311Error(res, formatOf(req), error);
    const parserStatus = (error as { status?: unknown }).status;
    const type = (error as { type?: unknown }).type;
    if (typeof parserStatus === 'number' && parserStatus >= 400 && parserStatus < 500) {
      const description = type === 'entity.too.large' || type === 'parameters.too.many' ? 'the request body is too large' : 'the request body could not be read';
      return sendOpen311Error(res, formatOf(req), new Open311Error(parserStatus, description));
    }
    logger.error('open311 request failed', { method: req.method, path: req.path, error: (error as Error).message, stack: (error as Error).stack });
    sendOpen311Error(res, formatOf(req), new Open311Error(500, 'internal error'));
  };
}

/**
 * GeoReport v2 at /open311/v2 (mounted before the session check and the app's JSON-only guard; the app's
 * origin check stays in front: a server-to-server client sends no Origin, a foreign browser page is refused).
 * discovery and services are public; reading requests needs an api_key query parameter unless the site set
 * publicReads, and a POST carries its api_key in the body. Every request counts against its address's limit.
 */
export function open311Routes(options: Open311RoutesOptions): Router {
  const { api, limits, logger } = options;
  const router = Router();
  const limit = options.maxBodyBytes;
  const bodies = [express.urlencoded({ extended: false, limit, parameterLimit: 100 }), express.json({ limit, strict: true })];

  router.use(async (req, _res, next) => {
    const retryAfterS = await limits.address(req.ip ?? 'unknown');
    if (retryAfterS !== undefined) throw new Open311Error(429, 'too many requests from this address', retryAfterS);
    next();
  });

  router.get('/v2/:file', async (req: Request, res: Response) => {
    const { name, format } = resource(req.params.file);
    if (name === 'discovery') return sendOpen311(res, format, 200, DISCOVERY, api.discovery(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.baseUrl}/v2`));
    if (name === 'services') return sendOpen311(res, format, 200, SERVICES, await api.services(req.query.jurisdiction_id));
    if (name === 'requests') {
      // Citizens' texts: no browser or proxy may keep them (the error answers too).
      res.setHeader('Cache-Control', 'no-store');
      return sendOpen311(res, format, 200, REQUESTS, await api.list(req.query));
    }
    throw new Open311Error(404, `unknown resource ${name.slice(0, 40)}`);
  });
  router.get('/v2/services/:file', async (req: Request, res: Response) => {
    const { name, format } = resource(req.params.file);
    sendOpen311(res, format, 200, DEFINITION, await api.definition(name, req.query.jurisdiction_id));
  });
  router.get('/v2/requests/:file', noStore, async (req: Request, res: Response) => {
    const { name, format } = resource(req.params.file);
    sendOpen311(res, format, 200, REQUESTS, await api.one(name, req.query));
  });
  router.get('/v2/tokens/:file', noStore, async (req: Request, res: Response) => {
    const { name, format } = resource(req.params.file);
    sendOpen311(res, format, 200, REQUESTS, await api.token(name, req.query));
  });
  router.post('/v2/:file', requireOpen311Body, ...bodies, async (req: Request, res: Response) => {
    const { name, format } = resource(req.params.file);
    if (name !== 'requests') throw new Open311Error(404, `unknown resource ${name.slice(0, 40)}`);
    const idempotencyKey = req.get('idempotency-key');
    const { status, value } = await api.submit(req.body, idempotencyKey);
    sendOpen311(res, format, status, REQUESTS, value);
  });
  router.use(() => {
    throw new Open311Error(404, 'unknown resource');
  });
  router.use(open311Errors(logger));
  return router;
}
