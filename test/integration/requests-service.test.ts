import { expect } from 'chai';
import type { Knex } from 'knex';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import { ActionRefusedError, TicketChangedError, TicketNotFoundError } from '../../src/requests/errors.js';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import type { RequestChange } from '../../src/requests/request-service.js';
import { TicketValidationError } from '../../src/requests/ticket-form.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { rejection } from '../support/rejection.js';

const T0 = Date.parse('2026-12-03T07:00:00.000Z');

describe(`requests: the lifecycle service, the only writer (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let requests: Requests;
  let store: KnexTicketStore;
  let clock: number;
  let changes: RequestChange[];
  let smsTasks: string[];

  const vet = (userId: number): RequestActor => ({ kind: 'user', userId, username: `vet${userId}`, role: 'department', department: 'veteriner' });
  const zabita: RequestActor = { kind: 'user', userId: 20, username: 'zab', role: 'department', department: 'zabita' };
  const ayse: RequestActor = { kind: 'user', userId: 1, username: 'ayse', role: 'agent', department: null };

  const forwarded = async (department = 'veteriner'): Promise<string> => {
    const opened = await requests.service.create({ source: 'desk', createdAt: new Date(clock), callerNumber: '05321234567' }, ayse, [
      { name: 'edit', fields: { categoryCode: 'hayvan', departmentCode: department, description: 'Yaralı köpek' } },
      { name: 'forward', department, text: null },
    ]);
    return opened.number;
  };

  beforeEach(async () => {
    test = await createTestDatabase();
    clock = T0;
    changes = [];
    smsTasks = [];
    requests = createRequests({
      db: test.db,
      config: shippedLifecycleConfig(),
      logger: capturingLogger().logger,
      now: () => new Date(clock),
      tasks: {
        run: async (trx: Knex.Transaction, ticket, task) => {
          if (task.kind !== 'sms') return;
          smsTasks.push(`${ticket.number}:${task.template}`);
          // Proves the task runs inside the action's transaction: it sees the row as just written.
          const row = (await trx('tickets').where({ id: ticket.id }).first('status')) as { status: string };
          expect(row.status).to.equal(ticket.status);
        },
      },
    });
    requests.service.onChange((change) => changes.push(change));
    store = new KnexTicketStore(test.db, { writer: requests.writer });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('takes a ticket from the desk through the department back to the citizen, each step in the history with who, when, text and from → to', async () => {
    const number = await forwarded();
    clock += 3_600_000;
    await requests.service.act(number, { name: 'accept', text: null }, vet(10), { version: 2 });
    clock += 7_200_000;
    const answered = await requests.service.act(number, { name: 'answer', text: 'Ekip gönderildi.' }, vet(10), { version: 3 });
    expect(answered).to.include({ status: 'answered', answer: 'Ekip gönderildi.' });
    expect(smsTasks).to.deep.equal([`${number}:answer-ready`]);
    clock += 600_000;
    const closed = await requests.service.act(number, { name: 'inform', text: 'Aradım, bilgi verdim', channel: 'phone' }, ayse);
    expect(closed).to.include({ status: 'closed', closeReason: 'informed' });
    const detail = await store.getTicket(number);
    const steps = detail?.events.map((event) => [event.kind, event.actor, event.data.from ?? null, event.data.to ?? null]);
    expect(steps).to.deep.equal([
      ['opened', 'user:ayse', null, null],
      ['updated', 'user:ayse', null, null],
      ['forwarded', 'user:ayse', 'open', 'forwarded'],
      ['accepted', 'user:vet10', 'forwarded', 'in_progress'],
      ['answered', 'user:vet10', 'in_progress', 'answered'],
      ['informed', 'user:ayse', 'answered', 'closed'],
    ]);
    const durations = (await test.db('tickets').where({ number }).first('accept_s', 'answer_s', 'inform_s', 'answered_in_time')) as Record<string, unknown>;
    expect({ ...durations, answered_in_time: Boolean(durations.answered_in_time) }).to.deep.equal({ accept_s: 3600, answer_s: 10_800, inform_s: 600, answered_in_time: true });
    expect(changes.map((change) => change.actions.join('+'))).to.deep.equal(['edit+forward', 'accept', 'answer', 'inform']);
  });

  it('lets one of two department users answering at once win; the other gets the ticket as it is now', async () => {
    const number = await forwarded();
    const results = await Promise.allSettled([
      requests.service.act(number, { name: 'answer', text: 'Birinci cevap' }, vet(10), { version: 2 }),
      requests.service.act(number, { name: 'answer', text: 'İkinci cevap' }, vet(11), { version: 2 }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).to.have.length(1);
    expect(lost).to.have.length(1);
    expect(lost[0]?.reason).to.be.instanceOf(TicketChangedError);
    expect((lost[0]?.reason as TicketChangedError).current).to.include({ status: 'answered', version: 3 });
    const events = (await store.getTicket(number))?.events.filter((event) => event.kind === 'answered');
    expect(events).to.have.length(1);
    expect(smsTasks).to.have.length(1);
  });

  it('refuses an action the state does not allow, with the state and what is allowed, and writes nothing', async () => {
    const number = await forwarded();
    const refused = await rejection(requests.service.act(number, { name: 'inform', text: null, channel: 'phone' }, ayse));
    expect(refused).to.be.instanceOf(ActionRefusedError);
    expect(refused).to.include({ action: 'inform', reason: 'not-allowed-in-state' });
    expect((refused as ActionRefusedError).current.status).to.equal('forwarded');
    expect((refused as ActionRefusedError).allowed).to.include('forward');
    expect((await store.getTicket(number))?.version).to.equal(2);
  });

  it('hides another department\'s ticket from a department user (not found, not forbidden)', async () => {
    const number = await forwarded();
    expect(await rejection(requests.service.act(number, { name: 'accept', text: null }, zabita))).to.be.instanceOf(TicketNotFoundError);
  });

  it('refuses an answer over the text limit naming the field, and an unknown department', async () => {
    const number = await forwarded();
    const long = await rejection(requests.service.act(number, { name: 'answer', text: 'x'.repeat(4001) }, vet(10)));
    expect(long).to.be.instanceOf(TicketValidationError);
    expect((long as TicketValidationError).fields.text?.code).to.equal('too-long');
    const unknown = await rejection(requests.service.act(number, { name: 'transfer', department: 'yok', text: 'x' }, vet(10)));
    expect((unknown as TicketValidationError).fields.department?.code).to.equal('unknown-department');
    const blank = await rejection(requests.service.act(number, { name: 'return', text: '   ' }, vet(10)));
    expect((blank as TicketValidationError).fields.text?.code).to.equal('required');
  });

  it('lands a retried system fact once (dedupe key) and leaves the version alone', async () => {
    const number = await forwarded();
    const note = { name: 'note', kind: 'sms-delivered', data: { parts: 1 } } as const;
    await requests.service.act(number, note, { kind: 'system', name: 'sms' }, { dedupeKey: 'sms-delivered:abc' });
    await requests.service.act(number, note, { kind: 'system', name: 'sms' }, { dedupeKey: 'sms-delivered:abc' });
    const detail = await store.getTicket(number);
    expect(detail?.events.filter((event) => event.kind === 'sms-delivered')).to.have.length(1);
    expect(detail?.version).to.equal(2);
  });

  it('rolls the whole action back when a task inside its transaction fails', async () => {
    const failing = createRequests({
      db: test.db,
      config: shippedLifecycleConfig(),
      logger: capturingLogger().logger,
      tasks: { run: (_trx, _ticket, task) => (task.kind === 'sms' ? Promise.reject(new Error('outbox full')) : Promise.resolve()) },
    });
    const number = await forwarded();
    expect(await rejection(failing.service.act(number, { name: 'answer', text: 'Cevap' }, vet(10)))).to.have.property('message', 'outbox full');
    const detail = await store.getTicket(number);
    expect(detail).to.include({ status: 'forwarded', version: 2, answer: null });
    expect(detail?.events.some((event) => event.kind === 'answered')).to.equal(false);
  });

  it('sets the deadline by category on the IVR hand-off and restarts the acknowledgement clock on each forward', async () => {
    const opened = await store.openCallTicket({ callId: 'c1', channelId: 'ch1', callerNumber: '05321234567', callerName: '', startedAt: new Date(clock), answeredAt: new Date(clock) });
    await store.recordHandOff('ch1', { queue: 'alo153-hayvan', categoryCode: 'hayvan', at: new Date(clock), reason: 'selected' });
    const ticket = await store.getTicket(opened.ticketNumber);
    expect(ticket?.dueAt?.getTime()).to.equal(T0 + 4 * 3_600_000);
    expect(ticket?.dueSoonAt?.getTime()).to.equal(T0 + 3 * 3_600_000);
    const sent = await requests.service.act(opened.ticketNumber, { name: 'forward', department: 'veteriner', text: null }, ayse);
    // Thursday 10:00 Istanbul + 1 working day.
    expect(sent.ackDueAt?.toISOString()).to.equal('2026-12-04T07:00:00.000Z');
  });
});

describe(`requests: the citizen's SMS consent on the desk form (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;

  beforeEach(async () => {
    test = await createTestDatabase();
  });
  afterEach(async () => {
    await test.destroy();
  });

  it('stores a refusal as the sms_opt_out flag, with the change from → to in the history, and refuses other values', async () => {
    const { TicketEditor } = await import('../../src/requests/ticket-editor.js');
    const editor = new TicketEditor(test.db);
    const [row] = (await test.db('users').insert({ username: 'ayse', display_name: 'Ayşe', role: 'agent', password_hash: 'x', created_at: 'x', updated_at: 'x' }).returning('id')) as { id: number | string }[];
    const actor = { userId: Number(row?.id), username: 'ayse', role: 'agent' as const };
    const created = await editor.create({ callerNumber: '05321234567', description: 'Konteyner taştı' }, actor);
    expect(created.smsOptOut).to.equal(false);
    const refused = await editor.update(created.number, { version: created.version, changes: { smsConsent: 'refused' } }, actor);
    expect(refused.smsOptOut).to.equal(true);
    const store = new KnexTicketStore(test.db);
    const updated = (await store.getTicket(created.number))?.events.filter((event) => event.kind === 'updated').at(-1);
    expect(updated?.data.changes).to.deep.equal({ smsConsent: { from: 'allowed', to: 'refused' } });
    // The same value again changes nothing.
    expect((await editor.update(created.number, { version: refused.version, changes: { smsConsent: 'refused' } }, actor)).version).to.equal(refused.version);
    const bad = await rejection(editor.update(created.number, { version: refused.version, changes: { smsConsent: 'maybe' as 'allowed' } }, actor));
    expect((bad as TicketValidationError).fields.smsConsent?.code).to.equal('invalid');
  });
});
