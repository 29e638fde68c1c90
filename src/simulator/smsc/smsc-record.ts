import type { PDU } from 'smpp';
import { decodeShortMessage, type DecodedPart } from '../../relay/sms/decoding.js';
import { pduBuffer, pduNumber, pduString } from '../../relay/sms/smpp-types.js';

export interface ReceivedPart extends DecodedPart {
  /** Arrival order over the SMSC's life. */
  order: number;
  systemId: string;
  source: string;
  destination: string;
  dataCoding: number;
  esmClass: number;
  registeredDelivery: number;
  userMessageReference: number | undefined;
  shortMessage: Buffer;
  /** The submit_sm_resp status the SMSC answered (or meant to: a dropped link loses it). */
  status: number;
  messageId: string | undefined;
  /** The response never left: the link was dropped first (the ambiguous case for the ESME). */
  unanswered: boolean;
  at: Date;
}

export function readSubmit(pdu: PDU, systemId: string, order: number): ReceivedPart {
  const shortMessage = pduBuffer(pdu, 'short_message') ?? Buffer.alloc(0);
  const dataCoding = pduNumber(pdu, 'data_coding') ?? 0;
  const esmClass = pduNumber(pdu, 'esm_class') ?? 0;
  return {
    ...decodeShortMessage(shortMessage, dataCoding, (esmClass & 0x40) !== 0),
    order,
    systemId,
    source: pduString(pdu, 'source_addr') ?? '',
    destination: pduString(pdu, 'destination_addr') ?? '',
    dataCoding,
    esmClass,
    registeredDelivery: pduNumber(pdu, 'registered_delivery') ?? 0,
    userMessageReference: pduNumber(pdu, 'user_message_reference'),
    shortMessage,
    status: 0,
    messageId: undefined,
    unanswered: false,
    at: new Date(),
  };
}

/** What identifies one part of one message: a second arrival with the same key is a duplicate on the handset. */
export function partKey(part: ReceivedPart): string {
  return [part.destination, part.userMessageReference ?? '-', part.concat?.reference ?? '-', part.concat?.seq ?? 1, part.shortMessage.toString('hex')].join('|');
}

/** Parts the SMSC accepted more than once (status 0): each extra copy once. */
export function duplicateParts(received: readonly ReceivedPart[]): ReceivedPart[] {
  const seen = new Set<string>();
  const extra: ReceivedPart[] = [];
  for (const part of received) {
    if (part.status !== 0) continue;
    const key = partKey(part);
    if (seen.has(key)) extra.push(part);
    else seen.add(key);
  }
  return extra;
}

/** Accepted messages as a handset would join them: destination + reference, parts in order. */
export function assembledMessages(received: readonly ReceivedPart[]): Array<{ destination: string; text: string; parts: number; complete: boolean }> {
  const groups = new Map<string, ReceivedPart[]>();
  for (const part of received) {
    if (part.status !== 0) continue;
    const key = part.concat ? `${part.destination}|${part.userMessageReference ?? '-'}|${part.concat.reference}` : partKey(part);
    const group = groups.get(key) ?? [];
    if (!group.some((p) => partKey(p) === partKey(part))) group.push(part);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    const sorted = [...group].sort((a, b) => (a.concat?.seq ?? 1) - (b.concat?.seq ?? 1));
    const total = sorted[0]?.concat?.total ?? 1;
    return { destination: sorted[0]?.destination ?? '', text: sorted.map((p) => p.text).join(''), parts: sorted.length, complete: sorted.length === total };
  });
}
