import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import path from 'node:path';
import type { KvkkText } from '../../channels/web/kvkk-text.js';
import type { FormTokens } from '../../channels/web/form-token.js';
import { PublicRefusal } from '../../channels/web/public-refusal.js';
import type { StatusRequests } from '../../channels/web/status-requests.js';
import type { WebSubmissions } from '../../channels/web/web-submissions.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';

export interface PublicChannelsOptions {
  submissions: Pick<WebSubmissions, 'submit'>;
  status: Pick<StatusRequests, 'lookup'>;
  tokens: Pick<FormTokens, 'issue'>;
  catalogue: CatalogueSource;
  kvkk: KvkkText;
  minFillSeconds: number;
  tokenMaxAgeMinutes: number;
  smsEnabled: boolean;
  /** The folder of the static pages (src/web); absent: the API only. */
  webDir?: string;
  now?: () => Date;
}

/** A form of a dozen fields: a description of 2,000 characters is at most 8 KB of UTF-8. */
const BODY_LIMIT = '16kb';

const noStore: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/** The client's address as Express sees it behind http.trustProxy; one key for a socket without one. */
const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * The public pages without a login: the request form (/basvuru) and the status page (/durum), and their API under
 * /api/public. Mounted before `authenticate` and after the app's origin check and JSON-only rule, with a body
 * limit of its own (smaller than the staff API's).
 */
export function publicChannelRoutes(options: PublicChannelsOptions): Router {
  const router = Router();
  const now = options.now ?? (() => new Date());
  const json = express.json({ limit: BODY_LIMIT });
  if (options.webDir) {
    const root = path.resolve(options.webDir);
    router.get('/basvuru', noStore, (_req, res) => res.sendFile(path.join(root, 'basvuru.html')));
    router.get('/durum', noStore, (_req, res) => res.sendFile(path.join(root, 'durum.html')));
  }
  router.get('/api/public/form', noStore, async (_req, res) => {
    const catalogue = await options.catalogue.catalogue();
    res.json({
      token: options.tokens.issue(now()),
      minFillSeconds: options.minFillSeconds,
      tokenMaxAgeMinutes: options.tokenMaxAgeMinutes,
      sms: options.smsEnabled,
      categories: catalogue.categories.map((category) => ({ code: category.code, name: category.name, children: category.children.map((child) => ({ code: child.code, name: child.name })) })),
      districts: catalogue.districts,
      neighbourhoods: catalogue.neighbourhoods,
      kvkk: options.kvkk,
    });
  });
  router.post('/api/public/requests', json, async (req, res) => {
    const result = await options.submissions.submit(req.body, addressOf(req));
    res.status(result.created ? 201 : 200).json(result);
  });
  router.post('/api/public/status', json, async (req, res) => {
    res.json(await options.status.lookup(req.body, addressOf(req)));
  });
  router.use('/api/public', refusals);
  return router;
}

/** A refusal as `{ error, message, fields?, retryAfterS? }` (and Retry-After); anything else goes on to the app's error handler. */
function refusals(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!(error instanceof PublicRefusal)) return next(error);
  if (error.extra.retryAfterS !== undefined) res.setHeader('Retry-After', String(error.extra.retryAfterS));
  res.status(error.status).json(error.body());
}
