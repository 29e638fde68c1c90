import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { DeskState, ScreenPop } from '../../src/agents/desk-protocol.js';
import { pressOnPrompt, RETURNING_OFFER } from '../../src/simulator/prompt-keys.js';
import { signIn, startSystem, waitFor, type SignedIn, type System } from '../support/system.js';

/** An agent's desk socket: the latest desk:state and every pop. */
class Desk {
  readonly socket: Socket;
  state: DeskState | undefined;
  readonly pops: Array<{ pop: ScreenPop; at: number }> = [];

  constructor(url: string, token: string) {
    this.socket = connect(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    this.socket.on('desk:state', (state: DeskState) => (this.state = state));
    this.socket.on('desk:pop', (pop: ScreenPop) => this.pops.push({ pop, at: Date.now() }));
  }

  close(): void {
    this.socket.close();
  }
}

describe('agent desk: queue login, breaks and screen pops over the simulator', function () {
  this.timeout(30000);
  let system: System;
  const desks: Desk[] = [];
  const desk = (who: SignedIn): Desk => {
    const created = new Desk(system.app.url, who.token);
    desks.push(created);
    return created;
  };
  const post = async (who: SignedIn, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${system.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const kentkartCall = (callerNumber = '05321234567') =>
    system.sim.placeCall({ callerNumber, callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });

  beforeEach(async () => {
    // agent1 is a static member (queues.conf) with a synthetic phone; agent7 is a desk user's softphone in no queue yet.
    system = await startSystem({ agents: 1, agentAnswerAfterMs: 5000, agentTalkMs: 1_000_000 });
    system.sim.addAgent({ interface: 'PJSIP/agent7', name: 'Masa', answerAfterMs: 5000, talkMs: 1_000_000 });
  });

  afterEach(async () => {
    for (const created of desks.splice(0)) created.close();
    await system.stop();
  });

  it('logs a desk user into every queue, takes a break with a reason, and logs out; the sessions are stored', async () => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    const screen = desk(agent);
    await waitFor(() => screen.state !== undefined, 3000, 'the first desk:state');
    expect(screen.state).to.deep.include({ loggedIn: false, pending: null });

    const login = await post(agent, '/api/desk/login');
    expect(login.status).to.equal(200);
    await waitFor(() => screen.state?.loggedIn === true && screen.state.boardState === 'ready', 3000, 'ready on the desk');
    expect(screen.state!.queues).to.include.members(['alo153-genel', 'alo153-kentkart']);

    expect((await post(agent, '/api/desk/pause', { reason: 'yemek' })).status).to.equal(200);
    await waitFor(() => screen.state?.paused === true, 3000, 'the break on the desk');
    expect(screen.state).to.deep.include({ reason: 'yemek', boardState: 'paused' });
    expect((await post(agent, '/api/desk/pause', { reason: 'uyku' })).status).to.equal(400);
    expect((await post(agent, '/api/desk/unpause')).status).to.equal(200);
    expect((await post(agent, '/api/desk/logout')).status).to.equal(200);
    await waitFor(() => screen.state?.loggedIn === false, 3000, 'logged out on the desk');

    const rows: Array<{ kind: string; reason: string | null; actor: string }> = await system.app.db('agent_sessions').where({ user_id: agent.userId }).orderBy('id');
    expect(rows.map((row) => [row.kind, row.reason, row.actor])).to.deep.equal([
      ['login', null, 'user:ajan7'],
      ['pause', 'yemek', 'user:ajan7'],
      ['unpause', null, 'user:ajan7'],
      ['logout', null, 'user:ajan7'],
    ]);
  });

  it('pops the call with its IVR path, ticket and the caller\'s earlier tickets to the answering agent only', async () => {
    const agent1 = await signIn(system, 'agent', 'ajan1', 'PJSIP/agent1');
    const other = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    const mine = desk(agent1);
    const theirs = desk(other);
    await waitFor(() => mine.state !== undefined && theirs.state !== undefined, 3000, 'both desks connected');

    const first = kentkartCall();
    await waitFor(() => mine.pops.length === 1, 10000, 'the first pop');
    first.hangup();
    await waitFor(() => mine.state?.currentCall === null, 10000, 'the first call over');
    // Her first ticket is still open: the second call offers it before the main menu (unless the lookup lost the
    // race with the welcome); she asks for a new request (2), then takes the menu as before.
    const heard: string[] = [];
    system.sim.placeCall({
      callerNumber: '05321234567',
      callerName: 'Gülşen Çağlar',
      onPrompt: pressOnPrompt({ [RETURNING_OFFER]: '2', 'sound:alo153/main-menu': '1', 'sound:alo153/menu-ulasim': '2' }, heard),
      hangupAfterMs: 3_000_000,
    });
    await waitFor(() => mine.pops.length === 2, 10000, 'the second pop');

    const { pop } = mine.pops[1]!;
    expect(pop).to.deep.include({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', queue: 'alo153-kentkart', agentInterface: 'PJSIP/agent1' });
    const offered = heard.includes(RETURNING_OFFER) ? ['Açık başvuru: yeni talep'] : [];
    expect(pop.ivrChoices).to.deep.equal([...offered, 'Ulaşım', 'Kentkart / seyahat kartı']);
    expect(pop.ticket?.number).to.match(/^153-\d{4}-000002$/);
    expect(pop.history.map((ticket) => ticket.number)).to.deep.equal([mine.pops[0]!.pop.ticket!.number]);
    expect(theirs.pops).to.deep.equal([]);
    // The owner is written after the pop is sent (the pop does not wait for it).
    await waitFor(async () => (await system.app.store.findTicket(pop.ticket!.number))?.ownerUserId !== null, 3000, 'the ticket owner written');
    expect((await system.app.store.findTicket(pop.ticket!.number))?.ownerUserId).to.equal(agent1.userId);
  });

  it('gives a desk that reconnects during the call the current call again', async () => {
    const agent1 = await signIn(system, 'agent', 'ajan1', 'PJSIP/agent1');
    const before = desk(agent1);
    kentkartCall();
    await waitFor(() => before.pops.length === 1, 10000, 'the pop');
    before.close();
    const after = desk(agent1);
    await waitFor(() => after.pops.length === 1, 3000, 'the pop again after reconnecting');
    expect(after.pops[0]!.pop.uniqueid).to.equal(before.pops[0]!.pop.uniqueid);
    expect(after.state?.currentCall).to.equal(before.pops[0]!.pop.uniqueid);
    const response = await fetch(`${system.app.url}/api/desk/pop`, { headers: { authorization: `Bearer ${agent1.token}` } });
    expect(((await response.json()) as ScreenPop).uniqueid).to.equal(before.pops[0]!.pop.uniqueid);
  });

  it('survives a pop for an interface no user has', async () => {
    kentkartCall();
    await waitFor(() => system.app.pops.stats.noUser === 1, 10000, 'the unclaimed pop counted');
    expect((await fetch(`${system.app.url}/healthz`)).status).to.equal(200);
  });

  it('says AMI is down at login, keeps the request, and logs in when AMI is back', async () => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    const screen = desk(agent);
    await waitFor(() => screen.state !== undefined, 3000, 'the first desk:state');
    system.sim.setAmiAvailable(false);
    await waitFor(() => system.app.ami.state !== 'connected', 3000, 'AMI down');
    const login = await post(agent, '/api/desk/login');
    expect(login.status).to.equal(202);
    expect(login.body.pending).to.deep.include({ action: 'login' });
    await waitFor(() => screen.state?.pending?.action === 'login', 3000, 'the pending notice on the desk');
    system.sim.setAmiAvailable(true);
    await waitFor(() => screen.state?.loggedIn === true && screen.state.pending === null, 10000, 'logged in once AMI is back');
  });

  it('lets a supervisor see every desk and force a break or a logout; an agent cannot', async () => {
    const agent = await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    await post(agent, '/api/desk/login');
    expect((await post(agent, `/api/agents/${agent.userId}/pause`, { reason: 'mola' })).status).to.equal(403);
    const forced = await post(supervisor, `/api/agents/${agent.userId}/pause`, { reason: 'toplantı' });
    expect(forced.status).to.equal(200);
    expect(forced.body).to.deep.include({ paused: true, reason: 'toplantı' });
    const list = await fetch(`${system.app.url}/api/agents`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    const items = ((await list.json()) as { items: Array<{ user: { username: string }; state: DeskState }> }).items;
    expect(items.find((item) => item.user.username === 'ajan7')?.state).to.deep.include({ paused: true, reason: 'toplantı' });
    expect((await post(supervisor, `/api/agents/${agent.userId}/logout`)).status).to.equal(200);
    const rows: Array<{ kind: string; actor: string }> = await system.app.db('agent_sessions').where({ user_id: agent.userId }).orderBy('id');
    expect(rows.map((row) => `${row.kind}:${row.actor}`)).to.deep.equal(['login:user:ajan7', 'pause:user:nuray', 'logout:user:nuray']);

    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const report = await fetch(`${system.app.url}/api/agents/${agent.userId}/sessions?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    const body = (await report.json()) as { items: Array<{ kind: string; reason: string | null }> };
    expect(body.items.map((item) => `${item.kind}:${item.reason ?? ''}`)).to.deep.equal(['login:', 'pause:toplantı', 'logout:']);
    const asAgent = await fetch(`${system.app.url}/api/agents/${agent.userId}/sessions?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(asAgent.status).to.equal(403);
    const badPeriod = await fetch(`${system.app.url}/api/agents/${agent.userId}/sessions?from=${to}&to=${from}`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(badPeriod.status).to.equal(400);
  });
});
