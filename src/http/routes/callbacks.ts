import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AccessLog } from '../../audit/access-log.js';
import type { AbandonedCaller } from '../../relay/callback/abandoned-callers.js';
import { CallbackError } from '../../relay/callback/callback-errors.js';
import type { CallbackAttempt, CallbackAttemptStore } from '../../relay/callback/callback-ports.js';
import type { CallbackRequest } from '../../relay/callback/callback-service.js';
import type { CallbackTarget } from '../../relay/callback/callback-targets.js';
import { dialledNumber } from '../../relay/callback/dialled-number.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { ticketNumber } from '../ticket-number-field.js';

export interface CallbackRoutesOptions {
  service: { start(request: CallbackRequest): Promise<{ attemptId: string }> };
  attempts: Pick<CallbackAttemptStore, 'get' | 'listByTicket'>;
  targets: { ofTicket(number: string): Promise<CallbackTarget | undefined>; ofCall(id: string): Promise<CallbackTarget | undefined> };
  abandoned: { list(options: { now: Date; lookbackDays: number }): Promise<AbandonedCaller[]> };
  lookbackDays: number;
  accessLog?: AccessLog;
}

export const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');
export const startBody = z
  .strictObject({ ticketNumber: ticketNumber.optional(), callId: uuid.optional() })
  .refine((body) => (body.ticketNumber === undefined) !== (body.callId === undefined), { message: 'give exactly one of ticketNumber or callId', path: ['ticketNumber'] });
export const listQuery = z.strictObject({ ticket: ticketNumber });

/** The desk's view: no citizen number (the desk has the ticket), so reading an attempt is no personal-data read. */
function view(attempt: CallbackAttempt): Omit<CallbackAttempt, 'citizenNumber'> {
  const { citizenNumber: _number, ...rest } = attempt;
  return rest;
}

function fail(error: unknown): never {
  if (error instanceof CallbackError) throw new HttpError(error.status, error.message, { code: error.code });
  throw error;
}

/** Mounted under /api behind `authenticate` and the origin/CSRF guard. */
export function callbackRoutes(options: CallbackRoutesOptions): Router {
  const router = Router();
  const desk = requireRole('agent', 'supervisor', 'admin');

  router.post('/callbacks', requireRole('agent', 'supervisor'), async (req, res) => {
    const body = startBody.parse(req.body ?? {});
    const user = currentUser(res);
    if (!user.phoneInterface) fail(new CallbackError('no-phone-interface', 'your user has no phone (phoneInterface) to ring first'));
    const target = body.ticketNumber ? await options.targets.ofTicket(body.ticketNumber) : await options.targets.ofCall(body.callId ?? '');
    if (!target) throw new HttpError(404, body.ticketNumber ? `ticket ${body.ticketNumber} not found` : `call ${body.callId ?? ''} not found`);
    const number = target.callerNumber ? dialledNumber(target.callerNumber) : undefined;
    if (!number) fail(new CallbackError('no-number', 'no Turkish phone number to call back is stored'));
    try {
      const started = await options.service.start({ ticketNumber: target.ticketNumber, callId: target.callId, citizenNumber: number, agent: { userId: user.id, phoneInterface: user.phoneInterface } });
      res.status(202).json(started);
    } catch (error) {
      fail(error);
    }
  });

  router.get('/callbacks/:id', desk, async (req, res) => {
    const id = uuid.parse(req.params.id);
    const attempt = await options.attempts.get(id);
    if (!attempt) throw new HttpError(404, `callback ${id} not found`);
    res.json(view(attempt));
  });

  router.get('/callbacks', desk, async (req, res) => {
    const query = listQuery.parse(req.query);
    res.json({ items: (await options.attempts.listByTicket(query.ticket)).map(view) });
  });

  router.get('/relay/abandoned', desk, async (req: Request, res: Response) => {
    const items = await options.abandoned.list({ now: new Date(), lookbackDays: options.lookbackDays });
    if (items.length > 0 && options.accessLog) {
      // Agents see the callers' numbers: a read of personal data, with the tickets it concerns.
      const user = currentUser(res);
      const tickets = [...new Set(items.map((item) => item.ticketNumber).filter((n): n is string => n !== null))];
      options.accessLog.record({ kind: 'search', user: { userId: user.id, username: user.username }, tickets, address: req.ip ?? null, detail: { list: 'abandoned-callers', total: items.length } });
    }
    res.json({ items, lookbackDays: options.lookbackDays });
  });

  return router;
}
