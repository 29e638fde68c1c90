import { expect } from 'chai';
import { parseTicketNumberQuery, TICKET_NUMBER_QUERY } from '../../src/requests/read/ticket-number-query.js';

// 22:30 UTC on 31 December 2026 is already 2027 in Istanbul (UTC+3).
const NEW_YEARS_EVE = new Date('2026-12-31T22:30:00.000Z');
const JUNE = new Date('2026-06-15T09:00:00.000Z');

const one = (year: number, seq: number) => ({ year, ranges: [{ first: seq, last: seq }] });

describe('requests: ticket numbers as a supervisor types them', () => {
  it('reads a bare serial as this Istanbul year’s ticket, seven digits included', () => {
    expect(parseTicketNumberQuery('26', JUNE)).to.deep.equal(one(2026, 26));
    expect(parseTicketNumberQuery(' 000026 ', JUNE)).to.deep.equal(one(2026, 26));
    expect(parseTicketNumberQuery('26', NEW_YEARS_EVE)).to.deep.equal(one(2027, 26));
    expect(parseTicketNumberQuery('1000000', JUNE)).to.deep.equal(one(2026, 1_000_000));
  });

  it('reads year-serial and the full number as that one ticket', () => {
    expect(parseTicketNumberQuery('2025-26', JUNE)).to.deep.equal(one(2025, 26));
    expect(parseTicketNumberQuery('153-2025-000026', JUNE)).to.deep.equal(one(2025, 26));
    expect(parseTicketNumberQuery('153-2025-1234567', JUNE)).to.deep.equal(one(2025, 1_234_567));
    expect(parseTicketNumberQuery('2025-1234567', JUNE)).to.deep.equal(one(2025, 1_234_567));
  });

  it('reads a number’s start as the six-digit serials it stands for and the seven-digit ones it begins', () => {
    const whole = { year: 2026, ranges: [{ first: 1, last: 9_999_999 }] };
    expect(parseTicketNumberQuery('153-2026-', JUNE)).to.deep.equal(whole);
    expect(parseTicketNumberQuery('2026-', JUNE)).to.deep.equal(whole);
    expect(parseTicketNumberQuery('153-2026', JUNE)).to.deep.equal(whole);
    expect(parseTicketNumberQuery('153-2026-0001', JUNE)).to.deep.equal({ year: 2026, ranges: [{ first: 100, last: 199 }] });
    expect(parseTicketNumberQuery('153-2026-0', JUNE)).to.deep.equal({ year: 2026, ranges: [{ first: 1, last: 99_999 }] });
    expect(parseTicketNumberQuery('153-2026-1', JUNE)).to.deep.equal({
      year: 2026,
      ranges: [
        { first: 100_000, last: 199_999 },
        { first: 1_000_000, last: 1_999_999 },
      ],
    });
    expect(parseTicketNumberQuery('153-2026-100000', JUNE)).to.deep.equal({
      year: 2026,
      ranges: [
        { first: 100_000, last: 100_000 },
        { first: 1_000_000, last: 1_000_009 },
      ],
    });
  });

  it('refuses serial 0, eight digits, a seven-digit serial with a leading zero and anything else', () => {
    for (const text of ['0', '2026-0', '12345678', '153-2026-12345678', '153-2026-0123456', '153-2026-000000', 'abc', '', '26a', '-26', '153--26', '12-26']) {
      expect(parseTicketNumberQuery(text, JUNE), text).to.equal(undefined);
    }
  });

  it('lets the route’s pattern through exactly the forms the parser knows', () => {
    for (const text of ['26', '2026-26', '153-2026-000026', '153-2026-1234567', '1234567', '153-2026-', '2026-', '153-2026']) expect(TICKET_NUMBER_QUERY.test(text), text).to.equal(true);
    for (const text of ['abc', '12345678', '12-26', '153-2026-12345678']) expect(TICKET_NUMBER_QUERY.test(text), text).to.equal(false);
  });
});
