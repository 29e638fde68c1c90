import { expect } from 'chai';
import type { DeskState } from '../../src/agents/desk-protocol.js';
import { signIn, startSystem, waitFor, type SignedIn, type System } from '../support/system.js';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Forged requests as a page on another port of the same host (or a sibling subdomain) sends them: the
 * SameSite=Strict session cookie travels along, so only Origin / Sec-Fetch-Site and the body type stop them.
 */
describe('state-changing HTTP routes refuse requests from other pages', function () {
  this.timeout(30000);
  let system: System;
  let own: string;
  let foreign: string;

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    system.sim.addAgent({ interface: 'PJSIP/agent7', name: 'Masa', answerAfterMs: 5000, talkMs: 1_000_000 });
    own = system.app.url;
    foreign = `http://127.0.0.1:${Number(new URL(own).port) + 1}`;
  });

  afterEach(async () => {
    await system.stop();
  });

  /** A request with the victim's session cookie, as the browser sends it along. */
  const send = async (method: string, path: string, who: SignedIn, headers: Record<string, string>, body?: string): Promise<Reply> => {
    const response = await fetch(`${own}${path}`, { method, headers: { cookie: `alo153_session=${who.token}`, ...headers }, body });
    const text = await response.text();
    return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>) };
  };
  const ownPage = () => ({ origin: own, 'sec-fetch-site': 'same-origin' });
  const json = { 'content-type': 'application/json' };
  const deskState = async (who: SignedIn): Promise<DeskState> => (await send('GET', '/api/desk/state', who, {})).body as unknown as DeskState;
  const sessionKinds = async (who: SignedIn): Promise<string[]> =>
    (await system.app.db('agent_sessions').where({ user_id: who.userId }).orderBy('id')).map((row: { kind: string }) => row.kind);

  const loggedInAgent = async (): Promise<SignedIn> => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    expect((await send('POST', '/api/desk/login', agent, ownPage())).status).to.equal(200);
    await waitFor(async () => (await deskState(agent)).loggedIn, 5000, 'the agent in its queues');
    return agent;
  };

  it('desk: a logout, break or login from another port, from Sec-Fetch-Site same-site or as text/plain leaves the agent in its queues', async () => {
    const agent = await loggedInAgent();
    const queues = (await deskState(agent)).queues;
    expect(queues.length).to.be.greaterThan(0);

    const refused: Array<[string, Reply, number]> = [
      ['no-cors logout from another port', await send('POST', '/api/desk/logout', agent, { origin: foreign, 'sec-fetch-site': 'same-site' }), 403],
      ['logout, Origin only', await send('POST', '/api/desk/logout', agent, { origin: foreign }), 403],
      ['logout, Sec-Fetch-Site same-site only', await send('POST', '/api/desk/logout', agent, { 'sec-fetch-site': 'same-site' }), 403],
      ['logout, Sec-Fetch-Site cross-site only', await send('POST', '/api/desk/logout', agent, { 'sec-fetch-site': 'cross-site' }), 403],
      ['text/plain logout', await send('POST', '/api/desk/logout', agent, { 'content-type': 'text/plain;charset=UTF-8' }, '{}'), 415],
      ['text/plain break', await send('POST', '/api/desk/pause', agent, { 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify({ reason: 'yemek' })), 415],
      ['break from another port', await send('POST', '/api/desk/pause', agent, { origin: foreign, ...json }, JSON.stringify({ reason: 'yemek' })), 403],
    ];
    for (const [what, reply, status] of refused) {
      expect(reply.status, what).to.equal(status);
      expect(reply.body.details, what).to.deep.include({ code: status === 403 ? 'cross-origin' : 'unsupported-media-type' });
    }
    const after = await deskState(agent);
    expect(after).to.deep.include({ loggedIn: true, paused: false });
    expect(after.queues).to.deep.equal(queues);
    expect(await sessionKinds(agent)).to.deep.equal(['login']);

    expect((await send('POST', '/api/desk/logout', agent, ownPage())).status).to.equal(200);
    expect((await send('POST', '/api/desk/login', agent, { origin: foreign })).status).to.equal(403);
    expect((await deskState(agent)).loggedIn).to.equal(false);
    expect(await sessionKinds(agent)).to.deep.equal(['login', 'logout']);
  });

  it('supervisor: a forced logout or break from another page is refused, and works from the wallboard\'s own origin', async () => {
    const agent = await loggedInAgent();
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    const force = (action: string, headers: Record<string, string>, body?: string) => send('POST', `/api/agents/${agent.userId}/${action}`, supervisor, headers, body);

    expect((await force('logout', { origin: foreign })).status).to.equal(403);
    expect((await force('logout', { 'sec-fetch-site': 'same-site' })).status).to.equal(403);
    expect((await force('logout', { 'content-type': 'text/plain;charset=UTF-8' }, '')).status).to.equal(415);
    expect((await force('pause', { 'content-type': 'text/plain;charset=UTF-8' }, JSON.stringify({ reason: 'egitim' }))).status).to.equal(415);
    expect((await force('pause', { origin: foreign, ...json }, JSON.stringify({ reason: 'egitim' }))).status).to.equal(403);
    expect(await deskState(agent)).to.deep.include({ loggedIn: true, paused: false });
    expect(await sessionKinds(agent)).to.deep.equal(['login']);

    expect((await force('logout', ownPage())).status).to.equal(200);
    await waitFor(async () => !(await deskState(agent)).loggedIn, 5000, 'the forced logout');
  });

  it('tickets: a create or edit from another page or as text/plain changes no ticket', async () => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    const created = await send('POST', '/api/tickets', agent, { ...ownPage(), ...json }, JSON.stringify({ description: 'Sokak lambası yanmıyor' }));
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const number = String(created.body.number);
    const version = Number(created.body.version);
    const total = async () => Number((await send('GET', '/api/tickets', agent, {})).body.total);
    const before = await total();
    const edit = JSON.stringify({ version, changes: { district: 'Talas' } });

    expect((await send('POST', '/api/tickets', agent, { origin: foreign, ...json }, JSON.stringify({ description: 'sahte' }))).status).to.equal(403);
    expect((await send('POST', '/api/tickets', agent, { 'content-type': 'text/plain' }, JSON.stringify({ description: 'sahte' }))).status).to.equal(415);
    expect((await send('PATCH', `/api/tickets/${number}`, agent, { origin: foreign, ...json }, edit)).status).to.equal(403);
    expect((await send('PATCH', `/api/tickets/${number}`, agent, { 'sec-fetch-site': 'cross-site', ...json }, edit)).status).to.equal(403);
    expect((await send('PATCH', `/api/tickets/${number}`, agent, { 'content-type': 'text/plain' }, edit)).status).to.equal(415);
    expect(await total()).to.equal(before);
    const unchanged = await system.app.store.findTicket(number);
    expect(unchanged).to.deep.include({ version, district: null });

    const saved = await send('PATCH', `/api/tickets/${number}`, agent, { ...ownPage(), ...json }, edit);
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body).to.include({ district: 'Talas' });
  });

  it('auth: a logout from another page leaves the session working; one from our page ends it', async () => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    expect((await send('POST', '/api/auth/logout', agent, { origin: foreign })).status).to.equal(403);
    expect((await send('GET', '/api/auth/me', agent, {})).status).to.equal(200);
    const login = await fetch(`${own}/api/auth/login`, { method: 'POST', headers: { origin: foreign, ...json }, body: JSON.stringify({ username: 'ajan7', password: 'yanlış' }) });
    expect(login.status).to.equal(403);
    expect((await send('POST', '/api/auth/logout', agent, ownPage())).status).to.equal(204);
    expect((await send('GET', '/api/auth/me', agent, {})).status).to.equal(401);
  });
});
