import { KnexTicketStore } from '../../src/tickets/ticket-store.js';
import { createTestDatabase, testEngine } from '../support/db.js';
import { describeTicketStoreContract } from './tickets-store.contract.js';

describeTicketStoreContract(`knex store (${testEngine()})`, async () => {
  const test = await createTestDatabase();
  return { store: new KnexTicketStore(test.db), teardown: () => test.destroy() };
});
