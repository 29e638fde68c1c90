import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { TicketService } from '../../src/calls/call-writes/ticket-service.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import type { TicketStore } from '../../src/requests/ticket-store-type.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

const T0 = new Date('2026-11-28T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Lets the real write happen, then throws: the commit landed but the reply was lost. */
function losingEveryThirdReply(store: TicketStore): TicketStore {
  let writes = 0;
  const lose = async <T>(write: Promise<T>): Promise<T> => {
    const value = await write;
    writes += 1;
    if (writes % 3 === 0) throw new Error('connection reset after commit');
    return value;
  };
  return {
    getCall: (callId) => store.getCall(callId),
    getCallByChannel: (channelId) => store.getCallByChannel(channelId),
    getTicket: (number) => store.getTicket(number),
    listTickets: (query) => store.listTickets(query),
    openCallsWithoutEnd: () => store.openCallsWithoutEnd(),
    openCallTicket: (input) => lose(store.openCallTicket(input)),
    recordIvrProgress: (channelId, progress) => lose(store.recordIvrProgress(channelId, progress)),
    recordHandOff: (channelId, handOff) => lose(store.recordHandOff(channelId, handOff)),
    recordCallEnd: (channelId, end) => lose(store.recordCallEnd(channelId, end)),
  };
}

describe(`tickets: TicketService on the knex store (${testEngine()})`, function () {
  this.timeout(60_000);
  let test: TestDatabase;

  beforeEach(async () => {
    test = await createTestDatabase({ pool: { min: 0, max: 10 } });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('records 60 concurrent calls end to end, exactly once, although replies get lost', async () => {
    const store = new KnexTicketStore(test.db);
    const service = new TicketService({ store: losingEveryThirdReply(store), logger: createTestLogger(), retry: { initialDelayMs: 5, maxDelayMs: 50 } });
    const channels = Array.from({ length: 60 }, (_, index) => `1795888883.${index}`);
    for (const [index, channelId] of channels.entries()) {
      void service.openCallTicket({ callId: `call-${index}`, channelId, callerNumber: '05321234567', callerName: 'Arayan', startedAt: T0, answeredAt: at(1) });
      void service.recordIvrProgress(channelId, { path: [{ at: at(2).toISOString(), menu: 'main', event: 'enter' }], lastStep: 'main' });
      if (index % 2 === 0) void service.recordHandOff(channelId, { queue: 'alo153-ulasim', categoryCode: 'ulasim-sefer', at: at(5), reason: 'selected' });
      void service.recordCallEnd(channelId, { endedAt: at(9), outcome: index % 2 === 0 ? 'handed-to-queue' : 'abandoned-in-ivr', lastStep: 'main' });
    }
    expect(await service.drain(30_000)).to.equal(true);
    service.stop();

    const all = await store.listTickets({ limit: 100, offset: 0 });
    expect(all.total).to.equal(60);
    expect(all.items.map((ticket) => ticket.seq).sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 60 }, (_, index) => index + 1));
    expect((await store.listTickets({ limit: 100, offset: 0, status: 'abandoned' })).total).to.equal(30);
    expect(await store.openCallsWithoutEnd()).to.deep.equal([]);
    const handedOff = await store.getCallByChannel('1795888883.0');
    expect(handedOff).to.include({ queue: 'alo153-ulasim', outcome: 'handed-to-queue' });
    const ticket = await store.getTicket(handedOff?.ticketNumber ?? '');
    expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'call-ended']);
    expect(ticket).to.include({ departmentCode: 'kayseri-ulasim', status: 'open' });
  });
});
