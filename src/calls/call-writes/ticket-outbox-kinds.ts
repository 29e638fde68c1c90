import type { TicketStore } from '../../requests/ticket-store-type.js';

/** What each write kind carries, taken from the store so the outbox follows any change of a write's fields. */
export interface TicketWriteInputs {
  openCallTicket: Parameters<TicketStore['openCallTicket']>[0];
  recordIvrProgress: Parameters<TicketStore['recordIvrProgress']>[1];
  recordHandOff: Parameters<TicketStore['recordHandOff']>[1];
  recordCallEnd: Parameters<TicketStore['recordCallEnd']>[1];
}

export type TicketWriteKind = keyof TicketWriteInputs;

const WRITE_KINDS: readonly string[] = ['openCallTicket', 'recordIvrProgress', 'recordHandOff', 'recordCallEnd'] satisfies TicketWriteKind[];
export const isWriteKind = (kind: string): kind is TicketWriteKind => WRITE_KINDS.includes(kind);

/** One replayed outbox write through the store. The payload is what TicketService wrote for that kind. */
export function applyTicketWrite(store: TicketStore, kind: TicketWriteKind, channelId: string, payload: object): Promise<unknown> {
  switch (kind) {
    case 'openCallTicket':
      return store.openCallTicket(payload as TicketWriteInputs['openCallTicket']);
    case 'recordIvrProgress':
      return store.recordIvrProgress(channelId, payload as TicketWriteInputs['recordIvrProgress']);
    case 'recordHandOff':
      return store.recordHandOff(channelId, payload as TicketWriteInputs['recordHandOff']);
    case 'recordCallEnd':
      return store.recordCallEnd(channelId, payload as TicketWriteInputs['recordCallEnd']);
  }
}
