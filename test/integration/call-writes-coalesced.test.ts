import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { KnexQueueOutcomeRecorder } from '../../src/calls/queue-outcomes.js';
import type { CallEnd, HandOff } from '../../src/requests/ticket-store-type.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

/**
 * A group commit applies a batch's changes of a call row (and the hand-offs' ticket routes) in memory and
 * writes them once at the end: the rows must come out as if every write had been its own transaction.
 */
describe(`call writes coalesced in one batch (${testEngine()})`, () => {
  let test: TestDatabase;
  let store: KnexTicketStore;
  let recorder: KnexQueueOutcomeRecorder;
  let statements: string[];

  const t = (second: number): Date => new Date(Date.parse('2026-11-28T09:00:00.000Z') + second * 1000);
  const open = (n: number) => ({ callId: `call-${n}`, channelId: `chan.${n}`, callerNumber: `0532000000${n}`, callerName: '', startedAt: t(0), answeredAt: t(1) });
  const handOff: HandOff = { queue: 'alo153-ulasim', categoryCode: 'ulasim-sefer', at: t(10), reason: 'selected', progress: { path: [{ at: t(5).toISOString(), menu: 'main', event: 'selected', digits: '1' }], lastStep: 'menu:main:1' } };
  const end: CallEnd = { endedAt: t(11), outcome: 'handed-to-queue', lastStep: 'transferred:alo153-ulasim' };
  const abandoned = { kind: 'abandoned-in-queue' as const, at: t(40), queue: 'alo153-ulasim', waitS: 29 };
  const hungUp = { kind: 'hung-up' as const, at: t(40.5) };

  beforeEach(async () => {
    test = await createTestDatabase();
    store = new KnexTicketStore(test.db, { now: () => t(100) });
    recorder = new KnexQueueOutcomeRecorder(test.db, undefined, store.writes);
    statements = [];
    test.db.on('query', (query: { sql: string }) => statements.push(query.sql));
  });

  afterEach(async () => {
    await test.destroy();
  });

  /** The call row and its ticket, without what differs between two calls (ids, numbers, the caller). */
  async function stored(channelId: string) {
    const call = await store.getCallByChannel(channelId);
    const ticket = await store.getTicket(call!.ticketNumber!);
    const { id: _id, channelId: _channel, callerNumber: _number, ticketNumber: _ticket, ...row } = call!;
    return {
      row,
      ticket: { category: ticket!.categoryCode, department: ticket!.departmentCode, version: ticket!.version, status: ticket!.status, dueAt: ticket!.dueAt },
      // The opening names its own call and channel.
      events: ticket!.events.map((event) => ({ kind: event.kind, actor: event.actor, data: event.kind === 'opened' ? { ...event.data, callId: null, channelId: null } : event.data })),
    };
  }

  it('gives the same call row and ticket for opening, hand-off, end, abandon and hang-up in one batch as in five', async () => {
    await store.openCallTicket(open(1));
    await store.recordHandOff('chan.1', handOff);
    await store.recordCallEnd('chan.1', end);
    await recorder.recordQueueOutcome('chan.1', abandoned);
    await recorder.recordQueueOutcome('chan.1', hungUp);
    const batchesBefore = store.writes.stats.batches;
    await Promise.all([
      store.openCallTicket(open(2)),
      store.recordHandOff('chan.2', handOff),
      store.recordCallEnd('chan.2', end),
      recorder.recordQueueOutcome('chan.2', abandoned),
      recorder.recordQueueOutcome('chan.2', hungUp),
    ]);
    expect(store.writes.stats.batches - batchesBefore).to.equal(1);
    const alone = await stored('chan.1');
    expect(alone.row).to.include({ queue: 'alo153-ulasim', outcome: 'abandoned-in-queue', waitS: 29, lastStep: 'transferred:alo153-ulasim' });
    expect(alone.row.endedAt).to.deep.equal(t(40.5));
    expect(alone.ticket).to.include({ category: 'ulasim-sefer', version: 2 });
    expect(await stored('chan.2')).to.deep.equal(alone);
  });

  it('writes the call rows of a batch with one UPDATE and its hand-offs’ ticket changes with one', async () => {
    await Promise.all([1, 2, 3].map((n) => store.openCallTicket(open(n))));
    statements = [];
    await Promise.all([1, 2, 3].flatMap((n) => [store.recordHandOff(`chan.${n}`, handOff), store.recordCallEnd(`chan.${n}`, end)]));
    expect(statements.filter((sql) => /^update\s+"?calls/i.test(sql))).to.have.length(1);
    expect(statements.filter((sql) => /^update\s+"?tickets/i.test(sql))).to.have.length(1);
    for (const n of [1, 2, 3]) expect((await stored(`chan.${n}`)).events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'call-ended']);
  });

  it('keeps the first end and the queue’s outcome when later writes of the same batch say otherwise', async () => {
    await store.openCallTicket(open(1));
    await Promise.all([
      recorder.recordQueueOutcome('chan.1', { kind: 'agent-answered', at: t(20), queue: 'alo153-ulasim', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 9 }),
      store.recordCallEnd('chan.1', end),
      store.recordCallEnd('chan.1', { endedAt: t(50), outcome: 'abandoned-in-ivr', lastStep: 'menu:main' }),
      recorder.recordQueueOutcome('chan.1', { kind: 'agent-answered', at: t(30), queue: 'alo153-ulasim', agent: 'PJSIP/agent2', agentName: 'Ajan 2', waitS: 19 }),
      recorder.recordQueueOutcome('chan.1', abandoned),
    ]);
    const { row, ticket, events } = await stored('chan.1');
    expect(row).to.include({ outcome: 'answered', agent: 'PJSIP/agent1', waitS: 9, lastStep: 'transferred:alo153-ulasim', endedAt: null });
    expect(row.leftIvrAt).to.deep.equal(t(11));
    expect(ticket.status).to.equal('open');
    expect(events.filter((event) => event.kind === 'call-ended')).to.have.length(1);
  });

  it('leaves the call row and the ticket alone when a hand-off is written again after the end (a replay), in one batch or alone', async () => {
    await store.openCallTicket(open(1));
    await store.recordHandOff('chan.1', handOff);
    await store.recordCallEnd('chan.1', { ...end, lastStep: 'after-the-end' });
    const before = await stored('chan.1');
    await store.recordHandOff('chan.1', handOff);
    await Promise.all([store.recordHandOff('chan.1', handOff), store.recordHandOff('chan.1', handOff)]);
    expect(await stored('chan.1')).to.deep.equal(before);
    expect(before.row.lastStep).to.equal('after-the-end');
    expect(before.events.filter((event) => event.kind === 'handed-off')).to.have.length(1);
  });

  it('runs a batch that fails again write by write: only the refused write fails, the others’ merged changes land', async () => {
    await Promise.all([1, 2].map((n) => store.openCallTicket(open(n))));
    const splits = store.writes.stats.splits;
    const results = await Promise.allSettled([
      store.recordHandOff('chan.1', handOff),
      // Another channel with call-1's id: the calls INSERT fails, and with it the batch.
      store.openCallTicket({ ...open(3), callId: 'call-1' }),
      store.recordCallEnd('chan.1', end),
      store.recordHandOff('chan.2', handOff),
      store.recordCallEnd('chan.2', end),
    ]);
    expect(results.map((result) => result.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(store.writes.stats.splits - splits).to.equal(1);
    for (const n of [1, 2]) {
      const { row, ticket, events } = await stored(`chan.${n}`);
      expect(row).to.include({ queue: 'alo153-ulasim', lastStep: 'transferred:alo153-ulasim', outcome: 'handed-to-queue' });
      expect(ticket).to.include({ category: 'ulasim-sefer', version: 2 });
      expect(events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'call-ended']);
    }
    expect(await store.getCallByChannel('chan.3')).to.equal(undefined);
  });
});
