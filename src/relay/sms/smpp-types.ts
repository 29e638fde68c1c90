import type { PDU } from 'smpp';

/** SMPP 3.4 command_status values alo153 acts on (§5.1.3). */
export const SMPP_STATUS = {
  ROK: 0x00,
  RINVMSGLEN: 0x01,
  RSYSERR: 0x08,
  RINVSRCADR: 0x0a,
  RINVDSTADR: 0x0b,
  RBINDFAIL: 0x0d,
  RINVPASWD: 0x0e,
  RINVSYSID: 0x0f,
  RMSGQFUL: 0x14,
  RSUBMITFAIL: 0x45,
  RTHROTTLED: 0x58,
  RX_T_APPN: 0x64,
} as const;

/** The SMSC is busy or briefly unable: back off and send the same part again. */
const TRANSIENT = new Set<number>([SMPP_STATUS.RTHROTTLED, SMPP_STATUS.RMSGQFUL, SMPP_STATUS.RSYSERR, SMPP_STATUS.RX_T_APPN]);
/** Of those, the ones that mean "slower, please": the whole link pauses, not only this message. */
const SLOW_DOWN = new Set<number>([SMPP_STATUS.RTHROTTLED, SMPP_STATUS.RMSGQFUL]);

export type SubmitVerdict = 'accepted' | 'retry' | 'slow-down' | 'permanent';

export function submitVerdict(status: number): SubmitVerdict {
  if (status === SMPP_STATUS.ROK) return 'accepted';
  if (SLOW_DOWN.has(status)) return 'slow-down';
  if (TRANSIENT.has(status)) return 'retry';
  // Invalid destination/source, message length, data coding …: sending it again gets the same answer.
  return 'permanent';
}

export const hexStatus = (status: number): string => `0x${status.toString(16).padStart(8, '0')}`;

export const ESM_CLASS_RECEIPT_MASK = 0x3c;
export const ESM_CLASS_SMSC_RECEIPT = 0x04;

export function pduString(pdu: PDU, field: string): string | undefined {
  const value = pdu[field];
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  return undefined;
}

export function pduNumber(pdu: PDU, field: string): number | undefined {
  const value = pdu[field];
  return typeof value === 'number' ? value : undefined;
}

/** short_message as the package hands it over: a Buffer, a string, or {message, udh} after its decode filter. */
export function pduMessageText(pdu: PDU): string {
  const value = pdu.short_message;
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('latin1');
  if (typeof value === 'object' && value !== null && 'message' in value) {
    const message = (value as { message: unknown }).message;
    if (typeof message === 'string') return message;
    if (Buffer.isBuffer(message)) return message.toString('latin1');
  }
  return '';
}

export function pduBuffer(pdu: PDU, field: string): Buffer | undefined {
  const value = pdu[field];
  return Buffer.isBuffer(value) ? value : undefined;
}
