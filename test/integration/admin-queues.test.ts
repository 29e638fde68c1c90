import { expect } from 'chai';
import type { QueueView } from '../../src/admin/queues/queue-admin.js';
import type { Catalogue } from '../../src/requests/catalogue/catalogue.js';
import { getHeader, type AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { call, login, penaltiesInPbx } from '../support/admin-api.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type SignedIn, type System } from '../support/system.js';

const GENEL = 'alo153-genel';
const KENTKART = 'alo153-kentkart';
const CEVRE = 'alo153-cevre';

describe('administration: queues (/api/admin/queues) and app_queue over AMI', function () {
  this.timeout(60_000);
  let system: System;
  let ami: AmiRawClient;
  let admin: SignedIn;
  let supervisor: SignedIn;
  let counter = 0;

  /** An agent with a desk phone, its own password chosen, logged in at the desk in `queues` (as a shift starts). */
  const deskAgent = async (iface: string, queues: string[]): Promise<{ id: number; token: string }> => {
    const username = `masa${(counter += 1)}`;
    const created = await call(system, admin.token, 'POST', '/api/admin/users', { username, displayName: `Masa ${counter}`, role: 'agent', phoneInterface: iface, queues, password: TEST_PASSWORD });
    expect(created.status, JSON.stringify(created.body)).to.equal(201);
    const first = await login(system, username, TEST_PASSWORD);
    const changed = await call(system, first.token, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'masa-parolasi-1' });
    const token = String(changed.body.token);
    return { id: (created.body.user as { id: number }).id, token };
  };
  const deskLogin = async (token: string, iface: string, queues: string[]) => {
    expect((await call(system, token, 'POST', '/api/desk/login', { queues })).status).to.equal(200);
    await waitFor(() => queues.every((queue) => iface in (system.app.monitor.state.queues[queue]?.members ?? {})), 5000, 'the desk login in the queue state');
  };
  const memberOf = async (queue: string, userId: number) => {
    const items = (await call(system, admin.token, 'GET', '/api/admin/queues')).body.items as QueueView[];
    return items.find((item) => item.name === queue)?.members.find((member) => member.userId === userId);
  };

  beforeEach(async () => {
    system = await startSystem();
    ami = await AmiRawClient.connect(system.sim.amiPort);
    await ami.login('alo153', 'test-secret');
    admin = await signIn(system, 'admin', 'yonetici');
    supervisor = await signIn(system, 'supervisor', 'supervizor');
  });

  afterEach(async () => {
    ami.close();
    await system.stop();
  });

  it('lists the queues seeded from config/site.json, in its order, with their labels', async () => {
    const answer = await call(system, supervisor.token, 'GET', '/api/admin/queues');
    const items = answer.body.items as QueueView[];
    expect(items.slice(0, 3).map((item) => [item.name, item.label.tr, item.position])).to.deep.equal([
      ['alo153-ulasim', 'Ulaşım', 1],
      [KENTKART, 'Kentkart', 2],
      [CEVRE, 'Çevre ve Temizlik', 3],
    ]);
  });

  it('pushes adding a member, a penalty change and a removal to app_queue at once; QueueStatus shows the penalty', async () => {
    const agent = await deskAgent('PJSIP/agent12', [GENEL]);
    await deskLogin(agent.token, 'PJSIP/agent12', [GENEL]);
    expect(await penaltiesInPbx(ami, 'PJSIP/agent12')).to.deep.equal({ [GENEL]: 0 });

    const added = await call(system, admin.token, 'PUT', `/api/admin/queues/${KENTKART}/members/${agent.id}`, { penalty: 5 });
    expect(added.status, JSON.stringify(added.body)).to.equal(200);
    expect(added.body.pbx).to.deep.equal({ state: 'in-pbx', error: null });
    // The reply came after Asterisk's Response: the member is there now, not at the next login.
    expect(await penaltiesInPbx(ami, 'PJSIP/agent12')).to.deep.equal({ [GENEL]: 0, [KENTKART]: 5 });
    expect((await system.app.auth.users.findById(agent.id))?.queues).to.deep.equal([GENEL, KENTKART]);

    const from = ami.received.length;
    const lowered = await call(system, supervisor.token, 'PUT', `/api/admin/queues/${KENTKART}/members/${agent.id}`, { penalty: 2 });
    expect(lowered.status).to.equal(200);
    expect(await penaltiesInPbx(ami, 'PJSIP/agent12')).to.deep.equal({ [GENEL]: 0, [KENTKART]: 2 });
    const event = await ami.next((message: AmiMessage) => getHeader(message, 'Event') === 'QueueMemberPenalty', 3000, from);
    expect([getHeader(event, 'Queue'), getHeader(event, 'Interface'), getHeader(event, 'Penalty')]).to.deep.equal([KENTKART, 'PJSIP/agent12', '2']);
    await waitFor(() => system.app.monitor.state.queues[KENTKART]?.members['PJSIP/agent12']?.penalty === 2, 3000, 'the monitor following QueueMemberPenalty');
    expect(await memberOf(KENTKART, agent.id)).to.deep.include({ penalty: 2, pbxPenalty: 2, pbxState: 'in-pbx' });

    const removed = await call(system, admin.token, 'DELETE', `/api/admin/queues/${KENTKART}/members/${agent.id}`);
    expect(removed.body).to.deep.equal({ pbx: { state: 'removed', error: null } });
    expect(await penaltiesInPbx(ami, 'PJSIP/agent12')).to.deep.equal({ [GENEL]: 0 });
    expect((await system.app.auth.users.findById(agent.id))?.queues).to.deep.equal([GENEL]);
    const history = (await call(system, admin.token, 'GET', `/api/admin/users/${agent.id}/history`)).body.items as Array<{ actor: string; action: string }>;
    expect(history.slice(0, 3).map((item) => `${item.actor}:${item.action}`)).to.deep.equal(['yonetici:queue-remove', 'supervizor:penalty', 'yonetici:queue-add']);
  });

  it('stores a change for an agent not at the desk, and the next desk login joins with that penalty', async () => {
    const agent = await deskAgent('PJSIP/agent13', [GENEL]);
    const set = await call(system, admin.token, 'PUT', `/api/admin/queues/${CEVRE}/members/${agent.id}`, { penalty: 7 });
    expect(set.body.pbx).to.deep.equal({ state: 'at-login', error: null });
    expect(await penaltiesInPbx(ami, 'PJSIP/agent13')).to.deep.equal({});
    await deskLogin(agent.token, 'PJSIP/agent13', [GENEL, CEVRE]);
    expect(await penaltiesInPbx(ami, 'PJSIP/agent13')).to.deep.equal({ [GENEL]: 0, [CEVRE]: 7 });
  });

  it('keeps a change made while AMI is down, says so, and pushes it once AMI is back', async () => {
    const agent = await deskAgent('PJSIP/agent14', [GENEL]);
    await deskLogin(agent.token, 'PJSIP/agent14', [GENEL]);
    system.sim.setAmiAvailable(false);
    await waitFor(() => system.app.ami.state !== 'connected', 5000, 'AMI down');
    const set = await call(system, admin.token, 'PUT', `/api/admin/queues/${GENEL}/members/${agent.id}`, { penalty: 4 });
    expect(set.status).to.equal(200);
    expect((set.body.pbx as { state: string }).state).to.equal('pending');
    expect(await memberOf(GENEL, agent.id)).to.deep.include({ penalty: 4, pbxState: 'pending' });
    system.sim.setAmiAvailable(true);
    ami.close();
    await waitFor(() => system.app.ami.state === 'connected', 10_000, 'AMI back');
    ami = await AmiRawClient.connect(system.sim.amiPort);
    await ami.login('alo153', 'test-secret');
    await waitFor(async () => (await penaltiesInPbx(ami, 'PJSIP/agent14'))[GENEL] === 4, 10_000, 'the penalty pushed after the reconnect');
    await waitFor(async () => (await memberOf(GENEL, agent.id))?.pbxState === 'in-pbx', 5000, 'the row no longer pending');
  });

  it('shows the admin what app_queue refused, and keeps what was asked', async () => {
    // A queue the boards know but queues.conf does not: QueueAdd says "No such queue".
    expect((await call(system, admin.token, 'POST', '/api/admin/queues', { name: 'alo153-yeni', label: { tr: 'Yeni hat', en: 'New line' } })).status).to.equal(201);
    const agent = await deskAgent('PJSIP/agent15', [GENEL]);
    await deskLogin(agent.token, 'PJSIP/agent15', [GENEL]);
    const set = await call(system, admin.token, 'PUT', `/api/admin/queues/alo153-yeni/members/${agent.id}`, { penalty: 1 });
    expect(set.body.pbx).to.deep.equal({ state: 'failed', error: 'Unable to add interface to queue: No such queue' });
    expect(await memberOf('alo153-yeni', agent.id)).to.deep.include({ penalty: 1, pbxState: 'failed', pbxError: 'Unable to add interface to queue: No such queue' });
    const bad = await call(system, admin.token, 'PUT', `/api/admin/queues/${GENEL}/members/${agent.id}`, { penalty: -1 });
    expect(bad.status).to.equal(400);
    expect(bad.body.details).to.deep.equal([{ path: 'penalty', message: 'Öncelik 0 veya daha büyük olmalı' }]);
    expect((await call(system, admin.token, 'POST', '/api/admin/queues', { name: 'alo153-yeni', label: { tr: 'Yine', en: 'Again' } })).status).to.equal(409);
  });

  it('changes a label for every screen without a restart: the catalogue and the site stream', async () => {
    const patched = await call(system, admin.token, 'PATCH', `/api/admin/queues/${KENTKART}`, { label: { tr: 'Kentkart ve Seyahat Kartı', en: 'Travel card' }, position: 1 });
    expect(patched.status, JSON.stringify(patched.body)).to.equal(200);
    const catalogue = (await call(system, supervisor.token, 'GET', '/api/catalogue')).body as unknown as Catalogue;
    expect(catalogue.queues.find((queue) => queue.name === KENTKART)).to.deep.equal({ name: KENTKART, label: { tr: 'Kentkart ve Seyahat Kartı', en: 'Travel card' }, order: 1 });
    await waitFor(() => JSON.stringify(system.app.hub.snapshot('site').entries).includes('Travel card'), 3000, 'the site stream');
    expect((await call(system, supervisor.token, 'PATCH', `/api/admin/queues/${KENTKART}`, { label: { tr: 'x', en: 'y' } })).status).to.equal(403);
  });
});

