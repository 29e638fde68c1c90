import { expect } from 'chai';
import { ChannelIntake, type ChannelSubmission } from '../../src/channels/intake.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig } from '../../src/requests/create-requests.js';
import type { LifecycleTask, RequestActor } from '../../src/requests/lifecycle.js';
import { TicketValidationError } from '../../src/requests/ticket-form.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { rejection } from '../support/rejection.js';

const NOW = new Date('2026-12-03T07:00:00.000Z');
const web: RequestActor = { kind: 'system', name: 'web' };

describe(`channels: one intake for the web form, field desks and Open311 (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let intake: ChannelIntake;
  let tasks: { number: string; task: LifecycleTask }[];

  const submission = (overrides: Partial<ChannelSubmission> = {}): ChannelSubmission => ({
    source: 'web',
    submissionKey: 'web:6f1c2a',
    categoryCode: 'hayvan',
    description: 'Yaralı kedi, Talas Mevlana parkı',
    district: 'Talas',
    callerName: 'Zeynep Kaya',
    callerNumber: '05321234567',
    email: 'zeynep@example.com',
    latitude: 38.69,
    longitude: 35.55,
    kvkkConsentAt: NOW,
    ...overrides,
  });

  beforeEach(async () => {
    test = await createTestDatabase();
    tasks = [];
    const catalogue = new KnexCatalogue(test.db);
    const requests = createRequests({
      db: test.db,
      config: shippedLifecycleConfig(),
      logger: capturingLogger().logger,
      catalogue,
      now: () => NOW,
      tasks: { run: async (_trx, ticket, task) => void tasks.push({ number: ticket.number, task }) },
    });
    intake = new ChannelIntake({ db: test.db, service: requests.service, catalogue, now: () => NOW });
  });
  afterEach(() => test.destroy());

  it('opens an open ticket with the channel data, the category’s department and deadline, and asks for the opened SMS', async () => {
    const { ticket, created } = await intake.submit(submission(), web);
    expect(created).to.equal(true);
    expect(ticket).to.include({ source: 'web', status: 'open', categoryCode: 'hayvan', departmentCode: 'veteriner', district: 'Talas', email: 'zeynep@example.com', latitude: 38.69, longitude: 35.55 });
    expect(ticket.kvkkConsentAt?.toISOString()).to.equal(NOW.toISOString());
    // hayvan: 4 hours.
    expect(ticket.dueAt?.toISOString()).to.equal('2026-12-03T11:00:00.000Z');
    expect(tasks).to.deep.equal([{ number: ticket.number, task: { kind: 'sms', template: 'opened' } }]);
  });

  it('returns the first ticket for a repeated submission key, also when both arrive at once', async () => {
    const [a, b] = await Promise.all([intake.submit(submission(), web), intake.submit(submission(), web)]);
    expect(a.ticket.number).to.equal(b.ticket.number);
    expect([a.created, b.created].sort()).to.deep.equal([false, true]);
    const again = await intake.submit(submission({ description: 'başka metin' }), web);
    expect(again).to.deep.include({ created: false });
    expect(again.ticket.description).to.equal('Yaralı kedi, Talas Mevlana parkı');
    const count = (await test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(1);
  });

  it('refuses an unknown category or district field by field, before a number is allocated', async () => {
    const error = await rejection(intake.submit(submission({ categoryCode: 'yok', district: 'Paris' }), web));
    expect(error).to.be.instanceOf(TicketValidationError);
    expect(Object.keys((error as TicketValidationError).fields).sort()).to.deep.equal(['categoryCode', 'district']);
    const count = (await test.db('tickets').count({ n: '*' }).first()) as { n: number | string };
    expect(Number(count.n)).to.equal(0);
  });

  it('dates a field desk’s offline request when it was taken, and refuses one from the future', async () => {
    const takenAt = new Date('2026-12-03T05:30:00.000Z');
    const { ticket } = await intake.submit(submission({ source: 'field', submissionKey: 'field:1', takenAt, fieldEvent: 'Kitap Fuarı' }), { kind: 'system', name: 'field' });
    expect(ticket.createdAt.toISOString()).to.equal(takenAt.toISOString());
    expect(ticket.fieldEvent).to.equal('Kitap Fuarı');
    const error = await rejection(intake.submit(submission({ source: 'field', submissionKey: 'field:2', takenAt: new Date(NOW.getTime() + 3600_000) }), web));
    expect(error).to.be.instanceOf(TicketValidationError);
  });

  it('asks for no SMS when the citizen refused it or gave no number', async () => {
    await intake.submit(submission({ submissionKey: 'a', smsConsent: 'refused' }), web);
    await intake.submit(submission({ submissionKey: 'b', callerNumber: null }), web);
    expect(tasks).to.deep.equal([]);
  });
});
