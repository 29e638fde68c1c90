import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { istanbulYear } from '../../src/requests/ticket-numbers.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';
import { seedTicket } from '../support/seed-tickets.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe(`requests: supervisor search over GET /api/tickets (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  const now = Date.now();
  const year = istanbulYear(new Date(now));
  const numbers: Record<string, string> = {};

  before(async () => {
    test = await createTestDatabase();
    http = await startTestHttpApp({ db: test.db, logger: createTestLogger(), accounts: [{ username: 'nuray', role: 'supervisor' }] });

    const created = new Date(now - 3 * DAY);
    numbers.overdue = await seedTicket(test.db, { year, seq: 26, status: 'forwarded', department: 'cevre', source: 'cimer', callerNumber: '05321234567', description: 'Konteyner taşıyor', createdAt: created, dueAt: new Date(now - HOUR), dueSoonAt: new Date(now - DAY) });
    numbers.dueSoon = await seedTicket(test.db, { year, seq: 27, status: 'in_progress', department: 'kaski', source: 'phone', callerNumber: '+905321234567', description: 'Su kesintisi', createdAt: created, dueAt: new Date(now + HOUR), dueSoonAt: new Date(now - HOUR) });
    numbers.closedLate = await seedTicket(test.db, { year, seq: 28, status: 'closed', department: 'cevre', source: 'web', callerNumber: '05449876543', description: 'Gürültü', createdAt: created, dueAt: new Date(now - 2 * HOUR), dueSoonAt: new Date(now - DAY) });
    numbers.fresh = await seedTicket(test.db, { year, seq: 29, status: 'open', source: 'desk', callerNumber: '5449876543', description: 'Kaldırım kırık', createdAt: new Date(now - HOUR), dueAt: new Date(now + 5 * DAY), dueSoonAt: new Date(now + 3 * DAY) });
    numbers.lastYear = await seedTicket(test.db, { year: year - 1, seq: 26, status: 'closed', department: 'zabita', source: 'phone', createdAt: new Date(now - 400 * DAY) });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  const search = async (query: string): Promise<{ status: number; numbers: string[]; total: number; body: Record<string, unknown> }> => {
    const { status, body } = await http.call<{ items?: Array<{ number: string }>; total?: number }>('GET', `/api/tickets?${query}`, 'nuray');
    return { status, numbers: (body.items ?? []).map((item) => item.number), total: body.total ?? -1, body };
  };

  it('finds a ticket by its serial alone (this Istanbul year), year-serial, full number and prefix', async () => {
    expect((await search('number=26')).numbers).to.deep.equal([numbers.overdue]);
    expect((await search(`number=${year - 1}-26`)).numbers).to.deep.equal([numbers.lastYear]);
    expect((await search(`number=153-${year}-000027`)).numbers).to.deep.equal([numbers.dueSoon]);
    expect((await search(`number=153-${year}-`)).total).to.equal(4);
    expect((await search('number=9999')).total).to.equal(0);
  });

  it('refuses a number in no known form with a 400 naming the field', async () => {
    const reply = await search('number=12-26');
    expect(reply.status).to.equal(400);
    expect(JSON.stringify(reply.body)).to.contain('number');
  });

  it('finds every spelling of a phone number', async () => {
    expect((await search('phone=0532 123 45 67')).numbers).to.have.members([numbers.overdue, numbers.dueSoon]);
    expect((await search(`phone=${encodeURIComponent('+90 544 987 65 43')}`)).numbers).to.have.members([numbers.closedLate, numbers.fresh]);
  });

  it('filters by text, department, status and source', async () => {
    expect((await search('q=konteyner')).numbers).to.deep.equal([numbers.overdue]);
    expect((await search('department=cevre')).numbers).to.have.members([numbers.overdue, numbers.closedLate]);
    expect((await search('status=in_progress')).numbers).to.deep.equal([numbers.dueSoon]);
    expect((await search('source=cimer')).numbers).to.deep.equal([numbers.overdue]);
    expect((await search('source=fax')).status).to.equal(400);
  });

  it('overdue lists open items past their deadline, not closed ones; due soon those past the due-soon share', async () => {
    expect((await search('overdue=1')).numbers).to.deep.equal([numbers.overdue]);
    expect((await search('overdue=1&department=kaski')).total).to.equal(0);
    expect((await search('dueSoon=1')).numbers).to.deep.equal([numbers.dueSoon]);
    expect((await search('overdue=0')).total).to.equal(5);
    expect((await search('overdue=yes')).status).to.equal(400);
  });
});
