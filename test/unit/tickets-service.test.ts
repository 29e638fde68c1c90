import { expect } from 'chai';
import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { TicketService } from '../../src/calls/call-writes/ticket-service.js';
import { TicketOutbox } from '../../src/calls/call-writes/ticket-outbox.js';
import type { OpenCallTicket } from '../../src/requests/ticket-store-type.js';
import { FakeTicketStore } from '../fakes/fake-ticket-store.js';
import { capturingLogger } from '../support/capturing-logger.js';

const T0 = new Date('2026-11-28T09:00:00.000Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function call(index: number): OpenCallTicket {
  return {
    callId: `call-${index}`,
    channelId: `chan-${index}`,
    callerNumber: `0532 123 ${String(index).padStart(4, '0').slice(0, 2)} ${String(index).padStart(4, '0').slice(2)}`,
    callerName: 'Mehmet Yılmaz',
    startedAt: T0,
    answeredAt: T0,
  };
}

describe('tickets: TicketService (call path)', () => {
  let store: FakeTicketStore;
  let service: TicketService;
  let log: ReturnType<typeof capturingLogger>;

  beforeEach(() => {
    store = new FakeTicketStore();
    log = capturingLogger();
    service = new TicketService({ store, logger: log.logger, retry: { initialDelayMs: 4, maxDelayMs: 20 } });
  });

  afterEach(() => {
    service.stop();
  });

  it('retries a failing write until it lands, exactly once', async () => {
    store.failNextWrites(3);
    const result = await service.openCallTicket(call(1));
    expect(result).to.deep.equal({ callId: 'call-1', ticketNumber: '153-2026-000001', created: true });
    expect(store.appliedWrites).to.deep.equal([{ method: 'openCallTicket', channelId: 'chan-1' }]);
    expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
    expect(service.pendingWrites()).to.equal(0);
  });

  it('logs each failure at warn with the channel id and never the phone number', async () => {
    store.failNextWrites(2);
    await service.openCallTicket(call(1));
    const warnings = log.lines().filter((line) => line.level === 'warn');
    expect(warnings).to.have.length(2);
    expect(warnings[0]).to.include({ channelId: 'chan-1', write: 'openCallTicket', failures: 1 });
    const everything = JSON.stringify(log.lines());
    expect(everything).to.not.match(/0532|123 00 01|1230001/);
  });

  it("keeps one channel's writes in order and never hands off before the ticket is open", async () => {
    store.failNextWrites(2);
    const writes = [
      service.openCallTicket(call(1)),
      service.recordIvrProgress('chan-1', { path: [{ at: at(1).toISOString(), menu: 'main', event: 'enter' }], lastStep: 'main' }),
      service.recordHandOff('chan-1', { queue: 'alo153-cevre', categoryCode: 'cevre', at: at(5), reason: 'selected' }),
      service.recordCallEnd('chan-1', { endedAt: at(9), outcome: 'handed-to-queue', lastStep: 'main' }),
    ];
    expect(service.pendingWrites()).to.equal(4);
    await Promise.all(writes);
    expect(store.appliedWrites.map((write) => write.method)).to.deep.equal(['openCallTicket', 'recordIvrProgress', 'recordHandOff', 'recordCallEnd']);
    const stored = await store.getCallByChannel('chan-1');
    expect(stored).to.include({ queue: 'alo153-cevre', outcome: 'handed-to-queue', lastStep: 'main' });
    expect((await store.getTicket('153-2026-000001'))?.categoryCode).to.equal('cevre');
  });

  it('collapses waiting IVR progress writes into the newest one, which carries the whole path', async () => {
    void service.openCallTicket(call(1));
    const step = (menu: string) => ({ at: '2026-11-28T10:00:00.000Z', menu, event: 'enter' as const });
    void service.recordIvrProgress('chan-1', { path: [step('main')], lastStep: 'main:enter' });
    void service.recordIvrProgress('chan-1', { path: [step('main'), step('ulasim')], lastStep: 'ulasim:enter' });
    await service.recordIvrProgress('chan-1', { path: [step('main'), step('ulasim'), step('main')], lastStep: 'main:enter' });
    expect(await service.drain(1000)).to.equal(true);
    expect(store.appliedWrites.filter((w) => w.method === 'recordIvrProgress')).to.have.length(1);
    const stored = await store.getCallByChannel('chan-1');
    expect(stored?.ivrPath).to.have.length(3);
    expect(service.pendingWrites()).to.equal(0);
  });

  it('does not hold other channels back while one channel retries', async () => {
    store.failNextWrites(1);
    const slow = service.openCallTicket(call(1));
    const fast = service.openCallTicket(call(2));
    await Promise.all([slow, fast]);
    expect(store.appliedWrites.map((write) => write.channelId)).to.deep.equal(['chan-2', 'chan-1']);
  });

  it('gives 200 concurrent calls 200 tickets even when writes fail along the way', async () => {
    store.failNextWrites(40);
    const results = await Promise.all(Array.from({ length: 200 }, (_, index) => service.openCallTicket(call(index + 1))));
    const sequences = results.map((result) => Number(result?.ticketNumber.slice(-6))).sort((a, b) => a - b);
    expect(sequences).to.deep.equal(Array.from({ length: 200 }, (_, index) => index + 1));
    expect((await store.listTickets({ limit: 1, offset: 0 })).total).to.equal(200);
  });

  it('returns the same ticket when a channel is opened twice', async () => {
    const first = await service.openCallTicket(call(1));
    const second = await service.openCallTicket({ ...call(1), callId: 'call-again' });
    expect(second).to.deep.equal({ callId: 'call-1', ticketNumber: first?.ticketNumber, created: false });
    expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
  });

  it('does not double anything when a write committed but its reply was lost', async () => {
    store.failNextWrites(1, 'after-commit');
    const opened = await service.openCallTicket(call(1));
    store.failNextWrites(1, 'after-commit');
    await service.recordHandOff('chan-1', { queue: 'alo153-hayvan', categoryCode: 'hayvan', at: at(5), reason: 'selected' });
    store.failNextWrites(1, 'after-commit');
    await service.recordCallEnd('chan-1', { endedAt: at(9), outcome: 'handed-to-queue', lastStep: 'main' });
    expect(opened?.ticketNumber).to.equal('153-2026-000001');
    expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
    const ticket = await store.getTicket('153-2026-000001');
    expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'call-ended']);
    expect(ticket?.version).to.equal(2);
  });

  it('drops a write that can never succeed and goes on with the next one', async () => {
    await service.recordHandOff('chan-unknown', { queue: 'alo153-genel', categoryCode: 'genel', at: at(1), reason: 'reconciled' });
    expect(service.pendingWrites()).to.equal(0);
    expect(log.lines().find((line) => line.level === 'error')).to.include({ channelId: 'chan-unknown', write: 'recordHandOff' });
    expect(await service.openCallTicket(call(1))).to.include({ created: true });
  });

  it('drains: false while a write keeps failing, true once everything landed', async () => {
    store.failNextWrites(1000);
    const write = service.openCallTicket(call(1));
    expect(await service.drain(30)).to.equal(false);
    expect(service.pendingWrites()).to.equal(1);
    store.clearInjectedFailures();
    expect(await service.drain(1000)).to.equal(true);
    expect(await write).to.include({ created: true });
    expect(await service.drain(0)).to.equal(true);
  });

  it('on stop gives up queued writes without rejecting and refuses new ones', async () => {
    store.failNextWrites(1000);
    const open = service.openCallTicket(call(1));
    const end = service.recordCallEnd('chan-1', { endedAt: at(9), outcome: 'failed', lastStep: 'main' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    service.stop();
    expect(await open).to.equal(undefined);
    expect(await end).to.equal(undefined);
    expect(service.pendingWrites()).to.equal(0);
    expect(await service.openCallTicket(call(2))).to.equal(undefined);
    expect(store.appliedWrites).to.deep.equal([]);
  });
});

