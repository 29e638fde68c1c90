import { expect } from 'chai';
import { startSystem, waitFor, waitForCallEnd, type System } from '../support/system.js';

/** Faults on the call path: dropped sockets, garbage frames, a restarting Asterisk, a failing database. */
describe('the 153 call path under faults', function () {
  this.timeout(30000);
  let system: System;

  beforeEach(async () => {
    system = await startSystem({ agents: 1, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    await system.stop();
  });

  const endedCall = (channelId: string, timeoutMs?: number) => waitForCallEnd(system, channelId, timeoutMs);

  it('keeps a call going when the ARI WebSocket drops mid-call and comes back', async () => {
    const call = system.sim.placeCall({ callerNumber: '05321110001', script: [{ afterMs: 40000, digit: '2' }] });
    await waitFor(() => system.app.registry.size === 1, 3000, 'the call to enter the IVR');
    system.sim.dropAriWebSocket();
    // Counted, not caught in the act: a reconnect within 100 ms can end the 'not connected' state between two polls.
    await waitFor(() => system.app.ari.counters.connects >= 2 && system.app.ari.state === 'connected', 5000, 'ARI to drop and reconnect');
    const stored = await endedCall(call.channelId);
    // The agent may already have answered (AMI) by the time the call is read.
    expect(stored.outcome).to.be.oneOf(['handed-to-queue', 'answered']);
    expect(stored.queue).to.equal('alo153-cevre');
    expect(system.app.ari.counters.connects).to.be.at.least(2);
  });

  it('drops a malformed frame, a frame of an undeclared event type and an invalid event, and carries on', async () => {
    system.sim.sendRawAriFrame('{ this is not json');
    system.sim.sendRawAriFrame(JSON.stringify({ type: 'NoSuchEvent', application: 'alo153' }));
    system.sim.sendRawAriFrame(JSON.stringify({ type: 'StasisStart', application: 'alo153', timestamp: 'x' }));
    const call = system.sim.placeCall({ callerNumber: '05321110002', script: [{ afterMs: 3000, digit: '3' }] });
    const stored = await endedCall(call.channelId);
    expect(stored.queue).to.equal('alo153-hayvan');
    const dropped = system.app.ari.counters.droppedFrames;
    expect(dropped['malformed-json']).to.equal(1);
    expect(dropped['unknown-event-type']).to.equal(1);
    expect(dropped['invalid-event']).to.equal(1);
    expect(system.app.ari.state).to.equal('connected');
  });

  it('ignores a repeated StasisStart for a live channel: one session, one ticket', async () => {
    const call = system.sim.placeCall({ callerNumber: '05321110003', script: [{ afterMs: 30000, digit: '0' }] });
    await waitFor(() => system.app.registry.size === 1, 3000, 'the call to enter the IVR');
    const channel = system.sim.channels().find((c) => c.id === call.channelId)!;
    system.sim.sendRawAriFrame(
      JSON.stringify({
        type: 'StasisStart',
        timestamp: '2026-11-28T18:01:23.619+0000',
        args: ['inbound'],
        channel: {
          id: channel.id,
          name: channel.name,
          state: 'Up',
          protocol_id: '',
          caller: { name: '', number: channel.callerNumber },
          connected: { name: '', number: '' },
          accountcode: '',
          dialplan: { context: 'alo153-inbound', exten: '153', priority: 3, app_name: 'Stasis', app_data: 'alo153,inbound' },
          creationtime: '2026-11-28T18:01:23.618+0000',
          language: 'tr',
        },
        asterisk_id: '02:fc:00:00:00:01',
        application: 'alo153',
      }),
    );
    const stored = await endedCall(call.channelId);
    // The agent may already have answered (AMI) by the time the call is read.
    expect(stored.outcome).to.be.oneOf(['handed-to-queue', 'answered']);
    expect(system.app.registry.stats.duplicateStarts).to.equal(1);
    const tickets = await system.app.db('tickets').count<{ n: number }[]>({ n: '*' });
    expect(Number(tickets[0]!.n)).to.equal(1);
  });

  it('recovers from an Asterisk restart (refused, 404 page, 503 not booted): calls gone are closed, new calls work', async () => {
    const before = system.sim.placeCall({ callerNumber: '05321110004', script: [] });
    await waitFor(() => system.app.registry.size === 1, 3000, 'the call to enter the IVR');
    await system.sim.restartAsterisk({ refuseMs: 300, http404Ms: 300, notBootedMs: 300 });
    await waitFor(() => system.app.ari.counters.connects >= 2 && system.app.ari.state === 'connected' && system.app.ami.state === 'connected', 10000, 'ARI and AMI to come back');
    const gone = await endedCall(before.channelId);
    expect(gone.outcome).to.equal('abandoned-in-ivr');
    expect(system.app.registry.size).to.equal(0);
    const after = system.sim.placeCall({ callerNumber: '05321110005', script: [{ afterMs: 3000, digit: '4' }] });
    const stored = await endedCall(after.channelId);
    expect(stored.queue).to.equal('alo153-otopark');
    const health = await system.app.health();
    expect(health.status).to.equal('ok');
  });

  it('hands the call on when ticket writes fail, retries them, and ends with exactly one ticket', async () => {
    // The table disappears for a while: every write fails the way a broken database fails.
    await system.app.db.schema.renameTable('tickets', 'tickets_away');
    const call = system.sim.placeCall({ callerNumber: '05321110006', script: [{ afterMs: 3000, digit: '5' }] });
    await waitFor(
      // ALO153_TICKET: the last of the dialplan's own steps before Queue().
      () => system.sim.channels().some((c) => c.id === call.channelId && c.dialplan.context === 'alo153-queues' && c.variables.ALO153_TICKET !== undefined),
      5000,
      'the call to reach the queue without its ticket',
    );
    expect(system.app.tickets.pendingWrites()).to.be.greaterThan(0);
    const variables = system.sim.channels().find((c) => c.id === call.channelId)!.variables;
    expect(variables.ALO153_QUEUE).to.equal('alo153-sosyal');
    // The dialplan's Set(ALO153_TICKET=${CUT(ALO153_HANDOFF,/,2)}) of a hand-off without a ticket: set, empty.
    expect(variables.ALO153_TICKET).to.equal('');
    expect(variables.ALO153_CALL_ID).to.match(/^[0-9a-f-]{36}$/);
    await system.app.db.schema.renameTable('tickets_away', 'tickets');
    const stored = await endedCall(call.channelId);
    expect(stored.queue).to.equal('alo153-sosyal');
    await waitFor(() => system.app.tickets.pendingWrites() === 0, 5000, 'the retried writes to land');
    const tickets = await system.app.db('tickets').select('number', 'category_code');
    expect(tickets).to.have.length(1);
    expect(tickets[0]).to.include({ category_code: 'sosyal' });
  });

  it('shows AMI down on /healthz and reconnects after the simulator drops it', async () => {
    // Held down: after a plain drop the reconnect (under a second) can win the race against the health read.
    system.sim.setAmiAvailable(false);
    await waitFor(() => system.app.ami.state !== 'connected', 2000, 'AMI drop to be seen');
    const down = await system.app.health();
    expect(down.status).to.equal('degraded');
    expect(down.components.ami).to.include({ ok: false });
    system.sim.setAmiAvailable(true);
    await waitFor(() => system.app.ami.state === 'connected', 5000, 'AMI to reconnect');
    expect((await system.app.health()).status).to.equal('ok');
  });

  it('reconnects AMI within seconds of a plain drop, with the simulator accepting at once', async () => {
    const feed = system.app.queueFeed;
    await waitFor(() => feed.counters.snapshots >= 1 && !feed.resyncing, 5000, 'the snapshot of the first login');
    const snapshots = feed.counters.snapshots;
    system.sim.dropAmiConnections();
    // Each login is followed by a QueueStatus snapshot: a new one proves the reconnect, however fast it was.
    await waitFor(() => feed.counters.snapshots > snapshots && system.app.ami.state === 'connected', 5000, 'AMI to reconnect');
    expect((await system.app.health()).status).to.equal('ok');
  });
});
