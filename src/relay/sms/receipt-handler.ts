import type { PDU } from 'smpp';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../logging/logger.js';
import type { SmsHistoryKind } from './history-port.js';
import { parseReceipt } from './receipts.js';
import { pduMessageText, pduNumber, pduString, SMPP_STATUS } from './smpp-types.js';
import type { SmsRow, SmsStore } from './sms-store.js';

export interface ReceiptContext {
  store: SmsStore;
  /** Part ids being written: a receipt can arrive right behind its submit_sm_resp. */
  partWrites: ReadonlySet<Promise<unknown>>;
  note: (row: Pick<SmsRow, 'id' | 'ticket_number' | 'template' | 'parts'>, kind: SmsHistoryKind, error?: string) => Promise<void>;
  logger: Logger;
  /** Receipts and the submitted→settled step run one at a time: two parts' receipts in parallel transactions would
   * each miss the other's (READ COMMITTED) and the message would never settle. */
  serial: <T>(run: () => Promise<T>) => Promise<T>;
}

const UNKNOWN_ID_RETRIES = [100, 400, 1000];

/**
 * A deliver_sm: a receipt updates its part and maybe the message; the answer (deliver_sm_resp) goes only after the
 * write, so a crash before it makes the SMSC send the receipt again. Anything else (an MO message) is acknowledged.
 */
export async function handleDeliver(pdu: PDU, context: ReceiptContext): Promise<number> {
  const receipt = parseReceipt({
    esmClass: pduNumber(pdu, 'esm_class') ?? 0,
    text: pduMessageText(pdu),
    receiptedMessageId: pduString(pdu, 'receipted_message_id')?.replace(/\0+$/, ''),
    messageState: pduNumber(pdu, 'message_state'),
  });
  if (!receipt) {
    context.logger.info('smsc deliver_sm that is not a receipt ignored');
    return SMPP_STATUS.ROK;
  }
  // The submit continuation registers its part write in a microtask; let it run first.
  await nextTurn();
  await Promise.allSettled([...context.partWrites]);
  for (const retryMs of [...UNKNOWN_ID_RETRIES, undefined]) {
    const result = await context.serial(() => context.store.receipt(receipt, new Date()));
    if (result) {
      const moved = result.transition;
      if (moved) await context.note(moved.row, moved.status === 'delivered' ? 'sms-delivered' : 'sms-undeliverable', moved.status === 'undeliverable' ? `stat:${receipt.stat}` : undefined);
      return SMPP_STATUS.ROK;
    }
    if (retryMs !== undefined) await sleep(retryMs);
  }
  context.logger.warn('smsc receipt for an unknown message id', { messageId: receipt.messageId, stat: receipt.stat });
  return SMPP_STATUS.ROK;
}
