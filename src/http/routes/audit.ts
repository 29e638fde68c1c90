import { Router } from 'express';
import { z } from 'zod';
import { ACCESS_KINDS } from '../../audit/access-log.js';
import type { AccessLogStore } from '../../audit/access-log-store.js';
import { periodEdge } from '../period-query.js';
import { ticketNumber } from '../ticket-number-field.js';

/** A blank filter (an empty form field) means no filter. */
const filter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

export const auditQuery = z
  .strictObject({
    from: filter(periodEdge('from').transform((ms) => new Date(ms))),
    to: filter(periodEdge('to').transform((ms) => new Date(ms))),
    user: filter(
      z.union([
        z.string().regex(/^\d{1,9}$/).transform((id) => ({ userId: Number(id) })),
        z.string().regex(/^[a-zA-Z0-9._-]{2,40}$/, 'a user id or a username').transform((name) => ({ username: name.toLowerCase() })),
      ]),
    ),
    ticket: filter(ticketNumber),
    kind: filter(z.enum(ACCESS_KINDS)),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .refine((query) => !query.from || !query.to || query.from < query.to, { message: 'from must be before to', path: ['from'] });

/** GET /api/audit: the KVKK access log, newest first; mounted under /api behind an admin-only guard. */
export function auditRoutes(store: Pick<AccessLogStore, 'list'>): Router {
  const router = Router();

  router.get('/audit', async (req, res) => {
    const query = auditQuery.parse(req.query);
    const page = await store.list({
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
      ...query.user,
      ...(query.ticket ? { ticket: query.ticket } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    res.json({
      items: page.items.map((item) => ({
        id: item.id,
        at: item.at.toISOString(),
        user: { id: item.user.userId, username: item.user.username },
        kind: item.kind,
        tickets: item.tickets,
        address: item.address,
        detail: item.detail ?? null,
      })),
      total: page.total,
      limit: query.limit,
      offset: query.offset,
    });
  });

  return router;
}
