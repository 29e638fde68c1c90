import type { Logger } from '../logging/logger.js';
import type { RequestActor } from '../requests/lifecycle.js';
import type { RequestService } from '../requests/request-service.js';

/**
 * The one implementation of the history port the callback and SMS modules are given: a `note` action through
 * RequestService (the only writer of ticket_events), so their facts land in the ticket's history like any other.
 */
export interface TicketHistoryNotes {
  note(ticketNumber: string, kind: string, data: Record<string, unknown>, actor: RequestActor): Promise<void>;
}

/** Data fields that name one fact: a retried note with the same one lands once (see ActOptions.dedupeKey). */
const IDENTIFYING = ['attemptId', 'smsId', 'messageId', 'eventId'] as const;

export function noteDedupeKey(kind: string, data: Record<string, unknown>): string | undefined {
  for (const field of IDENTIFYING) {
    const value = data[field];
    if (typeof value === 'string' || typeof value === 'number') return `${kind}:${String(value)}`.slice(0, 200);
  }
  // Without an id two real facts can look alike (two SMS of one template): no key, each note lands.
  return undefined;
}

export function createTicketHistoryPort(service: Pick<RequestService, 'act'>, logger?: Logger): TicketHistoryNotes {
  return {
    async note(ticketNumber, kind, data, actor) {
      const dedupeKey = noteDedupeKey(kind, data);
      await service.act(ticketNumber, { name: 'note', kind, data }, actor, dedupeKey === undefined ? {} : { dedupeKey });
      logger?.debug('ticket history noted', { ticket: ticketNumber, kind });
    },
  };
}
