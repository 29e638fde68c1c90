import { Router } from 'express';
import { z } from 'zod';
import type { TicketStore } from '../../tickets/ticket-store-type.js';
import { HttpError } from '../errors.js';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  status: z.enum(['open', 'in_progress', 'forwarded', 'resolved', 'closed', 'abandoned']).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9]{3,15}$/, 'digits only, optionally with a leading +')
    .optional(),
});

const ticketNumber = z.string().regex(/^153-\d{4}-\d{6}$/, 'a ticket number looks like 153-2026-000123');
const callId = z.string().regex(/^[0-9a-f-]{36}$/i, 'a call id is a UUID');

export function ticketRoutes(store: TicketStore): Router {
  const router = Router();

  router.get('/tickets', async (req, res) => {
    const query = listQuery.parse(req.query);
    const { items, total } = await store.listTickets(query);
    res.json({ items, total, limit: query.limit, offset: query.offset });
  });

  router.get('/tickets/:number', async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const ticket = await store.getTicket(number);
    if (!ticket) throw new HttpError(404, `ticket ${number} not found`);
    res.json(ticket);
  });

  router.get('/calls/:id', async (req, res) => {
    const id = callId.parse(req.params.id);
    const call = await store.getCall(id);
    if (!call) throw new HttpError(404, `call ${id} not found`);
    res.json(call);
  });

  return router;
}
