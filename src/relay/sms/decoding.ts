import { decodeSeptets } from './gsm7.js';
import { DATA_CODING } from './encoding.js';

export interface DecodedPart {
  text: string;
  concat?: { reference: number; total: number; seq: number };
  /** National language single-shift table (0x01: Turkish), when the UDH names one. */
  singleShift?: number;
}

/** Reads one submit_sm short_message back (the test SMSC and the tests use it; alo153 only ever sends). */
export function decodeShortMessage(message: Buffer, dataCoding: number, udhi: boolean): DecodedPart {
  const result: DecodedPart = { text: '' };
  let body = message;
  if (udhi && message.length > 0) {
    const length = message[0] ?? 0;
    const header = message.subarray(1, 1 + length);
    for (let at = 0; at + 1 < header.length; ) {
      const id = header[at] ?? 0;
      const size = header[at + 1] ?? 0;
      const data = header.subarray(at + 2, at + 2 + size);
      if (id === 0x00 && size === 3) result.concat = { reference: data[0] ?? 0, total: data[1] ?? 0, seq: data[2] ?? 0 };
      if (id === 0x25 && size === 1) result.singleShift = data[0];
      at += 2 + size;
    }
    body = message.subarray(1 + length);
  }
  if (dataCoding === DATA_CODING.ucs2) result.text = Buffer.from(body.subarray(0, body.length - (body.length % 2))).swap16().toString('utf16le');
  else result.text = decodeSeptets(body, result.singleShift === 0x01 ? 'turkish' : 'default');
  return result;
}
