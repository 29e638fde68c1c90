import { Router } from 'express';
import { z } from 'zod';
import { decodeCursor, ESCALATION_KINDS } from '../../requests/read/escalation-bounds.js';
import type { EscalationReader } from '../../requests/read/escalations.js';
import { HttpError } from '../errors.js';

const blankIsAbsent = (value: unknown): unknown => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const query = z.strictObject({
  kind: z.preprocess(blankIsAbsent, z.enum(ESCALATION_KINDS).default('overdue')),
  department: z.preprocess(blankIsAbsent, z.string().regex(/^[a-z0-9-]{1,40}$/, 'a department code such as cevre').optional()),
  cursor: z.preprocess(blankIsAbsent, z.string().max(200).optional()),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

/**
 * GET /api/escalations (supervisors and admins; app.ts guards the path): the counts per department and one page of
 * `kind`, oldest deadline first; `nextCursor` fetches the next page. Lists no personal data (see escalations.ts).
 */
export function escalationRoutes(reader: Pick<EscalationReader, 'counts' | 'page'>, now: () => Date = () => new Date()): Router {
  const router = Router();
  router.get('/escalations', async (req, res) => {
    const parsed = query.parse(req.query);
    const cursor = parsed.cursor === undefined ? undefined : decodeCursor(parsed.cursor);
    if (parsed.cursor !== undefined && !cursor) throw new HttpError(400, 'invalid cursor: pass back the nextCursor of a previous page');
    const at = now();
    const [counts, page] = await Promise.all([
      reader.counts(at),
      reader.page({ kind: parsed.kind, limit: parsed.limit, ...(parsed.department ? { department: parsed.department } : {}), ...(cursor ? { cursor } : {}) }, at),
    ]);
    res.json({ kind: parsed.kind, department: parsed.department ?? null, now: at.toISOString(), counts, ...page });
  });
  return router;
}
