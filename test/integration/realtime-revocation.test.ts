import { spawn } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import type { Knex } from 'knex';
import { io as connect, type Socket } from 'socket.io-client';
import { runUserCli } from '../../src/auth/user-cli.js';
import { KnexUserStore, type UserView } from '../../src/auth/user-store.js';
import type { SessionEndedMessage } from '../../src/realtime/protocol.js';
import type { SocketData } from '../../src/realtime/socket-server.js';
import { createTestDatabase, TEST_POSTGRES_URL, type TestDatabase } from '../support/db.js';
import { startRealtimeHarness, type RealtimeHarness } from '../support/realtime-harness.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type SignedIn, type System } from '../support/system.js';
import { TEST_HASHER } from '../support/test-hasher.js';

/** A screen that records what reached it, in order, and how it was disconnected. */
class Screen {
  readonly socket: Socket;
  readonly received: string[] = [];
  ended: SessionEndedMessage | undefined;
  disconnectReason: string | undefined;

  constructor(url: string, token: string) {
    this.socket = connect(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
    this.socket.onAny((event: string) => this.received.push(event));
    this.socket.on('session:ended', (message: SessionEndedMessage) => (this.ended = message));
    this.socket.on('disconnect', (reason) => (this.disconnectReason = reason));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected) return resolve();
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  /** Events that arrived after `session:ended` (there must be none). */
  afterEnd(): string[] {
    const index = this.received.indexOf('session:ended');
    return index === -1 ? [] : this.received.slice(index + 1);
  }

  refusal(): Promise<unknown> {
    return new Promise((resolve) => this.socket.once('connect_error', (error: Error & { data?: { reason?: unknown } }) => resolve(error.data?.reason)));
  }
}

/** Where the user CLI, a separate process, finds the same database as the running server. */
function cliDatabaseEnv(db: Knex): NodeJS.ProcessEnv {
  const config = (db.client as { config: Knex.Config }).config;
  if (config.client === 'pg') {
    const schema = String(config.searchPath);
    return { ALO153_DATABASE_URL: `${TEST_POSTGRES_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` };
  }
  return { ALO153_DATABASE_URL: '', ALO153_DATABASE_SQLITE_FILE: (config.connection as { filename: string }).filename };
}

function runCliProcess(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/auth/user-cli.ts', ...args], { env: { ...inherited, ALO153_CONFIG_FILE: '/nonexistent/local.json', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const liveSocketsOf = (system: System, userId: number) => [...system.app.realtime.io.of('/').sockets.values()].filter((socket) => (socket.data as SocketData).user.id === userId);

describe('realtime: sockets end when their user is deactivated or changes password', function () {
  this.timeout(60_000);
  let system: System;
  const screens: Screen[] = [];
  const screen = (who: SignedIn): Screen => {
    const created = new Screen(system.app.url, who.token);
    screens.push(created);
    return created;
  };
  const kentkartCall = () =>
    system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });

  beforeEach(async () => {
    system = await startSystem({ agents: 1, agentAnswerAfterMs: 5000, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    for (const created of screens.splice(0)) created.socket.close();
    await system.stop();
  });

  it('closes every socket of an agent deactivated by the user CLI, another process, within a second, saying why', async () => {
    const agent = await signIn(system, 'agent', 'ajan1', 'PJSIP/agent1');
    const colleague = await signIn(system, 'agent', 'ajan2');
    const desk = screen(agent);
    const secondTab = screen(agent);
    const other = screen(colleague);
    await Promise.all([desk.connected(), secondTab.connected(), other.connected()]);
    for (const tab of [desk, secondTab, other]) {
      await new Promise((resolve) => tab.socket.emit('board:subscribe', { stream: 'queue:alo153-kentkart' }, resolve));
    }
    kentkartCall();
    await waitFor(() => desk.received.includes('desk:pop') && desk.received.includes('board:delta'), 15_000, 'a pop and queue deltas on the desk');

    const cli = await runCliProcess(['deactivate', '--username', 'ajan1'], cliDatabaseEnv(system.app.db));
    expect(cli, cli.output).to.deep.include({ code: 0 });
    // Generous for a loaded machine; the check runs every realtime.revocationCheckMs (500 ms).
    await waitFor(() => desk.disconnectReason !== undefined && secondTab.disconnectReason !== undefined, 3000, 'both sockets of the agent closed');
    expect([desk.ended, secondTab.ended]).to.deep.equal([{ reason: 'deactivated' }, { reason: 'deactivated' }]);
    expect([desk.disconnectReason, secondTab.disconnectReason]).to.deep.equal(['io server disconnect', 'io server disconnect']);
    expect(liveSocketsOf(system, agent.userId)).to.deep.equal([]);
    expect(system.app.realtime.io.of('/').adapter.rooms.has(`agent:${agent.userId}`), 'nobody left to receive the agent\'s pops').to.equal(false);

    const colleagueDeltas = other.received.filter((event) => event === 'board:delta').length;
    kentkartCall();
    await waitFor(() => other.received.filter((event) => event === 'board:delta').length > colleagueDeltas, 15_000, 'the next call on the colleague\'s queue tile');
    expect([...desk.afterEnd(), ...secondTab.afterEnd()]).to.deep.equal([]);
    expect(other.socket.connected, 'a colleague stays connected').to.equal(true);
    expect(await screen(agent).refusal()).to.equal('revoked');
  });

  it('closes a supervisor\'s sockets after `passwd` and sends them no more board deltas', async () => {
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    const wallboard = screen(supervisor);
    await wallboard.connected();
    kentkartCall();
    await waitFor(() => wallboard.received.includes('board:delta'), 15_000, 'deltas on the wallboard');

    // The CLI's own code against the server's database; it builds its own store, so no event reaches the server.
    const output: string[] = [];
    const code = await runUserCli(['passwd', '--username', 'nuray'], { stdin: new PassThrough(), stdout: (line) => output.push(line), env: { ALO153_NEW_PASSWORD: 'yeni-parola-153' }, db: system.app.db });
    expect(code, output.join('\n')).to.equal(0);
    await waitFor(() => wallboard.disconnectReason !== undefined, 3000, 'the wallboard closed');
    expect(wallboard.ended).to.deep.equal({ reason: 'password-changed' });
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(wallboard.afterEnd()).to.deep.equal([]);
    expect(liveSocketsOf(system, supervisor.userId)).to.deep.equal([]);
    const login = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nuray', password: TEST_PASSWORD }) });
    expect(login.status, 'the old password is gone').to.equal(401);
  });
});

describe('realtime: a change made in this process ends the sockets at once', function () {
  this.timeout(30_000);
  let database: TestDatabase;
  let harness: RealtimeHarness;
  let users: KnexUserStore;
  let agent: UserView;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    database = await createTestDatabase();
    users = new KnexUserStore(database.db, { hasher: TEST_HASHER });
    agent = await users.create({ username: 'ajan3', displayName: 'Ajan Üç', role: 'agent', password: TEST_PASSWORD });
    // A sweep only once a minute: whatever closes the socket sooner is the store's own notice.
    harness = await startRealtimeHarness({ users: { 'token-agent': agent }, sessions: users, limits: { revocationCheckMs: 60_000 } });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await harness.close();
    await database.destroy();
  });

  it('ends the user\'s sockets as soon as the store deactivates them or changes their password', async () => {
    for (const [change, reason] of [
      [() => users.setPassword(agent.id, 'yeni-parola-153'), 'password-changed'],
      [() => users.setActive(agent.id, false), 'deactivated'],
    ] as const) {
      const socket = connect(harness.url, { auth: { token: 'token-agent' }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(socket);
      const ended = new Promise<SessionEndedMessage>((resolve) => socket.once('session:ended', resolve));
      await new Promise<void>((resolve) => socket.once('session', () => resolve()));
      await change();
      expect(await ended).to.deep.equal({ reason });
      await waitFor(() => !socket.connected, 2000, 'the socket closed');
    }
    expect(harness.realtime.counters.sessionsEnded).to.equal(2);
  });
});
