import { expect } from 'chai';
import { KnexAccessLogStore } from '../../src/audit/access-log-store-knex.js';
import { startSmsc, type Smsc } from '../../src/simulator/smsc/smsc-server.js';
import { toDbTime } from '../../src/storage/time.js';
import { testEngine } from '../support/db.js';
import { SMSC_LOGIN } from '../support/sms.js';
import { signIn, startSystem, TEST_PASSWORD, waitForCallEnd, waitFor, type SignedIn, type System } from '../support/system.js';

const DAY = 86_400_000;
const DESK_PHONE = 'PJSIP/agent7';
const CITIZEN = '05321234567';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * The lifecycle's whole loop through HTTP only, on the engine of ALO153_TEST_DB: the same flows the Chromium
 * tests drive on the screens (test/browser/lifecycle-*.test.ts), against the simulator and the test SMSC.
 */
describe(`the request lifecycle over HTTP, end to end (${testEngine()})`, function () {
  this.timeout(60_000);
  let system: System;
  let smsc: Smsc;
  let agent: SignedIn;
  let unit: SignedIn;
  let supervisor: SignedIn;

  before(async () => {
    smsc = await startSmsc({ ...SMSC_LOGIN, receiptDelayMs: 20 });
    system = await startSystem({ agents: 0, smsc: { port: smsc.port, ...SMSC_LOGIN }, config: { lifecycle: { escalationCheckMs: 200 } } });
    system.sim.addAgent({ interface: DESK_PHONE, name: 'Zeynep Kılıç', answerAfterMs: 10_000, talkMs: 100_000_000 });
    agent = await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    await system.app.auth.users.create({ username: 'ulasim', displayName: 'Ulaşım', role: 'department', password: TEST_PASSWORD, department: 'kayseri-ulasim' });
    const login = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ulasim', password: TEST_PASSWORD }) });
    unit = { token: ((await login.json()) as { token: string }).token, userId: 0, username: 'ulasim' };
    supervisor = await signIn(system, 'supervisor', 'nuray');
  });

  after(async () => {
    await system?.stop();
    await smsc?.close();
  });

  async function api(who: SignedIn, method: string, path: string, body?: unknown): Promise<Reply> {
    const response = await fetch(`${system.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
  }
  async function act(who: SignedIn, number: string, body: Record<string, unknown>): Promise<Reply> {
    const current = await api(agent, 'GET', `/api/tickets/${number}`);
    const reply = await api(who, 'POST', `/api/tickets/${number}/actions`, { version: current.body.version, ...body });
    expect(reply.status, JSON.stringify(reply.body)).to.equal(200);
    return reply;
  }
  const kinds = async (number: string) => ((await api(agent, 'GET', `/api/tickets/${number}`)).body.events as Array<{ kind: string }>).map((event) => event.kind);
  const relayNumbers = async () => ((await api(agent, 'GET', '/api/relay')).body.tickets as Array<{ number: string }>).map((item) => item.number);
  const deskTicket = async (callerNumber = CITIZEN, source = 'desk'): Promise<string> => {
    const created = await api(agent, 'POST', '/api/tickets', { source, outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', callerNumber, description: 'Kart bakiyesi görünmüyor.' });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    return String(created.body.number);
  };

  it('a: call → IVR → ticket → forward → accept, answer → relay list → callback answered → informed', async () => {
    expect((await api(agent, 'POST', '/api/desk/login', {})).status).to.equal(200);
    const call = system.sim.placeCall({ callerNumber: CITIZEN, callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    const stored = await waitForCallEnd(system, call.channelId);
    const number = stored.ticketNumber!;
    await waitFor(async () => (await system.app.store.getCallByChannel(call.channelId))?.agent === DESK_PHONE, 10_000, 'the agent to take the call');
    await act(agent, number, { action: 'forward', department: 'kayseri-ulasim' });
    call.hangup();
    expect(await relayNumbers()).not.to.include(number);

    await act(unit, number, { action: 'accept' });
    await act(unit, number, { action: 'answer', text: 'Bakiye kartınıza tanımlandı.' });
    const relay = await api(agent, 'GET', '/api/relay');
    const listed = (relay.body.tickets as Array<Record<string, unknown>>).find((item) => item.number === number);
    expect(listed).to.include({ status: 'answered', text: 'Bakiye kartınıza tanımlandı.', callerNumber: CITIZEN, contactAttempts: 0, smsPossible: true });
    expect(system.app.hub.snapshot('relay').entries[`ticket:${number}`]).to.include({ caller: '*********67' });
    await system.app.audit.flush();
    const reads = await new KnexAccessLogStore(system.app.db).list({ ticket: number, kind: 'search', limit: 10, offset: 0 });
    expect(reads.items.some((row) => row.detail?.list === 'relay' && row.user.username === 'zeynep')).to.equal(true);
    expect((await api(unit, 'GET', '/api/relay')).status).to.equal(403);

    system.sim.setTrunk(CITIZEN, { result: 'answer', ringMs: 10_000, talkMs: 50_000 });
    const started = await api(agent, 'POST', '/api/callbacks', { ticketNumber: number });
    expect(started.status, JSON.stringify(started.body)).to.equal(202);
    let attempt: Reply | undefined;
    await waitFor(async () => (attempt = await api(agent, 'GET', `/api/callbacks/${String(started.body.attemptId)}`)).body.status === 'ended', 15_000, 'the callback to end');
    expect(attempt!.body.outcome).to.equal('answered');
    await waitFor(async () => (await kinds(number)).includes('callback-attempt'), 5000, 'the callback noted');

    const informed = await act(agent, number, { action: 'inform', channel: 'phone' });
    expect(informed.body).to.include({ status: 'closed', closeReason: 'informed' });
    expect(await relayNumbers()).not.to.include(number);
    const steps = ['opened', 'forwarded', 'accepted', 'answered', 'callback-attempt', 'informed'];
    expect((await kinds(number)).filter((kind) => steps.includes(kind))).to.deep.equal(steps);
  });

  it('b: answered → POST /api/tickets/:number/sms → UCS-2 at the SMSC → receipt noted → informed by SMS; landlines refused', async () => {
    const number = await deskTicket();
    await act(unit, number, { action: 'answer', text: 'Kartınız yenilendi; Çarşı şubesinden alabilirsiniz.' });
    const before = smsc.messages().length;
    const sent = await api(agent, 'POST', `/api/tickets/${number}/sms`, {});
    expect(sent.status, JSON.stringify(sent.body)).to.equal(202);
    expect(sent.body).to.include({ queued: true, duplicate: false, template: 'answer-ready' });
    expect((await api(agent, 'POST', `/api/tickets/${number}/sms`, {})).body).to.include({ duplicate: true });
    const text = `Alo 153: ${number} numaralı talebinize ilgili birimin cevabı: Kartınız yenilendi; Çarşı şubesinden alabilirsiniz.`;
    await waitFor(() => smsc.messages().filter((message) => message.text === text).length === 2, 10_000, 'the automatic and the desk SMS');
    expect(smsc.messages().length).to.be.at.least(before + 1);
    expect(smsc.received.filter((part) => part.text.includes('Çarşı')).every((part) => part.dataCoding === 8)).to.equal(true);
    await waitFor(async () => (await kinds(number)).filter((kind) => kind === 'sms-delivered').length === 3, 10_000, 'opened, automatic and desk SMS delivered');
    expect(await kinds(number)).to.include('sms-requested');
    const informed = await act(agent, number, { action: 'inform', channel: 'sms' });
    expect(informed.body).to.include({ status: 'closed', closeReason: 'informed' });

    const landline = await deskTicket('03522221234');
    await act(unit, landline, { action: 'answer', text: 'Cevap' });
    const refused = await api(agent, 'POST', `/api/tickets/${landline}/sms`, {});
    expect(refused.status).to.equal(422);
    expect(refused.body.details).to.deep.include({ reason: 'not-mobile' });
    const closedOne = await api(agent, 'POST', `/api/tickets/${number}/sms`, {});
    expect(closedOne.status).to.equal(409);
    expect(closedOne.body.details).to.deep.include({ reason: 'not-in-relay' });
    expect((await api(unit, 'POST', `/api/tickets/${landline}/sms`, {})).status).to.equal(403);
    expect((await api(agent, 'POST', `/api/tickets/${landline}/sms`, { template: 'opened' })).status).to.equal(400);
  });

  it('c: a forwarded CİMER application past its deadline gets the overdue note and is on GET /api/escalations', async () => {
    const number = await deskTicket(CITIZEN, 'cimer');
    const row = (await system.app.db('tickets').where({ number }).first()) as Record<string, string | null>;
    const past = (iso: string | null | undefined) => (iso ? toDbTime(new Date(Date.parse(iso) - 16 * DAY)) : null);
    await system.app.db('tickets').where({ number }).update({ created_at: past(row.created_at), forwarded_at: past(row.forwarded_at), due_at: past(row.due_at), due_soon_at: past(row.due_soon_at), ack_due_at: past(row.ack_due_at) });
    await waitFor(async () => (await kinds(number)).includes('overdue'), 10_000, 'the overdue note');
    const escalations = await api(supervisor, 'GET', '/api/escalations?kind=overdue');
    expect((escalations.body.items as Array<{ number: string; source: string }>).find((item) => item.number === number)).to.include({ source: 'cimer' });
    expect((await api(agent, 'GET', '/api/escalations')).status).to.equal(403);
  });

  it('d: three not-reachable tries over two days close the ticket as unreachable', async () => {
    const number = await deskTicket();
    await act(unit, number, { action: 'answer', text: 'Cevap hazır.' });
    for (const daysAgo of [1, 2]) {
      await act(agent, number, { action: 'attempt', outcome: 'not-reachable' });
      await system.app.db('tickets').where({ number }).update({ first_attempt_at: toDbTime(new Date(Date.now() - daysAgo * DAY - 60_000)) });
    }
    expect((await relayNumbers()).includes(number)).to.equal(true);
    const last = await act(agent, number, { action: 'attempt', outcome: 'not-reachable' });
    expect(last.body).to.include({ status: 'closed', closeReason: 'unreachable', contactAttempts: 3 });
    expect((await kinds(number)).filter((kind) => kind === 'contact-attempt' || kind === 'closed-unreachable')).to.deep.equal(['contact-attempt', 'contact-attempt', 'contact-attempt', 'closed-unreachable']);
    expect(await relayNumbers()).not.to.include(number);
  });
});
