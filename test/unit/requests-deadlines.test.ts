import { expect } from 'chai';
import path from 'node:path';
import { Deadlines } from '../../src/requests/deadlines/deadlines.js';
import { WorkCalendar } from '../../src/requests/deadlines/work-calendar.js';

const calendar = WorkCalendar.load(path.resolve('config/calendar-tr.json'));
const rules = {
  default: { workingDays: 5 },
  bySource: { cimer: { days: 15 }, 'acik-kapi': { days: 15 } },
  byCategory: { hayvan: { hours: 4 } },
  departmentAck: { workingDays: 1 },
};
const deadlines = new Deadlines(rules, calendar, 0.75);
const at = (iso: string) => new Date(iso);
const ms = (iso: string) => Date.parse(iso);

describe('deadlines: the Turkish working-day calendar', () => {
  it('knows weekends and the shipped public holidays by their Istanbul day', () => {
    expect(calendar.isWorkingDay(ms('2026-12-03T09:00:00.000Z'))).to.equal(true); // Thursday
    expect(calendar.isWorkingDay(ms('2026-12-05T09:00:00.000Z'))).to.equal(false); // Saturday
    expect(calendar.holidayOn(ms('2026-10-28T22:30:00.000Z'))).to.equal('Cumhuriyet Bayramı'); // 29.10 01:30 Istanbul
    expect(calendar.isWorkingDay(ms('2026-05-27T10:00:00.000Z'))).to.equal(false); // Kurban Bayramı
  });

  it('adds working days at the same time of day, skipping the weekend and holidays', () => {
    // Thursday 12:00 Istanbul + 1 → Friday 12:00; Friday + 1 → Monday.
    expect(calendar.addWorkingDays(at('2026-12-03T09:00:00.000Z').getTime(), 1)).to.equal(at('2026-12-04T09:00:00.000Z').getTime());
    expect(calendar.addWorkingDays(at('2026-12-04T09:00:00.000Z').getTime(), 1)).to.equal(at('2026-12-07T09:00:00.000Z').getTime());
    // Tuesday 26.05.2026 (arife) + 1 → Monday 01.06: the Kurban Bayramı holidays and the weekend are skipped.
    expect(calendar.addWorkingDays(at('2026-05-26T07:00:00.000Z').getTime(), 1)).to.equal(at('2026-06-01T07:00:00.000Z').getTime());
  });

  it('counts a start on a day off from the next working day, due at its end', () => {
    // Saturday → due at the end of Monday (Tuesday 00:00 Istanbul).
    expect(calendar.addWorkingDays(at('2026-12-05T10:00:00.000Z').getTime(), 1)).to.equal(at('2026-12-07T21:00:00.000Z').getTime());
  });

  it('refuses a calendar file that is not valid, naming the problem', () => {
    expect(() => new WorkCalendar({ weekend: [6, 0], holidays: [] })).not.to.throw();
    expect(() => WorkCalendar.load(path.resolve('config/default.json'))).to.throw(/calendar .*weekend/);
  });
});

describe('deadlines: per source and per category, the stricter wins', () => {
  const start = at('2026-12-03T09:00:00.000Z');

  it('gives CİMER 15 calendar days and an injured animal 4 hours, even when it came through CİMER', () => {
    expect(deadlines.dueAt({ source: 'cimer', categoryCode: null, startedAt: start })).to.deep.equal(at('2026-12-18T09:00:00.000Z'));
    expect(deadlines.dueAt({ source: 'phone', categoryCode: 'hayvan', startedAt: start })).to.deep.equal(at('2026-12-03T13:00:00.000Z'));
    expect(deadlines.dueAt({ source: 'cimer', categoryCode: 'hayvan', startedAt: start })).to.deep.equal(at('2026-12-03T13:00:00.000Z'));
  });

  it('falls back to the default and times the department acknowledgement in working days', () => {
    expect(deadlines.dueAt({ source: 'phone', categoryCode: 'kentkart', startedAt: start })).to.deep.equal(at('2026-12-10T09:00:00.000Z'));
    expect(deadlines.ackDueAt(at('2026-12-04T14:00:00.000Z'))).to.deep.equal(at('2026-12-07T14:00:00.000Z'));
  });

  it('puts the due-soon moment at the configured share of the span', () => {
    expect(deadlines.dueSoonAt(start, at('2026-12-03T13:00:00.000Z'))).to.deep.equal(at('2026-12-03T12:00:00.000Z'));
  });
});
