import { expect } from 'chai';
import { computeKpis, type KpiSource } from '../../src/queues/kpis.js';
import { currentShift, istanbulDay, istanbulHourStart, parseShifts } from '../../src/queues/istanbul-time.js';
import { emptyQueueState, reduceQueueState } from '../../src/queues/queue-state.js';
import type { CallFact, WaitingCaller } from '../../src/queues/queue-state-types.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';

/** Istanbul wall-clock time as epoch ms; the test's own oracle is the fixed +03:00 Turkey has kept since 2016. */
const ist = (local: string): number => Date.parse(`${local}+03:00`);

let sequence = 0;
function fact(queue: string, offered: string, outcome: CallFact['outcome'], waitS: number | null, talkS?: number, wrapS = 0): CallFact {
  const offeredAt = ist(offered);
  const waitMs = waitS === null ? null : waitS * 1000;
  sequence += 1;
  return {
    uniqueid: `1795888.${sequence}`,
    linkedid: `1795888.${sequence}`,
    queue,
    outcome,
    joinedAt: offeredAt,
    offeredAt,
    leftAt: offeredAt + (waitMs ?? 0),
    waitMs,
    waitSource: waitMs === null ? null : 'events',
    ...(talkS !== undefined ? { talkMs: talkS * 1000, wrapUpMs: wrapS * 1000 } : {}),
  };
}

const waitingCaller: WaitingCaller = {
  queue: 'alo153-ulasim',
  uniqueid: 'waiting.1',
  linkedid: 'waiting.1',
  callerNumber: '05321234567',
  callerName: '',
  position: 1,
  joinedAt: ist('2026-11-28T11:58:00'),
  joinedAtEstimated: false,
};

const source: KpiSource = {
  facts: [
    fact('alo153-ulasim', '2026-11-28T10:05:00', 'answered', 10, 100, 20),
    fact('alo153-ulasim', '2026-11-28T10:30:00', 'answered', 30, 200, 20),
    fact('alo153-ulasim', '2026-11-28T11:10:00', 'abandoned', 40),
    fact('alo153-cevre', '2026-11-28T11:20:00', 'answered', 20, 60),
    fact('alo153-cevre', '2026-11-28T11:50:00', 'answered', 5),
    fact('alo153-cevre', '2026-11-28T09:00:00', 'lost', null),
    fact('alo153-ulasim', '2026-11-27T23:50:00', 'answered', 1, 10),
  ],
  queues: {
    'alo153-ulasim': { name: 'alo153-ulasim', waiting: { [waitingCaller.uniqueid]: waitingCaller } },
    'alo153-cevre': { name: 'alo153-cevre', waiting: {} },
  },
};

describe('queue KPIs', () => {
  const now = ist('2026-11-28T12:00:00');
  const report = computeKpis(source, istanbulDay(now), now);

  it('computes the totals of a hand-worked day exactly', () => {
    expect(report.total).to.include({
      waiting: 1,
      longestWaitMs: 120_000,
      offered: 7,
      answered: 4,
      abandoned: 1,
      lost: 1,
      answeredWithinThreshold: 3,
      serviceLevel: 0.75,
      asaMs: 16_250,
      handled: 3,
      abandonmentRate: 1 / 7,
    });
    expect(report.total.ahtMs).to.be.closeTo(400_000 / 3, 1e-6);
  });

  it('computes each queue on its own', () => {
    expect(report.queues['alo153-ulasim']).to.include({ offered: 4, answered: 2, abandoned: 1, serviceLevel: 0.5, asaMs: 20_000, ahtMs: 170_000, abandonmentRate: 0.25, waiting: 1 });
    expect(report.queues['alo153-cevre']).to.include({ offered: 3, answered: 2, serviceLevel: 1, asaMs: 12_500, handled: 1, ahtMs: 60_000, abandonmentRate: 0, waiting: 0, longestWaitMs: 0 });
  });

  it('gives null rates when nothing was offered or answered', () => {
    const empty = computeKpis({ facts: [], queues: {} }, istanbulDay(now), now);
    expect(empty.total).to.include({ offered: 0, serviceLevel: null, asaMs: null, ahtMs: null, abandonmentRate: null });
  });

  it('fills 24 Istanbul hourly buckets for the calls-per-hour and service-level charts', () => {
    const hourly = report.total.hourly;
    expect(hourly.map((bucket) => bucket.hour)).to.deep.equal(Array.from({ length: 24 }, (_, hour) => hour));
    expect(hourly[0]?.from).to.equal(ist('2026-11-28T00:00:00'));
    expect(hourly[9]).to.include({ offered: 1, answered: 0, serviceLevel: null });
    expect(hourly[10]).to.include({ offered: 2, answered: 2, serviceLevel: 0.5 });
    expect(hourly[11]).to.include({ offered: 4, answered: 2, abandoned: 1, serviceLevel: 1 });
    expect(hourly[23]).to.include({ offered: 0 });
  });

  it('takes the wait from our own join and connect times, never from Asterisk Holdtime', () => {
    const join = ist('2026-11-28T10:00:00');
    const link = { uniqueid: 'c.1', linkedid: 'c.1' };
    const member = { interface: 'PJSIP/agent1', name: 'Agent 1' };
    const events: QueueEvent[] = [
      { kind: 'callerJoin', at: join, queue: 'q', position: 1, count: 1, callerNumber: '05321234567', callerName: '', ...link },
      { kind: 'callerLeave', at: join + 25_400, queue: 'q', position: 1, count: 0, ...link },
      // Asterisk's HoldTime is whole seconds and here disagrees: it must not be used.
      { kind: 'agentConnect', at: join + 25_500, queue: 'q', member, holdTimeS: 3, ringTimeS: 2, ...link },
      { kind: 'agentComplete', at: join + 85_500, queue: 'q', member, holdTimeS: 3, talkTimeS: 99, reason: 'caller', ...link },
    ];
    const state = events.reduce(reduceQueueState, emptyQueueState({ defaultWrapUpS: 15 }));
    const kpis = computeKpis(state, istanbulDay(join), join + 90_000);
    expect(kpis.total).to.include({ answered: 1, asaMs: 25_500, serviceLevel: 0, ahtMs: 75_000 });
  });
});

