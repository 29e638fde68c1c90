import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { TokenSigner } from '../../src/auth/tokens.js';
import type { Ack, AgentRow, BoardDeltaMessage, BoardEntries, BoardSnapshotMessage, LinkStatus, QueueTile, SessionMessage } from '../../src/realtime/protocol.js';
import { signIn, startSystem, waitFor, type System } from '../support/system.js';

const QUEUE = 'alo153-kentkart';
const SECRET = 'integration-test-secret-0123456789abcdef';

/** A screen: applies snapshots and in-order deltas per stream, as the browser's BoardStream does. */
class Screen {
  readonly socket: Socket;
  readonly boards = new Map<string, { seq: number; entries: BoardEntries }>();
  readonly deltas: BoardDeltaMessage[] = [];
  readonly snapshots: BoardSnapshotMessage[] = [];
  session: SessionMessage | undefined;
  gaps = 0;

  constructor(url: string, token: string | undefined, options: { reconnection?: boolean } = {}) {
    this.socket = connect(url, { auth: token === undefined ? {} : { token }, transports: ['websocket'], forceNew: true, reconnection: options.reconnection ?? false, reconnectionDelay: 50 });
    this.socket.on('session', (session: SessionMessage) => (this.session = session));
    this.socket.on('board:snapshot', (snapshot: BoardSnapshotMessage) => {
      this.snapshots.push(snapshot);
      this.boards.set(snapshot.stream, { seq: snapshot.seq, entries: { ...snapshot.entries } });
    });
    this.socket.on('board:delta', (delta: BoardDeltaMessage) => {
      this.deltas.push(delta);
      const board = this.boards.get(delta.stream);
      if (!board || delta.seq <= board.seq) return;
      if (delta.seq !== board.seq + 1) {
        this.gaps += 1;
        this.socket.emit('board:resync', { stream: delta.stream }, () => undefined);
        return;
      }
      board.seq = delta.seq;
      Object.assign(board.entries, delta.set);
      for (const key of delta.remove) delete board.entries[key];
    });
  }

  entry<T>(stream: string, key: string): T | undefined {
    return this.boards.get(stream)?.entries[key] as T | undefined;
  }

  request(event: string, payload: unknown): Promise<Ack> {
    return new Promise((resolve) => this.socket.emit(event, payload, resolve));
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
  }

  refusal(): Promise<{ message: string; reason: unknown }> {
    return new Promise((resolve) => this.socket.once('connect_error', (error: Error & { data?: { reason?: unknown } }) => resolve({ message: error.message, reason: error.data?.reason })));
  }

  close(): void {
    this.socket.close();
  }
}

