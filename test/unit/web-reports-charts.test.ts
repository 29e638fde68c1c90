import { expect } from 'chai';
import { heatGrid, heatLegend, heatStep, heatSummary, niceScale, seriesSummary } from '../../src/web/assets/reports-chart-data.js';
import { summarySentences, periodPhrase } from '../../src/web/assets/reports-summary.js';
import '../../src/web/assets/reports-texts.js';

const hint = { xKey: 'hour', yKey: 'weekday', valueKey: 'offered' };
const heatColumns = [
  { key: 'hour', label: { tr: 'Saat', en: 'Hour' }, kind: 'number' as const },
  { key: 'weekday', label: { tr: 'Gün', en: 'Day' }, kind: 'number' as const },
  { key: 'offered', label: { tr: 'Gelen', en: 'Offered' }, kind: 'count' as const },
];

describe('reports page: what the charts draw and say', () => {
  it('sums heat map rows into a weekday × hour grid, ignoring cells outside it', () => {
    const { grid, max, total, peak } = heatGrid(
      [
        { hour: 9, weekday: 1, offered: 4 },
        { hour: 9, weekday: 1, offered: 2 },
        { hour: 23, weekday: 7, offered: 1 },
        { hour: 24, weekday: 1, offered: 50 },
        { hour: 3, weekday: 0, offered: 50 },
      ],
      hint,
    );
    expect(grid).to.have.length(7);
    expect(grid[0]?.[9]).to.equal(6);
    expect(grid[6]?.[23]).to.equal(1);
    expect(grid[3]?.[12]).to.equal(0);
    expect({ max, total, peak }).to.deep.equal({ max: 6, total: 7, peak: { day: 1, hour: 9 } });
  });

  it('colours by fifths of the busiest cell, with none apart, and labels the legend bands', () => {
    expect([0, 1, 20, 21, 60, 100].map((value) => heatStep(value, 100))).to.deep.equal([0, 1, 1, 2, 3, 5]);
    expect(heatLegend(100)).to.deep.equal([
      { step: 1, from: 1, to: 20 },
      { step: 2, from: 21, to: 40 },
      { step: 3, from: 41, to: 60 },
      { step: 4, from: 61, to: 80 },
      { step: 5, from: 81, to: 100 },
    ]);
    expect(heatLegend(2)).to.deep.equal([
      { step: 3, from: 1, to: 1 },
      { step: 5, from: 2, to: 2 },
    ]);
  });

  it('tells a screen reader the busiest hour and the total, in either language', () => {
    const rows = [{ hour: 14, weekday: 3, offered: 1234 }, { hour: 9, weekday: 1, offered: 10 }];
    expect(heatSummary(rows, heatColumns, hint, 'tr')).to.equal('Saat (0–23) ve haftanın gününe göre Gelen. En yoğun: Çar 14:00 (1.234). Toplam 1.244.');
    expect(heatSummary(rows, heatColumns, hint, 'en')).to.contain('Busiest: Wed 14:00 (1,234). Total 1,244.');
    expect(heatSummary([], heatColumns, hint, 'tr')).to.equal('Gelen: Bu dönemde hiç yok.');
  });

  it('totals only the count series of a bar chart and names its highest row', () => {
    const columns = [
      { key: 'queue', label: { tr: 'Kuyruk', en: 'Queue' }, kind: 'text' as const },
      { key: 'offered', label: { tr: 'Gelen', en: 'Offered' }, kind: 'count' as const },
      { key: 'sl', label: { tr: 'Hizmet düzeyi', en: 'Service level' }, kind: 'percent' as const },
    ];
    const rows = [{ queue: 'a', offered: 1500, sl: 80 }, { queue: 'b', offered: 2500, sl: 90 }];
    expect(seriesSummary(rows, columns, { labelKey: 'queue', valueKeys: ['offered', 'sl'] }, 'tr')).to.equal('Toplam: Gelen 4.000. En yüksek: b (2.500).');
  });

  it('picks round axis steps, whole ones for counts', () => {
    expect(niceScale(0, true)).to.deep.equal({ max: 4, step: 1 });
    expect(niceScale(1, true)).to.deep.equal({ max: 1, step: 1 });
    expect(niceScale(1, false)).to.deep.equal({ max: 1, step: 0.5 });
    expect(niceScale(937, true)).to.deep.equal({ max: 1000, step: 500 });
  });
});

