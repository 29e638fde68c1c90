import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { KnexTicketStatusLookup } from '../../src/calls/phone-lookups.js';
import { citizenTicketNumber } from '../../src/channels/web/status-lookup.js';
import { parseStatusEntry } from '../../src/ivr/status-entry.js';
import { searchTickets } from '../../src/requests/read/ticket-search.js';
import { allocateTicketSeq, parseTicketNumber } from '../../src/requests/ticket-numbers.js';
import type { OpenCallTicket } from '../../src/requests/ticket-store-type.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

const ANSWERED = new Date('2026-11-28T09:00:00.000Z');

function call(index: number, overrides: Partial<OpenCallTicket> = {}): OpenCallTicket {
  return {
    callId: `call-${index}`,
    channelId: `1795888883.${index}`,
    callerNumber: `0532111${String(index).padStart(4, '0')}`,
    callerName: `Arayan ${index}`,
    startedAt: ANSWERED,
    answeredAt: ANSWERED,
    ...overrides,
  };
}

function sequencesOf(numbers: string[]): number[] {
  return numbers.map((number) => parseTicketNumber(number)?.seq ?? -1).sort((a, b) => a - b);
}

function oneTo(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index + 1);
}

describe(`tickets: gap-free numbers under concurrency (${testEngine()})`, function () {
  this.timeout(60_000);
  let test: TestDatabase;
  let store: KnexTicketStore;

  beforeEach(async () => {
    test = await createTestDatabase({ pool: { min: 0, max: 10 } });
    store = new KnexTicketStore(test.db);
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('gives 200 concurrent calls 200 distinct numbers 1..200 of the year', async () => {
    const results = await Promise.all(oneTo(200).map((index) => store.openCallTicket(call(index))));
    const numbers = results.map((result) => result.ticketNumber);
    expect(new Set(numbers).size).to.equal(200);
    expect(numbers.every((number) => number.startsWith('153-2026-'))).to.equal(true);
    expect(sequencesOf(numbers)).to.deep.equal(oneTo(200));
    const [counter] = (await test.db('ticket_counters').where({ year: 2026 }).select('last_seq')) as { last_seq: number }[];
    expect(Number(counter?.last_seq)).to.equal(200);
  });

  it('leaves no gap when transactions fail after taking a number', async () => {
    const attempts = oneTo(120).map(async (index) => {
      try {
        return await test.db.transaction(async (trx) => {
          const seq = await allocateTicketSeq(trx, 2026);
          if (index % 3 === 0) throw new Error(`failing on purpose after taking ${seq}`);
          return seq;
        });
      } catch {
        return undefined;
      }
    });
    const kept = (await Promise.all(attempts)).filter((seq): seq is number => seq !== undefined);
    expect(kept).to.have.length(80);
    expect([...kept].sort((a, b) => a - b)).to.deep.equal(oneTo(80));
  });

  it('leaves no gap when concurrent openCallTicket calls fail mid-way on a duplicate call id', async () => {
    // Every fifth request reuses an earlier call id on a new channel: the calls insert fails after the
    // ticket and its number were written, so the whole transaction must roll back.
    const requests = oneTo(100).map((index) =>
      index % 5 === 0 ? call(index, { callId: 'call-1' }) : call(index),
    );
    const settled = await Promise.allSettled(requests.map((request) => store.openCallTicket(request)));
    const succeeded = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(settled.filter((outcome) => outcome.status === 'rejected')).to.have.length(20);
    expect(sequencesOf(succeeded.map((result) => result.ticketNumber))).to.deep.equal(oneTo(80));
    const [{ total } = { total: 0 }] = (await test.db('tickets').count({ total: '*' })) as { total: number | string }[];
    expect(Number(total)).to.equal(80);
    const next = await store.openCallTicket(call(1000));
    expect(next.ticketNumber).to.equal('153-2026-000081');
  });

  it('starts a new series on 1 January in Istanbul, while it is still 31 December in UTC', async () => {
    const lateIn2026 = await store.openCallTicket(call(1, { answeredAt: new Date('2026-12-31T20:59:59.000Z') }));
    const newYear = await store.openCallTicket(call(2, { answeredAt: new Date('2026-12-31T21:00:00.000Z') }));
    expect(lateIn2026.ticketNumber).to.equal('153-2026-000001');
    expect(newYear.ticketNumber).to.equal('153-2027-000001');
  });

  it('gives one ticket to many concurrent openCallTicket calls for the same channel', async () => {
    const results = await Promise.all(oneTo(20).map(() => store.openCallTicket(call(7))));
    expect(new Set(results.map((result) => result.ticketNumber))).to.deep.equal(new Set(['153-2026-000001']));
    expect(results.filter((result) => result.created)).to.have.length(1);
    const after = await store.openCallTicket(call(8));
    expect(after.ticketNumber).to.equal('153-2026-000002');
  });

  it('goes past serial 999,999 to a seven-digit serial that search, the status page and the phone all find', async () => {
    await test.db('ticket_counters').insert({ year: 2026, last_seq: 999_998 });
    const results = await Promise.all(oneTo(3).map((index) => store.openCallTicket(call(index))));
    const numbers = results.map((result) => result.ticketNumber).sort();
    expect(numbers).to.deep.equal(['153-2026-1000000', '153-2026-1000001', '153-2026-999999']);
    const found = async (number: string) => (await searchTickets(test.db, { limit: 10, offset: 0, number, now: ANSWERED })).items.map((item) => item.number).sort();
    expect(await found('1000000')).to.deep.equal(['153-2026-1000000']);
    expect(await found('153-2026-1000001')).to.deep.equal(['153-2026-1000001']);
    expect(await found('153-2026-1')).to.deep.equal(['153-2026-1000000', '153-2026-1000001']);
    expect(await found('153-2026-99999')).to.deep.equal(['153-2026-999999']);
    expect(citizenTicketNumber('2026-1000001')).to.equal('153-2026-1000001');
    const keyed = parseStatusEntry('1000000', ANSWERED.toISOString());
    expect(keyed).to.deep.equal({ year: 2026, seq: 1_000_000 });
    expect(await new KnexTicketStatusLookup(test.db).byNumber(keyed!.year, keyed!.seq)).to.include({ status: 'open' });
  });
});
