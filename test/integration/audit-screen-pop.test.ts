import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { ScreenPop } from '../../src/agents/desk-protocol.js';
import { pressOnPrompt, RETURNING_OFFER } from '../../src/simulator/prompt-keys.js';
import { signIn, startSystem, waitFor, type SignedIn, type System } from '../support/system.js';

interface AuditItem {
  user: { id: number; username: string };
  kind: string;
  tickets: string[];
  address: string | null;
  detail: Record<string, unknown> | null;
}

describe('KVKK access log over the simulator: screen pops and the running server', function () {
  this.timeout(40_000);
  let system: System;
  const sockets: Socket[] = [];
  const desk = (who: SignedIn): { pops: ScreenPop[] } => {
    const socket = connect(system.app.url, { auth: { token: who.token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    const screen = { pops: [] as ScreenPop[] };
    socket.on('desk:pop', (pop: ScreenPop) => screen.pops.push(pop));
    return screen;
  };
  const audit = async (admin: SignedIn, query: string): Promise<AuditItem[]> => {
    await system.app.audit.flush();
    const response = await fetch(`${system.app.url}/api/audit?${query}`, { headers: { authorization: `Bearer ${admin.token}` } });
    expect(response.status).to.equal(200);
    return ((await response.json()) as { items: AuditItem[] }).items;
  };

  beforeEach(async () => {
    system = await startSystem({ agents: 1, agentAnswerAfterMs: 5000, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await system.stop();
  });

  it('records each pop shown to a desk, with the socket address, the ticket and the earlier tickets', async () => {
    const agent = await signIn(system, 'agent', 'ajan1', 'PJSIP/agent1');
    const admin = await signIn(system, 'admin', 'yonetici');
    const first = desk(agent);
    // Ulaşım, Kentkart by what she hears; her second call offers the first ticket, still open, before the menu
    // (unless the lookup lost the race with the welcome) and she asks for a new request.
    const keys = { [RETURNING_OFFER]: '2', 'sound:alo153/main-menu': '1', 'sound:alo153/menu-ulasim': '2' };
    const call = () => system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', onPrompt: pressOnPrompt(keys), hangupAfterMs: 3_000_000 });
    const earlier = call();
    await waitFor(() => first.pops.length === 1, 15_000, 'the first pop');
    earlier.hangup();
    await waitFor(() => system.app.pops.currentFor(agent.userId) === undefined, 15_000, 'the first call over');
    call();
    await waitFor(() => first.pops.length === 2, 15_000, 'the second pop');
    const pop = first.pops[1]!;

    const items = await audit(admin, 'kind=screen-pop');
    expect(items).to.have.length(2);
    expect(items[0]).to.deep.include({ user: { id: agent.userId, username: 'ajan1' }, kind: 'screen-pop', tickets: [pop.ticket!.number, first.pops[0]!.ticket!.number] });
    expect(items[0]!.address).to.match(/127\.0\.0\.1$/);
    expect(items[0]!.detail).to.deep.include({ uniqueid: pop.uniqueid, queue: 'alo153-kentkart' });
    expect(JSON.stringify(items)).not.to.include('1234567');

    // The same desk again (a reconnect, GET /api/desk/pop) shows nothing new; a supervisor's list shows the call to someone new.
    const second = desk(agent);
    await waitFor(() => second.pops.length === 1, 5000, 'the pop on the new desk');
    const asAgent = await fetch(`${system.app.url}/api/desk/pop`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(((await asAgent.json()) as ScreenPop).uniqueid).to.equal(pop.uniqueid);
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    for (let poll = 0; poll < 3; poll += 1) {
      const list = await fetch(`${system.app.url}/api/agents`, { headers: { authorization: `Bearer ${supervisor.token}` } });
      const agents = ((await list.json()) as { items: Array<{ pop: ScreenPop | null }> }).items;
      expect(agents.map((item) => item.pop?.uniqueid)).to.include(pop.uniqueid);
    }
    const again = await audit(admin, `kind=screen-pop&ticket=${pop.ticket!.number}`);
    expect(again.map((item) => item.user.username)).to.deep.equal(['nuray', 'ajan1']);
  });

  it('records reads through the running server and writes them at shutdown', async () => {
    const agent = await signIn(system, 'agent', 'ajan7');
    const admin = await signIn(system, 'admin', 'yonetici');
    const agentsView = await fetch(`${system.app.url}/api/audit`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(agentsView.status).to.equal(403);
    const channel = system.sim.placeCall({ callerNumber: '03522223344', callerName: 'Kayseri', script: [], hangupAfterMs: 3_000_000 });
    let number: string | null = null;
    await waitFor(async () => {
      number = (await system.app.store.getCallByChannel(channel.channelId))?.ticketNumber ?? null;
      return number !== null;
    }, 15_000, 'the ticket of the call');
    const read = await fetch(`${system.app.url}/api/tickets/${number!}`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(read.status).to.equal(200);
    expect((await audit(admin, `ticket=${number!}`)).map((item) => [item.kind, item.user.username])).to.deep.equal([['ticket-read', 'ajan7']]);

    await fetch(`${system.app.url}/api/tickets/${number!}`, { headers: { authorization: `Bearer ${agent.token}` } });
    const before = system.app.audit.stats.written;
    await system.app.stop();
    expect(system.app.audit.stats).to.deep.include({ written: before + 1, pending: 0, dropped: 0 });
  });
});
