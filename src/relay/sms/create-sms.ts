import type { Knex } from 'knex';
import type { AppConfig } from '../../config/schema.js';
import type { Logger } from '../../logging/logger.js';
import type { TicketHistoryPort } from './history-port.js';
import { enqueueSms, type EnqueueResult, type SmsRequest } from './sms-outbox.js';
import { SmsSender, type SmsSenderTuning } from './sms-sender.js';
import type { SmsTexts } from './templates.js';

export interface Sms {
  /**
   * Puts an SMS in the outbox, in `trx` when given (call it inside the lifecycle's transaction). Then call
   * wake() after the commit, or the sender finds it at its next poll (≤ 1 s).
   */
  enqueue(trx: Knex | Knex.Transaction, request: SmsRequest): Promise<EnqueueResult>;
  wake(): void;
  start(): void;
  stop(): Promise<void>;
  readonly sender: SmsSender;
}

export interface CreateSmsOptions {
  db: Knex;
  config: AppConfig['relay']['sms'];
  logger: Logger;
  history: TicketHistoryPort;
  tuning?: Partial<SmsSenderTuning>;
  /** The templates' texts now (an admin edits them at /yonetim/katalog); read at each enqueue. Absent: the shipped ones. */
  texts?: () => SmsTexts;
}

/** The SMS relay: outbox + SMPP sender. start() only sends; enqueue works whether or not it is started (or enabled). */
export function createSms(options: CreateSmsOptions): Sms {
  const { config } = options;
  const logger = options.logger.child({ component: 'sms' });
  const sender = new SmsSender(options.db, config, options.history, logger, options.tuning);
  const settings = { encoding: config.encoding, maxParts: config.maxParts };
  let started = false;
  return {
    sender,
    async enqueue(trx, request) {
      const result = await enqueueSms(trx, request, options.texts ? { ...settings, texts: options.texts() } : settings);
      if (result.queued && !result.duplicate && result.fallback) logger.info('sms text needs UCS-2 (a character outside the 7-bit tables)', { ticket: request.ticketNumber });
      if (result.queued && result.truncated) logger.warn('sms text truncated to relay.sms.maxParts', { ticket: request.ticketNumber, parts: result.parts });
      // Inside an open transaction this is early (the loop finds nothing yet); outside it sends at once.
      if (result.queued) sender.wake();
      return result;
    },
    wake: () => sender.wake(),
    start() {
      if (started) return;
      started = true;
      sender.start();
    },
    async stop() {
      if (!started) return;
      started = false;
      await sender.stop();
    },
  };
}
