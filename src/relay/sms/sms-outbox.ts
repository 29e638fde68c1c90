import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../../storage/time.js';
import { TICKET_NUMBER_PATTERN } from '../../requests/ticket-numbers.js';
import type { SmsEncodingSetting, SmsCoding } from './encoding.js';
import { turkishMobileE164 } from './recipient.js';
import { renderSms, SMS_TEMPLATES, type SmsTemplate, type SmsTexts } from './templates.js';

export interface SmsRequest {
  /** Unique per intended message (e.g. `${ticketNumber}:opened`, or the ticket event's id): a second enqueue is a no-op. */
  idempotencyKey: string;
  ticketNumber: string;
  /** The citizen's number as stored (05xx…, +905xx…): only Turkish mobiles get an SMS. */
  recipient: string;
  template: SmsTemplate;
  /** The template's params (see templates.ts); validated. */
  params: unknown;
}

export type SmsRefusal = 'not-mobile' | 'opted-out';

export type EnqueueResult =
  | { queued: true; id: number; duplicate: boolean; parts: number; coding: SmsCoding; fallback: boolean; truncated: boolean; shortForm: boolean }
  | { queued: false; reason: SmsRefusal };

export interface EnqueueSettings {
  encoding: SmsEncodingSetting;
  maxParts: number;
  /** The templates' texts as an admin set them; absent: the shipped ones. */
  texts?: SmsTexts;
}

const requestSchema = z.strictObject({
  idempotencyKey: z.string().min(1).max(200),
  ticketNumber: z.string().regex(TICKET_NUMBER_PATTERN),
  recipient: z.string().max(40),
  template: z.enum(SMS_TEMPLATES),
  params: z.unknown(),
});

const optOutRow = z.object({ sms_opt_out: z.union([z.boolean(), z.number()]).transform(Boolean) });
const idRow = z.object({ id: z.coerce.number().int() });

/**
 * Puts one SMS in the outbox, inside the caller's transaction when given one (the lifecycle service enqueues in
 * the same transaction as the state change, so a rolled-back change sends nothing). A refusal (not a mobile, the
 * citizen opted out of SMS) is an answer, not an exception; bad params throw (SmsTemplateError, ZodError).
 */
export async function enqueueSms(db: Knex | Knex.Transaction, request: SmsRequest, settings: EnqueueSettings, now = new Date()): Promise<EnqueueResult> {
  const valid = requestSchema.parse(request);
  const ticket = (await db('tickets').where({ number: valid.ticketNumber }).first('sms_opt_out')) as unknown;
  if (ticket === undefined) throw new Error(`sms: no ticket ${valid.ticketNumber}`);
  if (optOutRow.parse(ticket).sms_opt_out) return { queued: false, reason: 'opted-out' };
  const recipient = turkishMobileE164(valid.recipient);
  if (recipient === undefined) return { queued: false, reason: 'not-mobile' };
  const rendered = renderSms(valid.template, valid.params, settings);
  const at = toDbTime(now);
  const inserted = (await db('sms_messages')
    .insert({
      idempotency_key: valid.idempotencyKey,
      ticket_number: valid.ticketNumber,
      recipient,
      template: valid.template,
      body: rendered.plan.body,
      encoding: rendered.plan.coding,
      parts: rendered.plan.parts,
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      smsc_message_ids: JSON.stringify(new Array<null>(rendered.plan.parts).fill(null)),
      created_at: at,
      updated_at: at,
    })
    .onConflict('idempotency_key')
    .ignore()
    .returning('id')) as unknown[];
  const duplicate = inserted.length === 0;
  const id = duplicate
    ? idRow.parse(await db('sms_messages').where({ idempotency_key: valid.idempotencyKey }).first('id')).id
    : idRow.parse(typeof inserted[0] === 'object' ? inserted[0] : { id: inserted[0] }).id;
  const { plan } = rendered;
  return { queued: true, id, duplicate, parts: plan.parts, coding: plan.coding, fallback: plan.fallback, truncated: plan.truncated, shortForm: rendered.shortForm };
}