describe('Istanbul counting windows', () => {
  it('puts 23:50 and 00:10 Istanbul in different days', () => {
    const lateEvening = ist('2026-11-28T23:50:00');
    const afterMidnight = ist('2026-11-29T00:10:00');
    expect(istanbulDay(lateEvening)).to.deep.equal({ from: ist('2026-11-28T00:00:00'), to: ist('2026-11-29T00:00:00') });
    expect(istanbulDay(afterMidnight)).to.deep.equal({ from: ist('2026-11-29T00:00:00'), to: ist('2026-11-30T00:00:00') });
    const facts = [fact('q', '2026-11-28T23:50:00', 'answered', 5), fact('q', '2026-11-29T00:10:00', 'abandoned', 50)];
    const day1 = computeKpis({ facts, queues: {} }, istanbulDay(lateEvening), afterMidnight);
    const day2 = computeKpis({ facts, queues: {} }, istanbulDay(afterMidnight), afterMidnight);
    expect(day1.total).to.include({ offered: 1, answered: 1, abandoned: 0 });
    expect(day2.total).to.include({ offered: 1, answered: 0, abandoned: 1 });
  });

  const shifts = parseShifts([
    { name: 'gündüz', start: '08:00', end: '16:00' },
    { name: 'akşam', start: '16:00', end: '24:00' },
    { name: 'gece', start: '00:00', end: '08:00' },
  ]);

  it('finds the current shift', () => {
    expect(currentShift(ist('2026-11-28T16:30:00'), shifts)).to.deep.equal({ name: 'akşam', from: ist('2026-11-28T16:00:00'), to: ist('2026-11-29T00:00:00') });
    expect(currentShift(ist('2026-11-29T03:00:00'), shifts)).to.deep.equal({ name: 'gece', from: ist('2026-11-29T00:00:00'), to: ist('2026-11-29T08:00:00') });
    expect(currentShift(ist('2026-11-28T08:00:00'), shifts)?.name).to.equal('gündüz');
  });

  it('counts a night shift that crosses midnight as one window, from either side of midnight', () => {
    const night = parseShifts([{ name: 'gece', start: '22:00', end: '06:00' }]);
    const expected = { name: 'gece', from: ist('2026-11-28T22:00:00'), to: ist('2026-11-29T06:00:00') };
    expect(currentShift(ist('2026-11-28T23:50:00'), night)).to.deep.equal(expected);
    expect(currentShift(ist('2026-11-29T00:10:00'), night)).to.deep.equal(expected);
    expect(currentShift(ist('2026-11-29T12:00:00'), night)).to.equal(null);
    const facts = [fact('q', '2026-11-28T23:50:00', 'answered', 5), fact('q', '2026-11-29T00:10:00', 'answered', 25)];
    const kpis = computeKpis({ facts, queues: {} }, expected, ist('2026-11-29T01:00:00'));
    expect(kpis.total).to.include({ offered: 2, answered: 2, serviceLevel: 0.5 });
    expect(kpis.total.hourly.map((bucket) => bucket.hour)).to.deep.equal([22, 23, 0, 1, 2, 3, 4, 5]);
  });

  it('rejects a malformed shift time', () => {
    expect(() => parseShifts([{ name: 'x', start: '25:00', end: '08:00' }])).to.throw();
  });

  it('starts hourly buckets on the Istanbul hour', () => {
    expect(istanbulHourStart(ist('2026-11-28T13:47:12'))).to.equal(ist('2026-11-28T13:00:00'));
  });

  it('gives the same hour start from its cache, also across the last Istanbul DST change (2016)', () => {
    // 2016-09-07 was Istanbul's last clock change; sweep both sides every 7 minutes, each time twice.
    for (const dayStart of [Date.parse('2016-09-06T18:00:00Z'), Date.parse('2026-11-28T18:00:00Z')]) {
      for (let at = dayStart; at < dayStart + 30 * 3_600_000; at += 7 * 60_000 + 13_000) {
        const first = istanbulHourStart(at);
        expect(istanbulHourStart(at + 1)).to.equal(first);
        expect(first).to.be.at.most(at);
        expect(at - first).to.be.below(3_600_000);
        expect(new Date(first).getUTCMinutes()).to.equal(0);
      }
    }
  });
});
