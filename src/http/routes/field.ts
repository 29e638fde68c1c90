import { Router } from 'express';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { z } from 'zod';
import type { FieldChannelConfig } from '../../channels/field/field-config.js';
import type { FieldDesk, FieldStaff } from '../../channels/field/field-desk.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface FieldRoutesOptions {
  desk: Pick<FieldDesk, 'submitBatch'>;
  config: FieldChannelConfig;
}

const FIELD_ROLES = ['agent', 'supervisor', 'admin'] as const;

/**
 * The field desk's API (/saha): the events to choose from and the outbox's batches. Each row is validated
 * on its own (FieldDesk), so only the envelope can fail the whole request. Answers are never cached
 * (the app's noStore; the service worker passes /api/field/requests straight to the network).
 */
export function fieldRoutes(options: FieldRoutesOptions): Router {
  const { desk, config } = options;
  const router = Router();
  const limiter = new RateLimiterMemory({ keyPrefix: 'field-rows', points: config.perUser.points, duration: config.perUser.durationS });
  const batchBody = z.strictObject({
    requests: z.array(z.unknown(), 'requests must be an array').min(1, 'requests is empty').max(config.maxBatch, `at most ${String(config.maxBatch)} requests per batch`),
  });

  router.use('/field', requireRole(...FIELD_ROLES));
  router.get('/field/events', (_req, res) => {
    res.json({ events: config.events, maxBatch: config.maxBatch });
  });
  router.post('/field/requests', async (req, res) => {
    const body = batchBody.safeParse(req.body);
    if (!body.success) {
      const tooMany = body.error.issues.some((issue) => issue.code === 'too_big');
      throw new HttpError(400, body.error.issues[0]?.message ?? 'invalid batch', { code: tooMany ? 'batch-too-large' : 'invalid-batch', maxBatch: config.maxBatch });
    }
    const user = currentUser(res);
    try {
      // Counted before any row is stored and atomically: two tabs syncing at once share the user's window.
      await limiter.consume(String(user.id), body.data.requests.length);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const retryAfterS = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      res.setHeader('Retry-After', String(retryAfterS));
      throw new HttpError(429, 'too many field requests, try again later', { code: 'rate-limited', retryAfterS });
    }
    const role = FIELD_ROLES.find((allowed) => allowed === user.role);
    if (role === undefined) throw new HttpError(403, 'forbidden');
    const staff: FieldStaff = { userId: user.id, username: user.username, role };
    res.json(await desk.submitBatch(body.data.requests, staff));
  });
  return router;
}
