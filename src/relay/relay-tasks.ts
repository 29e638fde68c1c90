import type { Knex } from 'knex';
import type { Logger } from '../logging/logger.js';
import type { LifecycleTask } from '../requests/lifecycle.js';
import type { RequestChange, RequestService, TransactionalTasks } from '../requests/request-service.js';
import type { TicketView } from '../requests/ticket-store-type.js';
import type { Sms } from './sms/create-sms.js';
import type { SmsRequest } from './sms/sms-outbox.js';
import { SmsTemplateError } from './sms/templates.js';

export interface RelayTasksOptions {
  /** relay.sms.enabled: off, no task enqueues anything. */
  enabled: boolean;
  /** The SMS module's enqueue, run in the action's transaction. */
  sms: Pick<Sms, 'enqueue'>;
  logger: Logger;
}

/**
 * Sources whose citizen gets the `opened` SMS when the desk forwards their ticket: they reached us by phone,
 * at the desk or on the web and have no other receipt. CİMER and Açık Kapı applicants get their number there.
 */
const OPENED_SMS_SOURCES = new Set<TicketView['source']>(['phone', 'desk', 'web', 'field', 'open311']);

/** The SMS a lifecycle task asks for, or undefined when it asks for none. Pure, for tests. */
export function smsForTask(ticket: TicketView, task: LifecycleTask): SmsRequest | undefined {
  if (ticket.callerNumber === null) return undefined;
  const base = { ticketNumber: ticket.number, recipient: ticket.callerNumber };
  if (task.kind === 'sms' && task.template === 'answer-ready' && ticket.answer) {
    // One per answer: a retried action or a second answer's version gets its own key, a replay none.
    return { ...base, idempotencyKey: `${ticket.number}:answer-ready:v${ticket.version}`, template: 'answer-ready', params: { ticketNumber: ticket.number, answer: ticket.answer } };
  }
  if (task.kind === 'sms' && task.template === 'question' && ticket.question) {
    return { ...base, idempotencyKey: `${ticket.number}:question:v${ticket.version}`, template: 'question', params: { ticketNumber: ticket.number, question: ticket.question } };
  }
  // The number is told once (the same key): on opening for the channels that ask for it, else at the first
  // forward by the desk; transfers, reopenings and replies do not repeat it.
  if ((task.kind === 'sms' && task.template === 'opened') || (task.kind === 'notify-department' && task.reason === 'forwarded' && OPENED_SMS_SOURCES.has(ticket.source))) {
    return { ...base, idempotencyKey: `${ticket.number}:opened`, template: 'opened', params: { ticketNumber: ticket.number } };
  }
  return undefined;
}

/**
 * The lifecycle's SMS tasks, enqueued in the action's own transaction: a rolled-back answer sends nothing, a
 * committed one always has its SMS in the outbox. Landlines and citizens who refused SMS are skipped
 * (enqueueSms answers why); a template that cannot be rendered is logged and does not undo the answer.
 */
export class RelayTasks implements TransactionalTasks {
  constructor(private readonly options: RelayTasksOptions) {}

  async run(trx: Knex.Transaction, ticket: TicketView, task: LifecycleTask): Promise<void> {
    if (!this.options.enabled) return;
    const request = smsForTask(ticket, task);
    if (!request) return;
    const log = this.options.logger.child({ ticket: ticket.number, template: request.template });
    try {
      const result = await this.options.sms.enqueue(trx, request);
      if (!result.queued) log.info('sms not queued', { reason: result.reason });
      else if (!result.duplicate) log.info('sms queued', { id: result.id, parts: result.parts, shortForm: result.shortForm });
    } catch (error) {
      if (!(error instanceof SmsTemplateError)) throw error;
      log.warn('sms not queued: template refused the text', { error: error.message });
    }
  }
}

/** Whether a committed change may have put an SMS in the outbox (so the sender should look now). */
export const queuedSms = (change: RequestChange): boolean =>
  change.tasks.some((task) => task.kind === 'sms' || (task.kind === 'notify-department' && task.reason === 'forwarded'));

/** Wakes the SMS sender after each commit that may have queued one, instead of at its next poll. */
export function wakeSenderOnCommit(service: RequestService, wake: () => void): () => void {
  return service.onChange((change) => {
    if (queuedSms(change)) wake();
  });
}
