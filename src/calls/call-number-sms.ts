import type { Knex } from 'knex';
import type { Logger } from '../logging/logger.js';
import { turkishMobileE164 } from '../relay/sms/recipient.js';
import type { Sms } from '../relay/sms/create-sms.js';

/** Texts a phone caller their ticket number after the hand-off. Never rejects: the call is never held up by it. */
export interface CallNumberSms {
  send(ticketNumber: string, callerNumber: string): Promise<void>;
}

export interface CallNumberSmsOptions {
  db: Knex;
  sms: Pick<Sms, 'enqueue'>;
  /** relay.sms.enabled */
  enabled: boolean;
  logger: Logger;
}

/**
 * The `opened` SMS with the lifecycle's key (`<number>:opened`): the desk's first forward asks for the same one,
 * so the citizen gets their number once whichever comes first. Landlines and opted-out citizens get none.
 */
export function createCallNumberSms(options: CallNumberSmsOptions): CallNumberSms {
  const log = options.logger.child({ component: 'call-number-sms' });
  return {
    async send(ticketNumber, callerNumber) {
      if (!options.enabled || turkishMobileE164(callerNumber) === undefined) return;
      try {
        const result = await options.sms.enqueue(options.db, {
          idempotencyKey: `${ticketNumber}:opened`,
          ticketNumber,
          recipient: callerNumber,
          template: 'opened',
          params: { ticketNumber },
        });
        if (!result.queued) log.info('number sms not queued', { ticket: ticketNumber, reason: result.reason });
        else if (!result.duplicate) log.info('number sms queued', { ticket: ticketNumber, id: result.id });
      } catch (error) {
        log.warn('number sms failed', { ticket: ticketNumber, error: (error as Error).message });
      }
    },
  };
}