describe('simulator: QueuePenalty as Asterisk 22 app_queue answers it', function () {
  this.timeout(30_000);
  let system: System;
  let ami: AmiRawClient;

  before(async () => {
    system = await startSystem();
    ami = await AmiRawClient.connect(system.sim.amiPort);
    await ami.login('alo153', 'test-secret');
    await ami.request([['Action', 'QueueAdd'], ['Queue', GENEL], ['Interface', 'PJSIP/agent20'], ['Penalty', '3'], ['ActionID', 'add']]);
  });

  after(async () => {
    ami.close();
    await system.stop();
  });

  const penalty = (fields: AmiMessage) => ami.request([['Action', 'QueuePenalty'], ...fields]);

  it('sets the penalty in one queue or in every queue of the interface, acked as app_queue does', async () => {
    const reply = await penalty([['Interface', 'PJSIP/agent20'], ['Penalty', '6'], ['Queue', GENEL], ['ActionID', 'p1']]);
    expect(reply).to.deep.equal([['Response', 'Success'], ['ActionID', 'p1'], ['Message', 'Interface penalty set successfully']]);
    expect(await penaltiesInPbx(ami, 'PJSIP/agent20')).to.deep.equal({ [GENEL]: 6 });
    await penalty([['Interface', 'PJSIP/agent20'], ['Penalty', '2abc'], ['ActionID', 'p2']]);
    expect(await penaltiesInPbx(ami, 'PJSIP/agent20'), 'atoi("2abc") and no Queue: every queue').to.deep.equal({ [GENEL]: 2 });
  });

  it('refuses an unknown interface or queue and a negative penalty with one message, and missing headers', async () => {
    for (const fields of [
      [['Interface', 'PJSIP/agent99'], ['Penalty', '1']],
      [['Interface', 'PJSIP/agent20'], ['Penalty', '1'], ['Queue', 'alo153-yok']],
      [['Interface', 'PJSIP/agent20'], ['Penalty', '-1']],
    ] as AmiMessage[]) {
      expect(getHeader(await penalty([...fields, ['ActionID', 'e']]), 'Message')).to.equal('Invalid interface, queuename or penalty');
    }
    expect(getHeader(await penalty([['Interface', 'PJSIP/agent20'], ['ActionID', 'm']]), 'Message')).to.equal("Need 'Interface' and 'Penalty' parameters.");
    expect(await penaltiesInPbx(ami, 'PJSIP/agent20')).to.deep.equal({ [GENEL]: 2 });
  });
});
