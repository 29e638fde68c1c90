import type { IvrPathStep } from '../ivr/types.js';

export interface OpenCallTicketInput {
  callId: string;
  channelId: string;
  callerNumber: string;
  callerName: string;
  startedAt: Date;
  /** Null when the caller was gone before alo153 could answer. */
  answeredAt: Date | null;
}

export type HandOffReason = 'selected' | 'retries-exhausted' | 'reconciled' | 'shutdown';
export type CallOutcome = 'abandoned-in-ivr' | 'handed-to-queue' | 'failed';

/**
 * What a call session needs from ticket storage. Implemented by TicketService, whose writes
 * never reject: they are queued per channel and retried until they land (a ticket write never
 * blocks or kills a call).
 */
export interface CallTicketWriter {
  /** Resolves once stored (after retries), or undefined when the write was given up (permanent error, shutdown). */
  openCallTicket(input: OpenCallTicketInput): Promise<{ callId: string; ticketNumber: string; created: boolean } | undefined>;
  recordHandOff(
    channelId: string,
    handOff: { queue: string; categoryCode: string; at: Date; reason: HandOffReason; progress?: { path: IvrPathStep[]; lastStep: string } },
  ): void | Promise<void>;
  recordCallEnd(channelId: string, end: { endedAt: Date; outcome: CallOutcome; lastStep: string; path?: IvrPathStep[] }): void | Promise<void>;
}
