import { expect } from 'chai';
import { CATEGORIES } from '../../migrations/20261128_0002_catalogue.js';
import { createSummaryReport } from '../../src/reports/summary/summary-report.js';
import type { ReportFilters, ReportTable, Row } from '../../src/reports/report-types.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { callFilter, callsSql, hourRange } from '../../src/reports/summary/summary-sql.js';
import { planOf } from '../support/report-plans.js';
import { AT_END, BEFORE, IN, insertReportTickets, MARCH, REPORT_TICKETS, type ReportTicket } from '../support/report-tickets.js';

const rowsOf = (tables: readonly ReportTable[], id: string): readonly Row[] => {
  const table = tables.find((candidate) => candidate.id === id);
  if (!table) throw new Error(`no table ${id}`);
  return table.rows;
};

const CALLS: { started: string; queue: string | null; queued: boolean; outcome: string }[] = [
  { started: IN, queue: 'ulasim', queued: true, outcome: 'answered' },
  { started: IN, queue: 'ulasim', queued: true, outcome: 'abandoned-in-queue' },
  { started: IN, queue: null, queued: false, outcome: 'abandoned-in-ivr' },
  { started: IN, queue: 'zabita', queued: true, outcome: 'answered' },
  { started: BEFORE, queue: 'ulasim', queued: true, outcome: 'answered' },
  { started: AT_END, queue: 'ulasim', queued: true, outcome: 'answered' },
];

/** April 2025: twelve topics opened 12, 11, … 1 times (only the busiest ten are listed). */
const APRIL = { from: Date.parse('2025-03-31T21:00:00.000Z'), to: Date.parse('2025-04-30T21:00:00.000Z') };
const APRIL_TICKETS: ReportTicket[] = CATEGORIES.slice(0, 12).flatMap((category, index) =>
  Array.from({ length: 12 - index }, () => ({ category: category.code, department: category.department_code, district: 'Talas', neighbourhood: null, source: 'web', status: 'open', created: '2025-04-10T10:00:00.000Z' })),
);

describe(`reports: the yearly summary in SQL (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  const build = (filters: Partial<ReportFilters> = {}) => createSummaryReport(test.db).build({ ...MARCH, ...filters });

  before(async () => {
    test = await createTestDatabase();
    await insertReportTickets(test.db, [...REPORT_TICKETS, ...APRIL_TICKETS]);
    await test.db('calls').insert(
      CALLS.map((call, index) => ({
        id: `call-${index}`, channel_id: `chan-${index}`, started_at: call.started, created_at: call.started, updated_at: call.started,
        queue: call.queue, queued_at: call.queued ? call.started : null, agent_connected_at: call.outcome === 'answered' ? call.started : null, outcome: call.outcome,
      })),
    );
  });

  after(async () => {
    await test.destroy();
  });

  it('gives calls received, handed to a queue and answered by an agent, requests opened and answered, and the deadline share', async () => {
    expect(rowsOf(await build(), 'totals')).to.deep.equal([
      { calls_received: 4, calls_queued: 3, calls_answered: 2, calls_answered_pct: 50, requests_opened: 5, requests_answered: 4, in_time_pct: 75 },
    ]);
  });

  it('gives requests by channel and the busiest topics, without the abandoned call', async () => {
    const tables = await build();
    expect(rowsOf(tables, 'by-channel')).to.deep.equal([
      { source: 'phone', opened: 3, share_pct: 60 },
      { source: 'cimer', opened: 1, share_pct: 20 },
      { source: 'web', opened: 1, share_pct: 20 },
    ]);
    expect(rowsOf(tables, 'top-topics')).to.deep.equal([
      { rank: 1, category: 'hayvan', category_name: 'Yaralı veya sahipsiz hayvan', parent_name: null, opened: 2, share_pct: 40 },
      { rank: 2, category: 'kentkart', category_name: 'Kentkart / seyahat kartı', parent_name: 'Ulaşım', opened: 2, share_pct: 40 },
      { rank: 3, category: 'ulasim', category_name: 'Ulaşım', parent_name: null, opened: 1, share_pct: 20 },
    ]);
  });

  it('lists only the ten busiest topics', async () => {
    const topics = rowsOf(await build(APRIL), 'top-topics');
    // Kentkart's 10 and the ticket opened at March's exclusive end, which is April's first instant; ties by code.
    expect(topics.map((row) => [row.rank, row.category, row.opened])).to.deep.equal([
      [1, 'ulasim', 12], [2, 'kentkart', 11], [3, 'ulasim-sefer', 11], [4, 'kaybis', 9], [5, 'otopark', 8], [6, 'cevre', 7], [7, 'hayvan', 6], [8, 'sosyal', 5], [9, 'sosyal-sut', 4], [10, 'sosyal-kirtasiye', 3],
    ]);
  });

  it('narrows the calls by queue and the requests by category (with sub-categories), department, district, source', async () => {
    expect(rowsOf(await build({ queue: 'ulasim' }), 'totals')[0]).to.include({ calls_received: 2, calls_queued: 2, calls_answered: 1, requests_opened: 5 });
    const ulasim = await build({ category: 'ulasim' });
    expect(rowsOf(ulasim, 'totals')[0]).to.include({ calls_received: 4, requests_opened: 3, requests_answered: 2, in_time_pct: 50 });
    expect(rowsOf(ulasim, 'by-channel').map((row) => row.source)).to.deep.equal(['cimer', 'phone', 'web']);
    expect(rowsOf(await build({ source: 'phone', district: 'Talas' }), 'totals')[0]).to.include({ requests_opened: 2, requests_answered: 1 });
    expect(rowsOf(await build({ department: 'veteriner' }), 'top-topics').map((row) => row.category)).to.deep.equal(['hayvan']);
  });

  it('gives an empty period zero totals and no rows', async () => {
    const tables = await build({ from: Date.parse('2024-01-01T00:00:00.000Z'), to: Date.parse('2024-02-01T00:00:00.000Z') });
    expect(rowsOf(tables, 'totals')).to.deep.equal([{ calls_received: 0, calls_queued: 0, calls_answered: 0, calls_answered_pct: null, requests_opened: 0, requests_answered: 0, in_time_pct: null }]);
    expect(rowsOf(tables, 'by-channel')).to.deep.equal([]);
    expect(rowsOf(tables, 'top-topics')).to.deep.equal([]);
  });

  it('reads the same figures twice', async () => {
    expect(await build()).to.deep.equal(await build());
  });

  it('counts the calls from the calls report\'s covering index, not the wide rows', async () => {
    const bindings = { from: '2025-02-28T21:00:00.000Z', to: '2025-03-31T21:00:00.000Z', ...hourRange(MARCH.from, MARCH.to), queue: 'ulasim' };
    for (const filter of [callFilter(undefined), callFilter('ulasim')]) {
      const plan = await planOf(test.db, callsSql(filter), bindings);
      expect(plan).to.include('calls_report_hour_idx');
      expect(plan).not.to.match(/SCAN calls(?! USING)|Seq Scan on calls/);
    }
  });
});
