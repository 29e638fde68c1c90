import { expect } from 'chai';
import type { CallView } from '../../src/requests/ticket-store-type.js';
import { startSystem, waitFor, waitForCallEnd, type System } from '../support/system.js';

/** alo153 against the PBX simulator over real ARI (HTTP + WebSocket) and AMI (TCP). */
describe('the 153 call path through the simulator', function () {
  this.timeout(20000);
  let system: System;

  beforeEach(async () => {
    // Agents talk for 10 s (real), so a handed-off call's channel is still there to inspect.
    system = await startSystem({ agents: 2, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    await system.stop();
  });

  const endedCall = (channelId: string, timeoutMs?: number) => waitForCallEnd(system, channelId, timeoutMs);

  it('answers, opens a ticket, runs Ulaşım → Kentkart and hands the call to alo153-kentkart with the ALO153_* variables', async () => {
    // Ulaşım is chosen once the ticket is open (a loaded database may take longer than the read-back's ticket wait,
    // and the hand-off then goes without ALO153_TICKET, by design), and Kentkart as soon as the Ulaşım menu plays;
    // the menus wait for the digit meanwhile, however long that takes, so the path has no no-input.
    await system.stop();
    system = await startSystem({ agents: 2, agentTalkMs: 1_000_000, firstDigitTimeoutMs: 60_000 });
    const call = system.sim.placeCall({
      callerNumber: '05321234567',
      onPrompt: (_media, placed) => {
        if (system.app.registry.get(placed.channelId)?.lastStep === 'ulasim:enter') placed.sendDigit('2');
      },
    });
    await waitFor(() => system.app.registry.get(call.channelId)?.ticket !== undefined, 10000, 'the ticket number');
    call.sendDigit('1');
    const stored = await endedCall(call.channelId);
    // An agent may already have answered (AMI) by the time the call is read.
    expect(stored.outcome).to.be.oneOf(['handed-to-queue', 'answered']);
    expect(stored.leftIvrAt).to.be.instanceOf(Date);
    expect(stored.queue).to.equal('alo153-kentkart');
    expect(stored.ticketNumber).to.match(/^153-\d{4}-000001$/);
    // Every digit is on the path, the one that opened the sub-menu too.
    expect(stored.ivrPath.map((s) => `${s.menu}:${s.event}${s.digits ? `:${s.digits}` : ''}${s.target ? `>${s.target}` : ''}`)).to.deep.equal([
      'main:enter',
      'main:selected:1>ulasim',
      'ulasim:enter',
      'ulasim:selected:2>alo153-kentkart',
    ]);
    // The dialplan sets ALO153_QUEUE, then splits ALO153_HANDOFF into ALO153_CALL_ID and ALO153_TICKET, in its
    // first steps after the continue (which may run after StasisEnd reached us).
    const channelOf = () => system.sim.channels().find((c) => c.id === call.channelId);
    await waitFor(() => channelOf()?.variables.ALO153_TICKET !== undefined, 5000, 'the dialplan to set ALO153_TICKET');
    const channel = channelOf();
    expect(channel?.variables.ALO153_TICKET).to.equal(stored.ticketNumber);
    expect(channel?.variables.ALO153_QUEUE).to.equal('alo153-kentkart');
    expect(channel?.variables.ALO153_CALL_ID).to.equal(stored.id);
    expect(channel?.dialplan.context).to.equal('alo153-queues');
    expect(channel?.dialplan.exten).to.equal('alo153-kentkart');
    const ticket = await system.app.store.getTicket(stored.ticketNumber!);
    expect(ticket?.source).to.equal('phone');
    expect(ticket?.categoryCode).to.equal('kentkart');
    expect(ticket?.callerNumber).to.equal('05321234567');
  });

  it('replays the menu after invalid digits and sends the caller to alo153-genel after the last retry', async () => {
    const call = system.sim.placeCall({
      callerNumber: '05321234568',
      script: [
        { afterMs: 3000, digit: '7' },
        { afterMs: 3000, digit: '#' },
        { afterMs: 3000, digit: '*' },
      ],
    });
    const stored = await endedCall(call.channelId);
    expect(stored.queue).to.equal('alo153-genel');
    expect(stored.ivrPath.filter((s) => s.event === 'invalid')).to.have.length(3);
    expect(stored.ivrPath.some((s) => s.event === 'retries-exhausted')).to.equal(true);
  });

  it('sends a silent caller to alo153-genel after the no-input retries', async () => {
    const call = system.sim.placeCall({ callerNumber: '05321234569', script: [] });
    const stored = await endedCall(call.channelId);
    expect(stored.queue).to.equal('alo153-genel');
    expect(stored.ivrPath.filter((s) => s.event === 'no-input')).to.have.length(3);
  });

  it('records a caller who hangs up during the main menu as abandoned in the IVR, with a ticket', async () => {
    const call = system.sim.placeCall({ callerNumber: '05321234570', script: [{ afterMs: 8000, hangup: true }] });
    const stored = await endedCall(call.channelId);
    expect(stored.outcome).to.equal('abandoned-in-ivr');
    expect(stored.lastStep).to.match(/^main:/);
    expect(stored.ivrPath.map((s) => `${s.menu}:${s.event}`)).to.deep.equal(['main:enter', 'main:hangup']);
    expect(stored.ticketNumber).to.match(/^153-/);
    const ticket = await system.app.store.getTicket(stored.ticketNumber!);
    expect(ticket?.status).to.equal('abandoned');
  });

  it('gives every call a ticket and one end record wherever the caller hangs up: right after answer, in the welcome, in a sub-menu prompt, in the read-back, in the queue', async () => {
    type Where = 'answer' | 'main' | 'ulasim' | 'readback' | 'queue';
    const plan: Where[] = ['answer', 'main', 'ulasim', 'readback', 'queue'].flatMap((where) => [where, where, where] as Where[]);
    // alo153's own view of the call when a prompt starts playing: the caller hangs up inside the phase wanted,
    // however late the machine runs (no hang-up time to guess against the read-back's length).
    const stepOf = (channelId: string) => system.app.registry.get(channelId)?.lastStep ?? '';
    const hangsUpIn: Record<Where, (step: string) => boolean> = {
      answer: () => false,
      main: (step) => step.startsWith('main:'),
      ulasim: (step) => step.startsWith('ulasim:'),
      readback: (step) => step === 'readback',
      queue: () => false,
    };
    const digitFor: Partial<Record<Where, string>> = { ulasim: '1', readback: '2', queue: '2' };
    const calls = plan.map((where, i) => {
      let prompts = 0;
      return system.sim.placeCall({
        callerNumber: `0532100${String(i).padStart(4, '0')}`,
        // At the answer, before alo153 can have played anything.
        script: where === 'answer' ? [{ afterMs: 0, hangup: true }] : [],
        onPrompt: (_media, call) => {
          prompts += 1;
          const digit = digitFor[where];
          // A digit during the welcome is a main-menu choice.
          if (prompts === 1 && digit) call.sendDigit(digit);
          else if (hangsUpIn[where](stepOf(call.channelId))) call.hangup();
        },
      });
    });
    // The queued callers hang up once alo153 has handed them over (an agent may have answered meanwhile).
    const stored = await Promise.all(
      calls.map(async (call, i) => {
        const ended = await endedCall(call.channelId);
        if (plan[i] === 'queue') call.hangup();
        await call.ended;
        return ended;
      }),
    );
    const numbers = stored.map((c) => c.ticketNumber);
    expect(new Set(numbers).size).to.equal(plan.length);
    expect(numbers.every((n) => n !== null)).to.equal(true);
    const where = stored.map((c) => (c.outcome === 'handed-to-queue' || c.outcome === 'answered' ? 'queue' : (c.lastStep ?? '').replace(/:.*/, '')));
    // Hung up at the answer: alo153 may have heard it before or after the answer's reply.
    expect(where.map((w, i) => (plan[i] === 'answer' && (w === 'answering' || w === 'main') ? 'answer' : w))).to.deep.equal(plan);
    expect(stored.filter((c) => c.outcome !== null && c.outcome !== 'handed-to-queue' && c.outcome !== 'answered').map((c) => c.outcome)).to.deep.equal(
      Array.from({ length: 12 }, () => 'abandoned-in-ivr'),
    );
    await waitFor(() => system.app.tickets.pendingWrites() === 0, 3000, 'ticket writes');
    const count = async (kind: string) => Number((await system.app.db('ticket_events').count<{ n: number }[]>({ n: '*' }).where({ kind }))[0]!.n);
    expect(await count('opened')).to.equal(plan.length);
    expect(await count('call-ended')).to.equal(plan.length);
  });

  it('opens 200 distinct tickets for 200 calls arriving at once and hands every one to its queue', async function () {
    this.timeout(60000);
    const calls = Array.from({ length: 200 }, (_, i) =>
      system.sim.placeCall({ callerNumber: `05330${String(i).padStart(6, '0')}`, script: [{ afterMs: 15000, digit: '0' }], hangupAfterMs: 3_000_000 }),
    );
    // One query a poll for all of them (200 pollers would keep the pool busy and slow the very writes awaited).
    await waitFor(
      async () => Number((await system.app.db('calls').whereNotNull('left_ivr_at').count<{ n: number }[]>({ n: '*' }))[0]!.n) === calls.length,
      40000,
      'every call to leave the IVR',
    );
    const stored = await Promise.all(calls.map(async (c) => (await system.app.store.getCallByChannel(c.channelId))!));
    const numbers = new Set(stored.map((c) => c.ticketNumber));
    expect(numbers.size).to.equal(200);
    const outcomes = stored.map((c) => `${c.outcome === 'answered' ? 'handed-to-queue' : c.outcome}:${c.queue}:${c.lastStep}`);
    expect(outcomes.filter((o) => o !== 'handed-to-queue:alo153-genel:transferred:alo153-genel')).to.deep.equal([]);
    const seqs = (await system.app.db('tickets').select('seq').orderBy('seq')).map((r: { seq: number }) => Number(r.seq));
    expect(seqs).to.deep.equal(Array.from({ length: 200 }, (_, i) => i + 1));
  });
});

/** What app_queue made of the call, on the call record: from AMI, after the call left alo153. */
describe('the call record after the IVR, through the simulator', function () {
  this.timeout(30000);
  let system: System;

  beforeEach(async () => {
    system = await startSystem({ agents: 1, agentAnswerAfterMs: 2000, agentTalkMs: 5000 });
  });

  afterEach(async () => {
    await system.stop();
  });

  async function settledCall(channelId: string, done: (call: CallView) => boolean): Promise<CallView> {
    let call: CallView | undefined;
    await waitFor(
      async () => {
        call = await system.app.store.getCallByChannel(channelId);
        return call !== undefined && done(call);
      },
      15000,
      `call ${channelId} to settle`,
    );
    return call!;
  }

  it('keeps when an answered call left the IVR and when it really ended, who answered after how long, and the talk time', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234567', script: [{ afterMs: 3000, digit: '0' }] });
    // Queue(…,tc): after the agent's hang-up the caller is back in alo153 (number once more, goodbye), which hangs up.
    expect((await placed.ended).cause).to.equal('app');
    const call = await settledCall(placed.channelId, (c) => c.endedAt !== null && c.talkS !== null);
    expect(call).to.include({ outcome: 'answered', queue: 'alo153-genel', agent: 'PJSIP/agent1', agentName: 'Ajan 1' });
    expect(call.waitS).to.be.a('number').and.to.be.at.least(0);
    expect(call.talkS).to.be.a('number').and.to.be.at.least(0);
    expect(call.leftIvrAt, 'left the IVR').to.be.instanceOf(Date);
    // Both are the PBX's times (the StasisEnd's, AMI's AgentConnect), however late a busy alo153 read the StasisEnd.
    expect(call.agentConnectedAt!.getTime()).to.be.at.least(call.leftIvrAt!.getTime());
    expect(call.endedAt!.getTime()).to.be.at.least(call.agentConnectedAt!.getTime());
    // The talk (5 s simulated = 50 ms real) happened between the answer and the end.
    expect(call.endedAt!.getTime() - call.agentConnectedAt!.getTime()).to.be.at.least(30);

    const ticket = await system.app.store.getTicket(call.ticketNumber!);
    expect(ticket?.callIds).to.deep.equal([call.id]);
    expect(ticket?.calls[0]).to.deep.include({ id: call.id, outcome: 'answered', agent: 'PJSIP/agent1', waitS: call.waitS, talkS: call.talkS });
    // AgentComplete gave the first end; the caller's Hangup, a few ms later, may have refined it meanwhile.
    expect(ticket?.calls[0]?.endedAt?.getTime()).to.be.at.least(call.endedAt!.getTime());
  });

  it('records a caller who gave up in the queue as abandoned-in-queue after N s, ended when they hung up', async () => {
    system.sim.removeAgent('PJSIP/agent1');
    const placed = system.sim.placeCall({ callerNumber: '05321234568', script: [{ afterMs: 3000, digit: '0' }], hangupAfterMs: 60_000 });
    await placed.ended;
    const call = await settledCall(placed.channelId, (c) => c.outcome === 'abandoned-in-queue' && c.endedAt !== null);
    expect(call).to.include({ agent: null, agentConnectedAt: null, talkS: null, queue: 'alo153-genel' });
    expect(call.waitS).to.be.a('number').and.to.be.at.least(0);
    expect(call.endedAt!.getTime()).to.be.above(call.leftIvrAt!.getTime());
    const ticket = await system.app.store.getTicket(call.ticketNumber!);
    expect(ticket?.events.find((event) => event.kind === 'abandoned-in-queue')?.data).to.deep.equal({ queue: 'alo153-genel', waitS: call.waitS });
  });

  it('ends a call that timed out of the queue when Asterisk hung it up (only the AMI Hangup tells)', async () => {
    system.sim.removeAgent('PJSIP/agent1');
    // Queue(…,300) gives up after 300 s simulated (3 s here); the fallback apologises and hangs up.
    const placed = system.sim.placeCall({ callerNumber: '05321234570', script: [{ afterMs: 3000, digit: '0' }] });
    await placed.ended;
    const call = await settledCall(placed.channelId, (c) => c.endedAt !== null);
    expect(call).to.include({ outcome: 'handed-to-queue', agent: null, waitS: null });
    expect(call.endedAt!.getTime() - call.leftIvrAt!.getTime()).to.be.at.least(2900);
  });

  it('ends a call hung up in the IVR when it left the IVR, with no queue outcome', async () => {
    const placed = system.sim.placeCall({ callerNumber: '05321234569', script: [{ afterMs: 8000, hangup: true }] });
    await placed.ended;
    const call = await settledCall(placed.channelId, (c) => c.outcome !== null);
    expect(call).to.include({ outcome: 'abandoned-in-ivr', agent: null, waitS: null, talkS: null, queue: null });
    expect(call.endedAt?.getTime()).to.equal(call.leftIvrAt?.getTime());
  });
});
