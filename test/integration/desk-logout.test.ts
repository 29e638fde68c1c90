import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { DeskLogoutResult, DeskState } from '../../src/agents/desk-protocol.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type SignedIn, type System } from '../support/system.js';

const CEVRE = 'alo153-cevre';
const GENEL = 'alo153-genel';
const HAYVAN = 'alo153-hayvan';
const KENTKART = 'alo153-kentkart';

/** The shipped queues.conf with the desk phone PJSIP/agent7 also listed as a static member of alo153-genel. */
function queuesConfWithStaticAgent7(): string {
  const shipped = readFileSync('dialplans/queues.conf', 'utf8');
  const lastGenelMember = 'member => PJSIP/agent4,1,Ajan 4,PJSIP/agent4\n';
  if (shipped.split(lastGenelMember).length !== 2) throw new Error('dialplans/queues.conf changed: find another place for the static member');
  return shipped.replace(lastGenelMember, `${lastGenelMember}member => PJSIP/agent7,1,Masa 7,PJSIP/agent7\n`);
}

const value = (message: AmiMessage, key: string): string | undefined => message.find(([name]) => name === key)?.[1];

describe('desk logout leaves every queue it can, and login joins only assigned queues (simulator, agent7 static in alo153-genel)', function () {
  this.timeout(30000);
  let system: System;
  let ami: AmiRawClient;
  const sockets: Socket[] = [];

  const post = async (who: SignedIn, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> => {
    const response = await fetch(`${system.app.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  /** The queues Asterisk (the simulator) lists PJSIP/agent7 in, asked with QueueStatus as an operator would. */
  let statusCount = 0;
  const queuesOfAgent7 = async (): Promise<string[]> => {
    const id = `status-${(statusCount += 1)}`;
    const from = ami.received.length;
    ami.send([['Action', 'QueueStatus'], ['Member', 'PJSIP/agent7'], ['ActionID', id]]);
    await ami.next((message) => value(message, 'Event') === 'QueueStatusComplete' && value(message, 'ActionID') === id, 5000, from);
    return ami.received
      .slice(from)
      .filter((message) => value(message, 'Event') === 'QueueMember' && value(message, 'ActionID') === id && value(message, 'Location') === 'PJSIP/agent7')
      .map((message) => `${value(message, 'Queue')}:${value(message, 'Membership')}`)
      .sort();
  };

  /** ajan7 with the desk phone PJSIP/agent7, assigned (by an admin) to cevre, genel and hayvan. */
  const agent7 = async (): Promise<SignedIn & { desk: () => DeskState | undefined }> => {
    const user = await system.app.auth.users.create({ username: 'ajan7', displayName: 'Masa 7', role: 'agent', password: TEST_PASSWORD, phoneInterface: 'PJSIP/agent7', queues: [CEVRE, GENEL, HAYVAN] });
    const response = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ajan7', password: TEST_PASSWORD }) });
    expect(response.status).to.equal(200);
    const { token } = (await response.json()) as { token: string };
    let state: DeskState | undefined;
    const socket = connect(system.app.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(socket);
    socket.on('desk:state', (next: DeskState) => (state = next));
    await waitFor(() => state !== undefined, 5000, 'the first desk:state');
    return { token, userId: user.id, username: 'ajan7', desk: () => state };
  };

  const expectPartialLogout = (result: { status: number; body: Record<string, unknown> }): void => {
    expect(result.status).to.equal(200);
    expect((result.body as unknown as DeskLogoutResult).logout).to.deep.equal({
      complete: false,
      queues: [
        { queue: CEVRE, outcome: 'removed' },
        { queue: GENEL, outcome: 'refused', reason: 'static-member', message: 'Member not dynamic' },
        { queue: HAYVAN, outcome: 'removed' },
      ],
      remaining: [GENEL],
    });
  };

  beforeEach(async () => {
    system = await startSystem({ dialplanDir: makeDialplanDir(queuesConfWithStaticAgent7()) });
    system.sim.addAgent({ interface: 'PJSIP/agent7', name: 'Masa 7', answerAfterMs: 5000, talkMs: 1_000_000 });
    ami = await AmiRawClient.connect(system.sim.amiPort);
    await ami.login('alo153', 'test-secret');
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    ami.close();
    await system.stop();
  });

  it('removes the agent from cevre and hayvan although genel refuses in between, reports each queue, and the desk shows genel is left', async () => {
    const agent = await agent7();
    expect(agent.desk()).to.deep.include({ queues: [GENEL], staticQueues: [GENEL] });
    expect((await post(agent, '/api/desk/login', { queues: [CEVRE, HAYVAN] })).status).to.equal(200);
    await waitFor(() => agent.desk()?.queues.length === 3, 5000, 'cevre and hayvan joined on the desk');
    expect(await queuesOfAgent7()).to.deep.equal([`${CEVRE}:dynamic`, `${GENEL}:static`, `${HAYVAN}:dynamic`]);

    expectPartialLogout(await post(agent, '/api/desk/logout'));
    expect(await queuesOfAgent7()).to.deep.equal([`${GENEL}:static`]);
    await waitFor(() => agent.desk()?.queues.length === 1, 5000, 'only genel left on the desk');
    expect(agent.desk()).to.deep.include({ loggedIn: true, queues: [GENEL], staticQueues: [GENEL], pending: null });
    const rows: Array<{ kind: string; queues: string | null }> = await system.app.db('agent_sessions').where({ user_id: agent.userId }).orderBy('id');
    expect(rows.map((row) => [row.kind, row.queues === null ? null : (JSON.parse(row.queues) as string[])])).to.deep.equal([
      ['login', [CEVRE, HAYVAN]],
      ['logout', [CEVRE, HAYVAN]],
    ]);
  });

  it('does the same for a supervisor\'s forced logout, and the overview shows the static queue that is left', async () => {
    const agent = await agent7();
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    await post(agent, '/api/desk/login', { queues: [CEVRE, HAYVAN] });
    await waitFor(() => agent.desk()?.queues.length === 3, 5000, 'cevre and hayvan joined on the desk');

    expectPartialLogout(await post(supervisor, `/api/agents/${agent.userId}/logout`));
    expect(await queuesOfAgent7()).to.deep.equal([`${GENEL}:static`]);
    await waitFor(() => agent.desk()?.queues.length === 1, 5000, 'only genel left on the desk');
    const list = await fetch(`${system.app.url}/api/agents`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    const items = ((await list.json()) as { items: Array<{ user: { username: string }; state: DeskState }> }).items;
    expect(items.find((item) => item.user.username === 'ajan7')?.state).to.deep.include({ queues: [GENEL], staticQueues: [GENEL] });
  });

  it('refuses a queue that is not assigned with 403 naming it and joins nothing; a subset joins, and users.queues stays the assignment', async () => {
    const agent = await agent7();
    const refused = await post(agent, '/api/desk/login', { queues: [CEVRE, KENTKART] });
    expect(refused.status).to.equal(403);
    expect(refused.body.error).to.be.a('string').and.contain(KENTKART).and.not.contain(CEVRE);
    expect(refused.body.details).to.deep.equal({ queues: [KENTKART] });
    expect(await queuesOfAgent7()).to.deep.equal([`${GENEL}:static`]);

    expect((await post(agent, '/api/desk/login', { queues: [HAYVAN] })).status).to.equal(200);
    expect(await queuesOfAgent7()).to.deep.equal([`${GENEL}:static`, `${HAYVAN}:dynamic`]);
    expect((await system.app.auth.users.findById(agent.userId))?.queues).to.deep.equal([CEVRE, GENEL, HAYVAN]);

    // The desk page's "Vardiyaya başla" sends {}: every assigned queue.
    expect((await post(agent, '/api/desk/login', {})).status).to.equal(200);
    expect(await queuesOfAgent7()).to.deep.equal([`${CEVRE}:dynamic`, `${GENEL}:static`, `${HAYVAN}:dynamic`]);
    expect((await system.app.auth.users.findById(agent.userId))?.queues).to.deep.equal([CEVRE, GENEL, HAYVAN]);
    const logins: Array<{ queues: string }> = await system.app.db('agent_sessions').where({ user_id: agent.userId, kind: 'login' }).orderBy('id');
    expect(logins.map((row) => JSON.parse(row.queues) as string[])).to.deep.equal([[HAYVAN], [CEVRE, GENEL, HAYVAN]]);
  });
});
