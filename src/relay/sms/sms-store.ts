import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../../storage/time.js';
import { SMS_CODINGS } from './encoding.js';
import type { DeliveryReceipt } from './receipts.js';
import { SMS_TEMPLATES } from './templates.js';

export const SMS_STATUSES = ['queued', 'sending', 'submitted', 'delivered', 'undeliverable', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];
const WAITING = ['queued', 'sending'];

const idsSchema = z.array(z.string().nullable());
const rowSchema = z.object({
  id: z.coerce.number().int(),
  ticket_number: z.string(),
  recipient: z.string(),
  template: z.enum(SMS_TEMPLATES),
  body: z.string(),
  encoding: z.enum(SMS_CODINGS),
  parts: z.coerce.number().int().min(1),
  status: z.enum(SMS_STATUSES),
  attempts: z.coerce.number().int(),
  smsc_message_ids: z.string().transform((text) => idsSchema.parse(JSON.parse(text))),
  created_at: z.string(),
});
export type SmsRow = z.infer<typeof rowSchema>;

const partSchema = z.object({ sms_id: z.coerce.number().int(), receipt_stat: z.string().nullable() });

/** A row's move the ticket's history is told about. */
export interface SmsTransition {
  row: Pick<SmsRow, 'id' | 'ticket_number' | 'template' | 'parts'>;
  status: 'delivered' | 'undeliverable';
}

/** The sender's reads and writes of sms_messages / sms_parts. One sender per database (see the lease in claim()). */
export class SmsStore {
  constructor(private readonly db: Knex) {}

  async due(now: Date, limit: number, skip: readonly number[]): Promise<SmsRow[]> {
    const rows = (await this.db('sms_messages')
      .whereIn('status', WAITING)
      .andWhere('next_attempt_at', '<=', toDbTime(now))
      .modify((q) => (skip.length > 0 ? q.whereNotIn('id', skip) : q))
      .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
      .limit(limit)) as unknown[];
    return rows.map((row) => rowSchema.parse(row));
  }

  /** The first due time of a waiting row, to sleep until it. */
  async nextDue(): Promise<Date | undefined> {
    const row = (await this.db('sms_messages').whereIn('status', WAITING).min({ at: 'next_attempt_at' }).first()) as { at: string | null } | undefined;
    return row?.at ? new Date(row.at) : undefined;
  }

  /**
   * Takes a due row for sending: `sending` is written BEFORE any submit_sm. next_attempt_at becomes a lease: if this
   * process dies mid-send, the row is due again when the lease ends, and only its parts without a message id go again.
   */
  async claim(id: number, now: Date, leaseUntil: Date): Promise<boolean> {
    const changed = await this.db('sms_messages')
      .where({ id })
      .whereIn('status', WAITING)
      .andWhere('next_attempt_at', '<=', toDbTime(now))
      .update({ status: 'sending', attempts: this.db.raw('attempts + 1'), next_attempt_at: toDbTime(leaseUntil), updated_at: toDbTime(now) });
    return changed === 1;
  }

  /** A part's submit_sm_resp (ESME_ROK): its message id, at once, so a resend never repeats this part. */
  async recordPart(id: number, part: number, messageId: string, now: Date): Promise<void> {
    await this.db.transaction(async (trx) => {
      const row = (await trx('sms_messages').where({ id }).first('smsc_message_ids')) as { smsc_message_ids: string } | undefined;
      if (!row) throw new Error(`sms ${id} vanished`);
      const ids = idsSchema.parse(JSON.parse(row.smsc_message_ids));
      ids[part - 1] = messageId;
      await trx('sms_parts').insert({ sms_id: id, part, smsc_message_id: messageId, submitted_at: toDbTime(now) }).onConflict(['sms_id', 'part']).ignore();
      await trx('sms_messages').where({ id }).update({ smsc_message_ids: JSON.stringify(ids), updated_at: toDbTime(now) });
    });
  }

  async submitted(id: number, now: Date): Promise<void> {
    await this.db('sms_messages').where({ id }).update({ status: 'submitted', submitted_at: toDbTime(now), last_error: null, updated_at: toDbTime(now) });
  }

  async retryAt(id: number, at: Date, error: string | null, now: Date): Promise<void> {
    await this.db('sms_messages').where({ id }).update({ status: 'queued', next_attempt_at: toDbTime(at), last_error: error, updated_at: toDbTime(now) });
  }

  async fail(id: number, error: string, now: Date): Promise<void> {
    await this.db('sms_messages').where({ id }).update({ status: 'failed', last_error: error, updated_at: toDbTime(now) });
  }

  /**
   * A delivery receipt: the part's stat, then the message's outcome once it is known (any part undeliverable, or
   * every part delivered). Returns undefined when no accepted part has this message id (yet).
   */
  async receipt(receipt: DeliveryReceipt, now: Date): Promise<{ transition?: SmsTransition } | undefined> {
    return this.db.transaction(async (trx) => {
      const part = (await trx('sms_parts').where({ smsc_message_id: receipt.messageId }).orderBy('submitted_at', 'desc').first('sms_id', 'part')) as { sms_id: number; part: number } | undefined;
      if (!part) return undefined;
      await trx('sms_parts').where({ sms_id: part.sms_id, part: part.part }).update({ receipt_stat: receipt.stat.slice(0, 10), receipt_at: toDbTime(now) });
      return { transition: await this.settle(trx, Number(part.sms_id), now) };
    });
  }

  /** Moves a submitted message to delivered/undeliverable from its parts' receipts (also right after it becomes submitted). */
  async settle(db: Knex | Knex.Transaction, id: number, now: Date, outcomeOf = statOutcome): Promise<SmsTransition | undefined> {
    const row = rowSchema.parse(await db('sms_messages').where({ id }).first());
    if (row.status !== 'submitted') return undefined;
    const parts = ((await db('sms_parts').where({ sms_id: id }).select('sms_id', 'receipt_stat')) as unknown[]).map((p) => partSchema.parse(p));
    const outcomes = parts.map((p) => (p.receipt_stat === null ? 'pending' : outcomeOf(p.receipt_stat)));
    let status: SmsTransition['status'] | undefined;
    if (outcomes.includes('undeliverable')) status = 'undeliverable';
    else if (parts.length === row.parts && outcomes.every((o) => o === 'delivered')) status = 'delivered';
    if (!status) return undefined;
    await db('sms_messages').where({ id, status: 'submitted' }).update({ status, updated_at: toDbTime(now), ...(status === 'delivered' ? { delivered_at: toDbTime(now) } : { last_error: 'receipt: not delivered' }) });
    return { row, status };
  }
}

function statOutcome(stat: string): 'delivered' | 'undeliverable' | 'pending' {
  if (stat === 'DELIVRD') return 'delivered';
  if (stat === 'ACCEPTD' || stat === 'ENROUTE') return 'pending';
  return 'undeliverable';
}