describe('reports page: the yearly summary as a statement', () => {
  const report = {
    period: { kind: 'year', firstDay: '2025-01-01', lastDay: '2025-12-31' },
    tables: [
      {
        id: 'totals',
        title: { tr: 'Özet', en: 'Summary' },
        columns: [
          { key: 'calls_received', label: { tr: 'Gelen çağrı', en: 'Calls received' }, kind: 'count' },
          { key: 'calls_answered', label: { tr: 'Cevaplanan çağrı', en: 'Calls answered' }, kind: 'count' },
          { key: 'calls_answered_pct', label: { tr: 'Cevaplanma %', en: 'Answered %' }, kind: 'percent' },
          { key: 'requests_opened', label: { tr: 'Açılan başvuru', en: 'Requests opened' }, kind: 'count' },
          { key: 'requests_answered', label: { tr: 'Yanıtlanan başvuru', en: 'Requests answered' }, kind: 'count' },
          { key: 'in_time_pct', label: { tr: 'Süresinde yanıt %', en: 'Within deadline %' }, kind: 'percent' },
        ],
        rows: [{ calls_received: 1_200_000, calls_answered: 1_190_000, calls_answered_pct: 99.2, requests_opened: 400_000, requests_answered: 390_000, in_time_pct: null }],
      },
      {
        id: 'by-channel',
        title: { tr: 'Kanala göre başvurular', en: 'Requests by channel' },
        columns: [{ key: 'source', label: { tr: 'Kanal', en: 'Channel' }, kind: 'text' }, { key: 'opened', label: { tr: 'Açılan', en: 'Opened' }, kind: 'count' }],
        rows: [{ source: 'phone', opened: 300_000 }, { source: 'web', opened: 60_000 }, { source: 'cimer', opened: 30_000 }],
        chart: { kind: 'bar', labelKey: 'source', valueKeys: ['opened'] },
      },
      {
        id: 'top-topics',
        title: { tr: 'En çok başvurulan konular', en: 'Top topics' },
        columns: [
          { key: 'rank', label: { tr: 'Sıra', en: 'Rank' }, kind: 'count' },
          { key: 'category', label: { tr: 'Konu kodu', en: 'Topic code' }, kind: 'text' },
          { key: 'category_name', label: { tr: 'Konu', en: 'Topic' }, kind: 'text' },
          { key: 'opened', label: { tr: 'Açılan', en: 'Opened' }, kind: 'count' },
        ],
        rows: [{ rank: 1, category: 'kentkart', category_name: 'Kentkart', opened: 120_000 }, { rank: 2, category: 'otobus', category_name: 'Otobüs seferleri', opened: 90_000 }],
        chart: { kind: 'bar', labelKey: 'category_name', valueKeys: ['opened'] },
      },
    ],
  };

  it('states the year’s calls and requests in words and names the top rows of each ranked table by their chart', () => {
    expect(summarySentences(report, 'tr')).to.deep.equal([
      "2025 yılında Alo 153'e 1.200.000 çağrı geldi; 1.190.000 çağrı cevaplandı (%99,2).",
      '400.000 başvuru açıldı, 390.000 başvuru yanıtlandı.',
      'Kanala göre başvurular: Telefon (300.000), Web (60.000), CİMER (30.000).',
      'En çok başvurulan konular: Kentkart (120.000), Otobüs seferleri (90.000).',
    ]);
    expect(summarySentences(report, 'en')[0]).to.equal('In 2025 Alo 153 received 1,200,000 calls; 1,190,000 were answered (99.2%).');
  });

  it('lists a one-row table it does not know as figures, and names a period that is not a year by its days', () => {
    const other = { period: { firstDay: '2025-03-01', lastDay: '2025-03-31' }, tables: [{ id: 'x', title: { tr: 'X', en: 'X' }, columns: [{ key: 'n', label: { tr: 'Gelen çağrı', en: 'Calls' }, kind: 'count' }], rows: [{ n: 7 }] }] };
    expect(summarySentences(other, 'tr')).to.deep.equal(['1 Mart 2025 Cumartesi – 31 Mart 2025 Pazartesi döneminde: Gelen çağrı 7.']);
    expect(periodPhrase({ period: { firstDay: '2025-01-01', lastDay: '2025-12-31' } }, 'en')).to.equal('In 2025');
    expect(summarySentences({ period: {}, tables: [] }, 'tr')).to.deep.equal([]);
  });
});
