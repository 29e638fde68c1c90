import { expect } from 'chai';
import { AnnouncementBook } from '../../src/announcements/announcement-book.js';
import type { Announcement } from '../../src/announcements/announcement-types.js';
import type { CountIncrement } from '../../src/announcements/announcement-store.js';
import { OutcomeCounter } from '../../src/announcements/outcome-counter.js';
import { createTestLogger } from '../../src/logging/logger.js';

const T0 = Date.parse('2026-12-03T09:00:00.000Z');
const HOUR = 3_600_000;

function announcement(id: number, from: number, until: number, extra: Partial<Announcement> = {}): Announcement {
  return {
    id,
    text: 'Talas su kesintisi',
    file: `duyuru/${id}-1`,
    version: 1,
    source: 'text',
    scope: 'all',
    validFrom: new Date(from),
    validUntil: new Date(until),
    endedAt: null,
    createdBy: 'sefe',
    updatedBy: 'sefe',
    createdAt: new Date(from),
    updatedAt: new Date(from),
    played: 0,
    served: 0,
    continued: 0,
    ...extra,
  };
}

describe('announcement book: what the IVR hears, by validity window', () => {
  it('plays from valid_from (inclusive) to valid_until (exclusive), by scope, in id order', () => {
    const book = new AnnouncementBook();
    book.replaceAll([announcement(2, T0, T0 + HOUR, { scope: 'ulasim' }), announcement(1, T0 - HOUR, T0 + 2 * HOUR)]);
    expect(book.active(new Date(T0 - 1)).map((a) => a.id)).to.deep.equal([1]);
    expect(book.active(new Date(T0))).to.deep.equal([
      { id: 1, prompt: 'duyuru/1-1', scope: 'all' },
      { id: 2, prompt: 'duyuru/2-1', scope: 'ulasim' },
    ]);
    expect(book.active(new Date(T0 + HOUR)).map((a) => a.id)).to.deep.equal([1]);
    expect(book.active(new Date(T0 + 2 * HOUR))).to.deep.equal([]);
  });

  it('drops one ended now, one without a file yet, and takes changes at once (no stale memo)', () => {
    const book = new AnnouncementBook();
    book.replaceAll([announcement(1, T0 - HOUR, T0 + HOUR), announcement(2, T0 - HOUR, T0 + HOUR, { file: null })]);
    const before = book.active(new Date(T0));
    expect(before.map((a) => a.id)).to.deep.equal([1]);
    expect(book.active(new Date(T0 + 1)), 'the same answer object while nothing changed').to.equal(before);
    book.put(announcement(1, T0 - HOUR, T0 + HOUR, { endedAt: new Date(T0 + 10) }));
    expect(book.active(new Date(T0 + 9)).map((a) => a.id)).to.deep.equal([1]);
    expect(book.active(new Date(T0 + 10))).to.deep.equal([]);
    book.put(announcement(3, T0 - HOUR, T0 + HOUR, { file: 'duyuru/3-2' }));
    expect(book.active(new Date(T0 + 11)).map((a) => a.prompt)).to.deep.equal(['duyuru/3-2']);
    book.delete(3);
    expect(book.active(new Date(T0 + 12))).to.deep.equal([]);
  });

  it('names the next boundary for the board (a start, an end or an end-now)', () => {
    const book = new AnnouncementBook();
    book.replaceAll([announcement(1, T0 + HOUR, T0 + 3 * HOUR), announcement(2, T0 - HOUR, T0 + 2 * HOUR, { endedAt: new Date(T0 + 30 * 60_000) })]);
    expect(book.nextBoundary(T0)).to.equal(T0 + 30 * 60_000);
    expect(book.nextBoundary(T0 + 30 * 60_000)).to.equal(T0 + HOUR);
    expect(book.nextBoundary(T0 + 3 * HOUR)).to.equal(undefined);
  });
});

describe('announcement outcomes: served and continued counts', () => {
  const logger = createTestLogger();

  it('counts each call once per announcement, keeps them pending until the batch is written, then hands them over', async () => {
    const written: Array<Map<number, CountIncrement>> = [];
    const stored: Array<ReadonlyMap<number, CountIncrement>> = [];
    const counter = new OutcomeCounter({ write: async (batch) => void written.push(new Map(batch)), stored: (batch) => stored.push(batch), logger, flushMs: 60_000 });
    const at = new Date(T0);
    counter.record({ announcementId: 7, callId: 'a', outcome: 'served', at });
    counter.record({ announcementId: 7, callId: 'b', outcome: 'continued', at });
    counter.record({ announcementId: 7, callId: 'b', outcome: 'served', at });
    counter.record({ announcementId: 8, callId: 'a', outcome: 'continued', at });
    expect(counter.pending(7)).to.deep.equal({ served: 1, continued: 1 });
    expect(counter.stats.duplicates).to.equal(1);
    await counter.flush();
    expect(written).to.deep.equal([
      new Map([
        [7, { served: 1, continued: 1 }],
        [8, { served: 0, continued: 1 }],
      ]),
    ]);
    expect(stored).to.have.length(1);
    expect(counter.pending(7)).to.deep.equal({ served: 0, continued: 0 });
    await counter.close();
  });

  it('keeps a failed batch for the next try, adding what came meanwhile, and writes it at close', async () => {
    let fail = true;
    const written: Array<Map<number, CountIncrement>> = [];
    const counter = new OutcomeCounter({
      write: async (batch) => {
        if (fail) throw new Error('database away');
        written.push(new Map(batch));
      },
      logger,
      flushMs: 60_000,
    });
    counter.record({ announcementId: 1, callId: 'a', outcome: 'served', at: new Date(T0) });
    await counter.flush();
    expect(counter.pending(1)).to.deep.equal({ served: 1, continued: 0 });
    counter.record({ announcementId: 1, callId: 'b', outcome: 'continued', at: new Date(T0) });
    fail = false;
    await counter.close();
    expect(written).to.deep.equal([new Map([[1, { served: 1, continued: 1 }]])]);
    expect(counter.stats.failures).to.equal(1);
  });

  it('never writes on the caller\'s path: record returns before any write starts', () => {
    let writes = 0;
    const counter = new OutcomeCounter({ write: async () => void (writes += 1), logger, flushMs: 60_000 });
    counter.record({ announcementId: 1, callId: 'a', outcome: 'served', at: new Date(T0) });
    expect(writes).to.equal(0);
    return counter.close().then(() => expect(writes).to.equal(1));
  });
});
