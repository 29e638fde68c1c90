import { expect } from 'chai';
import { formatCell, formatDateTime, formatReportPercent, formatScore, formatSeconds } from '../../src/web/assets/reports-format.js';
import { cellText, isEmptyTable } from '../../src/web/assets/reports-labels.js';
import { setSiteData } from '../../src/web/assets/site-data.js';
import '../../src/web/assets/reports-texts.js';

describe('reports page: how a cell is written by its column kind', () => {
  it('writes counts with the language’s thousands separator', () => {
    expect(formatCell('count', 1_190_000, 'tr')).to.equal('1.190.000');
    expect(formatCell('count', 1_190_000, 'en')).to.equal('1,190,000');
    expect(formatCell('count', 0, 'tr')).to.equal('0');
    expect(formatCell('count', null, 'tr')).to.equal('—');
  });

  it('writes a 0..100 percentage with one decimal, the sign where each language puts it', () => {
    expect(formatReportPercent(85.3, 'tr')).to.equal('%85,3');
    expect(formatReportPercent(85.3, 'en')).to.equal('85.3%');
    expect(formatReportPercent(100, 'tr')).to.equal('%100');
    expect(formatCell('percent', null, 'en')).to.equal('—');
  });

  it('writes seconds as mm:ss, and h:mm:ss from an hour on', () => {
    expect(formatSeconds(0)).to.equal('00:00');
    expect(formatSeconds(75)).to.equal('01:15');
    expect(formatSeconds(3599)).to.equal('59:59');
    expect(formatSeconds(3600 + 62)).to.equal('1:01:02');
    expect(formatCell('seconds', 27 * 3600, 'tr')).to.equal('27:00:00');
    expect(formatSeconds(null)).to.equal('—');
  });

  it('writes a survey score with exactly one decimal', () => {
    expect(formatScore(4.26, 'tr')).to.equal('4,3');
    expect(formatScore(4, 'en')).to.equal('4.0');
    expect(formatCell('score', null, 'tr')).to.equal('—');
  });

  it('writes instants on the Istanbul clock, whatever zone the machine has', () => {
    // 2025-03-01 21:30 UTC is 2 March 00:30 in Istanbul (UTC+3).
    const at = Date.UTC(2025, 2, 1, 21, 30);
    expect(formatDateTime(at, 'tr')).to.equal('02.03.2025 00:30');
    expect(formatDateTime(new Date(at).toISOString(), 'en')).to.equal('02/03/2025, 00:30');
    expect(formatCell('datetime', null, 'tr')).to.equal('—');
  });

  it('shows text as given, a blank as a dash, and names queue and source codes on screen', () => {
    setSiteData({ queues: [{ name: 'alo153-ulasim', label: { tr: 'Ulaşım', en: 'Transport' }, order: 1 }], pauseReasons: [] });
    expect(formatCell('text', 'Kentkart', 'tr')).to.equal('Kentkart');
    expect(formatCell('text', '', 'tr')).to.equal('—');
    expect(cellText({ key: 'queue', kind: 'text' }, 'alo153-ulasim', 'en')).to.equal('Transport');
    expect(cellText({ key: 'queue', kind: 'text' }, 'alo153-bilinmeyen', 'tr')).to.equal('alo153-bilinmeyen');
    expect(cellText({ key: 'source', kind: 'text' }, 'cimer', 'tr')).to.equal('CİMER');
    expect(cellText({ key: 'source', kind: 'text' }, 'phone', 'tr')).to.equal('Telefon');
    expect(cellText({ key: 'source', kind: 'text' }, 'phone', 'en')).to.equal('Phone');
    expect(cellText({ key: 'offered', kind: 'count' }, 12_345, 'tr')).to.equal('12.345');
  });

  it('names the heat map’s ISO weekdays', () => {
    expect(cellText({ key: 'weekday', kind: 'number' }, 1, 'tr')).to.equal('Pzt');
    expect(cellText({ key: 'weekday', kind: 'number' }, 7, 'en')).to.equal('Sun');
    expect(cellText({ key: 'weekday', kind: 'number' }, 8, 'en')).to.equal('8');
  });

  it('takes a table of zero counts and durations as empty, but not one with any figure', () => {
    const columns = [
      { key: 'agent', kind: 'text' },
      { key: 'calls', kind: 'count' },
      { key: 'loggedIn', kind: 'seconds' },
      { key: 'sl', kind: 'percent' },
    ];
    expect(isEmptyTable({ columns, rows: [] })).to.equal(true);
    expect(isEmptyTable({ columns, rows: [{ agent: 'a', calls: 0, loggedIn: null, sl: null }] })).to.equal(true);
    expect(isEmptyTable({ columns, rows: [{ agent: 'a', calls: 0, loggedIn: 3600, sl: null }] })).to.equal(false);
    expect(isEmptyTable({ columns: [{ key: 'name', kind: 'text' }], rows: [{ name: 'x' }] })).to.equal(false);
  });
});
