import { expect } from 'chai';
import type { SessionEndReason } from '../../src/realtime/protocol.js';
import { endReason, SessionSweeper, type LiveSession, type UserSessionState } from '../../src/realtime/session-sweeper.js';

class Session implements LiveSession {
  ended: SessionEndReason | undefined;
  constructor(
    readonly userId: number,
    readonly tokenVersion: number,
  ) {}
  end(reason: SessionEndReason): void {
    this.ended = reason;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('realtime session sweeper: live sockets against user changes made by another process', () => {
  it('names why a session is over: deactivated, password changed, or the user gone', () => {
    expect(endReason(3, { id: 1, active: true, tokenVersion: 3 })).to.equal(undefined);
    expect(endReason(3, { id: 1, active: false, tokenVersion: 4 })).to.equal('deactivated');
    expect(endReason(3, { id: 1, active: true, tokenVersion: 4 })).to.equal('password-changed');
    expect(endReason(3, undefined)).to.equal('revoked');
  });

  it('reads every user with live sockets in one query and ends only the sockets whose token no longer holds', async () => {
    const sessions = [new Session(1, 0), new Session(1, 0), new Session(2, 5), new Session(3, 1)];
    const queries: number[][] = [];
    const states: UserSessionState[] = [
      { id: 1, active: false, tokenVersion: 1 },
      { id: 2, active: true, tokenVersion: 5 },
      { id: 3, active: true, tokenVersion: 2 },
    ];
    const sweeper = new SessionSweeper({
      intervalMs: 1000,
      sessions: () => sessions,
      lookup: async (ids) => {
        queries.push(ids);
        return states;
      },
      onLookupFailed: () => undefined,
      onLookupRecovered: () => undefined,
    });
    await sweeper.sweep();
    expect(queries).to.deep.equal([[1, 2, 3]]);
    expect(sessions.map((session) => session.ended)).to.deep.equal(['deactivated', 'deactivated', undefined, 'password-changed']);
  });

  it('never runs a second query while the database is still answering the first, and stops on close', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    let queries = 0;
    const sweeper = new SessionSweeper({
      intervalMs: 10,
      sessions: () => [new Session(1, 0)],
      lookup: async () => {
        queries += 1;
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(120);
        inFlight -= 1;
        return [{ id: 1, active: true, tokenVersion: 0 }];
      },
      onLookupFailed: () => undefined,
      onLookupRecovered: () => undefined,
    });
    sweeper.start();
    await sleep(400);
    sweeper.stop();
    const atStop = queries;
    await sleep(200);
    expect(maxInFlight).to.equal(1);
    expect(sweeper.stats.skipped).to.be.greaterThan(0);
    expect(queries, 'no query after stop').to.equal(atStop);
    expect(queries).to.be.within(1, 5);
  });

  it('reports a failing database once per outage, and its recovery', async () => {
    let failing = true;
    const events: string[] = [];
    const sweeper = new SessionSweeper({
      intervalMs: 1000,
      sessions: () => [new Session(1, 0)],
      lookup: async () => {
        if (failing) throw new Error('connection refused');
        return [{ id: 1, active: true, tokenVersion: 0 }];
      },
      onLookupFailed: (error) => events.push(`failed: ${error.message}`),
      onLookupRecovered: () => events.push('recovered'),
    });
    for (let i = 0; i < 5; i += 1) await sweeper.sweep();
    failing = false;
    await sweeper.sweep();
    await sweeper.sweep();
    expect(events).to.deep.equal(['failed: connection refused', 'recovered']);
  });

  it('asks nothing of the database while no socket is open', async () => {
    let queries = 0;
    const sweeper = new SessionSweeper({
      intervalMs: 1000,
      sessions: () => [],
      lookup: async () => {
        queries += 1;
        return [];
      },
      onLookupFailed: () => undefined,
      onLookupRecovered: () => undefined,
    });
    await sweeper.sweep();
    expect(queries).to.equal(0);
  });
});
