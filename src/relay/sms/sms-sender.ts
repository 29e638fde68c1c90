import type { Knex } from 'knex';
import type { PDU } from 'smpp';
import type { Logger } from '../../logging/logger.js';
import { maskPhone } from '../../logging/redact.js';
import { LogThrottle } from '../../logging/log-throttle.js';
import { backoffDelay } from '../../shared/backoff.js';
import { encodeSms } from './encoding.js';
import { SMS_ACTOR, type SmsHistoryKind, type TicketHistoryPort } from './history-port.js';
import { handleDeliver } from './receipt-handler.js';
import { LinkDownError, SmppLink } from './smpp-link.js';
import { hexStatus, pduString, submitVerdict } from './smpp-types.js';
import { SmsStore, type SmsRow } from './sms-store.js';
import { sourceAddress, submitFields } from './submit-fields.js';
import { Wakeup } from './wakeup.js';

export interface SmsSenderSettings {
  smsc: { host: string; port: number; systemId: string; password: string; systemType: string };
  sourceAddr: string;
  requestDeliveryReceipt: boolean;
  perSecond: number;
  retry: { initialDelayMs: number; maxDelayMs: number };
  giveUpHours: number;
}

export interface SmsSenderTuning {
  /** Messages in flight at once (each sends its parts in order). */
  window: number;
  pollMs: number;
  /** How long a claimed (`sending`) row is ours; after a crash it is due again once this has passed. */
  leaseMs: number;
  responseTimeoutMs: number;
  enquireLinkMs: number;
  random?: () => number;
}
export const DEFAULT_TUNING: SmsSenderTuning = { window: 10, pollMs: 1000, leaseMs: 120_000, responseTimeoutMs: 10_000, enquireLinkMs: 30_000 };

/**
 * Takes due rows from the SMS outbox and submits their parts over one SMPP transceiver link, at most perSecond
 * parts a second. Throttling (0x58, 0x14) pauses the whole link with backoff; other transient statuses and a
 * dropped link retry the message; permanent statuses fail it. A part is sent again only if it never got a
 * submit_sm_resp — see README "SMS: the duplicate window" for what that leaves.
 */
export class SmsSender {
  readonly link: SmppLink;
  readonly store: SmsStore;
  private readonly wakeup = new Wakeup();
  private readonly inflight = new Map<number, Promise<void>>();
  private readonly partWrites = new Set<Promise<unknown>>();
  private readonly complaints = new LogThrottle();
  private readonly source: ReturnType<typeof sourceAddress>;
  private readonly tuning: SmsSenderTuning;
  private stopping = false;
  private loopDone: Promise<void> | undefined;
  private stopped: Promise<void> | undefined;
  private nextSlot = 0;
  private pausedUntil = 0;
  private throttles = 0;
  private chain: Promise<unknown> = Promise.resolve();
  readonly counters = { partsAccepted: 0, partsAmbiguous: 0, throttled: 0, failed: 0 };

  constructor(
    private readonly db: Knex,
    private readonly settings: SmsSenderSettings,
    private readonly history: TicketHistoryPort,
    private readonly logger: Logger,
    tuning: Partial<SmsSenderTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
    this.source = sourceAddress(settings.sourceAddr);
    this.store = new SmsStore(db);
    this.link = new SmppLink({
      ...settings.smsc,
      retry: settings.retry,
      enquireLinkMs: this.tuning.enquireLinkMs,
      responseTimeoutMs: this.tuning.responseTimeoutMs,
      logger,
      random: this.tuning.random,
      onDeliver: (pdu: PDU) => handleDeliver(pdu, { store: this.store, partWrites: this.partWrites, note: (row, kind, error) => this.note(row, kind, error), logger, serial: (run) => this.serial(run) }),
    });
  }

  start(): void {
    if (this.loopDone) return;
    this.link.start();
    this.loopDone = this.loop();
  }

  /** New work (an enqueue just committed): look now instead of at the next poll. */
  wake(): void {
    this.wakeup.wake();
  }

  /** Finishes the parts in flight (their responses are recorded), leaves the rest queued for the next start, unbinds. */
  stop(): Promise<void> {
    this.stopped ??= this.shutDown();
    return this.stopped;
  }

  private async shutDown(): Promise<void> {
    this.stopping = true;
    this.wakeup.wake();
    this.link.wakeWaiters();
    await this.loopDone;
    await Promise.allSettled([...this.inflight.values()]);
    await Promise.allSettled([...this.partWrites]);
    await this.link.stop();
  }

  private async loop(): Promise<void> {
    while (!this.stopping) {
      try {
        if (this.link.state !== 'bound') await this.link.waitBound(this.tuning.pollMs);
        else if (this.inflight.size >= this.tuning.window) await Promise.race(this.inflight.values());
        else if (!(await this.takeDue())) await this.wakeup.sleep(await this.idleMs());
      } catch (error) {
        if (this.complaints.due('loop') !== undefined) this.logger.error('sms outbox read failed', { error: (error as Error).message });
        await this.wakeup.sleep(this.tuning.pollMs);
      }
    }
  }

  private async idleMs(): Promise<number> {
    const due = await this.store.nextDue();
    return due === undefined ? this.tuning.pollMs : Math.min(this.tuning.pollMs, Math.max(10, due.getTime() - Date.now()));
  }

