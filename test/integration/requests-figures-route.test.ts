import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

// Thursday 3 December 2026, 12:00 Istanbul.
const NOW = Date.parse('2026-12-03T09:00:00.000Z');

describe(`requests: GET /api/figures/lifecycle (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;

  before(async () => {
    test = await createTestDatabase();
    const at = (offsetH: number) => new Date(NOW + offsetH * 3_600_000).toISOString();
    await test.db('tickets').insert([
      { number: '153-2026-000001', year: 2026, seq: 1, source: 'cimer', status: 'answered', priority: 'normal', department_code: 'veteriner', created_at: at(-48), updated_at: at(-1), version: 3,
        due_soon_at: at(-3), due_at: at(100), accepted_at: at(-2), accept_s: 600, answered_at: at(-1), answer_s: 7200, answered_in_time: true },
      { number: '153-2026-000002', year: 2026, seq: 2, source: 'phone', status: 'forwarded', priority: 'normal', department_code: 'veteriner', created_at: at(-48), updated_at: at(-48), version: 2,
        due_soon_at: at(-10), due_at: at(-5) },
    ]);
    http = await startTestHttpApp({
      db: test.db,
      logger: createTestLogger(),
      accounts: [
        { username: 'nuray', role: 'supervisor' },
        { username: 'admin', role: 'admin' },
        { username: 'ayse', role: 'agent' },
        { username: 'vet', role: 'department', department: 'veteriner' },
      ],
      deps: { figures: { db: test.db, catalogue: new KnexCatalogue(test.db), now: () => NOW } },
    });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  const get = (query: string, who: string) => http.call('GET', `/api/figures/lifecycle${query}`, who);

  it('gives supervisors every department by name, the sources, CİMER apart and the total, for today by default', async () => {
    const reply = await get('', 'nuray');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ from: '2026-12-02T21:00:00.000Z', to: '2026-12-03T21:00:00.000Z', at: '2026-12-03T09:00:00.000Z' });
    const departments = reply.body.byDepartment as Record<string, unknown>[];
    expect(departments.map((row) => row.department)).to.include.members(['veteriner', 'zabita', 'cevre']);
    const vet = departments.find((row) => row.department === 'veteriner');
    expect(vet).to.include({ name: 'Veteriner İşleri Dairesi Başkanlığı', open: 2, dueSoon: 0, overdue: 1, acceptMedianS: 600, answerMedianS: 7200, inTimeShare: 1 });
    expect(departments.find((row) => row.department === 'zabita')).to.include({ open: 0, acceptMedianS: null });
    expect(reply.body.cimer).to.include({ source: 'cimer', open: 1, answered: 1, inTimeShare: 1 });
    expect(reply.body.total).to.include({ open: 2, overdue: 1 });
    expect((reply.body.bySource as Record<string, unknown>[]).map((row) => row.source)).to.deep.equal(['cimer', 'phone']);
  });

  it('takes Istanbul dates: a period without the step has no medians but the same backlog', async () => {
    const reply = await get('?from=2026-11-01&to=2026-11-30', 'admin');
    expect(reply.status).to.equal(200);
    expect(reply.body).to.include({ from: '2026-10-31T21:00:00.000Z', to: '2026-11-30T21:00:00.000Z' });
    expect(reply.body.total).to.include({ open: 2, overdue: 1, acceptMedianS: null, inTimeShare: null });
  });

  it('refuses agents and departments, and bad periods with a clear 400', async () => {
    expect((await get('', 'ayse')).status).to.equal(403);
    expect((await get('', 'vet')).status).to.equal(403);
    const backwards = await get('?from=2026-12-03&to=2026-12-01', 'nuray');
    expect(backwards.status).to.equal(400);
    expect(JSON.stringify(backwards.body)).to.contain('from must be before to');
    expect((await get('?from=yesterday', 'nuray')).status).to.equal(400);
    expect((await get('?from=2024-01-01&to=2026-01-01', 'nuray')).status).to.equal(400);
    expect((await get('?department=veteriner', 'nuray')).status).to.equal(400);
  });
});
