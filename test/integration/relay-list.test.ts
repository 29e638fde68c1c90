import { expect } from 'chai';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import { readRelayList } from '../../src/requests/read/relay-list.js';
import { RelayTasks } from '../../src/relay/relay-tasks.js';
import { enqueueSms } from '../../src/relay/sms/sms-outbox.js';
import { RelayStream } from '../../src/relay/relay-stream.js';
import { createTicketHistoryPort } from '../../src/relay/ticket-history-port.js';
import { createStreamHub, type StreamHub } from '../../src/realtime/stream-hub.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

const T0 = Date.parse('2026-12-03T07:00:00.000Z');
const MINUTE = 60_000;

describe(`relay: the list of citizens owed a message, its SMS tasks and its stream (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let requests: Requests;
  let clock: number;
  let hub: StreamHub;

  const ayse: RequestActor = { kind: 'user', userId: 1, username: 'ayse', role: 'agent', department: null };
  const vet: RequestActor = { kind: 'user', userId: 2, username: 'vet', role: 'department', department: 'veteriner' };

  const forwarded = async (callerNumber: string | null = '05321234567', source: 'desk' | 'cimer' = 'desk'): Promise<string> => {
    const opened = await requests.service.create({ source, createdAt: new Date(clock), callerNumber }, ayse, [
      { name: 'edit', fields: { categoryCode: 'hayvan', departmentCode: 'veteriner', description: 'Yaralı köpek' } },
      { name: 'forward', department: 'veteriner', text: null },
    ]);
    return opened.number;
  };
  const answered = async (text: string, callerNumber?: string | null): Promise<string> => {
    const number = await forwarded(callerNumber);
    await requests.service.act(number, { name: 'answer', text }, vet);
    return number;
  };
  const smsRows = (number: string) => test.db('sms_messages').where({ ticket_number: number }).orderBy('id').select('idempotency_key', 'template', 'recipient', 'body');

  beforeEach(async () => {
    test = await createTestDatabase();
    clock = T0;
    const logger = capturingLogger().logger;
    requests = createRequests({
      db: test.db,
      config: shippedLifecycleConfig(),
      logger,
      now: () => new Date(clock),
      tasks: new RelayTasks({ enabled: true, sms: { enqueue: (trx, request) => enqueueSms(trx, request, { encoding: 'ucs2', maxParts: 6 }, new Date(clock)) }, logger }),
    });
    hub = createStreamHub({ logger });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('lists answered and asked tickets oldest first, a due call-back first, a later one apart, and nothing closed', async () => {
    const first = await answered('Köpek barınağa alındı.');
    clock += 10 * MINUTE;
    const asked = await forwarded();
    await requests.service.act(asked, { name: 'ask', text: 'Köpek hangi sokakta?' }, vet);
    clock += 10 * MINUTE;
    const later = await answered('Ekip yönlendirildi.');
    await requests.service.act(later, { name: 'attempt', outcome: 'call-later', text: null, callBackAt: new Date(clock + 60 * MINUTE) }, ayse);
    clock += 10 * MINUTE;
    const due = await answered('Sorun giderildi.');
    await requests.service.act(due, { name: 'attempt', outcome: 'call-later', text: null, callBackAt: new Date(clock + 5 * MINUTE) }, ayse);
    const informed = await answered('Kapandı.');
    await requests.service.act(informed, { name: 'inform', text: null, channel: 'phone' }, ayse);
    await forwarded();

    clock += 6 * MINUTE;
    const list = await readRelayList(test.db, { now: new Date(clock) });
    expect(list.tickets.map((item) => item.number)).to.deep.equal([due, first, asked]);
    expect(list.later.map((item) => item.number)).to.deep.equal([later]);
    expect(list.counts).to.deep.equal({ answered: 3, needsInfo: 1, later: 1, abandoned: 0, total: 4 });
    const question = list.tickets[2]!;
    expect(question).to.include({ status: 'needs_info', text: 'Köpek hangi sokakta?', departmentCode: 'veteriner', smsPossible: true });
    expect(question.since.toISOString()).to.equal(new Date(T0 + 10 * MINUTE).toISOString());
    expect(list.tickets[0]).to.include({ contactAttempts: 1, text: 'Sorun giderildi.' });
  });

  it('queues the answer-ready SMS in the answer’s transaction, once per version, never to a landline or a citizen who refused SMS', async () => {
    const mobile = await answered('Köpek barınağa alındı.');
    const rows = await smsRows(mobile);
    const version = (await requests.service.act(mobile, { name: 'note', kind: 'probe', data: {} }, ayse)).version;
    expect(rows.map((row) => row.template)).to.deep.equal(['opened', 'answer-ready']);
    expect(rows[0]!.idempotency_key).to.equal(`${mobile}:opened`);
    expect(rows[1]!.idempotency_key).to.equal(`${mobile}:answer-ready:v${version}`);
    expect(rows[1]!.recipient).to.equal('905321234567');
    expect(rows[1]!.body).to.include('Köpek barınağa alındı.');

    const landline = await answered('Tamam.', '03522221234');
    expect(await smsRows(landline)).to.deep.equal([]);

    const refused = await forwarded();
    await test.db('tickets').where({ number: refused }).update({ sms_opt_out: true });
    await requests.service.act(refused, { name: 'ask', text: 'Adresiniz?' }, vet);
    expect((await smsRows(refused)).map((row) => row.template)).to.deep.equal(['opened']);

    // The question after a reply and a second answer each get their own message; the opened one never repeats.
    await requests.service.act(mobile, { name: 'reopen', text: 'Vatandaş memnun değil' }, ayse);
    await requests.service.act(mobile, { name: 'ask', text: 'Hangi saatte?' }, vet);
    expect((await smsRows(mobile)).map((row) => row.template)).to.deep.equal(['opened', 'answer-ready', 'question']);
  });

  it('does not send the opened SMS for a CİMER application, and an action that rolls back queues nothing', async () => {
    const cimer = await forwarded('05321234567', 'cimer');
    expect(await smsRows(cimer)).to.deep.equal([]);
    const number = await forwarded();
    // The second action is refused (inform on a forwarded ticket): the whole change, the answer included, rolls back.
    const refused = await requests.service.actAll(number, [{ name: 'answer', text: 'Cevap' }, { name: 'inform', text: null, channel: 'sms' }], vet).catch((error: unknown) => error);
    expect(refused).to.be.instanceOf(Error);
    expect((await smsRows(number)).map((row) => row.template)).to.deep.equal(['opened']);
  });

  it('patches the relay stream when a ticket is answered and removes it when the citizen is informed, with the number masked', async () => {
    const stream = new RelayStream({ hub, db: test.db, logger: capturingLogger().logger, now: () => new Date(clock), refreshMs: 60_000 });
    requests.service.onChange(stream.onChange);
    await stream.refresh();
    const number = await forwarded();
    await stream.patchTicket(number);
    expect(hub.snapshot('relay').entries).to.deep.equal({});
    await requests.service.act(number, { name: 'answer', text: 'Köpek barınağa alındı.' }, vet);
    await stream.patchTicket(number);
    const entry = hub.snapshot('relay').entries[`ticket:${number}`] as Record<string, unknown>;
    expect(entry).to.include({ number, status: 'answered', text: 'Köpek barınağa alındı.', caller: '*********67', smsPossible: true, contactAttempts: 0 });
    expect(JSON.stringify(hub.snapshot('relay'))).not.to.include('05321234567');
    await requests.service.act(number, { name: 'attempt', outcome: 'not-reachable', text: null, callBackAt: null }, ayse);
    await stream.patchTicket(number);
    expect(hub.snapshot('relay').entries[`ticket:${number}`]).to.include({ contactAttempts: 1 });
    await requests.service.act(number, { name: 'inform', text: null, channel: 'phone' }, ayse);
    await stream.patchTicket(number);
    expect(hub.snapshot('relay').entries).to.deep.equal({});
    await stream.stop();
  });

  it('writes callback and SMS facts to the history once per attempt id, every time without one', async () => {
    const number = await answered('Cevap');
    const port = createTicketHistoryPort(requests.service);
    const callback: RequestActor = { kind: 'system', name: 'callback' };
    await port.note(number, 'callback-attempt', { attemptId: 'a1', outcome: 'answered' }, callback);
    await port.note(number, 'callback-attempt', { attemptId: 'a1', outcome: 'answered' }, callback);
    await port.note(number, 'sms-delivered', { template: 'answer-ready', parts: 1 }, { kind: 'system', name: 'sms' });
    await port.note(number, 'sms-delivered', { template: 'answer-ready', parts: 1 }, { kind: 'system', name: 'sms' });
    const ticket = await test.db('tickets').where({ number }).first('id');
    const kinds = (await test.db('ticket_events').where({ ticket_id: (ticket as { id: number }).id }).orderBy('id').select('kind', 'actor')) as { kind: string; actor: string }[];
    expect(kinds.filter((row) => row.kind === 'callback-attempt')).to.deep.equal([{ kind: 'callback-attempt', actor: 'system:callback' }]);
    expect(kinds.filter((row) => row.kind === 'sms-delivered')).to.have.length(2);
  });
});
