import type { RequestHandler } from 'express';
import { z } from 'zod';
import { decodeCursor, type InboxPage, type InboxQuery } from '../../requests/read/inbox.js';
import { currentUser } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

/** A blank filter (an empty search box) means no filter. */
const filter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

export const inboxQuery = z.strictObject({
  department: filter(z.string().regex(/^[a-z0-9-]{1,40}$/, 'a department code such as cevre')),
  state: filter(z.enum(['forwarded', 'in_progress'])),
  q: filter(z.string().max(200)),
  cursor: filter(z.string().max(200).transform((text, context) => decodeCursor(text) ?? (context.addIssue({ code: 'custom', message: 'not a cursor of this inbox' }), z.NEVER))),
});

/**
 * GET /api/inbox: a department's open items, the nearest deadline first, 50 a page (`cursor` from the last
 * page's `nextCursor`). Department users get their own department (asking for another is 403); supervisors
 * and admins name one with `department`. The items name nobody (see InboxItem), so the read is not an access
 * of personal data; opening a ticket (GET /api/tickets/:number) is, and is recorded there.
 */
export function inboxRoute(read: (query: InboxQuery) => Promise<InboxPage>, now: () => Date): RequestHandler {
  return async (req, res) => {
    const query = inboxQuery.parse(req.query);
    const user = currentUser(res);
    let department = query.department;
    if (user.role === 'department') {
      if (department !== undefined && department !== user.department) throw new HttpError(403, "forbidden: another department's inbox");
      if (user.department === null) {
        res.json({ department: null, items: [], total: 0, nextCursor: null, now: now().toISOString() });
        return;
      }
      department = user.department;
    } else if (department === undefined) {
      throw new HttpError(400, 'invalid request', { fields: { department: { code: 'required', message: 'department is required for supervisors and admins' } } });
    }
    const page = await read({ department, ...(query.state ? { state: query.state } : {}), ...(query.q ? { q: query.q } : {}), ...(query.cursor ? { after: query.cursor } : {}) });
    res.json({ department, ...page });
  };
}
