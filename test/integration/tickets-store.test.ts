import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { describeTicketStoreContract } from './tickets-store.contract.js';

describeTicketStoreContract(`knex store (${testEngine()})`, async () => {
  const test = await createTestDatabase();
  return { store: new KnexTicketStore(test.db), teardown: () => test.destroy() };
});

describe(`knex store (${testEngine()}): a ticket's calls`, () => {
  let test: TestDatabase;

  beforeEach(async () => {
    test = await createTestDatabase();
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('lists every call gathered on a ticket in callIds, oldest first, from the calls table', async () => {
    const store = new KnexTicketStore(test.db);
    const first = new Date('2026-12-02T08:00:00.000Z');
    const { ticketNumber } = await store.openCallTicket({ callId: 'call-b', channelId: '1796.2', callerNumber: '05321234567', callerName: '', startedAt: first, answeredAt: first });
    const ticket = await test.db('tickets').where({ number: ticketNumber }).first('id');
    // A call-back on the same ticket, placed earlier in the day than its id sorts.
    const now = new Date().toISOString();
    await test.db('calls').insert({ id: 'call-a', channel_id: '1796.9', started_at: '2026-12-02T09:30:00.000Z', ticket_id: ticket.id, created_at: now, updated_at: now });
    const detail = await store.getTicket(ticketNumber);
    expect(detail?.callIds).to.deep.equal(['call-b', 'call-a']);
    expect(detail?.calls.map((call) => call.startedAt.toISOString())).to.deep.equal(['2026-12-02T08:00:00.000Z', '2026-12-02T09:30:00.000Z']);
  });
});
