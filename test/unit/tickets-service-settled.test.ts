import { expect } from 'chai';
import { TicketService } from '../../src/calls/call-writes/ticket-service.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { capturingLogger } from '../support/capturing-logger.js';

const T0 = new Date('2026-11-28T09:00:00.000Z');
const open = (channelId: string) => ({ callId: `call-${channelId}`, channelId, callerNumber: '05321234567', callerName: '', startedAt: T0, answeredAt: T0 });
const handOff = { queue: 'alo153-kentkart', categoryCode: 'kentkart', at: T0, reason: 'selected' as const, progress: { path: [{ menu: 'main', event: 'enter' as const, at: T0.toISOString() }], lastStep: 'transferred:alo153-kentkart' } };

describe('tickets: TicketService.settled (a reader waits for a channel\'s queued writes)', () => {
  let store: FakeTicketStore;
  let service: TicketService;

  beforeEach(() => {
    store = new FakeTicketStore();
    service = new TicketService({ store, logger: capturingLogger().logger, retry: { initialDelayMs: 20, maxDelayMs: 20 } });
  });

  afterEach(() => service.stop());

  it('answers at once for a channel with nothing queued', async () => {
    expect(await service.settled('chan-1', 1000)).to.equal(true);
  });

  it('resolves once the hand-off queued before it landed, though its first tries fail', async () => {
    void service.openCallTicket(open('chan-1'));
    store.failNextWrites(3);
    void service.recordHandOff('chan-1', handOff);
    expect(await service.settled('chan-1', 5000)).to.equal(true);
    expect(store.appliedWrites.map((write) => write.method)).to.deep.equal(['openCallTicket', 'recordHandOff']);
    expect((await store.getCallByChannel('chan-1'))?.ivrPath).to.have.length(1);
    expect(await service.settled('chan-2', 1000)).to.equal(true);
  });

  it('gives up after its bound while the write still retries, and the write lands later', async () => {
    store.failNextWrites(1000);
    const written = service.openCallTicket(open('chan-1'));
    expect(await service.settled('chan-1', 30)).to.equal(false);
    store.clearInjectedFailures();
    expect(await written).to.include({ created: true });
    expect(await service.settled('chan-1', 1000)).to.equal(true);
  });
});
