import { expect } from 'chai';
import { exportUrl, istanbulToday, isDate, listingUrl, periodProblem, reportQuery, shiftDate, stateFromQuery, type ReportState } from '../../src/web/assets/reports-period.js';

const state = (overrides: Partial<ReportState> = {}): ReportState => ({
  period: 'month',
  date: '2025-03-15',
  from: '',
  to: '',
  filters: { queue: '', category: '', department: '', district: '', source: '', agent: '' },
  ...overrides,
});

describe('reports page: the period picker and the query it sends', () => {
  it('takes today from the Istanbul calendar, not the machine’s', () => {
    // 21:30 UTC on 31 December is already New Year's Day in Istanbul.
    expect(istanbulToday(Date.UTC(2025, 11, 31, 21, 30))).to.equal('2026-01-01');
    expect(istanbulToday(Date.UTC(2025, 11, 31, 20, 59))).to.equal('2025-12-31');
  });

  it('steps a day, a week, a month and a year back and forth without skipping a month', () => {
    expect(shiftDate('day', '2025-03-01', -1)).to.equal('2025-02-28');
    expect(shiftDate('week', '2025-12-29', 1)).to.equal('2026-01-05');
    expect(shiftDate('month', '2025-03-31', -1)).to.equal('2025-02-28');
    expect(shiftDate('month', '2024-03-31', -1)).to.equal('2024-02-29');
    expect(shiftDate('month', '2025-12-15', 1)).to.equal('2026-01-15');
    expect(shiftDate('year', '2025-07-04', -1)).to.equal('2024-01-01');
  });

  it('sends period and date, or from and to for a custom period, and only the filters chosen', () => {
    const month = reportQuery(state({ filters: { queue: 'alo153-ulasim', category: '', department: '', district: 'Talas', source: '', agent: '' } }), 'tr');
    expect(month.toString()).to.equal('period=month&date=2025-03-15&queue=alo153-ulasim&district=Talas&lang=tr');
    const custom = reportQuery(state({ period: 'custom', from: '2025-01-01', to: '2025-06-30' }), 'en');
    expect(custom.toString()).to.equal('period=custom&from=2025-01-01&to=2025-06-30&lang=en');
    expect(custom.has('date')).to.equal(false);
  });

  it('builds export and listing links from the same query', () => {
    const query = reportQuery(state({ period: 'year', date: '2025-01-01' }), 'tr');
    expect(exportUrl('calls', 'by-queue', 'csv', query)).to.equal('/api/reports/calls/by-queue.csv?period=year&date=2025-01-01&lang=tr');
    expect(exportUrl('requests', 'by-topic', 'xlsx', query)).to.equal('/api/reports/requests/by-topic.xlsx?period=year&date=2025-01-01&lang=tr');
    expect(listingUrl('tickets', 'csv', query)).to.equal('/api/reports/listings/tickets.csv?period=year&date=2025-01-01&lang=tr');
  });

  it('says what is wrong with a period before asking the server', () => {
    expect(periodProblem(state())).to.equal(null);
    expect(periodProblem(state({ date: '2025-02-30' }))).to.equal('rep.error.date');
    expect(periodProblem(state({ period: 'custom', from: '2025-01-01' }))).to.equal('rep.error.customDates');
    expect(periodProblem(state({ period: 'custom', from: '2025-02-01', to: '2025-01-31' }))).to.equal('rep.error.customOrder');
    expect(periodProblem(state({ period: 'custom', from: '2025-01-31', to: '2025-01-31' }))).to.equal(null);
    expect(isDate('2024-02-29')).to.equal(true);
    expect(isDate('2025-02-29')).to.equal(false);
  });

  it('reads a shared address, falling back to this month for anything malformed', () => {
    const read = stateFromQuery(new URLSearchParams('period=week&date=2025-05-07&source=cimer&agent=zeynep'), '2025-06-01');
    expect(read).to.deep.include({ period: 'week', date: '2025-05-07' });
    expect(read.filters).to.deep.include({ source: 'cimer', agent: 'zeynep', queue: '' });
    expect(stateFromQuery(new URLSearchParams('period=decade&date=yesterday'), '2025-06-01')).to.deep.include({ period: 'month', date: '2025-06-01' });
  });
});
