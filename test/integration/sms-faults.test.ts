import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { enqueueSms } from '../../src/relay/sms/sms-outbox.js';
import { SmsSender, type SmsSenderSettings } from '../../src/relay/sms/sms-sender.js';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { FAST, insertTicket, recordingHistory, senderSettings, SMSC_LOGIN, statuses, waitUntil } from '../support/sms.js';

const SETTINGS = { encoding: 'ucs2', maxParts: 6 } as const;
const LONG = 'Bölgenizdeki su kesintisi ekiplerimizce giderilmiştir, anlayışınız için teşekkür ederiz.';

describe(`sms: sender faults (${testEngine()})`, () => {
  let database: TestDatabase;
  let smsc: Smsc;
  const senders: SmsSender[] = [];
  let history: ReturnType<typeof recordingHistory>;

  beforeEach(async () => {
    database = await createTestDatabase();
    smsc = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 5 });
    history = recordingHistory();
  });
  afterEach(async () => {
    for (const sender of senders.splice(0)) await sender.stop();
    await smsc.close();
    await database.destroy();
  });

  const sender = (overrides: Partial<SmsSenderSettings> = {}, port = smsc.port): SmsSender => {
    const s = new SmsSender(database.db, senderSettings(port, overrides), history, createTestLogger(), { ...FAST, random: () => 0.5 });
    senders.push(s);
    s.start();
    return s;
  };

  /** `count` messages, alternately one part (opened) and two parts (a UCS-2 answer). */
  async function enqueueBatch(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) {
      const ticket = await insertTicket(database.db);
      const request = i % 2 === 0
        ? { template: 'opened', params: { ticketNumber: ticket } } as const
        : { template: 'answer-ready', params: { ticketNumber: ticket, answer: LONG } } as const;
      await enqueueSms(database.db, { idempotencyKey: `${ticket}:${request.template}`, ticketNumber: ticket, recipient: `0532${String(1000000 + i)}`, ...request }, SETTINGS);
    }
  }

  async function expectAllExactlyOnce(count: number): Promise<void> {
    await waitUntil(async () => (await statuses(database.db)).delivered === count, `${count} delivered`, 20_000);
    const rows = (await database.db('sms_messages').select('parts')) as Array<{ parts: number }>;
    const parts = rows.reduce((sum, r) => sum + Number(r.parts), 0);
    expect(smsc.duplicates(), 'no part accepted twice').to.deep.equal([]);
    expect(smsc.received.filter((p) => p.status === 0)).to.have.length(parts);
    expect(smsc.messages().filter((m) => m.complete)).to.have.length(count);
    expect(history.notes.filter((n) => n.kind === 'sms-submitted')).to.have.length(count);
  }

  it('reconnects after the TCP link drops mid-batch and sends every message exactly once', async () => {
    await enqueueBatch(30);
    smsc.dropAfterSubmits(10);
    const s = sender();
    await waitUntil(() => smsc.counters.drops > 0, 'the drop');
    await expectAllExactlyOnce(30);
    expect(s.link.counters.binds).to.be.greaterThanOrEqual(2);
  });

  it('backs off on ESME_RTHROTTLED and loses nothing', async () => {
    await enqueueBatch(10);
    smsc.throttle(5);
    const s = sender();
    await expectAllExactlyOnce(10);
    expect(smsc.received.filter((p) => p.status === 0x58)).to.have.length(5);
    expect(s.counters.throttled).to.equal(5);
  });

  it('keeps messages queued while the SMSC is down at start and sends them when it comes up', async () => {
    await smsc.down();
    await enqueueBatch(4);
    const s = sender();
    await waitUntil(() => s.link.counters.drops >= 2, 'two failed connects');
    expect(await statuses(database.db)).to.deep.equal({ queued: 4 });
    await smsc.up();
    await expectAllExactlyOnce(4);
  });

  it('hands a batch over from a stopped sender to a new one on the same database: none lost, none doubled', async () => {
    await enqueueBatch(40);
    const first = sender({ perSecond: 100 });
    await waitUntil(() => smsc.received.length >= 10, 'ten parts sent');
    await first.stop();
    const sent = smsc.received.length;
    expect((await statuses(database.db)).sending ?? 0, 'no row left claimed').to.equal(0);
    sender({ perSecond: 1000 });
    await expectAllExactlyOnce(40);
    expect(smsc.received.length).to.be.greaterThan(sent);
  });

  it('resends only the part whose response was lost: the one duplicate the SMSC shows is that part', async () => {
    await enqueueBatch(2);
    smsc.dropBeforeResponse(1);
    const s = sender();
    await waitUntil(async () => (await statuses(database.db)).delivered === 2, 'both delivered');
    const lost = smsc.received.filter((p) => p.unanswered);
    expect(lost).to.have.length(1);
    const dupes = smsc.duplicates();
    expect(dupes).to.have.length(1);
    expect(dupes[0]?.shortMessage.equals(lost[0]!.shortMessage)).to.equal(true);
    // 1 + 3 parts, plus the one resent copy; every other part went once.
    expect(smsc.received.filter((p) => p.status === 0)).to.have.length(5);
    // Parts of other messages in flight at the drop were unanswered too, but the SMSC never read them: not resent twice.
    expect(s.counters.partsAmbiguous).to.be.greaterThanOrEqual(1);
  });

  it('answers slowly within the timeout without resending, and paces submits at perSecond', async () => {
    await enqueueBatch(6);
    smsc.slow(50);
    const started = Date.now();
    sender({ perSecond: 20 });
    await expectAllExactlyOnce(6);
    // 9 parts at 20/s: the last one leaves no earlier than 8 × 50 ms after the first.
    const times = smsc.received.map((p) => p.at.getTime());
    expect(Math.max(...times) - Math.min(...times)).to.be.greaterThanOrEqual(8 * 50 - 5);
    expect(Date.now() - started).to.be.lessThan(10_000);
  });

  it('gives up on a message older than giveUpHours and notes the failure', async () => {
    await enqueueBatch(1);
    await database.db('sms_messages').update({ created_at: new Date(Date.now() - 73 * 3_600_000).toISOString() });
    sender();
    await waitUntil(async () => (await statuses(database.db)).failed === 1, 'failed');
    expect(smsc.received).to.have.length(0);
    expect(history.notes.map((n) => [n.kind, n.data.error])).to.deep.equal([['sms-failed', 'gave up after 72 h']]);
  });
});
