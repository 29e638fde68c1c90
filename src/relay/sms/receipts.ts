import { ESM_CLASS_RECEIPT_MASK, ESM_CLASS_SMSC_RECEIPT } from './smpp-types.js';

export type ReceiptOutcome = 'delivered' | 'undeliverable' | 'pending';

export interface DeliveryReceipt {
  messageId: string;
  /** The SMPP 3.4 Appendix B stat word (DELIVRD, UNDELIV, …), or one derived from message_state. */
  stat: string;
  outcome: ReceiptOutcome;
  error?: string;
}

const STAT_OUTCOME: Record<string, ReceiptOutcome> = {
  DELIVRD: 'delivered',
  EXPIRED: 'undeliverable',
  DELETED: 'undeliverable',
  UNDELIV: 'undeliverable',
  REJECTD: 'undeliverable',
  UNKNOWN: 'undeliverable',
  ACCEPTD: 'pending',
  ENROUTE: 'pending',
};
/** message_state TLV (§5.2.28) → stat word. */
const STATE_STAT: Record<number, string> = { 1: 'ENROUTE', 2: 'DELIVRD', 3: 'EXPIRED', 4: 'DELETED', 5: 'UNDELIV', 6: 'ACCEPTD', 7: 'UNKNOWN', 8: 'REJECTD' };

export interface ReceiptFields {
  esmClass: number;
  text: string;
  receiptedMessageId?: string;
  messageState?: number;
}

/**
 * A deliver_sm that is an SMSC delivery receipt (esm_class bits 2–5 = 0001), or undefined for an ordinary
 * mobile-originated message. The TLVs win over the text (`id:… sub:… dlvrd:… stat:DELIVRD err:…`), whose
 * layout SMSCs vary; either alone is enough.
 */
export function parseReceipt(fields: ReceiptFields): DeliveryReceipt | undefined {
  if ((fields.esmClass & ESM_CLASS_RECEIPT_MASK) !== ESM_CLASS_SMSC_RECEIPT) return undefined;
  const textId = /(?:^|\s)id:(\S+)/i.exec(fields.text)?.[1];
  const textStat = /(?:^|\s)stat:(\S+)/i.exec(fields.text)?.[1]?.toUpperCase();
  const error = /(?:^|\s)err:(\S+)/i.exec(fields.text)?.[1];
  const messageId = fields.receiptedMessageId || textId;
  const stat = (fields.messageState !== undefined ? STATE_STAT[fields.messageState] : undefined) ?? textStat;
  if (!messageId || !stat) return undefined;
  const outcome = STAT_OUTCOME[stat] ?? 'undeliverable';
  return { messageId, stat, outcome, ...(error && error !== '000' ? { error } : {}) };
}
