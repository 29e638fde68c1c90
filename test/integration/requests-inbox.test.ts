import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import { dueRows, readInbox, undatedRows, type InboxQuery } from '../../src/requests/read/inbox.js';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

const desk: RequestActor = { kind: 'user', userId: 1, username: 'ayse', role: 'agent', department: null };
const department: RequestActor = { kind: 'user', userId: 1, username: 'cevre1', role: 'department', department: 'cevre' };
const day = (n: number): string => new Date(Date.UTC(2026, 11, 10 + n, 9)).toISOString();

describe(`requests: the department inbox (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let requests: Requests;
  let http: TestHttpApp;
  /** Ticket numbers by name, in the order the inbox must list them. */
  const made: Record<string, string> = {};

  const forward = async (name: string, to: string, dueAt: string | null, description: string): Promise<string> => {
    const ticket = await requests.service.create({ source: 'desk', createdAt: new Date() }, desk, [
      { name: 'edit', fields: { description } },
      { name: 'forward', department: to, text: null },
    ]);
    await test.db('tickets').where({ number: ticket.number }).update({ due_at: dueAt });
    made[name] = ticket.number;
    return ticket.number;
  };

  before(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger, catalogue: new KnexCatalogue(test.db) });
    // Created out of deadline order, so id order and deadline order differ.
    await forward('late', 'cevre', day(5), 'Sokak lambası yanmıyor');
    await forward('undatedA', 'cevre', null, 'Çöp toplanmadı');
    await forward('soon', 'cevre', day(1), 'Konteyner taşıyor');
    await forward('tieA', 'cevre', day(3), 'Park bakımsız');
    await forward('tieB', 'cevre', day(3), 'Ağaç budanmalı');
    await forward('undatedB', 'cevre', null, 'Gürültü şikayeti');
    await forward('zabita', 'zabita', day(0), 'Seyyar satıcı');
    const answered = await forward('answered', 'cevre', day(0), 'Cevaplandı');
    await requests.service.act(answered, { name: 'answer', text: 'Tamam' }, department);
    await requests.service.act(made.tieB!, { name: 'accept', text: null }, department);

    http = await startTestHttpApp({
      db: test.db,
      logger,
      accounts: [
        { username: 'cevre1', role: 'department', department: 'cevre' },
        { username: 'nobody', role: 'department' },
        { username: 'nuray', role: 'supervisor' },
        { username: 'ayse', role: 'agent' },
      ],
      deps: {
        tickets: new KnexTicketStore(test.db, { writer: requests.writer }),
        requests: { service: requests.service, inbox: (query) => readInbox(test.db, query) },
      },
    });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  /** Closed and answered tickets of every department, written in bulk: copies of one row with their own number. */
  async function settledTickets(count: number): Promise<void> {
    const template = (await test.db('tickets').where({ number: made.answered }).first()) as Record<string, unknown>;
    const codes = ['cevre', 'zabita', 'kaski', 'ulasim', 'sosyal', 'veteriner'];
    const rows = Array.from({ length: count }, (_, i) => {
      const { id: _id, ...row } = template;
      const seq = 500_000 + i;
      return { ...row, seq, number: `153-2026-${String(seq)}`, status: i % 3 === 0 ? 'answered' : 'closed', department_code: codes[i % codes.length], due_at: day(i % 300) };
    });
    await test.db.batchInsert('tickets', rows, 100);
  }

  const numbers = async (query: InboxQuery): Promise<string[]> => (await readInbox(test.db, query)).items.map((item) => item.number);
  const names = (...keys: string[]): string[] => keys.map((key) => made[key]!);

  it('lists the open items of one department, nearest deadline first, those without one last, ties by id', async () => {
    expect(await numbers({ department: 'cevre' })).to.deep.equal(names('soon', 'tieA', 'tieB', 'late', 'undatedA', 'undatedB'));
    expect(await numbers({ department: 'cevre', state: 'in_progress' })).to.deep.equal(names('tieB'));
    expect(await numbers({ department: 'cevre', state: 'forwarded' })).to.deep.equal(names('soon', 'tieA', 'late', 'undatedA', 'undatedB'));
  });

  it('pages by keyset through the dated items into the undated ones without a gap or a repeat', async () => {
    const seen: string[] = [];
    let after: InboxQuery['after'];
    for (let page = 0; page < 5; page += 1) {
      const result = await readInbox(test.db, { department: 'cevre', limit: 2, ...(after ? { after } : {}) });
      expect(result.total).to.equal(6);
      seen.push(...result.items.map((item) => item.number));
      if (result.nextCursor === null) break;
      const next = JSON.parse(Buffer.from(result.nextCursor, 'base64url').toString()) as { d: string | null; i: number };
      after = { dueAt: next.d, id: next.i };
    }
    expect(seen).to.deep.equal(names('soon', 'tieA', 'tieB', 'late', 'undatedA', 'undatedB'));
  });

  it('finds an item by its number in short forms, or by text in the description', async () => {
    const number = made.late!;
    const [, year, seq] = /^153-(\d{4})-(\d{6})$/.exec(number)!;
    for (const q of [String(Number(seq)), `${year}-${Number(seq)}`, number]) expect(await numbers({ department: 'cevre', q }), q).to.deep.equal([number]);
    expect(await numbers({ department: 'cevre', q: `${Number(year) - 1}-${Number(seq)}` })).to.deep.equal([]);
    expect(await numbers({ department: 'cevre', q: 'LAMBA' })).to.deep.equal([number]);
    expect(await numbers({ department: 'cevre', q: '100%' })).to.deep.equal([]);
    expect(await numbers({ department: 'zabita', q: 'lamba' })).to.deep.equal([]);
  });

  it('reads through the partial index tickets_inbox_idx in its order', async () => {
    const query: InboxQuery = { department: 'cevre', after: { dueAt: day(1), id: 1 } };
    const plans: string[] = [];
    // A year's worth of settled tickets around the open ones (the inbox is a sliver of the table), then
    // fresh statistics, as autovacuum would have them: on a handful of rows any plan is as cheap as any other.
    await settledTickets(6000);
    await test.db.raw(test.engine === 'postgres' ? 'analyze tickets' : 'analyze');
    for (const builder of [dueRows(test.db, query, 51), undatedRows(test.db, { department: 'cevre', after: { dueAt: null, id: 1 } }, 51)]) {
      const { sql, bindings } = builder.toSQL().toNative();
      if (test.engine === 'postgres') {
        // A handful of rows make a sequential scan cheaper; forbid it to see the plan a large table gets.
        const plan = await test.db.transaction(async (trx) => {
          await trx.raw('set local enable_seqscan = off');
          const result = (await trx.raw(`explain ${sql.replace(/\$(\d+)/g, '?')}`, bindings)) as { rows: { 'QUERY PLAN': string }[] };
          return result.rows.map((row) => row['QUERY PLAN']).join('\n');
        });
        plans.push(plan);
      } else {
        const rows = (await test.db.raw(`explain query plan ${sql}`, bindings)) as { detail: string }[];
        plans.push(rows.map((row) => row.detail).join('\n'));
      }
    }
    for (const plan of plans) expect(plan, plan).to.include("tickets_inbox_idx");
    // The dated read walks the index in (due_at, id) order: no sort step.
    expect(plans[0]).to.not.match(/TEMP B-TREE|Sort/);
  });

  const get = (path: string, who: string) => http.call('GET', path, who);

  it('serves a department its own inbox and no other, supervisors any they name, agents none', async () => {
    const own = await get('/api/inbox', 'cevre1');
    expect(own.status).to.equal(200);
    expect(own.body).to.include({ department: 'cevre', total: 6, nextCursor: null });
    const items = own.body.items as Record<string, unknown>[];
    expect(items.map((item) => item.number)).to.deep.equal(names('soon', 'tieA', 'tieB', 'late', 'undatedA', 'undatedB'));
    expect(items[0]).to.include.keys('dueAt', 'ackDueAt', 'dueSoonAt', 'now');
    expect(items[0]).to.not.have.any.keys('callerNumber', 'callerName', 'address');
    expect((await get('/api/inbox?state=in_progress&q=', 'cevre1')).body.total).to.equal(1);
    expect((await get('/api/inbox?department=zabita', 'cevre1')).status).to.equal(403);
    expect((await get('/api/inbox', 'nobody')).body).to.include({ total: 0 });
    expect((await get('/api/inbox?department=zabita', 'nuray')).body.total).to.equal(1);
    expect((await get('/api/inbox', 'nuray')).status).to.equal(400);
    expect((await get('/api/inbox?department=cevre', 'ayse')).status).to.equal(403);
    expect((await get('/api/inbox?cursor=bogus', 'cevre1')).status).to.equal(400);
    expect((await get('/api/inbox?state=closed', 'cevre1')).status).to.equal(400);
    expect((await get('/api/inbox?sort=id', 'cevre1')).status).to.equal(400);
  });

  it('gives 50 items a page and a cursor to the next', async () => {
    for (let i = 0; i < 51; i += 1) await forward(`bulk${i}`, 'kaski', day(10 + i), `Su arızası ${i}`);
    const first = await get('/api/inbox?department=kaski', 'nuray');
    expect(first.body.items as unknown[]).to.have.length(50);
    expect(first.body.nextCursor).to.be.a('string');
    const second = await get(`/api/inbox?department=kaski&cursor=${String(first.body.nextCursor)}`, 'nuray');
    expect((second.body.items as { number: string }[]).map((item) => item.number)).to.deep.equal([made.bulk50]);
    expect(second.body).to.include({ total: 51, nextCursor: null });
  });
});
