import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AccessEntry, AccessLog } from '../../audit/access-log.js';
import type { UserView } from '../../auth/user-store.js';
import { TicketChangedError, TicketNotFoundError } from '../../requests/errors.js';
import { REQUEST_SOURCES, REQUEST_STATUSES } from '../../requests/request-states.js';
import { TICKET_NUMBER_QUERY } from '../../requests/read/ticket-number-query.js';
import type { Actor, TicketEditing } from '../../requests/ticket-editor.js';
import { parseTicketCreateForm, parseTicketPatch, TicketValidationError } from '../../requests/ticket-form.js';
import type { TicketStore, TicketView } from '../../requests/ticket-store-type.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { ticketNumber } from '../ticket-number-field.js';

/** A blank filter (an empty search box) means no filter. */
const filter = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), schema.optional());

/** `1`/`true` sets a flag filter; `0`/`false` is the same as leaving it out. */
const flag = z.enum(['1', 'true', '0', 'false']).transform((value) => value === '1' || value === 'true');

export const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  status: filter(z.enum(REQUEST_STATUSES)),
  phone: filter(
    z
      .string()
      .regex(/^[0-9 +()-]{3,30}$/, 'digits, spaces, + - ( ) only')
      .refine((phone) => phone.replace(/\D/g, '').length >= 3, 'at least 3 digits'),
  ),
  number: filter(z.string().trim().regex(TICKET_NUMBER_QUERY, 'a ticket number (153-2026-000026, 2026-26, or 26 for this year) or its start, such as 153-2026-')),
  source: filter(z.enum(REQUEST_SOURCES)),
  overdue: filter(flag),
  dueSoon: filter(flag),
  department: filter(z.string().regex(/^[a-z0-9-]{1,40}$/, 'a department code such as cevre')),
  q: filter(z.string().max(200)),
  owner: filter(z.coerce.number().int().min(1)),
});

export const callId = z.string().regex(/^[0-9a-f-]{36}$/i, 'a call id is a UUID');

const actorOf = (user: UserView): Actor => ({ userId: user.id, username: user.username, role: user.role });

/** A department user sees only the tickets of their department (none without one). */
function visibleTo(user: UserView, ticket: TicketView): boolean {
  return user.role !== 'department' || (user.department !== null && ticket.departmentCode === user.department);
}

/** The fields that name or locate the citizen: showing any of them is a read the KVKK access log records. */
const showsPersonalData = (ticket: TicketView): boolean => ticket.callerNumber !== null || ticket.callerName !== null || ticket.address !== null;

const accessBy = (req: Request, res: Response, kind: AccessEntry['kind'], tickets: readonly string[], detail?: AccessEntry['detail']): AccessEntry => {
  const user = currentUser(res);
  return { kind, user: { userId: user.id, username: user.username }, tickets, address: req.ip ?? null, ...(detail ? { detail } : {}) };
};

/** The desk's errors in the shapes it reads: field codes (400) and the ticket as it is now (409). */
function deskError(error: unknown, res: Response): boolean {
  if (error instanceof TicketValidationError) {
    res.status(400).json({ error: 'invalid ticket', fields: error.fields });
    return true;
  }
  if (error instanceof TicketChangedError) {
    res.status(409).json({ error: 'ticket changed', current: error.current });
    return true;
  }
  if (error instanceof TicketNotFoundError) throw new HttpError(404, error.message);
  return false;
}

/**
 * Mounted under /api behind `authenticate`. Reading: agents, supervisors and admins see every ticket,
 * department users their department's. Writing: agents create tickets and edit the ones they own or whose
 * call they took; supervisors and admins edit any; department users edit none. The write routes exist
 * only with an editor.
 */
export function ticketRoutes(store: TicketStore, editor?: TicketEditing, accessLog?: AccessLog): Router {
  const router = Router();
  const deskStaff = requireRole('agent', 'supervisor', 'admin');

  router.get('/tickets', async (req, res) => {
    const query = listQuery.parse(req.query);
    const user = currentUser(res);
    if (user.role === 'department') {
      if (user.department === null) {
        res.json({ items: [], total: 0, limit: query.limit, offset: query.offset });
        return;
      }
      query.department = user.department;
    }
    const { items, total } = await store.listTickets(query);
    const shown = items.filter(showsPersonalData).map((ticket) => ticket.number);
    if (shown.length > 0) {
      const { limit, offset, ...filters } = query;
      accessLog?.record(accessBy(req, res, 'search', shown, { ...filters, limit, offset, total }));
    }
    res.json({ items, total, limit: query.limit, offset: query.offset });
  });

  router.get('/tickets/:number', async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const ticket = await store.getTicket(number);
    if (!ticket || !visibleTo(currentUser(res), ticket)) throw new HttpError(404, `ticket ${number} not found`);
    accessLog?.record(accessBy(req, res, 'ticket-read', [ticket.number]));
    res.json(ticket);
  });

  router.get('/calls/:id', async (req, res) => {
    const id = callId.parse(req.params.id);
    const call = await store.getCall(id);
    if (!call) throw new HttpError(404, `call ${id} not found`);
    // A call record carries the caller's number and name: a read of its ticket's personal data.
    accessLog?.record(accessBy(req, res, 'ticket-read', call.ticketNumber ? [call.ticketNumber] : [], { callId: call.id }));
    res.json(call);
  });

  if (!editor) return router;

  router.post('/tickets', deskStaff, async (req, res) => {
    try {
      res.status(201).json(await editor.create(parseTicketCreateForm(req.body), actorOf(currentUser(res))));
    } catch (error) {
      if (!deskError(error, res)) throw error;
    }
  });

  router.patch('/tickets/:number', deskStaff, async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const user = currentUser(res);
    if (user.role === 'agent' && !(await editor.isHandledBy(number, user))) {
      if (!(await store.getTicket(number))) throw new HttpError(404, `ticket ${number} not found`);
      throw new HttpError(403, `forbidden: ticket ${number} is neither yours nor from a call you took`);
    }
    try {
      const patch = parseTicketPatch(req.body);
      res.json(await editor.update(number, patch, actorOf(user)));
    } catch (error) {
      if (!deskError(error, res)) throw error;
    }
  });

  return router;
}
