import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Logger } from '../../logging/logger.js';
import type { Sms } from '../../relay/sms/create-sms.js';
import { SmsTemplateError, type SmsTemplate } from '../../relay/sms/templates.js';
import type { RequestService } from '../../requests/request-service.js';
import { requestActor } from '../../requests/ticket-editor.js';
import { toTicketView } from '../../requests/ticket-rows.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { ticketNumber } from '../ticket-number-field.js';

export interface TicketSmsRoutesOptions {
  db: Knex;
  requests: Pick<RequestService, 'act'>;
  /** relay.sms.enabled */
  enabled: boolean;
  /** The SMS module (its enqueue wakes the sender when not in a transaction; we wake it after ours). */
  sms: Pick<Sms, 'enqueue' | 'wake'>;
  logger: Logger;
}

export const bodySchema = z.strictObject({});

/** Why no SMS can go, in the words the desk shows (it also has these in i18n.js under desk.relay.sms.*). */
const REFUSALS = {
  'not-in-relay': 'Bu kayıt için vatandaşa iletilecek bir cevap ya da soru yok.',
  'no-number': 'Kayıtta vatandaşın telefon numarası yok.',
  'not-mobile': 'Numara bir cep telefonu değil (sabit hat ya da yurt dışı): SMS gönderilemez, arayın.',
  'opted-out': 'Vatandaş SMS almak istemiyor: arayın.',
  'sms-disabled': 'SMS gönderimi kapalı.',
  'bad-text': 'Cevap metni SMS olarak gönderilemiyor.',
} as const;
type Refusal = keyof typeof REFUSALS;

const refuse = (status: number, reason: Refusal): HttpError => new HttpError(status, `sms refused: ${reason}`, { reason, message: REFUSALS[reason] });

/**
 * POST /api/tickets/:number/sms: the desk's "SMS gönder" — the department's answer (answered) or question
 * (needs_info) to the citizen's mobile. One per answer version from the desk (the key ends in `:desk`), apart
 * from the automatic one the answer itself queued; a second press answers `duplicate: true`.
 */
export function ticketSmsRoutes(options: TicketSmsRoutesOptions): Router {
  const router = Router();

  router.post('/tickets/:number/sms', requireRole('agent', 'supervisor', 'admin'), async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    bodySchema.parse(req.body ?? {});
    if (!options.enabled) throw refuse(503, 'sms-disabled');
    const row: unknown = await options.db('tickets').where({ number }).first();
    if (row === undefined) throw new HttpError(404, `ticket ${number} not found`);
    const ticket = toTicketView(row);
    let template: SmsTemplate;
    let params: Record<string, string>;
    if (ticket.status === 'answered' && ticket.answer) {
      template = 'answer-ready';
      params = { ticketNumber: number, answer: ticket.answer };
    } else if (ticket.status === 'needs_info' && ticket.question) {
      template = 'question';
      params = { ticketNumber: number, question: ticket.question };
    } else throw refuse(409, 'not-in-relay');
    if (ticket.callerNumber === null) throw refuse(422, 'no-number');
    const request = { idempotencyKey: `${number}:${template}:v${ticket.version}:desk`, ticketNumber: number, recipient: ticket.callerNumber, template, params };
    let result;
    try {
      result = await options.db.transaction((trx) => options.sms.enqueue(trx, request));
    } catch (error) {
      if (error instanceof SmsTemplateError) throw refuse(422, 'bad-text');
      throw error;
    }
    if (!result.queued) throw refuse(422, result.reason);
    const user = currentUser(res);
    if (!result.duplicate) {
      options.sms.wake();
      // Who asked for it: the sender's own notes (sent, delivered) come from system:sms.
      await options.requests
        .act(number, { name: 'note', kind: 'sms-requested', data: { template, smsId: result.id, parts: result.parts } }, requestActor({ userId: user.id, username: user.username, role: user.role, department: user.department }), { dedupeKey: `sms-requested:${result.id}` })
        .catch((error: unknown) => options.logger.warn('sms request not noted in the history', { ticket: number, error: (error as Error).message }));
    }
    res.status(result.duplicate ? 200 : 202).json({ queued: true, duplicate: result.duplicate, id: result.id, template, parts: result.parts, shortForm: result.shortForm });
  });

  return router;
}
