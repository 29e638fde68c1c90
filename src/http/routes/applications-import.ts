import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AuthService } from '../../auth/auth-service.js';
import { ImportFileError, type ApplicationImport } from '../../channels/cimer/application-import.js';
import { IMPORT_MEDIA_TYPES } from '../../channels/cimer/import-file.js';
import { APPLICATION_SOURCES } from '../../requests/request-states.js';
import { requestActor } from '../../requests/ticket-editor.js';
import { authenticate, currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface ApplicationImportRouteOptions {
  auth: AuthService;
  importer: ApplicationImport;
  /** config channels.cimer.importMaxBytes */
  maxBytes: number;
}

export const importQuery = z.strictObject({
  /** The portal of rows without a Kaynak column (default cimer). */
  source: z.enum(APPLICATION_SOURCES).default('cimer'),
  /** 1 (default): send each new application to its category's department at once; 0: leave it at the desk. */
  forward: z.enum(['0', '1']).default('1'),
});

const mediaType = (header: string | undefined): string => (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

/** Only the two export types get past here, with a size known to fit before a byte is read when the client says it. */
const acceptUpload =
  (maxBytes: number): RequestHandler =>
  (req, _res, next) => {
    const type = mediaType(req.headers['content-type']);
    if (IMPORT_MEDIA_TYPES[type] === undefined) {
      next(new HttpError(415, 'an import is text/csv or an XLSX workbook', { code: 'unsupported-media-type', accepted: Object.keys(IMPORT_MEDIA_TYPES) }));
      return;
    }
    const length = Number(req.headers['content-length'] ?? '0');
    if (length > maxBytes) {
      next(new HttpError(413, 'file too large', { code: 'too-large', maxBytes }));
      return;
    }
    next();
  };

/**
 * POST /api/applications/import: a CİMER / Açık Kapı list export as the request body (Content-Type text/csv or
 * the XLSX type), answered with the per-row report. Mounted before the app's JSON-only guard (its own body types,
 * its own size limit) and after the origin check; it authenticates itself.
 */
export function applicationImportRoutes(options: ApplicationImportRouteOptions): Router {
  const router = Router();
  const raw = express.raw({ type: () => true, limit: options.maxBytes });
  router.post('/api/applications/import', authenticate(options.auth), requireRole('agent', 'supervisor', 'admin'), acceptUpload(options.maxBytes), raw, async (req, res) => {
    const query = importQuery.parse(req.query);
    const type = IMPORT_MEDIA_TYPES[mediaType(req.headers['content-type'])];
    const body: unknown = req.body;
    if (type === undefined || !Buffer.isBuffer(body) || body.length === 0) throw new HttpError(400, 'the file is empty', { code: 'empty' });
    const user = currentUser(res);
    const actor = requestActor({ userId: user.id, username: user.username, role: user.role, department: user.department });
    if (actor.kind !== 'user') throw new Error('a staff user imports');
    try {
      res.json(await options.importer.run(body, type, { defaultSource: query.source, forward: query.forward === '1' }, actor));
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      res.status(400).json({ error: 'import refused', details: { code: error.code, ...error.detail } });
    }
  });
  return router;
}
