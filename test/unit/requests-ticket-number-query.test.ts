import { expect } from 'chai';
import { parseTicketNumberQuery, TICKET_NUMBER_QUERY } from '../../src/requests/read/ticket-number-query.js';

// 22:30 UTC on 31 December 2026 is already 2027 in Istanbul (UTC+3).
const NEW_YEARS_EVE = new Date('2026-12-31T22:30:00.000Z');
const JUNE = new Date('2026-06-15T09:00:00.000Z');

describe('requests: ticket numbers as a supervisor types them', () => {
  it('reads a bare serial as this Istanbul year’s ticket', () => {
    expect(parseTicketNumberQuery('26', JUNE)).to.deep.equal({ year: 2026, firstSeq: 26, lastSeq: 26 });
    expect(parseTicketNumberQuery(' 000026 ', JUNE)).to.deep.equal({ year: 2026, firstSeq: 26, lastSeq: 26 });
    expect(parseTicketNumberQuery('26', NEW_YEARS_EVE)).to.deep.equal({ year: 2027, firstSeq: 26, lastSeq: 26 });
  });

  it('reads year-serial and the full number as that one ticket', () => {
    expect(parseTicketNumberQuery('2025-26', JUNE)).to.deep.equal({ year: 2025, firstSeq: 26, lastSeq: 26 });
    expect(parseTicketNumberQuery('153-2025-000026', JUNE)).to.deep.equal({ year: 2025, firstSeq: 26, lastSeq: 26 });
  });

  it('reads a number’s start as the range of serials it stands for', () => {
    expect(parseTicketNumberQuery('153-2026-', JUNE)).to.deep.equal({ year: 2026, firstSeq: 1, lastSeq: 999_999 });
    expect(parseTicketNumberQuery('2026-', JUNE)).to.deep.equal({ year: 2026, firstSeq: 1, lastSeq: 999_999 });
    expect(parseTicketNumberQuery('153-2026', JUNE)).to.deep.equal({ year: 2026, firstSeq: 1, lastSeq: 999_999 });
    expect(parseTicketNumberQuery('153-2026-0001', JUNE)).to.deep.equal({ year: 2026, firstSeq: 100, lastSeq: 199 });
    expect(parseTicketNumberQuery('153-2026-0', JUNE)).to.deep.equal({ year: 2026, firstSeq: 1, lastSeq: 99_999 });
  });

  it('refuses serial 0, seven digits and anything else', () => {
    for (const text of ['0', '2026-0', '1234567', '153-2026-1234567', 'abc', '', '26a', '-26', '153--26', '12-26']) {
      expect(parseTicketNumberQuery(text, JUNE), text).to.equal(undefined);
    }
  });

  it('lets the route’s pattern through exactly the forms the parser knows', () => {
    for (const text of ['26', '2026-26', '153-2026-000026', '153-2026-', '2026-', '153-2026']) expect(TICKET_NUMBER_QUERY.test(text), text).to.equal(true);
    for (const text of ['abc', '1234567', '12-26', '153-2026-1234567']) expect(TICKET_NUMBER_QUERY.test(text), text).to.equal(false);
  });
});