  private async takeDue(): Promise<boolean> {
    const now = new Date();
    const rows = await this.store.due(now, this.tuning.window - this.inflight.size, [...this.inflight.keys()]);
    const giveUpBefore = now.getTime() - this.settings.giveUpHours * 3_600_000;
    for (const row of rows) {
      if (this.stopping) break;
      if (new Date(row.created_at).getTime() < giveUpBefore) {
        await this.fail(row, `gave up after ${this.settings.giveUpHours} h`);
        continue;
      }
      if (!(await this.store.claim(row.id, now, new Date(now.getTime() + this.tuning.leaseMs)))) continue;
      const task = this.send({ ...row, attempts: row.attempts + 1 })
        .catch((error: unknown) => {
          this.logger.error('sms send failed', { id: row.id, ticket: row.ticket_number, error: (error as Error).message });
        })
        .finally(() => {
          this.inflight.delete(row.id);
          this.wakeup.wake();
        });
      this.inflight.set(row.id, task);
    }
    return rows.length > 0;
  }

  private async send(row: SmsRow): Promise<void> {
    const parts = encodeSms(row.body, row.encoding, row.id & 0xff);
    if (parts.length !== row.parts) return this.fail(row, `body now encodes to ${parts.length} parts, not ${row.parts}`);
    const ids = row.smsc_message_ids;
    for (const [index, part] of parts.entries()) {
      if (ids[index]) continue;
      if (!(await this.pace())) return this.store.retryAt(row.id, new Date(), null, new Date());
      let response: PDU;
      try {
        response = await this.link.submit(submitFields({ source: this.source, recipient: row.recipient, part, receipt: this.settings.requestDeliveryReceipt, rowId: row.id }));
      } catch (error) {
        if (!(error instanceof LinkDownError)) throw error;
        this.counters.partsAmbiguous += 1;
        this.logger.warn('sms part unanswered; resending it later', { id: row.id, ticket: row.ticket_number, to: maskPhone(row.recipient), part: index + 1, reason: error.message });
        return this.retryLater(row, error.message, backoffDelay(row.attempts - 1, { ...this.settings.retry, random: this.tuning.random }));
      }
      const status = response.command_status;
      const verdict = submitVerdict(status);
      if (verdict === 'accepted') {
        // Registered before this continuation yields: a receipt handled meanwhile waits for this write.
        const write = this.store.recordPart(row.id, index + 1, pduString(response, 'message_id') || `none-${row.id}-${index + 1}`, new Date());
        this.partWrites.add(write);
        await write.finally(() => this.partWrites.delete(write));
        this.counters.partsAccepted += 1;
        this.throttles = 0;
        continue;
      }
      if (verdict === 'permanent') return this.fail(row, `submit_sm ${hexStatus(status)}`);
      if (verdict === 'slow-down') {
        this.counters.throttled += 1;
        this.pausedUntil = Date.now() + backoffDelay(this.throttles++, { ...this.settings.retry, random: this.tuning.random });
      }
      return this.retryLater(row, `submit_sm ${hexStatus(status)}`, verdict === 'slow-down' ? this.pausedUntil - Date.now() : backoffDelay(row.attempts - 1, this.settings.retry));
    }
    const settled = await this.serial(async () => {
      await this.store.submitted(row.id, new Date());
      return this.store.settle(this.db, row.id, new Date());
    });
    this.logger.info('sms submitted', { id: row.id, ticket: row.ticket_number, to: maskPhone(row.recipient), parts: row.parts, template: row.template });
    await this.note(row, 'sms-submitted');
    if (settled) await this.note(row, settled.status === 'delivered' ? 'sms-delivered' : 'sms-undeliverable');
  }

  /** One at a time, in call order (see ReceiptContext.serial). */
  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.chain.then(run, run);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Waits for the next perSecond slot and the end of a throttling pause; false when stopping. */
  private async pace(): Promise<boolean> {
    for (;;) {
      if (this.stopping) return false;
      const now = Date.now();
      const wait = Math.max(this.pausedUntil, this.nextSlot) - now;
      if (wait <= 0) {
        this.nextSlot = Math.max(now, this.nextSlot) + 1000 / this.settings.perSecond;
        return true;
      }
      await this.wakeup.sleep(wait);
    }
  }

  private async retryLater(row: SmsRow, error: string, delayMs: number): Promise<void> {
    const now = new Date();
    await this.store.retryAt(row.id, this.stopping ? now : new Date(now.getTime() + delayMs), error, now);
  }

  private async fail(row: SmsRow, error: string): Promise<void> {
    this.counters.failed += 1;
    await this.store.fail(row.id, error, new Date());
    this.logger.warn('sms failed', { id: row.id, ticket: row.ticket_number, to: maskPhone(row.recipient), error });
    await this.note(row, 'sms-failed', error);
  }

  private async note(row: Pick<SmsRow, 'id' | 'ticket_number' | 'template' | 'parts'>, kind: SmsHistoryKind, error?: string): Promise<void> {
    try {
      await this.history.note(row.ticket_number, kind, { smsId: row.id, template: row.template, parts: row.parts, ...(error ? { error } : {}) }, SMS_ACTOR);
    } catch (failure) {
      this.logger.warn('sms history note failed', { ticket: row.ticket_number, kind, error: (failure as Error).message });
    }
  }
}
