import { encodeSeptets, gsm7TableFor, septetCost, type Gsm7Table } from './gsm7.js';

/** relay.sms.encoding: what alo153 prefers. */
export type SmsEncodingSetting = 'ucs2' | 'gsm7-turkish';
/** What one message is really sent as: gsm7 (default tables only), gsm7-turkish (with the shift IE) or ucs2. */
export type SmsCoding = 'gsm7' | 'gsm7-turkish' | 'ucs2';
export const SMS_CODINGS: readonly SmsCoding[] = ['gsm7', 'gsm7-turkish', 'ucs2'];

export const DATA_CODING = { gsm7: 0x00, ucs2: 0x08 } as const;
export const ESM_UDHI = 0x40;
const IE_CONCAT_8BIT = 0x00;
const IE_NATIONAL_SINGLE_SHIFT = 0x25;
const TURKISH_LANGUAGE = 0x01;
/** One part's user data on the air: 140 octets, i.e. 160 septets. */
const USER_DATA_OCTETS = 140;

export interface SmsPlan {
  /** The text that is sent (truncated if it needed more than maxParts parts). */
  body: string;
  coding: SmsCoding;
  parts: number;
  /** gsm7-turkish was wanted, but the text has a character neither 7-bit table has. */
  fallback: boolean;
  truncated: boolean;
}

export interface EncodedPart {
  /** UDH (if any) followed by unpacked septets or UCS-2 big-endian octets: exactly submit_sm's short_message. */
  shortMessage: Buffer;
  dataCoding: number;
  /** esm_class must carry the UDH indicator (0x40). */
  udhi: boolean;
}

function codingFor(text: string, setting: SmsEncodingSetting): SmsCoding {
  if (setting === 'ucs2') return 'ucs2';
  const table = gsm7TableFor(text);
  if (table === undefined) return 'ucs2';
  return table === 'turkish' ? 'gsm7-turkish' : 'gsm7';
}

const tableOf = (coding: SmsCoding): Gsm7Table => (coding === 'gsm7-turkish' ? 'turkish' : 'default');

/** Septets (7-bit) or UTF-16 code units (UCS-2) a character takes. */
function cost(char: string, coding: SmsCoding): number {
  if (coding === 'ucs2') return char.length;
  const septets = septetCost(char, tableOf(coding));
  if (septets === undefined) throw new RangeError('character outside the 7-bit tables');
  return septets;
}

function udhOctets(coding: SmsCoding, concatenated: boolean): number {
  const ies = (coding === 'gsm7-turkish' ? 3 : 0) + (concatenated ? 5 : 0);
  return ies === 0 ? 0 : ies + 1;
}

/** Characters (7-bit: septets) a part holds: the UDH takes whole octets, 7-bit text is padded to a septet boundary after it. */
function capacity(coding: SmsCoding, concatenated: boolean): number {
  const udh = udhOctets(coding, concatenated);
  if (coding === 'ucs2') return Math.floor((USER_DATA_OCTETS - udh) / 2);
  return 160 - Math.ceil((udh * 8) / 7);
}

/** The text cut into parts; an escape pair or a surrogate pair is never split across two parts. */
function segments(text: string, coding: SmsCoding): string[] {
  const chars = [...text];
  const total = chars.reduce((sum, char) => sum + cost(char, coding), 0);
  if (total <= capacity(coding, false)) return [text];
  const perPart = capacity(coding, true);
  const out: string[] = [];
  let current = '';
  let used = 0;
  for (const char of chars) {
    const units = cost(char, coding);
    if (used + units > perPart) {
      out.push(current);
      current = '';
      used = 0;
    }
    current += char;
    used += units;
  }
  out.push(current);
  return out;
}

function candidate(prefix: string, setting: SmsEncodingSetting): { body: string; coding: SmsCoding; parts: number } {
  const trimmed = prefix.trimEnd();
  const marker = codingFor(trimmed, setting) === 'ucs2' ? '…' : '...';
  const body = trimmed + marker;
  const coding = codingFor(body, setting);
  return { body, coding, parts: segments(body, coding).length };
}

/** How `text` goes out under relay.sms.encoding and maxParts. */
export function planSms(text: string, options: { encoding: SmsEncodingSetting; maxParts: number }): SmsPlan {
  const normalised = text.replace(/\r\n?/g, '\n');
  if (normalised.trim() === '') throw new RangeError('an SMS needs some text');
  if (!Number.isInteger(options.maxParts) || options.maxParts < 1 || options.maxParts > 255) throw new RangeError('maxParts must be 1..255');
  const coding = codingFor(normalised, options.encoding);
  const parts = segments(normalised, coding).length;
  const fallback = (c: SmsCoding): boolean => options.encoding === 'gsm7-turkish' && c === 'ucs2';
  if (parts <= options.maxParts) return { body: normalised, coding, parts, fallback: fallback(coding), truncated: false };
  // Adding characters never lowers the part count (nor the coding's cost), so the longest fitting prefix is a binary search.
  const chars = [...normalised];
  let low = 0;
  let high = chars.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (candidate(chars.slice(0, mid).join(''), options.encoding).parts <= options.maxParts) low = mid;
    else high = mid - 1;
  }
  const best = candidate(chars.slice(0, low).join(''), options.encoding);
  return { ...best, fallback: fallback(best.coding), truncated: true };
}

function udh(coding: SmsCoding, concat: { reference: number; total: number; seq: number } | undefined): Buffer {
  const ies: number[] = [];
  if (concat) ies.push(IE_CONCAT_8BIT, 3, concat.reference & 0xff, concat.total, concat.seq);
  if (coding === 'gsm7-turkish') ies.push(IE_NATIONAL_SINGLE_SHIFT, 1, TURKISH_LANGUAGE);
  return ies.length === 0 ? Buffer.alloc(0) : Buffer.from([ies.length, ...ies]);
}

function payload(text: string, coding: SmsCoding): Buffer {
  if (coding === 'ucs2') return Buffer.from(text, 'utf16le').swap16();
  return Buffer.from(encodeSeptets(text, tableOf(coding)));
}

/**
 * submit_sm short_message of every part of a planned body. 7-bit text stays UNPACKED (one septet per octet),
 * which is what SMPP 3.4 SMSCs expect for data_coding 0x00; the SMSC packs it for the air and adds the fill bits
 * after the UDH. `reference` must be the same on every resend of the message (handsets join parts by it).
 */
export function encodeSms(body: string, coding: SmsCoding, reference: number): EncodedPart[] {
  const pieces = segments(body, coding);
  const dataCoding = coding === 'ucs2' ? DATA_CODING.ucs2 : DATA_CODING.gsm7;
  if (pieces.length > 255) throw new RangeError('too many parts');
  return pieces.map((piece, index) => {
    const header = udh(coding, pieces.length > 1 ? { reference, total: pieces.length, seq: index + 1 } : undefined);
    return { shortMessage: Buffer.concat([header, payload(piece, coding)]), dataCoding, udhi: header.length > 0 };
  });
}
