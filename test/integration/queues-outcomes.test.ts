import { expect } from 'chai';
import { KnexQueueOutcomeRecorder } from '../../src/tickets/queue-outcomes.js';
import { KnexTicketStore } from '../../src/tickets/ticket-store.js';
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
});
