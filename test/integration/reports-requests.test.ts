import { expect } from 'chai';
import { createRequestsReport } from '../../src/reports/requests/requests-report.js';
import type { ReportFilters, ReportTable, Row } from '../../src/reports/report-types.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { factsSql, reopenedSql, ticketFilter, type SqlitePlan } from '../../src/reports/requests/requests-sql.js';
import { sqlitePlan } from '../../src/reports/requests/request-figures.js';
import { planOf } from '../support/report-plans.js';
import { insertReportTickets, MARCH, REPORT_TICKETS } from '../support/report-tickets.js';

const rowsOf = (tables: readonly ReportTable[], id: string): readonly Row[] => {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table.rows;
};

const figures = (overrides: Partial<Record<string, number | null>>): Record<string, number | null> => ({
  opened: 0, accepted: 0, answered: 0, answered_in_time: 0, in_time_pct: null, informed: 0, accept_median_s: null, answer_median_s: null,
  inform_median_s: null, reopened: 0, reopen_pct: null, survey_avg: null, survey_n: 0, ...overrides,
});

describe(`reports: the requests report in SQL (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  const build = (filters: Partial<ReportFilters> = {}) => createRequestsReport(test.db).build({ ...MARCH, ...filters });

  before(async () => {
    test = await createTestDatabase();
    await insertReportTickets(test.db, REPORT_TICKETS);
  });

  after(async () => {
    await test.destroy();
  });

  it('gives the period total: opened without abandoned calls, answered, within deadline, medians, reopen rate and survey', async () => {
    expect(rowsOf(await build(), 'total')).to.deep.equal([
      // accept 100 200 300 400 900 (odd: 300); answer 500 1000 2000 3000 (even: 1500); inform 50 71 (60.5 → 61).
      figures({ opened: 5, accepted: 5, answered: 4, answered_in_time: 3, in_time_pct: 75, informed: 2, accept_median_s: 300, answer_median_s: 1500, inform_median_s: 61, reopened: 1, reopen_pct: 25, survey_avg: 4, survey_n: 3 }),
    ]);
  });

  it('gives each topic with its parent, busiest first, the late answer counted out of within deadline', async () => {
    expect(rowsOf(await build(), 'by-topic')).to.deep.equal([
      { category: 'hayvan', category_name: 'Yaralı veya sahipsiz hayvan', parent: null, parent_name: null, ...figures({ opened: 2, accepted: 2, answered: 2, answered_in_time: 2, in_time_pct: 100, informed: 1, accept_median_s: 650, answer_median_s: 1250, inform_median_s: 71, reopen_pct: 0, survey_avg: 4, survey_n: 1 }) },
      { category: 'kentkart', category_name: 'Kentkart / seyahat kartı', parent: 'ulasim', parent_name: 'Ulaşım', ...figures({ opened: 2, accepted: 2, answered: 2, answered_in_time: 1, in_time_pct: 50, informed: 1, accept_median_s: 200, answer_median_s: 2000, inform_median_s: 50, reopened: 1, reopen_pct: 50, survey_avg: 5, survey_n: 1 }) },
      { category: 'ulasim', category_name: 'Ulaşım', parent: null, parent_name: null, ...figures({ opened: 1, accepted: 1, accept_median_s: 200, survey_avg: 3, survey_n: 1 }) },
    ]);
  });

  it('gives sources, districts, neighbourhoods within their district and departments', async () => {
    const tables = await build();
    expect(rowsOf(tables, 'by-source').map((row) => [row.source, row.opened, row.answered, row.accept_median_s])).to.deep.equal([
      ['phone', 3, 2, 400],
      ['web', 1, 1, 300],
      ['cimer', 1, 0, 200],
      ['desk', 0, 1, null],
    ]);
    expect(rowsOf(tables, 'by-district').map((row) => [row.district, row.opened, row.answered, row.answer_median_s])).to.deep.equal([
      ['Melikgazi', 2, 2, 2000],
      ['Talas', 2, 2, 1250],
      ['Kocasinan', 1, 0, null],
    ]);
    expect(rowsOf(tables, 'by-neighbourhood').map((row) => [row.district, row.neighbourhood, row.opened, row.answered])).to.deep.equal([
      ['Melikgazi', 'Alpaslan', 2, 2],
      ['Talas', 'Mevlana', 2, 1],
      ['Kocasinan', 'Erkilet', 1, 0],
      ['Talas', null, 0, 1],
    ]);
    expect(rowsOf(tables, 'by-department').map((row) => [row.department, row.department_name, row.opened, row.in_time_pct])).to.deep.equal([
      ['kayseri-ulasim', 'Kayseri Ulaşım A.Ş.', 2, 50],
      ['veteriner', 'Veteriner İşleri Dairesi Başkanlığı', 2, 100],
      ['ulasim', 'Ulaşım Dairesi Başkanlığı', 1, null],
    ]);
  });

  it('narrows to a category with its sub-categories, a department, a district or a source', async () => {
    const total = async (filters: Partial<ReportFilters>) => rowsOf(await build(filters), 'total')[0];
    expect(await total({ category: 'ulasim' })).to.include({ opened: 3, accepted: 3, accept_median_s: 200, answered: 2, answer_median_s: 2000, reopened: 1 });
    expect(await total({ category: 'kentkart' })).to.include({ opened: 2, accepted: 2, accept_median_s: 200 });
    expect(await total({ department: 'veteriner' })).to.include({ opened: 2, answered: 2, answer_median_s: 1250, survey_n: 1 });
    expect(await total({ district: 'Talas', source: 'phone' })).to.include({ opened: 2, answered: 1, answer_median_s: 2000 });
    expect(await total({ source: 'desk' })).to.include({ opened: 0, answered: 1, answered_in_time: 1 });
    expect(rowsOf(await build({ category: 'ulasim' }), 'by-topic').map((row) => row.category)).to.deep.equal(['kentkart', 'ulasim']);
  });

  it('ignores the queue and agent filters, which are the calls report\'s', async () => {
    expect(await build({ queue: 'ulasim', agent: 'ayse' })).to.deep.equal(await build());
  });

  it('gives an empty period no rows and a zero total', async () => {
    const tables = await build({ from: Date.parse('2024-01-01T00:00:00.000Z'), to: Date.parse('2024-02-01T00:00:00.000Z') });
    for (const table of tables.filter((candidate) => candidate.id !== 'total')) expect(table.rows, table.id).to.deep.equal([]);
    expect(rowsOf(tables, 'total')).to.deep.equal([figures({})]);
  });

  it('reads the same figures twice', async () => {
    expect(await build()).to.deep.equal(await build());
  });

  it('reads a period\'s reopenings through their own index, not every history fact', async () => {
    const plan = await planOf(test.db, reopenedSql(ticketFilter({})), { from: '2025-02-28T21:00:00.000Z', to: '2025-03-31T21:00:00.000Z' });
    expect(plan).to.include('ticket_events_reopened_idx');
    expect(plan).not.to.match(/SCAN ticket_events(?! USING)|Seq Scan on ticket_events/);
  });

  describe('on SQLite, a long period along the covering index and a short one through the time indexes', function () {
    const marchBindings = { from: '2025-02-28T21:00:00.000Z', to: '2025-03-31T21:00:00.000Z' };
    const factsOf = async (plan: SqlitePlan, filter = ticketFilter({})) =>
      ((await test.db.raw(factsSql('sqlite', filter, plan), { ...marchBindings, ...filter.bindings })) as Record<string, unknown>[]).map((row) => JSON.stringify(row)).sort();

    before(function () {
      if (testEngine() !== 'sqlite') this.skip();
    });

    it('walks tickets_report_groups_idx for the groups, with no sort', async () => {
      const plan = await planOf(test.db, factsSql('sqlite', ticketFilter({}), 'groups'), marchBindings);
      expect(plan).to.include('USING COVERING INDEX tickets_report_groups_idx');
      expect(plan).not.to.include('TEMP B-TREE');
    });

    it('reads a short period through its time ranges, not the whole covering index', async () => {
      const plan = await planOf(test.db, factsSql('sqlite', ticketFilter({}), 'ranges'), marchBindings);
      expect(plan).to.include('MULTI-INDEX OR');
      expect(plan).to.include('tickets_created_idx');
      expect(plan).not.to.include('tickets_report_groups_idx');
    });

    it('gives the same rows either way, filtered or not', async () => {
      expect(await factsOf('ranges')).to.deep.equal(await factsOf('groups')).and.to.have.length.above(3);
      const filter = ticketFilter({ categories: ['kentkart'], district: 'Melikgazi' });
      expect(await factsOf('ranges', filter)).to.deep.equal(await factsOf('groups', filter)).and.to.have.length.above(0);
    });

    it('takes the covering index when the period holds a quarter of the tickets\' time span or more', async () => {
      expect(await sqlitePlan(test.db, MARCH.from, MARCH.to)).to.equal('groups');
      expect(await sqlitePlan(test.db, Date.parse('2025-03-10T00:00:00.000Z'), Date.parse('2025-03-11T00:00:00.000Z'))).to.equal('ranges');
      expect(await sqlitePlan(test.db, Date.parse('2024-01-01T00:00:00.000Z'), Date.parse('2024-02-01T00:00:00.000Z'))).to.equal('ranges');
    });
  });
});
