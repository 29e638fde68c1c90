import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Open311Keys } from '../../channels/open311/api-keys.js';
import type { Logger } from '../../logging/logger.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export const keyId = z.coerce.number().int().positive();

/**
 * Admins hand out Open311 API keys (mounted under /api, behind the session and the origin check):
 * POST /api/open311/keys {name, owner, readAll?} answers the key once (readAll: it reads every Open311 request,
 * not only its own); GET lists keys without secrets;
 * DELETE /api/open311/keys/:id revokes one at once.
 */
export function open311KeyRoutes(keys: Open311Keys, logger: Logger): Router {
  const router = Router();
  router.use('/open311/keys', requireRole('admin'));
  router.post('/open311/keys', async (req: Request, res: Response) => {
    const user = currentUser(res);
    const created = await keys.create(req.body, `user:${user.username}`);
    logger.info('open311 key created', { keyId: created.id, prefix: created.prefix, readAll: created.readAll, by: user.username });
    res.status(201).json({ key: created });
  });
  router.get('/open311/keys', async (_req: Request, res: Response) => {
    res.json({ items: await keys.list() });
  });
  router.delete('/open311/keys/:id', async (req: Request, res: Response) => {
    const user = currentUser(res);
    const id = keyId.parse(req.params.id);
    const revoked = await keys.revoke(id);
    if (!revoked) throw new HttpError(404, 'no such key');
    logger.info('open311 key revoked', { keyId: id, by: user.username });
    res.json({ key: revoked });
  });
  return router;
}
