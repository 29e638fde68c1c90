import type { PduOptions } from 'smpp';
import type { ReceivedPart } from './smsc-record.js';

export type ReceiptStat = 'DELIVRD' | 'UNDELIV' | 'EXPIRED' | 'REJECTD' | 'DELETED';
const MESSAGE_STATE: Record<ReceiptStat, number> = { DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, REJECTD: 8 };

/** YYMMDDhhmm, SMPP 3.4 Appendix B. */
function receiptDate(at: Date): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(at.getUTCFullYear() % 100)}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}${two(at.getUTCHours())}${two(at.getUTCMinutes())}`;
}

/** A delivery receipt deliver_sm for an accepted part: the Appendix B text plus receipted_message_id and message_state. */
export function receiptFields(part: ReceivedPart, stat: ReceiptStat): PduOptions {
  const id = part.messageId ?? '';
  const text = `id:${id} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${receiptDate(part.at)} done date:${receiptDate(new Date())} stat:${stat} err:${stat === 'DELIVRD' ? '000' : '001'} text:`;
  return {
    source_addr_ton: 1,
    source_addr_npi: 1,
    source_addr: part.destination,
    dest_addr_ton: 5,
    dest_addr_npi: 0,
    destination_addr: part.source,
    esm_class: 0x04,
    data_coding: 0,
    short_message: Buffer.from(text, 'ascii'),
    receipted_message_id: id,
    message_state: MESSAGE_STATE[stat],
  };
}
