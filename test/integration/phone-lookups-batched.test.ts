import { expect } from 'chai';
import { KnexTicketStatusLookup } from '../../src/calls/phone-lookups.js';
import { seedTicket } from '../support/seed-tickets.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

describe(`returning-caller lookups of calls answered together (${testEngine()})`, () => {
  let test: TestDatabase;
  let selects: number;
  const t = (minute: number): Date => new Date(Date.parse('2026-11-28T09:00:00.000Z') + minute * 60_000);

  beforeEach(async () => {
    test = await createTestDatabase();
    selects = 0;
    test.db.on('query', (query: { sql: string }) => {
      if (/^select/i.test(query.sql.trim())) selects += 1;
    });
    await seedTicket(test.db, { year: 2026, seq: 1, callerNumber: '05321110001', createdAt: t(0) });
    await seedTicket(test.db, { year: 2026, seq: 2, callerNumber: '905321110001', status: 'forwarded', createdAt: t(5) });
    await seedTicket(test.db, { year: 2026, seq: 3, callerNumber: '05321110001', createdAt: t(20) });
    await seedTicket(test.db, { year: 2026, seq: 4, callerNumber: '05321110002', status: 'closed', createdAt: t(0) });
    await seedTicket(test.db, { year: 2026, seq: 5, callerNumber: '05321110003', status: 'abandoned', createdAt: t(0) });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('answers each caller as a lookup of its own would, newest open ticket before its own call, in one statement', async () => {
    const lookup = new KnexTicketStatusLookup(test.db);
    const queries: Array<[string, Date]> = [
      ['05321110001', t(30)],
      ['+90 532 111 00 01', t(10)],
      ['5321110001', t(1)],
      ['05321110001', t(0)],
      ['05321110002', t(30)],
      ['05321110003', t(30)],
      ['05329999999', t(30)],
    ];
    const together = await Promise.all(queries.map(([number, before]) => lookup.openForCaller(number, before)));
    expect(selects).to.equal(1);
    const alone = [];
    for (const [number, before] of queries) alone.push(await lookup.openForCaller(number, before));
    expect(together).to.deep.equal(alone);
    expect(together.map((ticket) => ticket?.number ?? null)).to.deep.equal(['153-2026-000003', '153-2026-000002', '153-2026-000001', null, null, null, null]);
    expect(together[1]).to.deep.equal({ number: '153-2026-000002', status: 'forwarded', dueAt: null });
  });

  it('asks nothing for a caller without a number, and rejects every lookup of a statement that fails', async () => {
    const lookup = new KnexTicketStatusLookup(test.db);
    expect(await lookup.openForCaller('', t(30))).to.equal(undefined);
    expect(selects).to.equal(0);
    await test.db.schema.renameTable('tickets', 'tickets_away');
    const results = await Promise.allSettled([lookup.openForCaller('05321110001', t(30)), lookup.openForCaller('05321110002', t(30))]);
    expect(results.map((result) => result.status)).to.deep.equal(['rejected', 'rejected']);
    await test.db.schema.renameTable('tickets_away', 'tickets');
    expect((await lookup.openForCaller('05321110001', t(30)))?.number).to.equal('153-2026-000003');
  });
});
