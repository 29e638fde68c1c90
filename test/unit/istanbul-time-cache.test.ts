import { expect } from 'chai';
import { intlWallClock, istanbulTime, istanbulWallClock } from '../../src/queues/istanbul-time.js';

const DAY_MS = 86_400_000;
const offsetOf = (at: number): number => {
  const c = intlWallClock(at);
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(at / 1000) * 1000;
};

/** Every change of Istanbul's offset between two dates, to the second, found with Intl alone. */
function offsetChanges(from: number, to: number): number[] {
  const changes: number[] = [];
  let before = offsetOf(from);
  for (let day = from; day < to; day += DAY_MS) {
    const after = offsetOf(day + DAY_MS);
    if (after === before) continue;
    before = after;
    let low = day;
    let high = day + DAY_MS;
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetOf(middle) === offsetOf(day)) low = middle;
      else high = middle;
    }
    changes.push(high);
  }
  return changes;
}

describe('Istanbul wall clock: the per-hour offset cache', () => {
  const changes = offsetChanges(Date.UTC(1870, 0, 1), Date.UTC(2040, 0, 1));

  it('finds the offset changes it must get right (LMT, the DST years, +03:00 since 2016)', () => {
    expect(changes.length).to.be.greaterThan(50);
    expect(changes.some((at) => at % 3_600_000 !== 0)).to.equal(true); // a change inside a UTC hour (LMT → IMT)
    expect(offsetOf(Date.UTC(2026, 6, 1))).to.equal(3 * 3_600_000);
  });

  it('answers as Intl does on every second around every change, before and after the hour is cached', () => {
    for (const change of changes) {
      for (let at = change - 5000; at <= change + 5000; at += 1000) {
        expect(istanbulWallClock(at), new Date(at).toISOString()).to.deep.equal(intlWallClock(at));
        expect(istanbulWallClock(at + 999), new Date(at + 999).toISOString()).to.deep.equal(intlWallClock(at + 999));
      }
      for (let at = change - 2 * 3_600_000; at <= change + 2 * 3_600_000; at += 7 * 60_000 + 13_000) {
        expect(istanbulWallClock(at), new Date(at).toISOString()).to.deep.equal(intlWallClock(at));
      }
    }
  });

  it('answers as Intl does across 1850–2100, also after the cache was emptied for its size', () => {
    let at = Date.UTC(1850, 0, 1, 0, 0, 0, 123);
    const end = Date.UTC(2100, 0, 1);
    // A step of about 97 h and 17 s visits every hour of the day and many minutes and seconds over the years,
    // in more than the cache's 10,000 hours.
    for (; at < end; at += 349_217_017) {
      expect(istanbulWallClock(at), new Date(at).toISOString()).to.deep.equal(intlWallClock(at));
    }
  });

  it('keeps istanbulTime exact: local midnight round-trips through the wall clock, also on change days', () => {
    for (const change of changes.filter((at) => at > Date.UTC(1910, 11, 1))) {
      const c = intlWallClock(change);
      for (const minute of [0, 60, 120, 180, 240, 720, 1439]) {
        const at = istanbulTime(c.year, c.month, c.day, minute);
        const back = intlWallClock(at);
        // A skipped local hour (spring forward) has no exact answer; every other minute round-trips.
        if (back.hour * 60 + back.minute !== minute) continue;
        expect([back.year, back.month, back.day]).to.deep.equal([c.year, c.month, c.day]);
      }
    }
    expect(istanbulTime(2026, 12, 3, 12 * 60)).to.equal(Date.UTC(2026, 11, 3, 9));
  });
});
