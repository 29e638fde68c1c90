import { expect } from 'chai';
import { loadIvrDefinition } from '../../src/ivr/definition.js';
import type { IvrDefinition } from '../../src/ivr/types.js';
import { istanbulTime } from '../../src/queues/istanbul-time.js';
import { createCallsReport } from '../../src/reports/calls/calls-report.js';
import type { ReportBuilder, ReportFilters, ReportTable, Row } from '../../src/reports/report-types.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { seedCall, seedReportTicket } from './reports-seed.js';

const MARCH: ReportFilters = { from: istanbulTime(2026, 3, 1), to: istanbulTime(2026, 4, 1) };
const table = (tables: readonly ReportTable[], id: string): ReportTable => {
  const found = tables.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
};
const totals = async (report: ReportBuilder, filters: ReportFilters): Promise<Row> => table(await report.build(filters), 'totals').rows[0] ?? {};

describe(`reports: the calls report (${testEngine()})`, () => {
  let test: TestDatabase;
  let report: ReportBuilder;
  let ivr: IvrDefinition;

  beforeEach(async () => {
    test = await createTestDatabase();
    ivr = await loadIvrDefinition('config/ivr.json');
    report = createCallsReport(test.db, { serviceLevelSeconds: 20, wrapUpS: { default: 10, perQueue: { 'alo153-genel': 30 } }, ivr: () => ivr });
    const db = test.db;
    await db('users').insert({ username: 'ayse', display_name: 'Ayşe', role: 'agent', password_hash: 'x', phone_interface: 'PJSIP/agent1', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' });
    const kentkart = await seedReportTicket(db, { category: 'kentkart', department: 'kayseri-ulasim', district: 'Kocasinan', source: 'phone' });
    const cevre = await seedReportTicket(db, { category: 'cevre', department: 'cevre', district: 'Melikgazi', source: 'web' });
    const genel = { queue: 'alo153-genel', lastStep: 'transferred:alo153-genel' };
    const kart = { queue: 'alo153-kentkart', lastStep: 'transferred:alo153-kentkart' };
    // At exactly the threshold (20 s) is within the service level; 21 s is not; an unknown wait counts in neither.
    await seedCall(db, { id: 'c1', at: '2026-03-02T08:00:00.000Z', outcome: 'answered', ...genel, agent: 'PJSIP/agent1', waitS: 20, talkS: 60 });
    await seedCall(db, { id: 'c2', at: '2026-03-02T08:10:00.000Z', outcome: 'answered', ...genel, agent: 'PJSIP/agent1', waitS: 21, talkS: 90 });
    await seedCall(db, { id: 'c3', at: '2026-03-02T09:00:00.000Z', outcome: 'answered', ...kart, agent: 'PJSIP/agent2', waitS: 5, talkS: 100, ticketId: kentkart });
    await seedCall(db, { id: 'c4', at: '2026-03-03T10:00:00.000Z', outcome: 'answered', ...kart, agent: 'PJSIP/agent2' });
    await seedCall(db, { id: 'c5', at: '2026-03-03T11:00:00.000Z', outcome: 'abandoned-in-queue', ...genel, waitS: 30, ticketId: cevre });
    // 23:30 UTC on Sunday 1 March is 02:30 on Monday 2 March in Istanbul.
    await seedCall(db, { id: 'c6', at: '2026-03-01T23:30:00.000Z', outcome: 'abandoned-in-ivr', lastStep: 'main:enter' });
    await seedCall(db, { id: 'c7', at: '2026-03-04T12:00:00.000Z', outcome: 'handed-to-queue', ...kart });
    // The period's first instant counts (00:00 on Sunday 1 March in Istanbul), its end does not.
    await seedCall(db, { id: 'c8', at: '2026-02-28T21:00:00.000Z', outcome: 'abandoned-in-ivr', lastStep: 'ulasim:invalid' });
    await seedCall(db, { id: 'c9', at: '2026-03-31T21:00:00.000Z', outcome: 'abandoned-in-ivr', lastStep: 'main:enter' });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('adds up offered, answered, abandoned, service level, ASA, AHT (talk + the queue’s wrap-up) and abandonment', async () => {
    expect(await totals(report, MARCH)).to.deep.equal({
      offered: 8,
      abandonedInIvr: 2,
      queued: 6,
      answered: 4,
      abandonedInQueue: 1,
      unanswered: 1,
      serviceLevel: 66.7,
      asa: 15,
      handled: 3,
      aht: 107,
      talk: 83,
      abandonment: 16.7,
    });
  });

  it('places each call in its Istanbul hour and ISO weekday, and each day of the period in the day series', async () => {
    const tables = await report.build(MARCH);
    const heatmap = table(tables, 'heatmap');
    expect(heatmap.rows).to.have.length(168);
    expect(heatmap.chart).to.deep.equal({ kind: 'heatmap', xKey: 'hour', yKey: 'weekday', valueKey: 'offered' });
    const cell = (weekday: number, hour: number) => heatmap.rows.find((row) => row.weekday === weekday && row.hour === hour);
    expect(cell(1, 2)).to.include({ offered: 1, abandonedInIvr: 1 });
    expect(cell(1, 11)).to.include({ offered: 2, answered: 2, serviceLevel: 50 });
    expect(cell(7, 0)).to.include({ offered: 1 });
    expect(heatmap.rows.reduce((total, row) => total + Number(row.offered), 0)).to.equal(8);
    const days = table(tables, 'by-day').rows;
    expect(days).to.have.length(31);
    expect(days[0]).to.include({ date: '2026-03-01', offered: 1 });
    expect(days[1]).to.include({ date: '2026-03-02', offered: 4, answered: 3 });
    expect(days[30]).to.include({ date: '2026-03-31', offered: 0, serviceLevel: null });
  });

  it('uses the offset of the day for calls from before 2016 (summer time +3, winter +2)', async () => {
    await seedCall(test.db, { id: 'old-summer', at: '2015-07-01T23:30:00.000Z', outcome: 'abandoned-in-ivr' });
    await seedCall(test.db, { id: 'old-winter', at: '2015-12-01T23:30:00.000Z', outcome: 'abandoned-in-ivr' });
    const heatmap = table(await report.build({ from: istanbulTime(2015, 1, 1), to: istanbulTime(2016, 1, 1) }), 'heatmap');
    expect(heatmap.rows.filter((row) => row.offered !== 0).map((row) => [row.weekday, row.hour])).to.deep.equal([
      [3, 1],
      [4, 2],
    ]);
  });

  it('splits the calls by queue and by IVR choice, with the menu’s labels', async () => {
    const tables = await report.build(MARCH);
    expect(table(tables, 'by-queue').rows).to.deep.equal([
      { queue: 'alo153-genel', queued: 3, answered: 2, abandonedInQueue: 1, unanswered: 0, serviceLevel: 50, asa: 21, handled: 2, aht: 105, talk: 75, abandonment: 33.3 },
      { queue: 'alo153-kentkart', queued: 3, answered: 2, abandonedInQueue: 0, unanswered: 1, serviceLevel: 100, asa: 5, handled: 1, aht: 110, talk: 100, abandonment: 0 },
    ]);
    expect(table(tables, 'by-ivr-choice').rows.map((row) => [row.step, row.choice, row.offered])).to.deep.equal([
      ['transferred:alo153-genel', 'Müşteri temsilcisi', 3],
      ['transferred:alo153-kentkart', 'Kentkart / seyahat kartı', 3],
      ['main:enter', 'Ana menü: menüyü dinlerken kapattı', 1],
      ['ulasim:invalid', 'Ulaşım: hatalı tuşlamadan sonra kapattı', 1],
    ]);
  });

  it('narrows by queue, agent, and through the ticket by category (with sub-categories), department, district and source', async () => {
    const offered = async (extra: Partial<ReportFilters>) => (await totals(report, { ...MARCH, ...extra })).offered;
    expect(await offered({ queue: 'alo153-kentkart' })).to.equal(3);
    expect(await offered({ agent: 'ayse' })).to.equal(2);
    expect(await offered({ agent: 'nobody' })).to.equal(0);
    expect(await offered({ category: 'ulasim' })).to.equal(1);
    expect(await offered({ category: 'kentkart' })).to.equal(1);
    expect(await offered({ department: 'cevre' })).to.equal(1);
    expect(await offered({ district: 'Kocasinan' })).to.equal(1);
    expect(await offered({ source: 'web' })).to.equal(1);
    expect(await offered({ category: 'cevre', district: 'Kocasinan' })).to.equal(0);
    const byQueue = table(await report.build({ ...MARCH, source: 'web' }), 'by-queue').rows;
    expect(byQueue).to.deep.equal([{ queue: 'alo153-genel', queued: 1, answered: 0, abandonedInQueue: 1, unanswered: 0, serviceLevel: null, asa: null, handled: 0, aht: null, talk: null, abandonment: 100 }]);
  });

  it('gives zeros and empty tables for a period without calls, and no day series for a single day', async () => {
    const tables = await report.build({ from: istanbulTime(2025, 1, 1), to: istanbulTime(2025, 1, 2) });
    expect(tables.map((t) => t.id)).to.deep.equal(['totals', 'heatmap', 'by-queue', 'by-ivr-choice']);
    expect(table(tables, 'totals').rows[0]).to.include({ offered: 0, answered: 0, serviceLevel: null, asa: null, aht: null, abandonment: null });
    expect(table(tables, 'by-queue').rows).to.deep.equal([]);
    expect(table(tables, 'by-ivr-choice').rows).to.deep.equal([]);
    expect(table(tables, 'heatmap').rows.every((row) => row.offered === 0)).to.equal(true);
  });

  it('reads the same figures for a past period again, and after a later call', async () => {
    const first = await report.build(MARCH);
    expect(await report.build(MARCH)).to.deep.equal(first);
    await seedCall(test.db, { id: 'april', at: '2026-04-05T10:00:00.000Z', outcome: 'answered', queue: 'alo153-genel', agent: 'PJSIP/agent1', waitS: 1, talkS: 10 });
    expect(await report.build(MARCH)).to.deep.equal(first);
  });
});
