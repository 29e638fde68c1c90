import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { KnexAccessLogStore } from '../../src/audit/access-log-store-knex.js';
import { AccessLogWriter } from '../../src/audit/access-log-writer.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

interface AuditItem {
  id: string;
  at: string;
  user: { id: number; username: string };
  kind: string;
  tickets: string[];
  address: string | null;
  detail: Record<string, unknown> | null;
}
interface AuditPage {
  items: AuditItem[];
  total: number;
}

describe(`KVKK access log: ticket reads, searches and GET /api/audit (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let store: KnexTicketStore;
  let writer: AccessLogWriter;
  let clock = Date.parse('2026-12-03T09:00:00.000Z');
  let channel = 0;

  before(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    store = new KnexTicketStore(test.db);
    const auditStore = new KnexAccessLogStore(test.db);
    // A flush interval longer than any test: rows reach the database only when a test flushes.
    writer = new AccessLogWriter({ store: auditStore, logger, flushMs: 60_000, batchSize: 200, now: () => new Date(clock) });
    http = await startTestHttpApp({
      db: test.db,
      logger,
      accounts: [
        { username: 'ayse', role: 'agent', phoneInterface: 'PJSIP/agent1' },
        { username: 'nuray', role: 'supervisor' },
        { username: 'cevreci', role: 'department', department: 'cevre' },
        { username: 'admin', role: 'admin' },
      ],
      deps: { tickets: store, audit: { log: writer, store: auditStore } },
    });
  });

  after(async () => {
    await writer?.close(2000);
    await http.close();
    await test.destroy();
  });

  const get = <T>(path: string, who: string) => http.call<T>('GET', path, who);
  const audit = async (query: string): Promise<AuditPage> => {
    const reply = await get<AuditPage>(`/api/audit?${query}`, 'admin');
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return reply.body;
  };
  const callTicket = async (callerNumber = '05321234567'): Promise<{ number: string; callId: string }> => {
    channel += 1;
    const callId = randomUUID();
    const at = new Date();
    const { ticketNumber } = await store.openCallTicket({ callId, channelId: `audit.${channel}`, callerNumber, callerName: callerNumber ? 'Gülşen Çağlar' : '', startedAt: at, answeredAt: at });
    return { number: ticketNumber, callId };
  };
  const rowsIn = async (table: 'access_log' | 'access_log_tickets'): Promise<number> => {
    const [row] = (await test.db(table).count({ n: '*' })) as Array<{ n: number | string }>;
    return Number(row?.n ?? 0);
  };

  it('records who read which ticket, when and from where', async () => {
    const ticket = await callTicket();
    clock = Date.parse('2026-12-03T10:15:00.000Z');
    expect((await get(`/api/tickets/${ticket.number}`, 'ayse')).status).to.equal(200);
    await writer.flush();
    const { items } = await audit(`ticket=${ticket.number}`);
    expect(items).to.have.length(1);
    expect(items[0]).to.deep.include({ at: '2026-12-03T10:15:00.000Z', user: { id: http.users.ayse!.id, username: 'ayse' }, kind: 'ticket-read', tickets: [ticket.number] });
    expect(items[0]!.address).to.match(/127\.0\.0\.1$/);
  });

  it('records a call record read as a read of its ticket', async () => {
    const ticket = await callTicket();
    expect((await get(`/api/calls/${ticket.callId}`, 'nuray')).status).to.equal(200);
    await writer.flush();
    const { items } = await audit(`ticket=${ticket.number}`);
    expect(items.map((item) => [item.kind, item.user.username, item.detail?.callId])).to.deep.equal([['ticket-read', 'nuray', ticket.callId]]);
  });

  it('records a search with the tickets whose caller it showed, and the filters with the number masked', async () => {
    const shown = await callTicket('05441112233');
    const anonymous = await callTicket('');
    const reply = await get<{ items: Array<{ number: string }> }>('/api/tickets?phone=0544%20111%2022%2033', 'ayse');
    expect(reply.body.items.map((item) => item.number)).to.deep.equal([shown.number]);
    await get('/api/tickets?status=open&limit=100', 'nuray');
    await writer.flush();
    const bySearch = (await audit(`ticket=${shown.number}&kind=search`)).items;
    expect(bySearch.map((item) => item.user.username)).to.deep.equal(['nuray', 'ayse']);
    expect(bySearch[1]!.tickets).to.deep.equal([shown.number]);
    expect(bySearch[1]!.detail).to.deep.include({ phone: '*********33', total: 1 });
    // The number's own digits (an id or a timestamp may well contain '111').
    for (const digits of ['05441112233', '5441112233', '1112233', '544111']) expect(JSON.stringify(bySearch)).not.to.include(digits);
    // The caller-less ticket was listed to nuray but showed nobody's data.
    expect(bySearch[0]!.tickets).to.include(shown.number).and.not.include(anonymous.number);
    expect((await audit(`ticket=${anonymous.number}`)).items).to.deep.equal([]);
  });

  it('records no search when the results show no personal data', async () => {
    const before = await rowsIn('access_log');
    await get('/api/tickets?phone=0599%20000%2000%2000', 'ayse');
    await writer.flush();
    expect(await rowsIn('access_log')).to.equal(before);
  });

  it('writes many reads as one batch, and only when it flushes', async () => {
    const ticket = await callTicket();
    const inserts: string[] = [];
    const count = (query: { sql: string }): void => {
      if (/^insert into [`"]access_log[`"] /i.test(query.sql)) inserts.push(query.sql);
    };
    test.db.on('query', count);
    try {
      const before = await rowsIn('access_log');
      for (let i = 0; i < 30; i += 1) expect((await get(`/api/tickets/${ticket.number}`, 'ayse')).status).to.equal(200);
      expect(await rowsIn('access_log')).to.equal(before);
      await writer.flush();
      expect(await rowsIn('access_log')).to.equal(before + 30);
      expect(inserts).to.have.length(1);
    } finally {
      test.db.removeListener('query', count);
    }
  });

  it('lists newest first with paging, and filters by user id, username, ticket and kind', async () => {
    const ticket = await callTicket();
    for (const [who, at] of [['ayse', '2026-11-01T08:00:00.000Z'], ['nuray', '2026-11-01T09:00:00.000Z'], ['ayse', '2026-11-01T10:00:00.000Z']] as const) {
      clock = Date.parse(at);
      await get(`/api/tickets/${ticket.number}`, who);
    }
    await writer.flush();
    const all = await audit(`ticket=${ticket.number}`);
    expect(all.total).to.equal(3);
    expect(all.items.map((item) => [item.user.username, item.at])).to.deep.equal([
      ['ayse', '2026-11-01T10:00:00.000Z'],
      ['nuray', '2026-11-01T09:00:00.000Z'],
      ['ayse', '2026-11-01T08:00:00.000Z'],
    ]);
    const second = await audit(`ticket=${ticket.number}&limit=1&offset=1`);
    expect(second).to.deep.include({ total: 3 });
    expect(second.items.map((item) => item.user.username)).to.deep.equal(['nuray']);
    expect((await audit(`ticket=${ticket.number}&user=${http.users.nuray!.id}`)).items.map((item) => item.at)).to.deep.equal(['2026-11-01T09:00:00.000Z']);
    expect((await audit(`ticket=${ticket.number}&user=AYSE`)).total).to.equal(2);
    expect((await audit(`ticket=${ticket.number}&kind=search`)).total).to.equal(0);
    expect((await audit(`user=ayse&kind=ticket-read&from=2026-11-01T07:00:00Z&to=2026-11-01T11:00:00Z`)).total).to.equal(2);
  });

  it('reads date-only from and to as Istanbul days, to including its whole day', async () => {
    const ticket = await callTicket();
    // 23:30 on 2 December and 00:30 and 23:59 on 3 December in Istanbul (UTC+3).
    for (const at of ['2026-12-02T20:30:00.000Z', '2026-12-02T21:30:00.000Z', '2026-12-03T20:59:00.000Z', '2026-12-03T21:00:00.000Z']) {
      clock = Date.parse(at);
      await get(`/api/tickets/${ticket.number}`, 'ayse');
    }
    await writer.flush();
    const day = await audit(`ticket=${ticket.number}&from=2026-12-03&to=2026-12-03`);
    expect(day.items.map((item) => item.at)).to.deep.equal(['2026-12-03T20:59:00.000Z', '2026-12-02T21:30:00.000Z']);
    expect((await audit(`ticket=${ticket.number}&from=2026-12-03T00:30:00%2B03:00`)).total).to.equal(3);
    expect((await audit(`ticket=${ticket.number}&to=2026-12-02`)).total).to.equal(1);
  });

  it('is for admins only, and refuses a malformed query', async () => {
    for (const who of ['ayse', 'nuray', 'cevreci']) expect((await get('/api/audit', who)).status, who).to.equal(403);
    expect((await fetch(`${http.base}/api/audit`)).status).to.equal(401);
    for (const query of ['from=yesterday', 'ticket=153-26-1', 'kind=update', 'limit=0', 'user=a', 'from=2026-12-03&to=2026-12-02', 'delete=1']) {
      expect((await get(`/api/audit?${query}`, 'admin')).status, query).to.equal(400);
    }
  });

  it('has no way to change or remove a row: the database refuses UPDATE and DELETE', async () => {
    const ticket = await callTicket();
    await get(`/api/tickets/${ticket.number}`, 'ayse');
    await writer.flush();
    const [before, tickets] = [await rowsIn('access_log'), await rowsIn('access_log_tickets')];
    const refusals = [
      test.db('access_log').update({ username: 'someone-else' }),
      test.db('access_log').where({ username: 'ayse' }).delete(),
      test.db('access_log_tickets').update({ ticket_number: '153-2026-999999' }),
      test.db('access_log_tickets').where({ ticket_number: ticket.number }).delete(),
    ];
    for (const statement of refusals) {
      let refused: Error | undefined;
      await statement.catch((error: Error) => (refused = error));
      expect(refused?.message, statement.toString()).to.match(/append-only/);
    }
    if (test.engine === 'postgres') {
      const truncate = await test.db.raw('truncate access_log').catch((error: Error) => error);
      expect((truncate as Error).message).to.match(/append-only/);
    }
    expect(await rowsIn('access_log')).to.equal(before);
    expect(await rowsIn('access_log_tickets')).to.equal(tickets);
    expect((await test.db('access_log').where({ username: 'someone-else' })).length).to.equal(0);
  });
});
