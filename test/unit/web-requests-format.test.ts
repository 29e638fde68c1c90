import { expect } from 'chai';
import { compareRows, formatSpan } from '../../src/web/assets/requests-format.js';

const row = (department: string | null, open: number, overdue: number) => ({
  department, name: department, open, dueSoon: 0, overdue, acceptMedianS: null, answerMedianS: null, informMedianS: null, inTimeShare: null,
  cimer: { answered: 0, answeredInTime: 0, inTimeShare: null },
});

describe('wallboard Talepler: how figures are written', () => {
  it('writes medians as people say them, in Turkish and English', () => {
    expect(formatSpan(12_000, 'tr')).to.equal('3 sa 20 dk');
    expect(formatSpan(12_000, 'en')).to.equal('3 h 20 min');
    expect(formatSpan(2700, 'tr')).to.equal('45 dk');
    expect(formatSpan(7200, 'tr')).to.equal('2 sa');
    expect(formatSpan(2 * 86_400 + 4 * 3600, 'tr')).to.equal('2 gün 4 sa');
    expect(formatSpan(86_400, 'en')).to.equal('1 d');
    expect(formatSpan(20, 'tr')).to.equal('< 1 dk');
    // A median of two middle rows can be a half second: rounded to the minute.
    expect(formatSpan(149.5, 'tr')).to.equal('2 dk');
    expect(formatSpan(null, 'tr')).to.equal('—');
    expect(formatSpan(Number.NaN, 'tr')).to.equal('—');
  });

  it('puts the most overdue first, then the biggest backlog, then by name with the unforwarded last', () => {
    const sorted = [row(null, 9, 9), row('zabita', 5, 0), row('veteriner', 1, 2), row('cevre', 5, 0), row('kaski', 7, 0)].sort(compareRows);
    expect(sorted.map((item) => item.department)).to.deep.equal([null, 'veteriner', 'kaski', 'cevre', 'zabita']);
    const ties = [row(null, 0, 0), row('zabita', 0, 0), row('cevre', 0, 0)].sort(compareRows);
    expect(ties.map((item) => item.department)).to.deep.equal(['cevre', 'zabita', null]);
  });
});
