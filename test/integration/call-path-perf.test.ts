import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { KnexQueueOutcomeRecorder } from '../../src/calls/queue-outcomes.js';
import { CallNotFoundError } from '../../src/requests/errors.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

/** Statement counts are behaviour here: the call path's group commit is what keeps them low (figures live in bench/). */
describe(`call path writes: group commit (${testEngine()})`, () => {
  let test: TestDatabase;
  let store: KnexTicketStore;
  let recorder: KnexQueueOutcomeRecorder;
  let statements: string[];
  const t0 = new Date('2026-11-28T09:00:00.000Z');
  const at = (seconds: number): Date => new Date(t0.getTime() + seconds * 1000);
  const channel = (i: number): string => `1795999.${i}`;
  const calls = Array.from({ length: 20 }, (_, i) => i + 1);
  const count = (pattern: RegExp): number => statements.filter((sql) => pattern.test(sql)).length;

  beforeEach(async () => {
    test = await createTestDatabase();
    store = new KnexTicketStore(test.db);
    recorder = new KnexQueueOutcomeRecorder(test.db, undefined, store.writes);
    statements = [];
    test.db.on('query', (query: { sql: string }) => statements.push(query.sql));
  });

  afterEach(async () => {
    await test.destroy();
  });

  const open = (i: number) =>
    store.openCallTicket({ callId: `call-${i}`, channelId: channel(i), callerNumber: `0532111${String(i).padStart(4, '0')}`, callerName: '', startedAt: at(i), answeredAt: at(i) });

  it('opens 20 calls that arrive together in one transaction of at most 9 statements, numbered in arrival order', async () => {
    const opened = await Promise.all(calls.map(open));
    expect(opened.map((result) => result.ticketNumber)).to.deep.equal(calls.map((i) => `153-2026-${String(i).padStart(6, '0')}`));
    expect(opened.every((result) => result.created)).to.equal(true);
    expect(count(/^begin/i)).to.equal(1);
    // BEGIN, the calls look-up, the year's counter (3 statements for the year's first block), tickets, opened events, calls, COMMIT.
    expect(statements.length).to.be.at.most(9);
    for (const i of [1, 20]) {
      const ticket = await store.getTicket(opened[i - 1]!.ticketNumber);
      expect(ticket?.callIds).to.deep.equal([`call-${i}`]);
      expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened']);
    }
  });

  it('writes a whole call (open, hand-off, abandon in the queue, hang-up, end) in at most 8 statements a call when 20 go together', async () => {
    await Promise.all(calls.map(open));
    await Promise.all(calls.map((i) => store.recordHandOff(channel(i), { queue: 'alo153-cevre', categoryCode: 'cevre', at: at(60 + i), reason: 'selected' })));
    await Promise.all(
      calls.flatMap((i) => [
        recorder.recordQueueOutcome(channel(i), { kind: 'abandoned-in-queue', at: at(90 + i), queue: 'alo153-cevre', waitS: 30 }),
        recorder.recordQueueOutcome(channel(i), { kind: 'hung-up', at: at(91 + i) }),
        store.recordCallEnd(channel(i), { endedAt: at(61 + i), outcome: 'handed-to-queue', lastStep: 'transferred:alo153-cevre' }),
      ]),
    );
    // One at a time this was 30 statements a call (5 transactions of 4–9 statements each).
    expect(statements.length / calls.length).to.be.at.most(8);
    expect(count(/^begin/i)).to.be.at.most(3);
    const ticket = await store.getTicket((await store.getCallByChannel(channel(7)))!.ticketNumber!);
    expect(ticket).to.include({ categoryCode: 'cevre', departmentCode: 'cevre', version: 2 });
    expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'abandoned-in-queue', 'call-ended']);
    expect(ticket?.calls[0]).to.deep.include({ outcome: 'abandoned-in-queue', queue: 'alo153-cevre', endedAt: at(98), leftIvrAt: at(68) });
  });

  it('lets the other writes of a batch commit when one is for a channel without a call', async () => {
    await Promise.all([1, 2, 3].map(open));
    statements = [];
    const results = await Promise.allSettled([
      ...[1, 2, 3].map((i) => store.recordCallEnd(channel(i), { endedAt: at(30), outcome: 'abandoned-in-ivr', lastStep: 'main' })),
      store.recordCallEnd('no-such-channel', { endedAt: at(30), outcome: 'abandoned-in-ivr', lastStep: 'main' }),
    ]);
    expect(results.map((result) => result.status)).to.deep.equal(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
    expect((results[3] as PromiseRejectedResult).reason).to.be.instanceOf(CallNotFoundError);
    expect(count(/^begin/i), 'one transaction for all four').to.equal(1);
    for (const i of [1, 2, 3]) {
      const ticket = await store.getTicket((await store.getCallByChannel(channel(i)))!.ticketNumber!);
      expect(ticket).to.include({ status: 'abandoned' });
      expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'call-ended', 'status-changed']);
    }
  });

  it('keeps each write once when a batch repeats what an earlier batch committed', async () => {
    await Promise.all([1, 2].map(open));
    const end = { endedAt: at(40), outcome: 'handed-to-queue' as const, lastStep: 'transferred:alo153-genel' };
    const answered = { kind: 'agent-answered' as const, at: at(35), queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 5 };
    for (let round = 0; round < 2; round += 1) {
      await Promise.all([1, 2].flatMap((i) => [store.recordCallEnd(channel(i), end), recorder.recordQueueOutcome(channel(i), answered), recorder.recordQueueOutcome(channel(i), answered)]));
    }
    const again = await open(1);
    expect(again.created).to.equal(false);
    const ticket = await store.getTicket(again.ticketNumber);
    expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'call-ended', 'agent-answered']);
  });
});
