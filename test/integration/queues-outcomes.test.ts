import { expect } from 'chai';
import { KnexQueueOutcomeRecorder } from '../../src/calls/queue-outcomes.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

describe('queue outcomes on calls and tickets', () => {
  let test: TestDatabase;
  let store: KnexTicketStore;
  let recorder: KnexQueueOutcomeRecorder;
  const answeredAt = new Date('2026-11-28T09:00:00.000Z');

  beforeEach(async () => {
    test = await createTestDatabase();
    store = new KnexTicketStore(test.db);
    recorder = new KnexQueueOutcomeRecorder(test.db);
    await store.openCallTicket({ callId: 'call-1', channelId: '1795888.1', callerNumber: '05321234567', callerName: '', startedAt: answeredAt, answeredAt });
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('sets the answering agent once and appends one ticket event per outcome, however often it is told', async () => {
    const first = { kind: 'agent-answered' as const, at: new Date('2026-11-28T09:01:00.000Z'), queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 12 };
    expect(await recorder.recordQueueOutcome('1795888.1', first)).to.equal(true);
    expect(await recorder.recordQueueOutcome('1795888.1', first)).to.equal(true);
    await recorder.recordQueueOutcome('1795888.1', { ...first, at: new Date('2026-11-28T09:05:00.000Z'), agent: 'PJSIP/agent2' });
    const call = await store.getCallByChannel('1795888.1');
    expect(call).to.include({ agent: 'PJSIP/agent1' });
    expect(call?.agentConnectedAt?.toISOString()).to.equal('2026-11-28T09:01:00.000Z');
    const ticket = await store.getTicket(call!.ticketNumber!);
    const answered = ticket!.events.filter((event) => event.kind === 'agent-answered');
    expect(answered).to.have.length(1);
    expect(answered[0]).to.deep.include({ actor: 'system:queue', data: { queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 12 } });
  });

  it('records an abandon in the queue with the wait, and answers false for a channel that is not ours', async () => {
    await recorder.recordQueueOutcome('1795888.1', { kind: 'abandoned-in-queue', at: new Date('2026-11-28T09:02:00.000Z'), queue: 'alo153-genel', waitS: 45 });
    const call = await store.getCallByChannel('1795888.1');
    const ticket = await store.getTicket(call!.ticketNumber!);
    expect(ticket!.events.find((event) => event.kind === 'abandoned-in-queue')?.data).to.deep.equal({ queue: 'alo153-genel', waitS: 45 });
    expect(call?.agent).to.equal(null);
    expect(await recorder.recordQueueOutcome('agent-leg.7', { kind: 'abandoned-in-queue', at: new Date(), queue: 'alo153-genel', waitS: 1 })).to.equal(false);
  });

  const t = (second: number): Date => new Date(Date.parse('2026-11-28T09:00:00.000Z') + second * 1000);
  const leftIvr = { endedAt: t(20), outcome: 'handed-to-queue' as const, lastStep: 'transferred:alo153-genel' };
  const answered = { kind: 'agent-answered' as const, at: t(32), queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 12 };
  const completed = { kind: 'agent-completed' as const, at: t(95), queue: 'alo153-genel', agent: 'PJSIP/agent1', talkS: 63, reason: 'caller' };
  const hungUp = { kind: 'hung-up' as const, at: t(95.2) };

  it('gives an answered call its agent, wait and talk time, left the IVR before the answer and ended after it', async () => {
    await store.recordCallEnd('1795888.1', leftIvr);
    expect(await recorder.recordQueueOutcome('1795888.1', answered)).to.equal(true);
    const talking = await store.getCallByChannel('1795888.1');
    expect(talking).to.include({ outcome: 'answered', agent: 'PJSIP/agent1', waitS: 12, talkS: null, endedAt: null });
    for (const outcome of [completed, hungUp]) expect(await recorder.recordQueueOutcome('1795888.1', outcome)).to.equal(true);
    const call = await store.getCallByChannel('1795888.1');
    expect(call).to.include({ outcome: 'answered', agent: 'PJSIP/agent1', agentName: 'Ajan 1', waitS: 12, talkS: 63 });
    expect(call?.leftIvrAt).to.deep.equal(t(20));
    expect(call?.agentConnectedAt).to.deep.equal(t(32));
    expect(call?.endedAt, 'the Hangup is the real end').to.deep.equal(t(95.2));
    const ticket = await store.getTicket(call!.ticketNumber!);
    expect(ticket?.events.filter((event) => event.actor === 'system:queue').map((event) => event.kind)).to.deep.equal(['agent-answered', 'agent-completed']);
    expect(ticket?.calls).to.deep.equal([
      { id: 'call-1', startedAt: answeredAt, leftIvrAt: t(20), endedAt: t(95.2), queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1', agentConnectedAt: t(32), waitS: 12, talkS: 63, outcome: 'answered' },
    ]);
  });

  it('keeps the queue outcome and the real end when the IVR’s own end write lands after them (slow database, outbox replay)', async () => {
    for (const outcome of [answered, hungUp, completed]) await recorder.recordQueueOutcome('1795888.1', outcome);
    await store.recordCallEnd('1795888.1', leftIvr);
    const call = await store.getCallByChannel('1795888.1');
    expect(call).to.include({ outcome: 'answered', talkS: 63, lastStep: 'transferred:alo153-genel' });
    expect(call?.endedAt, 'AgentComplete after the Hangup does not move the end').to.deep.equal(t(95.2));
    expect(call?.leftIvrAt).to.deep.equal(t(20));
    expect(await store.openCallsWithoutEnd()).to.deep.equal([]);
  });

  it('ends an abandoned call at the abandon, or at its Hangup, and never calls it answered', async () => {
    await store.recordCallEnd('1795888.1', leftIvr);
    await recorder.recordQueueOutcome('1795888.1', { kind: 'abandoned-in-queue', at: t(28), queue: 'alo153-genel', waitS: 8 });
    let call = await store.getCallByChannel('1795888.1');
    expect(call).to.include({ outcome: 'abandoned-in-queue', waitS: 8, agent: null, talkS: null });
    expect(call?.endedAt).to.deep.equal(t(28));
    await recorder.recordQueueOutcome('1795888.1', { kind: 'hung-up', at: t(28.01) });
    call = await store.getCallByChannel('1795888.1');
    expect(call?.endedAt).to.deep.equal(t(28.01));
    expect(call?.outcome).to.equal('abandoned-in-queue');
  });

  it('records the talk time and agent of a call whose AgentConnect was missed', async () => {
    await store.recordCallEnd('1795888.1', leftIvr);
    await recorder.recordQueueOutcome('1795888.1', completed);
    const call = await store.getCallByChannel('1795888.1');
    expect(call).to.include({ outcome: 'answered', agent: 'PJSIP/agent1', talkS: 63, waitS: null, agentConnectedAt: null });
    expect(call?.endedAt).to.deep.equal(t(95));
  });
});
