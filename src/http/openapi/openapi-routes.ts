import { Router } from 'express';
import path from 'node:path';
import { requirePageRole, requireRole } from '../auth-middleware.js';
import { openApiDocument } from './document.js';

/**
 * GET /api/openapi.json (the OpenAPI 3.1 document) and, with the pages' folder, GET /api-docs (its reference
 * page: src/web/api-docs.html renders the document with assets/api-docs.js, nothing from elsewhere).
 * Any signed-in user may read both: the document holds no data, but the staff API's map is not for the public.
 * Mounted behind `authenticate`.
 */
export function openApiRoutes(webDir?: string): Router {
  const router = Router();
  router.get('/api/openapi.json', requireRole(), (_req, res) => {
    res.json(openApiDocument());
  });
  if (webDir) {
    const page = path.join(path.resolve(webDir), 'api-docs.html');
    router.get('/api-docs', requirePageRole(), (_req, res) => {
      res.setHeader('Cache-Control', 'no-store');
      res.sendFile(page);
    });
  }
  return router;
}
