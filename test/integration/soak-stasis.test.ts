import { expect } from 'chai';
import { StasisLedger } from '../../bench/soak-stasis.js';
import { verifySoak } from '../../bench/soak-verify.js';
import { testEngine } from '../support/db.js';
import { startSystem, waitFor, type System } from '../support/system.js';

/**
 * `npm run soak`'s "nothing lost": which placed calls alo153 owes a call record. Since the post-call survey a caller
 * who fell back to alo153-genel while alo153's WebSocket was down enters Stasis(alo153,after-queue) after their agent,
 * once alo153 is back; alo153 never had that call, and the soak had counted each one as lost.
 */
describe(`the soak's calls alo153 owes a record, through the simulator (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  let ledger: StasisLedger;
  let unwatch: () => void;

  beforeEach(async () => {
    ledger = new StasisLedger();
    unwatch = ledger.watch();
    // No agent yet: the fallback caller waits in alo153-genel until alo153 is connected again.
    system = await startSystem({ agents: 0 });
  });

  afterEach(async () => {
    unwatch();
    await system.stop();
  });

  const channel = (channelId: string) => system.sim.channels().find((c) => c.id === channelId);

  /** A call placed while ARI is down (its Stasis() fails), its agent, alo153's hang-up after the queue; then a call through the IVR. */
  async function fallbackThenIvrCall(): Promise<{ fallback: string; inIvr: string }> {
    const connects = system.app.ari.counters.connects;
    system.sim.dropAriWebSocket();
    // Placed in the same tick: its Stasis(alo153,inbound) runs on the next setImmediate, before alo153's reconnect (>= 10 ms).
    const fallback = system.sim.placeCall({ callerNumber: '05321239001' });
    await waitFor(() => channel(fallback.channelId)?.queue === 'alo153-genel', 5000, 'the fallback caller waiting in alo153-genel');
    expect(channel(fallback.channelId)?.variables.ALO153_FALLBACK).to.equal('stasis-FAILED');
    await waitFor(() => system.app.ari.counters.connects > connects && system.app.ari.state === 'connected', 5000, 'alo153 back on ARI');

    system.sim.addAgent({ interface: 'PJSIP/agent1', name: 'Ajan 1', answerAfterMs: 500, talkMs: 3000 });
    // The agent hangs up; app_queue's c option sends the caller to Stasis(alo153,after-queue); alo153 has no call of
    // theirs (no number, no consent) and hangs up.
    expect((await fallback.ended).cause).to.equal('app');

    const inIvr = system.sim.placeCall({ callerNumber: '05321239002', script: [{ afterMs: 300, digit: '0' }] });
    await inIvr.ended;
    await waitFor(() => system.app.registry.size === 0 && system.app.tickets.pendingWrites() === 0, 5000, 'every call ended and written');
    return { fallback: fallback.channelId, inIvr: inIvr.channelId };
  }

  it('counts a caller who fell back while ARI was down and came back into Stasis after the queue as a fallback: nothing lost, nothing doubled', async () => {
    const { fallback, inIvr } = await fallbackThenIvrCall();
    const split = ledger.split([fallback, inIvr]);
    const verify = await verifySoak(system.app.db, split.entered);
    expect({ callRows: verify.callRows, tickets: verify.tickets, missing: verify.missingCalls, unexpected: verify.unexpectedCalls, lost: verify.lost, doubled: verify.doubled }).to.deep.equal({
      callRows: 1,
      tickets: 1,
      missing: 0,
      unexpected: 0,
      lost: 0,
      doubled: 0,
    });
    expect(split).to.deep.equal({ entered: [inIvr], fallback: [fallback], fallbackBackAfterQueue: [fallback] });
  });

  it('still counts a call alo153 had without its record as lost, and a record of a fallback channel as doubled', async () => {
    const { fallback, inIvr } = await fallbackThenIvrCall();
    // Both faults at once: the IVR call's record moved onto the fallback channel.
    await system.app.db('calls').where({ channel_id: inIvr }).update({ channel_id: fallback });
    const verify = await verifySoak(system.app.db, ledger.split([fallback, inIvr]).entered);
    expect({ missing: verify.missingCalls, unexpected: verify.unexpectedCalls, lost: verify.lost, doubled: verify.doubled }).to.deep.equal({ missing: 1, unexpected: 1, lost: 1, doubled: 1 });
  });
});
