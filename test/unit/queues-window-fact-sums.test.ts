import { expect } from 'chai';
import { countingWindow, type TimeWindow } from '../../src/queues/istanbul-time.js';
import { accumulateQueue, hourStarts, type QueueAccumulator } from '../../src/queues/kpis.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import type { CallFact } from '../../src/queues/queue-state-types.js';
import { emptyQueueState, pruneFacts, reduceQueueState, type QueueState } from '../../src/queues/queue-state.js';
import { takeFacts } from '../../src/queues/state-updates.js';
import { WindowFactSums } from '../../src/queues/window-fact-sums.js';
import { seededRandom } from '../../src/shared/seeded-random.js';

const ist = (local: string): number => Date.parse(`${local}+03:00`);
const QUEUES = ['alo153-genel', 'alo153-su'];
const AGENT = { interface: 'PJSIP/agent1', name: 'Ajan 1' };
const THRESHOLD_MS = 20_000;
const SHIFTS = [
  { name: 'gündüz', start: '08:00', end: '20:00' },
  { name: 'gece', start: '20:00', end: '08:00' },
];

/** Callers' events as AMI sends them, with its odd ones: late joins, leaves after an abandon, completes for calls never seen. */
function callerEvent(random: () => number, at: number, live: Array<{ id: string; queue: string; talking: boolean }>, next: () => string): QueueEvent {
  const link = (id: string) => ({ uniqueid: id, linkedid: id });
  const roll = random();
  const known = live.length > 0 ? live[Math.floor(random() * live.length)]! : undefined;
  if (roll < 0.3 || !known) {
    const id = next();
    const queue = QUEUES[Math.floor(random() * QUEUES.length)]!;
    live.push({ id, queue, talking: false });
    return { kind: 'callerJoin', at, queue, position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link(id) };
  }
  const drop = (): void => {
    live.splice(live.indexOf(known), 1);
  };
  if (roll < 0.42) {
    if (!known.talking) drop();
    return { kind: 'callerAbandon', at, queue: known.queue, position: 1, originalPosition: 1, holdTimeS: Math.floor(random() * 40), ...link(known.id) };
  }
  if (roll < 0.5) return { kind: 'callerLeave', at, queue: known.queue, position: 1, count: 0, ...link(known.id) };
  if (roll < 0.65 && !known.talking) {
    known.talking = true;
    return { kind: 'agentConnect', at, queue: known.queue, member: AGENT, holdTimeS: Math.floor(random() * 40), ringTimeS: 2, ...link(known.id) };
  }
  if (roll < 0.8) {
    drop();
    return { kind: 'agentComplete', at, queue: known.queue, member: AGENT, holdTimeS: 5, talkTimeS: 40, reason: 'caller', ...link(known.id) };
  }
  // The join arrives after the caller already left (fact 3), or a caller shows up only at its abandon.
  if (roll < 0.9) return { kind: 'callerJoin', at: at - Math.floor(random() * 60_000), queue: known.queue, position: 1, count: 1, callerNumber: '', callerName: '', ...link(known.id) };
  return { kind: 'callerAbandon', at, queue: known.queue, position: 1, originalPosition: 1, holdTimeS: 12, ...link(next()) };
}

const figures = (sums: QueueAccumulator, window: TimeWindow): unknown => ({ counted: sums.counted, ...sums.result(hourStarts(window)) });

describe('WindowFactSums: running sums of the facts equal adding them all again', () => {
  for (const [seed, fractional] of [
    [1, false],
    [42, false],
    [153, false],
    [7, true],
  ] as const) {
    it(`over random caller events (seed ${seed}${fractional ? ', times with fractions of a ms' : ''}), shift windows rolling over and facts pruned`, () => {
      const random = seededRandom(seed);
      const sums = new WindowFactSums(THRESHOLD_MS);
      const live: Array<{ id: string; queue: string; talking: boolean }> = [];
      let id = 0;
      let state: QueueState = emptyQueueState();
      let clock = ist('2026-11-28T18:40:00');
      let changedSteps = 0;
      // 1,500 steps of up to 40 s: through the 20:00 and 08:00 shift changes, so the window rolls over twice.
      for (let step = 0; step < 1500; step += 1) {
        clock += Math.floor(random() * 40_000) + (fractional ? random() : 0);
        const before = state;
        const roll = random();
        if (roll < 0.01) state = pruneFacts(state, countingWindow(clock, SHIFTS).from);
        else if (roll < 0.02) state = takeFacts(state, (fact) => fact.leftAt < clock - 600_000).state;
        else {
          state = reduceQueueState(state, callerEvent(random, clock, live, () => `c${(id += 1)}`));
          sums.advance(before.facts, state.facts);
        }
        if (state.facts !== before.facts) changedSteps += 1;
        if (random() < 0.6) continue;
        const window = countingWindow(clock, SHIFTS);
        for (const queue of [...QUEUES, 'alo153-bos']) {
          const expected = accumulateQueue(state, queue, window, clock, THRESHOLD_MS, []);
          const kept = accumulateQueue(state, queue, window, clock, THRESHOLD_MS, [], sums.of(state.facts, window, queue));
          expect(figures(kept, window), `${queue} at step ${step}`).to.deep.equal(figures(expected, window));
        }
      }
      expect(changedSteps, 'steps that changed the facts').to.be.greaterThan(500);
      expect(state.facts.some((fact) => fact.outcome === 'answered' && fact.talkMs !== undefined), 'handled calls among the facts').to.equal(true);
    });
  }
});

describe('WindowFactSums with waits that are not whole ms', () => {
  const window: TimeWindow = { from: ist('2026-11-28T00:00:00'), to: ist('2026-11-29T00:00:00') };
  const answered = (uniqueid: string, waitMs: number): CallFact => {
    const offeredAt = ist('2026-11-28T10:00:00');
    return { uniqueid, linkedid: uniqueid, queue: 'alo153-genel', outcome: 'answered', joinedAt: offeredAt, offeredAt, leftAt: offeredAt + waitMs, waitMs, waitSource: 'events' };
  };

  it('counts in order again instead of counting out: (0.1 + 0.2 + 0.3) − 0.2 + 0.7 is not 0.1 + 0.7 + 0.3 in floating point', () => {
    const sums = new WindowFactSums(THRESHOLD_MS);
    const before = [answered('a', 0.1), answered('b', 0.2), answered('c', 0.3)];
    sums.of(before, window, 'alo153-genel');
    const after = [before[0]!, answered('b', 0.7), before[2]!];
    sums.advance(before, after);
    expect(sums.of(after, window, 'alo153-genel').tally.waitSumMs).to.equal(0.1 + 0.7 + 0.3);
  });
});
