import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { HistoryEntry } from '../../src/admin/admin-history.js';
import type { UserView } from '../../src/auth/user-store.js';
import type { SessionEndedMessage } from '../../src/realtime/protocol.js';
import { call, login } from '../support/admin-api.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type SignedIn, type System } from '../support/system.js';

/** A live screen of a user: records how the server ended it. */
function screen(url: string, token: string): Socket & { ended?: SessionEndedMessage; refused?: unknown } {
  const socket = connect(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false }) as Socket & { ended?: SessionEndedMessage; refused?: unknown };
  socket.on('session:ended', (message: SessionEndedMessage) => (socket.ended = message));
  socket.on('connect_error', (error: Error & { data?: { reason?: unknown } }) => (socket.refused = error.data?.reason));
  return socket;
}

describe('administration: users (/api/admin/users)', function () {
  this.timeout(60_000);
  let system: System;
  let admin: SignedIn;
  let supervisor: SignedIn;
  const sockets: Socket[] = [];
  const open = (token: string) => {
    const socket = screen(system.app.url, token);
    sockets.push(socket);
    return socket;
  };
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${(counter += 1)}`;
  const createAgent = async (fields: Record<string, unknown> = {}) => {
    const answer = await call(system, admin.token, 'POST', '/api/admin/users', { username: unique('temsilci'), displayName: 'Ayşe Yılmaz', role: 'agent', password: TEST_PASSWORD, ...fields });
    expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
    return answer.body as { user: UserView; oneTimePassword: string | null };
  };

  before(async () => {
    system = await startSystem();
    admin = await signIn(system, 'admin', 'yonetici');
    supervisor = await signIn(system, 'supervisor', 'supervizor');
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  after(async () => {
    await system.stop();
  });

  it('refuses agents (403) and lets supervisors list users', async () => {
    const agent = await signIn(system, 'agent', unique('ajan'));
    expect((await call(system, agent.token, 'GET', '/api/admin/users')).status).to.equal(403);
    expect((await call(system, agent.token, 'POST', '/api/admin/users', { username: 'x1', displayName: 'X', role: 'agent' })).status).to.equal(403);
    const listed = await call(system, supervisor.token, 'GET', '/api/admin/users');
    expect(listed.status).to.equal(200);
    expect((listed.body.items as UserView[]).map((user) => user.username)).to.include.members(['yonetici', 'supervizor']);
  });

  it('lets a supervisor change an agent\'s queues but not a role, and not another supervisor', async () => {
    const { user } = await createAgent({ queues: ['alo153-genel'] });
    const changed = await call(system, supervisor.token, 'PATCH', `/api/admin/users/${user.id}`, { queues: ['alo153-genel', 'alo153-kentkart'] });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect((changed.body.user as UserView).queues).to.deep.equal(['alo153-genel', 'alo153-kentkart']);
    const role = await call(system, supervisor.token, 'PATCH', `/api/admin/users/${user.id}`, { role: 'admin' });
    expect(role.status).to.equal(403);
    expect(role.body.error).to.match(/yönetici/);
    const colleague = await call(system, admin.token, 'POST', '/api/admin/users', { username: unique('supervizor'), displayName: 'Öbür Süpervizör', role: 'supervisor', password: TEST_PASSWORD });
    const other = (colleague.body as { user: UserView }).user;
    expect((await call(system, supervisor.token, 'PATCH', `/api/admin/users/${other.id}`, { queues: ['alo153-genel'] })).status).to.equal(403);
    expect((await call(system, supervisor.token, 'PUT', `/api/admin/queues/alo153-genel/members/${other.id}`, { penalty: 2 })).status).to.equal(403);
    expect((await system.app.auth.users.findById(user.id))?.role).to.equal('agent');
  });

  it('refuses a duplicate username (409), an unknown role (400, in Turkish) and oversized fields', async () => {
    const { user } = await createAgent();
    const duplicate = await call(system, admin.token, 'POST', '/api/admin/users', { username: user.username.toUpperCase(), displayName: 'Başka Biri', role: 'agent' });
    expect(duplicate.status).to.equal(409);
    expect(duplicate.body).to.deep.include({ error: 'Bu kullanıcı adı zaten kullanılıyor', details: { code: 'exists', field: 'username' } });
    const role = await call(system, admin.token, 'POST', '/api/admin/users', { username: unique('rolsuz'), displayName: 'Rolü Yok', role: 'operator' });
    expect(role.status).to.equal(400);
    expect(role.body.details).to.deep.equal([{ path: 'role', message: 'Bilinmeyen rol: temsilci (agent), süpervizör (supervisor), birim (department) veya yönetici (admin) olmalı' }]);
    const long = await call(system, admin.token, 'POST', '/api/admin/users', { username: 'u'.repeat(41), displayName: 'Ç'.repeat(121), role: 'agent', phoneInterface: `PJSIP/${'a'.repeat(100)}` });
    expect(long.status).to.equal(400);
    expect([...new Set((long.body.details as Array<{ path: string }>).map((detail) => detail.path))].sort()).to.deep.equal(['displayName', 'phoneInterface', 'username']);
    const department = await call(system, admin.token, 'POST', '/api/admin/users', { username: unique('birim'), displayName: 'Birim Kişisi', role: 'department' });
    expect(department.body).to.deep.include({ error: 'Birim kullanıcısı için birim seçiniz' });
    expect((await call(system, admin.token, 'PATCH', `/api/admin/users/${user.id}`, { queues: ['alo153-yok'] })).body).to.deep.include({ error: 'Bilinmeyen kuyruk: alo153-yok' });
  });

  it('resets a password to a one-time one: the user must set a new one before any API or socket, then works on', async () => {
    const { user } = await createAgent();
    const before = await login(system, user.username, TEST_PASSWORD);
    const oldSocket = open(before.token);
    await waitFor(() => oldSocket.connected || oldSocket.refused !== undefined, 5000, 'a socket with the admin-given password');
    expect(oldSocket.refused, 'an admin-given first password is one-time as well').to.equal('password-change-required');

    const reset = await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/password`);
    expect(reset.status).to.equal(200);
    const oneTime = String(reset.body.oneTimePassword);
    expect(oneTime).to.match(/^[A-Za-z2-9]{14}$/);
    expect((await call(system, before.token, 'GET', '/api/catalogue')).status, 'the reset ended the old session').to.equal(401);

    const signedIn = await login(system, user.username, oneTime);
    expect(signedIn.status).to.equal(200);
    expect((signedIn.body.user as UserView).mustChangePassword).to.equal(true);
    const blocked = await call(system, signedIn.token, 'GET', '/api/catalogue');
    expect(blocked.status).to.equal(403);
    expect(blocked.body.details).to.deep.equal({ code: 'password-change-required' });
    expect((await call(system, signedIn.token, 'GET', '/api/tickets')).status).to.equal(403);
    const socket = open(signedIn.token);
    await waitFor(() => socket.refused !== undefined, 5000, 'the socket refused');
    expect(socket.refused).to.equal('password-change-required');

    const same = await call(system, signedIn.token, 'POST', '/api/auth/password', { currentPassword: oneTime, newPassword: oneTime });
    expect(same.status).to.equal(400);
    expect((await call(system, signedIn.token, 'POST', '/api/auth/password', { currentPassword: 'yanlis-parola-1', newPassword: 'yeni-parola-153' })).status).to.equal(403);
    const changed = await call(system, signedIn.token, 'POST', '/api/auth/password', { currentPassword: oneTime, newPassword: 'yeni-parola-153' });
    expect(changed.status, JSON.stringify(changed.body)).to.equal(200);
    expect((changed.body.user as UserView).mustChangePassword).to.equal(false);
    expect((await call(system, String(changed.body.token), 'GET', '/api/catalogue')).status).to.equal(200);
    expect((await login(system, user.username, oneTime)).status, 'the one-time password is gone').to.equal(401);

    const typed = await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/password`, { password: 'kisa' });
    expect(typed.status).to.equal(400);
    expect(typed.body.error).to.match(/^Parola en az 10 karakter olmalı/);
  });

  it('ends every session and live socket of a deactivated user at once, and of one whose role changed', async () => {
    const { user } = await createAgent();
    const signedIn = await login(system, user.username, TEST_PASSWORD);
    const changed = await call(system, signedIn.token, 'POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'kendi-parolam-1' });
    const token = String(changed.body.token);
    const desk = open(token);
    const tab = open(token);
    await waitFor(() => desk.connected && tab.connected, 5000, 'two screens of the agent');
    const started = Date.now();
    expect((await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/deactivate`)).status).to.equal(200);
    await waitFor(() => desk.ended !== undefined && tab.ended !== undefined, 2000, 'both sockets ended');
    // At once, not at the sweeper's next 500 ms tick (the store tells the socket server in this process).
    expect(Date.now() - started).to.be.below(400);
    expect([desk.ended, tab.ended]).to.deep.equal([{ reason: 'deactivated' }, { reason: 'deactivated' }]);
    expect((await call(system, token, 'GET', '/api/catalogue')).status).to.equal(401);
    expect((await login(system, user.username, 'kendi-parolam-1')).status).to.equal(403);

    expect((await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/activate`)).status).to.equal(200);
    const again = await login(system, user.username, 'kendi-parolam-1');
    const screenAgain = open(again.token);
    await waitFor(() => screenAgain.connected, 5000, 'a screen after reactivation');
    const promoted = await call(system, admin.token, 'PATCH', `/api/admin/users/${user.id}`, { role: 'supervisor' });
    expect(promoted.status).to.equal(200);
    await waitFor(() => screenAgain.ended !== undefined, 2000, 'the socket ended by the role change');
    expect(screenAgain.ended).to.deep.equal({ reason: 'role-changed' });
    expect((await call(system, again.token, 'GET', '/api/catalogue')).status, 'a token carries its role: it ends too').to.equal(401);
  });

  it('records every change with who and when, old → new, and never a password', async () => {
    const { user } = await createAgent({ queues: ['alo153-genel'] });
    await call(system, admin.token, 'PATCH', `/api/admin/users/${user.id}`, { displayName: 'Ayşe Yıldız', phoneInterface: 'PJSIP/agent31' });
    await call(system, supervisor.token, 'PATCH', `/api/admin/users/${user.id}`, { queues: ['alo153-kentkart'] });
    await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/password`, { password: 'gizli-parola-42' });
    await call(system, admin.token, 'POST', `/api/admin/users/${user.id}/deactivate`);
    const answer = await call(system, admin.token, 'GET', `/api/admin/users/${user.id}/history`);
    const items = answer.body.items as HistoryEntry[];
    expect(items.map((item) => [item.actor, item.action])).to.deep.equal([
      ['yonetici', 'deactivate'],
      ['yonetici', 'password-reset'],
      ['supervizor', 'update'],
      ['yonetici', 'update'],
      ['yonetici', 'create'],
    ]);
    expect(items[1]?.changes, 'that a reset happened, not what the password is').to.deep.equal([{ field: 'mustChangePassword', from: null, to: true }]);
    expect(items[2]?.changes).to.deep.equal([{ field: 'queues', from: 'alo153-genel', to: 'alo153-kentkart' }]);
    expect(items[3]?.changes).to.deep.equal([
      { field: 'displayName', from: 'Ayşe Yılmaz', to: 'Ayşe Yıldız' },
      { field: 'phoneInterface', from: null, to: 'PJSIP/agent31' },
    ]);
    expect(new Date(items[0]?.at ?? '').getTime()).to.be.closeTo(Date.now(), 60_000);
    const stored = JSON.stringify(await system.app.db('admin_history').select('*'));
    expect(stored).to.not.include('gizli-parola-42');
    expect(stored).to.not.include(TEST_PASSWORD);
    expect(stored).to.not.include('scrypt$');
    expect((await call(system, supervisor.token, 'GET', '/api/admin/history')).status).to.equal(403);
    expect(((await call(system, admin.token, 'GET', '/api/admin/history?subjectType=user&limit=3')).body.items as unknown[]).length).to.equal(3);
  });
});
