import { expect } from 'chai';
import { crossingBounds, decodeCursor, encodeCursor, escalationBounds, escalationKinds } from '../../src/requests/read/escalation-bounds.js';

const NOW = '2026-12-03T10:00:00.000Z';
const at = (iso: string) => new Date(iso);

describe('requests: escalation query bounds', () => {
  it('due soon is past the due-soon moment with the deadline still ahead, on open items', () => {
    expect(escalationBounds('due-soon', NOW)).to.deep.equal({
      deadline: 'due_at',
      status: { not: 'closed' },
      conditions: [
        { column: 'due_at', op: '>', value: NOW },
        { column: 'due_soon_at', op: '<=', value: NOW },
      ],
    });
  });

  it('overdue includes the deadline instant itself; ack overdue is forwarded items only', () => {
    expect(escalationBounds('overdue', NOW).conditions).to.deep.equal([{ column: 'due_at', op: '<=', value: NOW }]);
    expect(escalationBounds('ack-overdue', NOW)).to.deep.include({ deadline: 'ack_due_at', status: { is: 'forwarded' } });
    expect(escalationBounds('ack-overdue', NOW).conditions).to.deep.equal([{ column: 'ack_due_at', op: '<=', value: NOW }]);
  });

  it('a tick’s crossings are half-open (from, to] on each moment, so consecutive ticks neither miss nor repeat', () => {
    const from = '2026-12-03T09:59:00.000Z';
    const ranges = crossingBounds(from, NOW).map((bounds) => bounds.conditions);
    expect(ranges).to.deep.equal(
      ['due_soon_at', 'due_at', 'ack_due_at'].map((column) => [
        { column, op: '>', value: from },
        { column, op: '<=', value: NOW },
      ]),
    );
  });

  it('classifies a ticket in memory by the same rules', () => {
    const base = { status: 'in_progress' as const, dueAt: at('2026-12-03T12:00:00.000Z'), dueSoonAt: at('2026-12-03T09:00:00.000Z'), ackDueAt: null };
    expect(escalationKinds(base, at('2026-12-03T08:59:59.999Z'))).to.deep.equal([]);
    expect(escalationKinds(base, at('2026-12-03T09:00:00.000Z'))).to.deep.equal(['due-soon']);
    expect(escalationKinds(base, at('2026-12-03T12:00:00.000Z'))).to.deep.equal(['overdue']);
    expect(escalationKinds({ ...base, status: 'closed' }, at('2026-12-04T00:00:00.000Z'))).to.deep.equal([]);
    const forwarded = { ...base, status: 'forwarded' as const, ackDueAt: at('2026-12-03T10:00:00.000Z') };
    expect(escalationKinds(forwarded, at('2026-12-03T12:30:00.000Z'))).to.deep.equal(['overdue', 'ack-overdue']);
    expect(escalationKinds({ ...forwarded, status: 'in_progress' }, at('2026-12-03T10:30:00.000Z'))).to.deep.equal(['due-soon']);
  });

  it('a cursor survives the round trip and anything else is refused', () => {
    const cursor = { d: NOW, i: 42 };
    expect(decodeCursor(encodeCursor(cursor))).to.deep.equal(cursor);
    expect(decodeCursor('not-a-cursor')).to.equal(undefined);
    expect(decodeCursor(Buffer.from(JSON.stringify({ d: 'yesterday', i: 1 })).toString('base64url'))).to.equal(undefined);
    expect(decodeCursor(Buffer.from(JSON.stringify({ d: NOW, i: 0 })).toString('base64url'))).to.equal(undefined);
  });
});
