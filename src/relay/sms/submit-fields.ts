import type { PduOptions } from 'smpp';
import { ESM_UDHI, type EncodedPart } from './encoding.js';

/** Alphanumeric başlık (TON 5) when it has a letter; else a number: international (TON 1) from 10 digits on, a short code (TON 0) below. */
export function sourceAddress(sourceAddr: string): { source_addr_ton: number; source_addr_npi: number; source_addr: string } {
  if (/[^0-9]/.test(sourceAddr)) {
    if (!/^[A-Za-z0-9 .-]{1,11}$/.test(sourceAddr)) throw new Error('relay.sms.sourceAddr: an alphanumeric sender has at most 11 letters, digits, spaces, dots or dashes');
    return { source_addr_ton: 5, source_addr_npi: 0, source_addr: sourceAddr };
  }
  return { source_addr_ton: sourceAddr.length >= 10 ? 1 : 0, source_addr_npi: 1, source_addr: sourceAddr };
}

export interface SubmitInput {
  source: ReturnType<typeof sourceAddress>;
  recipient: string;
  part: EncodedPart;
  receipt: boolean;
  /** The outbox row id: user_message_reference (16 bits) lets an SMSC log tie parts to one message. */
  rowId: number;
}

export function submitFields(input: SubmitInput): PduOptions {
  return {
    service_type: '',
    ...input.source,
    dest_addr_ton: 1,
    dest_addr_npi: 1,
    destination_addr: input.recipient,
    // short_message is a Buffer: the package's filter then leaves it (and esm_class) alone, so UDHI is set here.
    esm_class: input.part.udhi ? ESM_UDHI : 0,
    registered_delivery: input.receipt ? 0x01 : 0x00,
    data_coding: input.part.dataCoding,
    short_message: input.part.shortMessage,
    user_message_reference: input.rowId & 0xffff,
  };
}
