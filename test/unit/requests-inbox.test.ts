import { expect } from 'chai';
import type { RequestChange } from '../../src/requests/request-service.js';
import { publishInboxChanges, type InboxStreamPort } from '../../src/requests/inbox-publisher.js';
import { decodeCursor, encodeCursor, parseShortNumber } from '../../src/requests/read/inbox.js';
import { toInboxItem } from '../../src/requests/read/inbox-item.js';
import { NO_CHANNEL_DATA, type TicketView } from '../../src/requests/ticket-store-type.js';

const at = new Date('2026-12-03T09:00:00.000Z');

function ticket(overrides: Partial<TicketView>): TicketView {
  return {
    id: 7, number: '153-2026-000026', year: 2026, seq: 26, source: 'phone', callerNumber: '05321234567', callerName: 'Fatma Yılmaz',
    categoryCode: 'cevre', departmentCode: 'cevre', district: 'Talas', neighbourhood: 'Mevlana', address: 'Gül Sk. 4', description: 'Konteyner taşıyor',
    status: 'forwarded', priority: 'normal', dueAt: new Date('2026-12-10T09:00:00.000Z'), ownerUserId: null, resolution: null, resolvedAt: null,
    forwardedAt: at, updatedBy: null, createdAt: at, updatedAt: at, version: 3, answer: null, question: null, closeReason: null, acceptedAt: null,
    answeredAt: null, informedAt: null, closedAt: null, ackDueAt: new Date('2026-12-04T09:00:00.000Z'), dueSoonAt: new Date('2026-12-08T09:00:00.000Z'),
    contactAttempts: 0, firstAttemptAt: null, callBackAt: null, reopenCount: 0, smsOptOut: false, ...NO_CHANNEL_DATA,
    ...overrides,
  };
}

describe('requests: the department inbox (pure parts)', () => {
  it('reads a ticket number in its short forms and leaves anything else to the text search', () => {
    expect(parseShortNumber('26')).to.deep.equal({ seq: 26 });
    expect(parseShortNumber(' 000026 ')).to.deep.equal({ seq: 26 });
    expect(parseShortNumber('2026-26')).to.deep.equal({ year: 2026, seq: 26 });
    expect(parseShortNumber('153-2026-000026')).to.deep.equal({ year: 2026, seq: 26 });
    expect(parseShortNumber('153-2026-26')).to.deep.equal({ year: 2026, seq: 26 });
    expect(parseShortNumber('1234567')).to.deep.equal({ seq: 1234567 });
    expect(parseShortNumber('153-2026-1000000')).to.deep.equal({ year: 2026, seq: 1000000 });
    for (const text of ['0', '12345678', 'lamba', '26a', '153-26', '2026-', '-26', '']) expect(parseShortNumber(text), text).to.equal(undefined);
  });

  it('round-trips its keyset cursor and refuses one it did not make', () => {
    for (const cursor of [{ dueAt: '2026-12-10T09:00:00.000Z', id: 41 }, { dueAt: null, id: 3 }]) expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
    const forged = Buffer.from(JSON.stringify({ d: "x' or 1=1 --", i: 1 })).toString('base64url');
    for (const text of ['not-base64!', forged, Buffer.from('{"d":null,"i":0}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(decodeCursor(text), text).to.equal(undefined);
    }
  });

  it('shows an item without the caller number, name or address, with its clock and the server time', () => {
    const item = toInboxItem(ticket({ description: 'x'.repeat(500) }), at);
    expect(item).to.not.have.any.keys('callerNumber', 'callerName', 'address');
    expect(item).to.include({ number: '153-2026-000026', dueAt: '2026-12-10T09:00:00.000Z', ackDueAt: '2026-12-04T09:00:00.000Z', dueSoonAt: '2026-12-08T09:00:00.000Z', now: at.toISOString() });
    expect(item.description).to.have.length(300);
  });

  describe('the live inbox stream', () => {
    let listener: ((change: RequestChange) => void) | undefined;
    let patches: { stream: string; set: string[]; remove: readonly string[] }[];
    const hub: InboxStreamPort = { patch: (stream, set, remove = []) => patches.push({ stream, set: Object.keys(set), remove }) };
    const change = (before: TicketView | null, after: TicketView): void =>
      listener?.({ before, after, actor: { kind: 'system', name: 'desk' }, actions: [], tasks: [] });

    beforeEach(() => {
      patches = [];
      publishInboxChanges({ onChange: (next) => ((listener = next), () => undefined) }, hub, () => at);
    });

    it('sets the item in its department inbox when it arrives and while it stays', () => {
      change(ticket({ status: 'open', departmentCode: null }), ticket({}));
      change(ticket({}), ticket({ status: 'in_progress', version: 4 }));
      expect(patches).to.deep.equal([
        { stream: 'inbox:cevre', set: ['153-2026-000026'], remove: [] },
        { stream: 'inbox:cevre', set: ['153-2026-000026'], remove: [] },
      ]);
    });

    it('removes the item when it is answered, and moves it on a transfer', () => {
      change(ticket({ status: 'in_progress' }), ticket({ status: 'answered' }));
      change(ticket({ status: 'in_progress' }), ticket({ departmentCode: 'zabita' }));
      expect(patches).to.deep.equal([
        { stream: 'inbox:cevre', set: [], remove: ['153-2026-000026'] },
        { stream: 'inbox:cevre', set: [], remove: ['153-2026-000026'] },
        { stream: 'inbox:zabita', set: ['153-2026-000026'], remove: [] },
      ]);
    });

    it('leaves inboxes alone for changes outside them', () => {
      change(null, ticket({ status: 'open', departmentCode: 'cevre' }));
      change(ticket({ status: 'answered' }), ticket({ status: 'closed' }));
      expect(patches).to.deep.equal([]);
    });
  });
});
