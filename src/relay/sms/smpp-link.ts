import smpp, { type PDU, type PduOptions, type Session } from 'smpp';
import type { Logger } from '../../logging/logger.js';
import { LogThrottle } from '../../logging/log-throttle.js';
import { backoffDelay } from '../../shared/backoff.js';
import { hexStatus, SMPP_STATUS } from './smpp-types.js';

export interface SmppLinkOptions {
  host: string;
  port: number;
  systemId: string;
  password: string;
  systemType: string;
  retry: { initialDelayMs: number; maxDelayMs: number };
  /** enquire_link every this often while bound; no answer within responseTimeoutMs drops the link. */
  enquireLinkMs: number;
  responseTimeoutMs: number;
  logger: Logger;
  /** A deliver_sm (receipt or MO): resolves to the deliver_sm_resp command_status. */
  onDeliver: (pdu: PDU) => Promise<number>;
  random?: () => number;
}

export type LinkState = 'stopped' | 'connecting' | 'bound' | 'waiting';

/** The link went away (or never was bound) before the SMSC answered: the part may or may not have been taken. */
export class LinkDownError extends Error {
  override readonly name = 'LinkDownError';
}

/**
 * One SMPP 3.4 transceiver session to the SMSC, kept bound: bind_transceiver, enquire_link keepalive, answers to the
 * SMSC's enquire_link/unbind, and reconnects with jittered backoff after a refused bind or a dropped link.
 * A submit_sm without a response in time drops the link on purpose: a late response on a link we still use
 * would race the resend, a new link has no stale sequence numbers.
 */
export class SmppLink {
  private session: Session | undefined;
  private linkState: LinkState = 'stopped';
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private keepalive: NodeJS.Timeout | undefined;
  private readonly pending = new Set<(error: Error) => void>();
  private readonly waiters = new Set<() => void>();
  private readonly complaints = new LogThrottle();
  readonly counters = { binds: 0, bindFailures: 0, drops: 0 };

  constructor(private readonly options: SmppLinkOptions) {}

  get state(): LinkState {
    return this.linkState;
  }

  start(): void {
    if (this.linkState !== 'stopped') return;
    this.connect();
  }

  /** Resolves once bound, or after `timeoutMs` (false). */
  waitBound(timeoutMs: number): Promise<boolean> {
    if (this.linkState === 'bound') return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve(this.linkState === 'bound');
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Wakes waitBound() callers early (the sender's stop). */
  wakeWaiters(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  submit(fields: PduOptions): Promise<PDU> {
    const session = this.session;
    if (this.linkState !== 'bound' || !session) return Promise.reject(new LinkDownError('not bound'));
    return new Promise<PDU>((resolve, reject) => {
      const fail = (error: Error): void => {
        clearTimeout(timer);
        this.pending.delete(fail);
        reject(error);
      };
      const timer = setTimeout(() => {
        fail(new LinkDownError(`no submit_sm_resp in ${this.options.responseTimeoutMs} ms`));
        this.drop(session, 'submit_sm response timeout');
      }, this.options.responseTimeoutMs);
      this.pending.add(fail);
      const sent = session.submit_sm(fields, (response) => {
        clearTimeout(timer);
        this.pending.delete(fail);
        resolve(response);
      });
      if (!sent) fail(new LinkDownError('socket not writable'));
    });
  }

  /** Unbinds politely (unbind, then its response or a timeout) and closes; no reconnect afterwards. */
  async stop(): Promise<void> {
    if (this.linkState === 'stopped') return;
    const session = this.session;
    this.session = undefined;
    const wasBound = this.linkState === 'bound';
    this.linkState = 'stopped';
    clearTimeout(this.reconnectTimer);
    this.stopKeepalive();
    this.wakeWaiters();
    if (!session) return;
    const closed = new Promise<void>((resolve) => session.once('close', () => resolve()));
    if (wasBound) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.responseTimeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          resolve();
        };
        if (!session.unbind({}, done)) done();
      });
      session.close();
    } else {
      session.destroy();
    }
    const timer = setTimeout(() => session.destroy(), this.options.responseTimeoutMs);
    await closed;
    clearTimeout(timer);
    const error = new LinkDownError('smsc link stopped');
    for (const fail of [...this.pending]) fail(error);
    this.options.logger.info('smsc link stopped', { unbound: wasBound });
  }

  private connect(): void {
    this.linkState = 'connecting';
    const { host, port } = this.options;
    const session = smpp.connect({ host, port });
    this.session = session;
    session.on('connect', () => this.bind(session));
    session.on('error', (error: Error) => {
      if (this.complaints.due(`error:${error.message}`) !== undefined) this.options.logger.warn('smsc link error', { error: error.message, host, port });
    });
    session.on('close', () => this.closed(session));
    session.on('deliver_sm', (pdu: PDU) => this.deliver(session, pdu));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => {
      this.options.logger.warn('smsc asked to unbind');
      session.send(pdu.response());
      this.drop(session, 'unbind by smsc');
    });
    session.on('pdu', (pdu: PDU) => {
      if (pdu.command === 'unknown') session.send(pdu.response());
    });
  }

  private bind(session: Session): void {
    const { systemId, password, systemType, responseTimeoutMs, logger } = this.options;
    const timer = setTimeout(() => this.drop(session, 'no bind_transceiver_resp'), responseTimeoutMs);
    session.bind_transceiver({ system_id: systemId, password, system_type: systemType, interface_version: 0x34 }, (response) => {
      clearTimeout(timer);
      if (session !== this.session || this.linkState !== 'connecting') return;
      if (response.command_status !== SMPP_STATUS.ROK) {
        this.counters.bindFailures += 1;
        logger.error('smsc refused bind_transceiver', { status: hexStatus(response.command_status), systemId, attempt: this.attempt });
        this.drop(session, 'bind refused');
        return;
      }
      this.linkState = 'bound';
      this.attempt = 0;
      this.counters.binds += 1;
      logger.info('smsc bound (transceiver)', { systemId, host: this.options.host, port: this.options.port });
      this.startKeepalive(session);
      this.wakeWaiters();
    });
  }

  private startKeepalive(session: Session): void {
    this.stopKeepalive();
    this.keepalive = setInterval(() => {
      const timer = setTimeout(() => this.drop(session, 'no enquire_link_resp'), this.options.responseTimeoutMs);
      if (!session.enquire_link({}, () => clearTimeout(timer))) clearTimeout(timer);
    }, this.options.enquireLinkMs);
  }

  private stopKeepalive(): void {
    clearInterval(this.keepalive);
    this.keepalive = undefined;
  }

  private deliver(session: Session, pdu: PDU): void {
    this.options
      .onDeliver(pdu)
      .catch(() => SMPP_STATUS.RX_T_APPN)
      .then((status) => session.send(pdu.response({ command_status: status })));
  }

  private drop(session: Session, reason: string): void {
    if (session !== this.session) return;
    this.options.logger.warn('smsc link dropped', { reason });
    session.destroy();
  }

  private closed(session: Session): void {
    if (session !== this.session) return;
    this.stopKeepalive();
    const error = new LinkDownError('smsc link closed');
    for (const fail of [...this.pending]) fail(error);
    if (this.linkState === 'stopped') return;
    this.counters.drops += 1;
    this.session = undefined;
    const delay = backoffDelay(this.attempt, { ...this.options.retry, random: this.options.random });
    this.attempt += 1;
    this.linkState = 'waiting';
    this.options.logger.info('smsc link closed; reconnecting', { inMs: delay, attempt: this.attempt });
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }
}
