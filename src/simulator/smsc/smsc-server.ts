import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Session } from 'smpp';
import { pduString, SMPP_STATUS } from '../../relay/sms/smpp-types.js';
import { keepSubmitShortMessageRaw } from './smpp-raw.js';
import { assembledMessages, duplicateParts, readSubmit, type ReceivedPart } from './smsc-record.js';
import { receiptFields, type ReceiptStat } from './smsc-receipts.js';

export interface SmscOptions {
  /** 0 (default): any free port. */
  port?: number;
  systemId: string;
  password: string;
  /** Time from submit_sm_resp to the delivery receipt (deliver_sm). */
  receiptDelayMs?: number;
}

interface Link {
  session: Session;
  systemId: string | undefined;
  /** Set when the SMSC drops the link: PDUs already in its buffer were never read by the SMSC. */
  dead: boolean;
}

export interface Smsc {
  readonly port: number;
  /** Every submit_sm part, in arrival order, with the status it got. */
  readonly received: ReceivedPart[];
  readonly binds: Array<{ systemId: string; ok: boolean }>;
  readonly counters: { unbinds: number; receiptsSent: number; receiptsAcked: number; drops: number };
  /** Accepted parts that arrived more than once. */
  duplicates(): ReceivedPart[];
  messages(): ReturnType<typeof assembledMessages>;
  boundLinks(): number;
  /** Answer bind with this status (e.g. 0x0E bad password), or false to accept again. */
  refuseBind(status: number | false): void;
  /** After answering `count` more submits, drop the TCP link(s). */
  dropAfterSubmits(count: number): void;
  /** The next `count` submits are accepted and recorded, then the link drops before the response leaves. */
  dropBeforeResponse(count?: number): void;
  dropLinks(): void;
  /** Answer ESME_RTHROTTLED (0x58) to the next `count` submits. */
  throttle(count: number): void;
  /** Delay every submit_sm_resp by this. */
  slow(ms: number): void;
  /** Answer submits to `destination` with `status` (e.g. 0x0B invalid destination). */
  errorFor(destination: string, status: number): void;
  /** The receipt stat for `destination` (default DELIVRD). */
  receiptFor(destination: string, stat: ReceiptStat): void;
  /** Stop listening and drop every link (the SMSC is down) / listen again on the same port. */
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/** A real SMPP 3.4 SMSC for tests and the demo, on 127.0.0.1, with faults on demand. */
export async function startSmsc(options: SmscOptions): Promise<Smsc> {
  keepSubmitShortMessageRaw();
  const received: ReceivedPart[] = [];
  const binds: Smsc['binds'] = [];
  const counters = { unbinds: 0, receiptsSent: 0, receiptsAcked: 0, drops: 0 };
  const links = new Set<Link>();
  const pendingReceipts: Array<{ systemId: string; part: ReceivedPart }> = [];
  const errors = new Map<string, number>();
  const stats = new Map<string, ReceiptStat>();
  const timers = new Set<NodeJS.Timeout>();
  const state = { refuse: false as number | false, dropAfter: undefined as number | undefined, dropBefore: 0, throttled: 0, delayMs: 0, nextId: 1, closed: false };
  const later = (ms: number, run: () => void): void => {
    const timer = setTimeout(() => (timers.delete(timer), run()), ms);
    timers.add(timer);
  };

  const drop = (link: Link): void => {
    link.dead = true;
    counters.drops += 1;
    link.session.destroy();
  };
  /**
   * The SMSC closes the link after what it answered: a FIN behind the responses already written. drop()'s destroy
   * with submits still unread in the buffer sends a reset instead, and the ESME can lose responses it had not read
   * yet — then a part the SMSC records as answered is rightly resent, which is dropBeforeResponse's case, not this.
   */
  const hangUp = (link: Link): void => {
    link.dead = true;
    counters.drops += 1;
    link.session.socket.end();
    later(500, () => link.session.destroy());
  };
  const bound = (systemId: string): Link | undefined => [...links].find((l) => !l.dead && l.systemId === systemId);

  const sendReceipt = (systemId: string, part: ReceivedPart): void => {
    const link = bound(systemId);
    if (!link) {
      // A real SMSC keeps receipts for an ESME that is not bound and delivers them at its next bind.
      pendingReceipts.push({ systemId, part });
      return;
    }
    counters.receiptsSent += 1;
    const sent = link.session.deliver_sm(receiptFields(part, stats.get(part.destination) ?? 'DELIVRD'), (response) => {
      if (response.command_status === SMPP_STATUS.ROK) counters.receiptsAcked += 1;
      else later(200, () => sendReceipt(systemId, part));
    });
    if (!sent) pendingReceipts.push({ systemId, part });
  };

  const answerSubmit = (link: Link, pdu: PDU): void => {
    const part = readSubmit(pdu, link.systemId ?? '', received.length + 1);
    received.push(part);
    const errorStatus = errors.get(part.destination);
    if (state.throttled > 0) {
      state.throttled -= 1;
      part.status = SMPP_STATUS.RTHROTTLED;
    } else if (errorStatus !== undefined) part.status = errorStatus;
    if (part.status === SMPP_STATUS.ROK) part.messageId = (state.nextId++).toString(16).padStart(10, '0');
    if (part.status === SMPP_STATUS.ROK && state.dropBefore > 0) {
      state.dropBefore -= 1;
      part.unanswered = true;
      drop(link);
      if ((part.registeredDelivery & 0x03) !== 0) later(options.receiptDelayMs ?? 20, () => sendReceipt(part.systemId, part));
      return;
    }
    const respond = (): void => {
      if (link.dead) {
        part.unanswered = true;
        return;
      }
      link.session.send(pdu.response({ command_status: part.status, ...(part.messageId ? { message_id: part.messageId } : {}) }));
      if (part.messageId && (part.registeredDelivery & 0x03) !== 0) later(options.receiptDelayMs ?? 20, () => sendReceipt(part.systemId, part));
      if (state.dropAfter !== undefined && --state.dropAfter <= 0) {
        state.dropAfter = undefined;
        for (const l of [...links]) hangUp(l);
      }
    };
    if (state.delayMs > 0) later(state.delayMs, respond);
    else respond();
  };

  const onBind = (link: Link, pdu: PDU): void => {
    const systemId = pduString(pdu, 'system_id') ?? '';
    let status: number = SMPP_STATUS.ROK;
    if (state.refuse !== false) status = state.refuse;
    else if (systemId !== options.systemId) status = SMPP_STATUS.RINVSYSID;
    else if (pduString(pdu, 'password') !== options.password) status = SMPP_STATUS.RINVPASWD;
    binds.push({ systemId, ok: status === SMPP_STATUS.ROK });
    link.session.send(pdu.response({ command_status: status, system_id: 'SIMSMSC' }));
    if (status !== SMPP_STATUS.ROK) return;
    link.systemId = systemId;
    for (const waiting of pendingReceipts.splice(0).filter((r) => r.systemId === systemId)) later(0, () => sendReceipt(waiting.systemId, waiting.part));
  };

  const server = smpp.createServer({}, (session: Session) => {
    const link: Link = { session, systemId: undefined, dead: false };
    if (state.closed) return session.destroy();
    links.add(link);
    session.on('error', () => undefined);
    session.on('close', () => links.delete(link));
    session.on('pdu', (pdu: PDU) => {
      if (link.dead) return;
      const bindCommand = pdu.command === 'bind_transceiver' || pdu.command === 'bind_transmitter' || pdu.command === 'bind_receiver';
      if (bindCommand) return onBind(link, pdu);
      if (pdu.command === 'enquire_link') return void session.send(pdu.response());
      if (pdu.command === 'unbind') {
        counters.unbinds += 1;
        link.systemId = undefined;
        session.send(pdu.response());
        return;
      }
      if (pdu.isResponse()) return;
      if (link.systemId === undefined) return void session.send(pdu.response({ command_status: 0x04 }));
      if (pdu.command === 'submit_sm') return answerSubmit(link, pdu);
      // Anything else (query_sm, data_sm …) this SMSC does not offer: ESME_RINVCMDID.
      session.send(pdu.response({ command_status: 0x03 }));
    });
  });
  await listen(server, options.port ?? 0);
  const port = (server.address() as AddressInfo).port;
  const dropAll = (): void => [...links].forEach(drop);

  return {
    port,
    received,
    binds,
    counters,
    duplicates: () => duplicateParts(received),
    messages: () => assembledMessages(received),
    boundLinks: () => [...links].filter((l) => !l.dead && l.systemId !== undefined).length,
    refuseBind: (status) => void (state.refuse = status),
    dropAfterSubmits: (count) => void (state.dropAfter = count),
    dropBeforeResponse: (count = 1) => void (state.dropBefore = count),
    dropLinks: dropAll,
    throttle: (count) => void (state.throttled = count),
    slow: (ms) => void (state.delayMs = ms),
    errorFor: (destination, status) => void errors.set(destination, status),
    receiptFor: (destination, stat) => void stats.set(destination, stat),
    async down() {
      state.closed = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      dropAll();
      await closed;
    },
    async up() {
      state.closed = false;
      await listen(server, port);
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      state.closed = true;
      const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      dropAll();
      await closed;
    },
  };
}

function listen(server: smpp.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