describe('tickets: TicketService with an outbox (crash safety)', () => {
  let file: string;
  let log: ReturnType<typeof capturingLogger>;
  const open: TicketOutbox[] = [];
  const services: TicketService[] = [];

  /** A process: an outbox on the shared file and a service on `store`, with what the last process left. */
  async function start(store: FakeTicketStore) {
    const { outbox, pending } = await TicketOutbox.open({ file, maxBytes: 1024 * 1024, logger: log.logger });
    const service = new TicketService({ store, logger: log.logger, retry: { initialDelayMs: 4, maxDelayMs: 20 }, outbox });
    open.push(outbox);
    services.push(service);
    return { outbox, service, pending };
  }

  beforeEach(() => {
    file = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-service-outbox-')), 'ticket-outbox.jsonl');
    log = capturingLogger();
  });

  afterEach(async () => {
    for (const service of services.splice(0)) service.stop();
    await Promise.all(open.splice(0).map((outbox) => outbox.close()));
  });

  it('writes given up at stop are replayed by the next process, in order, exactly once', async () => {
    const down = new FakeTicketStore();
    down.failNextWrites(1000);
    const first = await start(down);
    void first.service.openCallTicket(call(1));
    void first.service.recordHandOff('chan-1', { queue: 'alo153-kentkart', categoryCode: 'kentkart', at: at(5), reason: 'selected' });
    void first.service.recordCallEnd('chan-1', { endedAt: at(9), outcome: 'handed-to-queue', lastStep: 'transferred:alo153-kentkart' });
    await first.outbox.flushed();
    first.service.stop();

    const store = new FakeTicketStore();
    const second = await start(store);
    expect(second.service.replay(second.pending)).to.equal(3);
    expect(await second.service.drain(1000)).to.equal(true);
    expect(store.appliedWrites.map((write) => write.method)).to.deep.equal(['openCallTicket', 'recordHandOff', 'recordCallEnd']);
    const stored = await store.getCallByChannel('chan-1');
    expect(stored).to.include({ id: 'call-1', queue: 'alo153-kentkart', outcome: 'handed-to-queue' });
    // The end's Date came back from the outbox as a Date (it is when the call left alo153).
    expect(stored?.leftIvrAt).to.deep.equal(at(9));
    await second.outbox.flushedWithMarkers();
    expect((await start(new FakeTicketStore())).pending).to.deep.equal([]);
  });

  it('replays nothing after a crash once the writes had landed', async () => {
    const store = new FakeTicketStore();
    const first = await start(store);
    await first.service.openCallTicket(call(1));
    await first.service.recordCallEnd('chan-1', { endedAt: at(9), outcome: 'abandoned-in-ivr', lastStep: 'main:enter' });
    await first.outbox.flushed();
    // No stop, no close: the process is killed here.
    expect((await start(store)).pending).to.deep.equal([]);
  });

  it('replays a write still in flight at the crash: the store finds its own earlier commit, nothing doubles', async () => {
    const store = new FakeTicketStore();
    store.failNextWrites(1, 'after-commit');
    const first = await start(store);
    void first.service.openCallTicket(call(1));
    await first.outbox.flushed();
    const second = await start(store);
    second.service.replay(second.pending);
    expect(await second.service.drain(1000)).to.equal(true);
    expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
  });

  it('keeps a write that arrives after stop (a late hang-up during shutdown) for the next start', async () => {
    const first = await start(new FakeTicketStore());
    first.service.stop();
    expect(await first.service.recordCallEnd('chan-7', { endedAt: at(9), outcome: 'handed-to-queue', lastStep: 'transferred:alo153-genel' })).to.equal(undefined);
    await first.outbox.close();
    const { pending } = await start(new FakeTicketStore());
    expect(pending.map((entry) => `${entry.kind} ${entry.channelId}`)).to.deep.equal(['recordCallEnd chan-7']);
  });

  it('does not replay a write that failed permanently, nor a waiting IVR progress write a newer one replaced', async () => {
    const store = new FakeTicketStore();
    const first = await start(store);
    await first.service.recordHandOff('chan-unknown', { queue: 'alo153-genel', categoryCode: 'genel', at: at(1), reason: 'reconciled' });
    store.failNextWrites(1000);
    void first.service.openCallTicket(call(1));
    const step = (menu: string) => ({ at: '2026-11-28T10:00:00.000Z', menu, event: 'enter' as const });
    void first.service.recordIvrProgress('chan-1', { path: [step('main')], lastStep: 'main:enter' });
    void first.service.recordIvrProgress('chan-1', { path: [step('main'), step('ulasim')], lastStep: 'ulasim:enter' });
    await first.outbox.flushed();
    const { pending } = await start(new FakeTicketStore());
    expect(pending.map((entry) => `${entry.kind} ${entry.channelId}`)).to.deep.equal(['openCallTicket chan-1', 'recordIvrProgress chan-1']);
    expect((pending[1]!.payload as { lastStep: string }).lastStep).to.equal('ulasim:enter');
  });

  it('skips an outbox line of an unknown kind with a warning and replays the rest', async () => {
    await (await start(new FakeTicketStore())).outbox.close();
    appendFileSync(file, `${JSON.stringify({ op: 'write', key: 'k1', seq: 1, kind: 'recordSomethingNew', channelId: 'chan-1', payload: {}, dates: [] })}\n`);
    const store = new FakeTicketStore();
    const { service, pending } = await start(store);
    expect(service.replay(pending)).to.equal(0);
    expect(log.lines().find((line) => line.level === 'warn')).to.include({ channelId: 'chan-1', write: 'recordSomethingNew' });
    expect(await service.openCallTicket(call(2))).to.include({ created: true });
  });
});
