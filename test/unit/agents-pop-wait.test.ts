import { expect } from 'chai';
import type { ScreenPop } from '../../src/agents/desk-protocol.js';
import { QueueJoinTimes, waitSeconds } from '../../src/agents/queue-wait.js';
import { ScreenPops } from '../../src/agents/screen-pops.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { QueueEvent } from '../../src/queues/queue-events.js';
import { shippedIvr } from './ivr-driver.js';

const at = Date.parse('2026-11-28T10:00:00+03:00');
const uniqueid = '1795888883.0';
const join = (joinedAt: number, id = uniqueid): QueueEvent => ({ kind: 'callerJoin', at: joinedAt, queue: 'alo153-genel', uniqueid: id, linkedid: id, position: 1, count: 1, callerNumber: '05321234567', callerName: '' });
const leave = (leftAt: number): QueueEvent => ({ kind: 'callerLeave', at: leftAt, queue: 'alo153-genel', uniqueid, linkedid: uniqueid, position: 1, count: 0 });
const connect = (connectedAt: number, holdTimeS: number, id = uniqueid): Extract<QueueEvent, { kind: 'agentConnect' }> => ({
  kind: 'agentConnect',
  at: connectedAt,
  queue: 'alo153-genel',
  uniqueid: id,
  linkedid: id,
  member: { interface: 'PJSIP/agent1', name: 'Ajan' },
  holdTimeS,
  ringTimeS: 1,
});

describe('the wait a screen pop shows', () => {
  it('counts from the queue join to the answer, to the nearest second', () => {
    expect(waitSeconds(at - 42_400, connect(at, 41))).to.equal(42);
    expect(waitSeconds(at - 42_600, connect(at, 42))).to.equal(43);
  });

  it("falls back to Asterisk's HoldTime when the join was not seen or comes after the answer", () => {
    expect(waitSeconds(undefined, connect(at, 17))).to.equal(17);
    expect(waitSeconds(at + 5_000, connect(at, 9))).to.equal(9);
    expect(waitSeconds(undefined, connect(at, -3))).to.equal(0);
  });

  it('keeps the join across the QueueCallerLeave that Asterisk sends before AgentConnect, and forgets it with the answer', () => {
    const joins = new QueueJoinTimes();
    joins.handle(join(at - 65_000));
    joins.handle(leave(at - 10));
    expect(joins.answered(connect(at, 64))).to.equal(65);
    expect(joins.size).to.equal(0);
  });

  it('forgets callers who abandoned or hung up, and every caller when Asterisk restarts', () => {
    const joins = new QueueJoinTimes();
    joins.handle(join(at - 30_000, 'a'));
    joins.handle(join(at - 30_000, 'b'));
    joins.handle(join(at - 30_000, 'c'));
    joins.handle({ kind: 'callerAbandon', at, queue: 'alo153-genel', uniqueid: 'a', linkedid: 'a', position: 1, originalPosition: 1, holdTimeS: 30 });
    joins.handle({ kind: 'callerHangup', at, cause: 16, uniqueid: 'b', linkedid: 'b' });
    expect(joins.size).to.equal(1);
    joins.handle({ kind: 'fullyBooted', at });
    expect(joins.size).to.equal(0);
    // A caller id answered after the restart gets Asterisk's HoldTime, not a stale join.
    expect(joins.answered(connect(at, 4, 'c'))).to.equal(4);
  });

  it('puts the wait on the pop the agent gets', async () => {
    const delivered: ScreenPop[] = [];
    const pops = new ScreenPops({
      ivr: () => shippedIvr,
      logger: createTestLogger(),
      deliver: (_userId, pop) => delivered.push(pop),
      sources: {
        userIdByInterface: async () => 11,
        callByChannel: async () => undefined,
        ticket: async () => undefined,
        history: async () => [],
        assignOwner: async () => undefined,
      },
    });
    pops.handle(join(at - 42_000));
    pops.handle(leave(at - 5));
    pops.handle(connect(at, 41));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(delivered.map((pop) => pop.waitS)).to.deep.equal([42]);
  });
});
