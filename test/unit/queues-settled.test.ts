import { expect } from 'chai';
import { countingWindow, type Shift } from '../../src/queues/istanbul-time.js';
import { computeKpis } from '../../src/queues/kpis.js';
import type { CallFact, CallOutcome } from '../../src/queues/queue-state-types.js';
import { isSettled, SettledFacts } from '../../src/queues/settled-facts.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

const ist = (local: string): number => Date.parse(`${local}+03:00`);
const QUEUES = ['alo153-genel', 'alo153-kentkart', 'alo153-cevre'];
// A shift edge at :30 falls inside an Istanbul hour: a tally must not straddle it.
const SHIFTS: Shift[] = [
  { name: 'Gündüz', start: '07:30', end: '19:30' },
  { name: 'Gece', start: '19:30', end: '07:30' },
];

function randomFacts(count: number): CallFact[] {
  const random = seededRandom(153);
  const from = ist('2026-11-28T00:00:00');
  const outcomes: CallOutcome[] = ['answered', 'answered', 'answered', 'abandoned', 'left', 'lost'];
  return Array.from({ length: count }, (_, index) => {
    const offeredAt = from + Math.floor(random() * 2 * 86_400_000);
    const waitMs = Math.floor(random() * 60_000);
    const outcome = outcomes[Math.floor(random() * outcomes.length)]!;
    const fact: CallFact = {
      uniqueid: `1795888${index}.1`,
      linkedid: `1795888${index}.1`,
      queue: QUEUES[index % QUEUES.length]!,
      outcome,
      joinedAt: offeredAt,
      offeredAt,
      leftAt: offeredAt + waitMs,
      waitMs,
      waitSource: 'events',
    };
    if (outcome === 'answered' && random() < 0.9) Object.assign(fact, { connectedAt: fact.leftAt, completedAt: fact.leftAt + 90_000, talkMs: 90_000, wrapUpMs: 10_000 });
    return fact;
  });
}

describe('queue facts folded into tallies', () => {
  it('gives exactly the KPIs and hourly series of the facts for every counting window, across shift edges inside an hour', () => {
    const facts = randomFacts(3000);
    const settled = new SettledFacts(20_000);
    for (const fact of facts) settled.add(fact, countingWindow(fact.offeredAt, SHIFTS).from);
    for (const now of ['2026-11-28T07:29:59', '2026-11-28T07:30:00', '2026-11-28T12:00:00', '2026-11-28T23:59:00', '2026-11-29T06:00:00', '2026-11-29T19:45:00']) {
      const window = countingWindow(ist(now), SHIFTS);
      const fromFacts = computeKpis({ facts, queues: {} }, window, ist(now), 20);
      const fromTallies = computeKpis({ facts: [], queues: {} }, window, ist(now), 20, settled.values());
      expect(fromTallies, now).to.deep.equal(fromFacts);
      expect(fromFacts.total.offered, now).to.be.greaterThan(0);
    }
  });

  it('forgets the tallies of an earlier window and keeps the current one', () => {
    const facts = randomFacts(600);
    const settled = new SettledFacts(20_000);
    for (const fact of facts) settled.add(fact, countingWindow(fact.offeredAt, SHIFTS).from);
    const now = ist('2026-11-29T12:00:00');
    const window = countingWindow(now, SHIFTS);
    const expected = computeKpis({ facts, queues: {} }, window, now, 20);
    settled.prune(window.from);
    expect(computeKpis({ facts: [], queues: {} }, window, now, 20, settled.values())).to.deep.equal(expected);
    expect([...settled.values()].every((tally) => tally.firstOfferedAt >= window.from)).to.equal(true);
  });

  it('calls a fact final only when the call left the queue and the agent before the cut-off', () => {
    const cutoff = ist('2026-11-28T12:00:00');
    const base: CallFact = { uniqueid: 'u', linkedid: 'u', queue: 'alo153-genel', outcome: 'abandoned', joinedAt: 0, offeredAt: 0, leftAt: cutoff - 1, waitMs: 1, waitSource: 'events' };
    expect(isSettled(base, cutoff)).to.equal(true);
    expect(isSettled({ ...base, leftAt: cutoff }, cutoff)).to.equal(false);
    expect(isSettled({ ...base, outcome: 'answered' }, cutoff), 'still talking').to.equal(false);
    expect(isSettled({ ...base, outcome: 'answered', completedAt: cutoff - 1 }, cutoff)).to.equal(true);
    expect(isSettled({ ...base, outcome: 'answered', completedAt: cutoff }, cutoff)).to.equal(false);
    expect(isSettled({ ...base, outcome: 'answered', lostAfterAnswer: true }, cutoff)).to.equal(true);
  });
});
