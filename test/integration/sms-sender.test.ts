import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { createSms, type Sms } from '../../src/relay/sms/create-sms.js';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { FAST, insertTicket, recordingHistory, senderSettings, SMSC_LOGIN, statuses, waitUntil } from '../support/sms.js';
import type { AppConfig } from '../../src/config/schema.js';
import { logFormat } from '../../src/logging/logger.js';
import { capturingLogger } from '../support/capturing-logger.js';

type SmsConfig = AppConfig['relay']['sms'];

function smsConfig(port: number, overrides: Partial<SmsConfig> = {}): SmsConfig {
  return { enabled: true, encoding: 'gsm7-turkish', maxParts: 6, ...senderSettings(port), ...overrides };
}

describe(`sms: sender against the test SMSC (${testEngine()})`, () => {
  let database: TestDatabase;
  let smsc: Smsc;
  let sms: Sms | undefined;
  let history: ReturnType<typeof recordingHistory>;

  beforeEach(async () => {
    database = await createTestDatabase();
    smsc = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 10 });
    history = recordingHistory();
  });
  afterEach(async () => {
    await sms?.stop();
    sms = undefined;
    await smsc.close();
    await database.destroy();
  });

  let logs: ReturnType<typeof capturingLogger>;
  const start = (overrides: Partial<SmsConfig> = {}): Sms => {
    logs = capturingLogger({ format: logFormat() });
    sms = createSms({ db: database.db, config: smsConfig(smsc.port, overrides), logger: logs.logger, history, tuning: FAST });
    sms.start();
    return sms;
  };

  it('binds with the configured login, submits the text and records the delivery receipt', async () => {
    const s = start();
    const ticket = await insertTicket(database.db);
    const result = await s.enqueue(database.db, { idempotencyKey: `${ticket}:opened`, ticketNumber: ticket, recipient: '0532 123 45 67', template: 'opened', params: { ticketNumber: ticket } });
    expect(result).to.include({ queued: true, duplicate: false, parts: 1, coding: 'gsm7-turkish' });
    await waitUntil(async () => (await statuses(database.db)).delivered === 1, 'delivered');
    expect(smsc.binds).to.deep.equal([{ systemId: 'alo153', ok: true }]);
    expect(smsc.received).to.have.length(1);
    expect(smsc.received[0]).to.include({ destination: '905321234567', source: 'ALO153', text: `Alo 153: Talebiniz ${ticket} numarasıyla kaydedildi.`, registeredDelivery: 1 });
    const row = (await database.db('sms_messages').first()) as Record<string, unknown>;
    expect(JSON.parse(String(row.smsc_message_ids))).to.deep.equal([smsc.received[0]?.messageId]);
    expect(row).to.include({ attempts: 1, recipient: '905321234567', last_error: null });
    expect(row.submitted_at).to.be.a('string');
    expect(row.delivered_at).to.be.a('string');
    expect(history.notes.map((n) => n.kind)).to.deep.equal(['sms-submitted', 'sms-delivered']);
    expect(history.notes[0]).to.deep.include({ ticket, data: { smsId: 1, template: 'opened', parts: 1 }, actor: { kind: 'system', name: 'sms' } });
    expect(logs.raw()).to.contain('sms submitted');
    expect(logs.raw()).to.not.match(/5321234567/);
  });

  it('sends a long answer in concatenated parts that the SMSC joins back, one reference per message', async () => {
    const s = start({ encoding: 'ucs2' });
    const answer = 'Talebiniz üzerine ekiplerimiz bölgeye gönderilmiş, arıza giderilmiştir. '.repeat(2);
    const tickets = [await insertTicket(database.db), await insertTicket(database.db)];
    for (const ticket of tickets) await s.enqueue(database.db, { idempotencyKey: `${ticket}:answer`, ticketNumber: ticket, recipient: '+905321234567', template: 'answer-ready', params: { ticketNumber: ticket, answer } });
    await waitUntil(async () => (await statuses(database.db)).delivered === 2, 'both delivered');
    const messages = smsc.messages();
    expect(messages.map((m) => m.text).sort()).to.deep.equal(tickets.map((t) => `Alo 153: ${t} numaralı talebinize ilgili birimin cevabı: ${answer.trim()}`).sort());
    const rows = (await database.db('sms_messages').select('parts')) as Array<{ parts: number }>;
    expect(rows.map((r) => r.parts)).to.deep.equal([4, 4]);
    expect(messages.every((m) => m.complete && m.parts === 4)).to.equal(true);
    const references = new Set(smsc.received.map((p) => p.concat?.reference));
    expect(references.size).to.equal(2);
    expect(smsc.duplicates()).to.deep.equal([]);
  });

  it('unbinds when stopped', async () => {
    start();
    await waitUntil(() => smsc.boundLinks() === 1, 'bound');
    await sms?.stop();
    sms = undefined;
    expect(smsc.counters.unbinds).to.equal(1);
    await waitUntil(() => smsc.boundLinks() === 0, 'link closed');
  });

  it('keeps retrying a refused bind with backoff and sends once the SMSC accepts the login', async () => {
    smsc.refuseBind(0x0e);
    const s = start();
    const ticket = await insertTicket(database.db);
    await s.enqueue(database.db, { idempotencyKey: 'k1', ticketNumber: ticket, recipient: '05321234567', template: 'opened', params: { ticketNumber: ticket } });
    await waitUntil(() => smsc.binds.length >= 3, 'three bind attempts');
    expect(smsc.received).to.have.length(0);
    expect((await statuses(database.db)).queued).to.equal(1);
    smsc.refuseBind(false);
    await waitUntil(async () => (await statuses(database.db)).delivered === 1, 'delivered after the bind');
    expect(smsc.binds.at(-1)).to.deep.equal({ systemId: 'alo153', ok: true });
  });

  it('marks a message failed on a permanent submit error and notes it on the ticket', async () => {
    smsc.errorFor('905551112233', 0x0b);
    const s = start();
    const ticket = await insertTicket(database.db);
    await s.enqueue(database.db, { idempotencyKey: 'k1', ticketNumber: ticket, recipient: '05551112233', template: 'opened', params: { ticketNumber: ticket } });
    await waitUntil(async () => (await statuses(database.db)).failed === 1, 'failed');
    expect(smsc.received).to.have.length(1);
    const row = (await database.db('sms_messages').first('last_error', 'attempts')) as { last_error: string; attempts: number };
    expect(row).to.deep.equal({ last_error: 'submit_sm 0x0000000b', attempts: 1 });
    expect(history.notes).to.deep.equal([{ ticket, kind: 'sms-failed', data: { smsId: 1, template: 'opened', parts: 1, error: 'submit_sm 0x0000000b' }, actor: { kind: 'system', name: 'sms' } }]);
  });

  it('marks a message undeliverable on an UNDELIV receipt', async () => {
    smsc.receiptFor('905321234567', 'UNDELIV');
    const s = start();
    const ticket = await insertTicket(database.db);
    await s.enqueue(database.db, { idempotencyKey: 'k1', ticketNumber: ticket, recipient: '05321234567', template: 'opened', params: { ticketNumber: ticket } });
    await waitUntil(async () => (await statuses(database.db)).undeliverable === 1, 'undeliverable');
    await waitUntil(() => history.notes.length === 2, 'two notes');
    expect(history.notes.map((n) => n.kind)).to.deep.equal(['sms-submitted', 'sms-undeliverable']);
    expect(smsc.counters.receiptsAcked).to.equal(1);
  });

  it('enqueues an idempotency key once, inside the caller\'s transaction, and refuses landlines and opted-out tickets', async () => {
    const s = createSms({ db: database.db, config: smsConfig(smsc.port), logger: createTestLogger(), history });
    const ticket = await insertTicket(database.db);
    const request = { idempotencyKey: `${ticket}:opened`, ticketNumber: ticket, recipient: '05321234567', template: 'opened', params: { ticketNumber: ticket } } as const;
    const first = await database.db.transaction((trx) => s.enqueue(trx, request));
    const second = await database.db.transaction((trx) => s.enqueue(trx, request));
    expect(first).to.include({ queued: true, duplicate: false });
    expect(second).to.include({ queued: true, duplicate: true });
    expect(second.queued && first.queued && second.id === first.id).to.equal(true);
    await database.db.transaction(async (trx) => {
      await s.enqueue(trx, { ...request, idempotencyKey: 'rolled-back' });
      await trx.rollback();
    }).catch(() => undefined);
    expect(await database.db('sms_messages').count({ n: '*' }).first()).to.satisfy((r: { n: number | string }) => Number(r.n) === 1);
    expect(await s.enqueue(database.db, { ...request, idempotencyKey: 'landline', recipient: '0352 222 15 30' })).to.deep.equal({ queued: false, reason: 'not-mobile' });
    const optedOut = await insertTicket(database.db, { optOut: true });
    expect(await s.enqueue(database.db, { ...request, idempotencyKey: 'opt', ticketNumber: optedOut, params: { ticketNumber: optedOut } })).to.deep.equal({ queued: false, reason: 'opted-out' });
  });
});
