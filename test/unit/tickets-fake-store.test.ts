import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { describeTicketStoreContract } from '../integration/tickets-store.contract.js';

// The fake must behave like the real store, or service tests on it prove nothing.
describeTicketStoreContract('fake store', () => Promise.resolve({ store: new FakeTicketStore(), teardown: () => Promise.resolve() }));