describe('realtime: authenticated sockets, rooms, snapshot and sequenced deltas', function () {
  this.timeout(30000);
  let system: System;
  const screens: Screen[] = [];
  const screen = (token: string | undefined, options?: { reconnection?: boolean }): Screen => {
    const created = new Screen(system.app.url, token, options);
    screens.push(created);
    return created;
  };

  beforeEach(async () => {
    // Agents answer 50 ms (real) after the ring and talk for 10 s, so a call stays on the board.
    system = await startSystem({ agents: 2, agentAnswerAfterMs: 5000, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    for (const created of screens.splice(0)) created.close();
    await system.stop();
  });

  const queueCall = (hangupAfterMs = 3_000_000) =>
    system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs });

  it('refuses a socket with no token, a forged token and an expired token, and says why', async () => {
    const supervisor = await signIn(system, 'supervisor');
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'missing'],
      [`${supervisor.token.slice(0, -6)}AAAAAA`, 'bad-signature'],
      [new TokenSigner({ secret: 'another-secret-that-is-long-enough-0123', ttlMs: 60_000 }).sign({ sub: supervisor.userId, role: 'admin', ver: 0 }).token, 'bad-signature'],
      [new TokenSigner({ secret: SECRET, ttlMs: 60_000, now: () => Date.now() - 120_000 }).sign({ sub: supervisor.userId, role: 'supervisor', ver: 0 }).token, 'expired'],
      ['not-a-token', 'malformed'],
    ];
    for (const [token, reason] of cases) {
      const refused = await screen(token).refusal();
      expect(refused, String(reason)).to.deep.equal({ message: 'unauthorized', reason });
    }
    expect(system.app.realtime.counters.refused).to.equal(cases.length);
  });

  it('gives a supervisor a snapshot, then deltas that show a caller waiting, the agent on the call and the answer', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token);
    await supervisor.connected();
    await waitFor(() => supervisor.boards.has('supervisors'), 2000, 'the first snapshot');
    expect(supervisor.session?.streams).to.deep.equal(['supervisors']);
    expect(supervisor.entry<LinkStatus>('supervisors', 'status')?.ami).to.equal('connected');

    queueCall();
    const waitingSeen = () => supervisor.deltas.map((delta) => delta.set[`queue:${QUEUE}`] as QueueTile | undefined).find((tile) => tile?.waiting === 1);
    await waitFor(() => waitingSeen() !== undefined, 10000, 'the caller waiting on the board');
    expect(waitingSeen()!.longestWaitSince).to.be.a('number');
    await waitFor(() => supervisor.entry<AgentRow>('supervisors', 'agent:PJSIP/agent1')?.state === 'on-call' || supervisor.entry<AgentRow>('supervisors', 'agent:PJSIP/agent2')?.state === 'on-call', 10000, 'an agent on the call');
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.answered === 1, 10000, 'the answer counted');
    expect(supervisor.entry<QueueTile>('supervisors', `queue:${QUEUE}`)).to.deep.include({ waiting: 0, offered: 1, answered: 1, longestWaitSince: null });
    const seqs = supervisor.deltas.filter((d) => d.stream === 'supervisors').map((d) => d.seq);
    expect(seqs[0]).to.equal(supervisor.snapshots[0]!.seq + 1);
    expect(seqs).to.deep.equal(seqs.map((_, i) => seqs[0]! + i));
    expect(supervisor.gaps).to.equal(0);
  });

  it('keeps agents out of the supervisors stream but lets them follow a queue', async () => {
    const agent = screen((await signIn(system, 'agent')).token);
    await agent.connected();
    await waitFor(() => agent.session !== undefined, 2000, 'the session');
    expect(agent.session?.streams).to.deep.equal([]);
    expect(await agent.request('board:subscribe', { stream: 'supervisors' })).to.deep.equal({ ok: false, error: 'forbidden: supervisors only' });
    expect(await agent.request('board:resync', { stream: 'supervisors' })).to.deep.equal({ ok: false, error: 'not subscribed to supervisors' });
    expect(await agent.request('board:subscribe', { stream: `queue:${QUEUE}` })).to.deep.equal({ ok: true });
    await waitFor(() => agent.boards.has(`queue:${QUEUE}`), 2000, 'the queue snapshot');

    queueCall();
    await waitFor(() => agent.entry<QueueTile>(`queue:${QUEUE}`, `queue:${QUEUE}`)?.offered === 1, 10000, 'the queue tile to count the call');
    expect(agent.deltas.every((delta) => delta.stream === `queue:${QUEUE}`)).to.equal(true);
    expect(agent.boards.has('supervisors')).to.equal(false);
    expect(Object.keys(agent.boards.get(`queue:${QUEUE}`)!.entries).some((key) => key.startsWith('agent:'))).to.equal(false);
  });

  it('answers garbage on the socket with an error and keeps the connection', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token);
    await supervisor.connected();
    for (const payload of [null, 42, 'supervisors', { stream: 'queue:<script>' }, { stream: 'supervisors', extra: 1 }, { stream: 'x'.repeat(500) }]) {
      const ack = await supervisor.request('board:subscribe', payload);
      expect(ack.ok, JSON.stringify(payload)).to.equal(false);
    }
    expect(await supervisor.request('board:subscribe', { stream: 'queue:alo153-yok' })).to.deep.equal({ ok: false, error: 'unknown queue alo153-yok' });
    supervisor.socket.emit('drop-tables', { please: true });
    supervisor.socket.emit('board:subscribe', { stream: 'supervisors' }); // no ack callback: must not throw
    expect(await supervisor.request('board:resync', { stream: 'supervisors' })).to.deep.equal({ ok: true });
    expect(supervisor.socket.connected).to.equal(true);
    expect(system.app.realtime.counters.rejectedMessages).to.be.at.least(7);
  });

  it('answers a sequence gap with a snapshot at the current sequence', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token);
    await supervisor.connected();
    await waitFor(() => supervisor.boards.has('supervisors'), 2000, 'the first snapshot');
    const board = supervisor.boards.get('supervisors')!;
    board.seq -= 3; // as if three deltas had been lost on the way
    queueCall();
    await waitFor(() => supervisor.gaps > 0 && supervisor.snapshots.length >= 2, 10000, 'a resync snapshot after the gap');
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.offered === 1, 10000, 'the board exact again');
    await waitFor(() => supervisor.boards.get('supervisors')!.seq === system.app.board.snapshotFor('supervisors').seq, 2000, 'the screen at the server\'s sequence');
  });

  it('shows AMI down while the simulator\'s AMI is cut, and exact figures once it is back', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token);
    await supervisor.connected();
    // Both agents busy with a long call; a third caller waits.
    queueCall();
    queueCall();
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.answered === 2, 10000, 'both agents on a call');
    const third = queueCall();
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.waiting === 1, 10000, 'the third caller waiting');

    system.sim.setAmiAvailable(false);
    await waitFor(() => supervisor.entry<LinkStatus>('supervisors', 'status')?.ami === 'disconnected', 5000, 'AMI shown down');
    // While AMI is cut the waiting caller hangs up: alo153 cannot see it happen.
    third.hangup();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(supervisor.entry<QueueTile>('supervisors', 'total')?.waiting).to.equal(1);
    system.sim.setAmiAvailable(true);
    await waitFor(() => supervisor.entry<LinkStatus>('supervisors', 'status')?.ami === 'connected', 5000, 'AMI shown back');
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.waiting === 0, 10000, 'the waiting caller gone after the resync');
    const states = ['PJSIP/agent1', 'PJSIP/agent2'].map((iface) => supervisor.entry<AgentRow>('supervisors', `agent:${iface}`)?.state);
    expect(states).to.deep.equal(['on-call', 'on-call']);
    expect(supervisor.entry<QueueTile>('supervisors', 'total')).to.deep.include({ offered: 3, answered: 2, waiting: 0 });
  });

  it('clears every call from the board when Asterisk restarts, counting them lost, not answered or abandoned', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token);
    await supervisor.connected();
    queueCall();
    queueCall();
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.answered === 2, 10000, 'both agents on a call');
    queueCall();
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.waiting === 1, 10000, 'a third caller waiting');

    await system.sim.restartAsterisk({ refuseMs: 50, http404Ms: 20, notBootedMs: 20 });
    // Asterisk's Shutdown event already ends the calls; the board is exact once the resync after the reboot is in.
    await waitFor(() => supervisor.entry<LinkStatus>('supervisors', 'status')?.ami === 'connected', 10000, 'AMI back after the restart');
    await waitFor(() => supervisor.entry<QueueTile>('supervisors', 'total')?.waiting === 0, 10000, 'the waiting caller gone');
    await waitFor(
      () => ['PJSIP/agent1', 'PJSIP/agent2'].every((iface) => supervisor.entry<AgentRow>('supervisors', `agent:${iface}`)?.state !== 'on-call'),
      10000,
      'no agent on a call after the restart',
    );
    expect(supervisor.entry<QueueTile>('supervisors', 'total')).to.deep.include({ offered: 3, answered: 2, abandoned: 0, lost: 1, waiting: 0 });
  });

  it('keeps an agent\'s token away from the supervisors\' period statistics over REST', async () => {
    const agent = await signIn(system, 'agent');
    const supervisor = await signIn(system, 'supervisor');
    const url = `${system.app.url}/api/queues/${QUEUE}/stats?from=2026-11-28&to=2026-11-29`;
    const asAgent = await fetch(url, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(asAgent.status).to.equal(403);
    expect(((await asAgent.json()) as { error: string }).error).to.match(/forbidden/);
    queueCall();
    await waitFor(() => system.app.monitor.knows(QUEUE), 10000, 'the queue known');
    expect((await fetch(url, { headers: { authorization: `Bearer ${supervisor.token}` } })).status).to.equal(200);
  });

  it('sends a reconnecting screen a fresh snapshot', async () => {
    const supervisor = screen((await signIn(system, 'supervisor')).token, { reconnection: true });
    await supervisor.connected();
    await waitFor(() => supervisor.snapshots.length === 1, 2000, 'the first snapshot');
    supervisor.socket.io.engine.close();
    await waitFor(() => supervisor.snapshots.length === 2, 5000, 'a snapshot after the reconnect');
    expect(supervisor.snapshots[1]!.stream).to.equal('supervisors');
  });

  it('ends a session at logout: its socket is closed and the token refused from then on', async () => {
    const supervisor = await signIn(system, 'supervisor');
    const other = await signIn(system, 'supervisor');
    const screenOfLoggedOut = screen(supervisor.token);
    const screenOfOther = screen(other.token);
    await Promise.all([screenOfLoggedOut.connected(), screenOfOther.connected()]);
    const logout = await fetch(`${system.app.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(logout.status).to.equal(204);
    await waitFor(() => !screenOfLoggedOut.socket.connected, 3000, 'the logged-out socket closed');
    expect(screenOfOther.socket.connected).to.equal(true);
    const me = await fetch(`${system.app.url}/api/auth/me`, { headers: { authorization: `Bearer ${supervisor.token}` } });
    expect(me.status).to.equal(401);
    expect(await screen(supervisor.token).refusal()).to.deep.equal({ message: 'unauthorized', reason: 'revoked' });
  });

  it('disconnects a socket when its token expires, and refuses a deactivated user\'s token', async () => {
    const agent = await signIn(system, 'agent');
    const shortLived = new TokenSigner({ secret: SECRET, ttlMs: 300 }).sign({ sub: agent.userId, role: 'agent', ver: 0 }).token;
    const expiring = screen(shortLived);
    await expiring.connected();
    await waitFor(() => !expiring.socket.connected, 3000, 'the socket to be closed at expiry');

    await system.app.auth.users.setActive(agent.userId, false);
    expect(await screen(agent.token).refusal()).to.deep.equal({ message: 'unauthorized', reason: 'revoked' });
  });
});
