import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { CallbackAttempt } from '../../src/relay/callback/callback-ports.js';
import type { TrunkRule } from '../../src/simulator/index.js';
import { testEngine } from '../support/db.js';
import { signIn, startSystem, waitFor, type SignedIn, type System } from '../support/system.js';

const CITIZEN = '05321234567';

/** "Ara" on the desk, against the simulator over real ARI: each fault ends in a recorded attempt and nothing left bridged. */
describe(`callbacks over ARI (${testEngine()})`, function () {
  this.timeout(30000);
  let system: System;
  let agent: SignedIn;
  let ticketNumber: string;

  beforeEach(async () => {
    system = await startSystem({});
    system.sim.addAgent({ interface: 'PJSIP/agent1', name: 'Ajan 1', answerAfterMs: 500, talkMs: 1_000_000 });
    agent = await signIn(system, 'agent', undefined, 'PJSIP/agent1');
    const opened = await system.app.store.openCallTicket({ callId: randomUUID(), channelId: `test-${randomUUID()}`, callerNumber: `+9${CITIZEN}`, callerName: '', startedAt: new Date(), answeredAt: new Date() });
    ticketNumber = opened.ticketNumber;
  });

  afterEach(async () => {
    await system.stop();
  });

  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${system.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${agent.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  async function call(rule: TrunkRule): Promise<string> {
    system.sim.setTrunk(CITIZEN, rule);
    const response = await api('POST', '/api/callbacks', { ticketNumber });
    expect(response.status).to.equal(202);
    return ((await response.json()) as { attemptId: string }).attemptId;
  }

  async function ended(attemptId: string): Promise<Omit<CallbackAttempt, 'citizenNumber'>> {
    let attempt: Omit<CallbackAttempt, 'citizenNumber'> | undefined;
    await waitFor(
      async () => {
        const response = await api('GET', `/api/callbacks/${attemptId}`);
        attempt = response.status === 200 ? ((await response.json()) as Omit<CallbackAttempt, 'citizenNumber'>) : undefined;
        return attempt?.endedAt != null && !system.app.callbacks.service.isLive(attemptId);
      },
      15000,
      'the callback to end',
    );
    return attempt!;
  }

  const nothingLeft = async () => waitFor(() => system.sim.channels().length === 0 && system.sim.bridges().length === 0, 3000, 'no channel and no bridge left');

  it('rings the agent, bridges the citizen, and records answered with ring and talk times when the citizen hangs up', async () => {
    const id = await call({ result: 'answer', ringMs: 2000, talkMs: 100_000 });
    await waitFor(() => system.sim.bridges().some((b) => b.channels.length === 2), 5000, 'both legs in one bridge');
    const bridge = system.sim.bridges()[0]!;
    expect(bridge.type).to.equal('mixing');
    expect(bridge.channels).to.have.members([`cb-${id}-agent`, `cb-${id}-citizen`]);
    const attempt = await ended(id);
    expect(attempt).to.include({ outcome: 'answered', status: 'ended', ticketNumber, agentInterface: 'PJSIP/agent1', userId: agent.userId });
    expect(attempt.hangupCause).to.match(/^citizen: /);
    expect(attempt.agentAnsweredAt).to.be.a('string');
    expect(attempt.citizenAnsweredAt).to.be.a('string');
    expect(attempt).to.not.have.property('citizenNumber');
    await nothingLeft();
    const row = await system.app.callbacks.store.get(id);
    expect(row?.citizenNumber, 'dialled nationally').to.equal(CITIZEN);
    const list = (await (await api('GET', `/api/callbacks?ticket=${ticketNumber}`)).json()) as { items: Array<{ id: string }> };
    expect(list.items.map((item) => item.id)).to.deep.equal([id]);
  });

  it('records a busy citizen and hangs the agent up', async () => {
    const attempt = await ended(await call({ result: 'busy' }));
    expect(attempt).to.include({ outcome: 'busy', hangupCause: 'citizen: 17 User busy', talkS: null });
    await nothingLeft();
  });

  it('records no-answer when the citizen rings until the dial timeout', async () => {
    const attempt = await ended(await call({ result: 'no-answer' }));
    expect(attempt.outcome).to.equal('no-answer');
    expect(attempt.citizenAnsweredAt).to.equal(null);
    await nothingLeft();
  });

  it('records agent-no-answer when the agent does not pick up, and never dials the citizen', async () => {
    system.sim.setPhone('PJSIP/agent1', { noAnswer: true });
    const attempt = await ended(await call({ result: 'answer' }));
    expect(attempt).to.include({ outcome: 'agent-no-answer', agentAnsweredAt: null, ringS: null });
    await nothingLeft();
  });

  it('agent hanging up mid-bridge: the citizen is hung up and the bridge destroyed', async () => {
    system.sim.setPhone('PJSIP/agent1', { answerAfterMs: 300, hangupAfterMs: 20_000 });
    const attempt = await ended(await call({ result: 'answer', ringMs: 1000, talkMs: 1_000_000 }));
    expect(attempt.outcome).to.equal('answered');
    expect(attempt.hangupCause).to.match(/^agent: /);
    await nothingLeft();
  });

  it('a leg vanishing (ARI answers "Channel not found"): recorded as failed, nothing stays bridged', async () => {
    system.sim.setPhone('PJSIP/agent1', { answerAfterMs: 300, vanishOnAnswer: true });
    const attempt = await ended(await call({ result: 'answer' }));
    expect(attempt).to.include({ outcome: 'failed', hangupCause: 'channel gone during addAgent' });
    await nothingLeft();
  });

  it('ARI down when "Ara" is pressed: 503 with a code, and no attempt recorded', async () => {
    const restart = system.sim.restartAsterisk({ refuseMs: 1500, http404Ms: 10, notBootedMs: 10 });
    await waitFor(() => system.app.ari.state !== 'connected', 3000, 'ARI to go away');
    const response = await api('POST', '/api/callbacks', { ticketNumber });
    expect(response.status).to.equal(503);
    expect(await response.json()).to.deep.include({ details: { code: 'telephony-unavailable' } });
    const rows = await system.app.db('callback_attempts').count<{ n: number | string }[]>({ n: '*' });
    expect(Number(rows[0]?.n)).to.equal(0);
    await restart;
  });

  it('refuses bad bodies naming the field, an unknown ticket with 404, and an agent without a phone with its code', async () => {
    const bad = await api('POST', '/api/callbacks', { ticketNumber: 'nope' });
    expect(bad.status).to.equal(400);
    expect(JSON.stringify(await bad.json())).to.include('ticketNumber');
    expect((await api('POST', '/api/callbacks', { ticketNumber, callId: randomUUID() })).status).to.equal(400);
    expect((await api('POST', '/api/callbacks', { ticketNumber: '153-2026-999999' })).status).to.equal(404);
    const phoneless = await signIn(system, 'agent');
    const response = await fetch(`${system.app.url}/api/callbacks`, { method: 'POST', headers: { authorization: `Bearer ${phoneless.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ ticketNumber }) });
    expect(response.status).to.equal(409);
    expect(await response.json()).to.deep.include({ details: { code: 'no-phone-interface' } });
  });
});
