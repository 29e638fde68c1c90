import type { RequestActor } from '../../requests/lifecycle.js';

export type SmsHistoryKind = 'sms-submitted' | 'sms-delivered' | 'sms-failed' | 'sms-undeliverable';

/**
 * Where the SMS sender writes a ticket's history (the lead wires it to RequestService.act(number, {action: {name:
 * 'note', kind, data}}, actor)). Called after the outbox row's own commit; a failure is logged, never retried.
 * data.smsId names the outbox row, so a note sent twice (kind + smsId) can be told from two messages.
 */
export interface TicketHistoryPort {
  note(ticketNumber: string, kind: SmsHistoryKind, data: { smsId: number; template: string; parts: number; error?: string }, actor: RequestActor): Promise<void>;
}

export const SMS_ACTOR: RequestActor = { kind: 'system', name: 'sms' };
