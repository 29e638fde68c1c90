import type { Socket as NetSocket } from 'node:net';
import { expect } from 'chai';
import { WebSocket } from 'ws';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, BoardSnapshotMessage } from '../../src/realtime/protocol.js';
import { startRealtimeHarness, TEST_LIMITS as LIMITS, testUser, type RealtimeHarness } from '../support/realtime-harness.js';
import { waitFor } from '../support/system.js';

const USERS = { 'token-supervisor': testUser(1, 'supervisor'), 'token-supervisor-2': testUser(2, 'supervisor'), 'token-agent': testUser(3, 'agent') };

function screen(url: string, token: string): Socket {
  return connect(url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
}

const connected = (socket: Socket): Promise<void> =>
  new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

const request = (socket: Socket, event: string, payload: unknown): Promise<Ack> => new Promise((resolve) => socket.emit(event, payload, resolve));

describe('realtime limits: message rate, resyncs, unsent output, rejection log lines', function () {
  this.timeout(60_000);
  let harness: RealtimeHarness;
  const sockets: Socket[] = [];

  beforeEach(async () => {
    harness = await startRealtimeHarness({ users: USERS });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await harness.close();
  });

  const open = async (token: string): Promise<Socket> => {
    const socket = screen(harness.url, token);
    sockets.push(socket);
    await connected(socket);
    return socket;
  };

  it('refuses 25,000 unknown events from one socket in a handful of log lines while the server keeps answering', async () => {
    const flooder = await open('token-agent');
    for (let i = 0; i < 25_000; i += 1) flooder.emit(`nope-${i % 3}`, { i });
    let health = 0;
    await waitFor(
      async () => {
        const answer = await fetch(`${harness.url}/healthz`);
        if (answer.status === 200) health += 1;
        return harness.realtime.counters.rejectedMessages === 25_000;
      },
      45_000,
      'every flooded message counted',
    );
    expect(health).to.be.greaterThan(0);
    expect(flooder.connected, 'a flood is refused, not a reason to drop the screen').to.equal(true);
    flooder.close();
    await waitFor(() => harness.lines.some((line) => line.message === 'socket messages rejected'), 5000, 'the rejection line at disconnect');
    const rejections = harness.lines.filter((line) => line.message === 'socket messages rejected');
    expect(rejections.length).to.be.at.most(2);
    expect(rejections.reduce((sum, line) => sum + Number(line.count), 0)).to.equal(25_000);
    expect(rejections[0]).to.deep.include({ user: 'agent3' });
    expect(harness.lines.filter((line) => line.level === 'warn').length, 'warnings written in all').to.be.at.most(2);
  });

  it('answers messages over the rate with an error ack and keeps to the burst', async () => {
    const agent = await open('token-agent');
    const acks = await Promise.all(Array.from({ length: 80 }, () => request(agent, 'board:unsubscribe', { stream: 'queue:alo153-genel' })));
    const allowed = acks.filter((ack) => ack.ok).length;
    expect(allowed).to.be.within(LIMITS.burst, LIMITS.burst + 10);
    const refused = acks.filter((ack) => !ack.ok);
    expect(refused.length).to.equal(80 - allowed);
    expect(refused[0]).to.deep.equal({ ok: false, error: 'rate limited: at most 10 messages a second' });
  });

  it('sends a socket flooding board:resync at most one snapshot of a stream a second', async () => {
    const supervisor = await open('token-supervisor');
    const snapshots: BoardSnapshotMessage[] = [];
    supervisor.on('board:snapshot', (snapshot: BoardSnapshotMessage) => snapshots.push(snapshot));
    const acks: Ack[] = [];
    const until = Date.now() + 2500;
    while (Date.now() < until) {
      supervisor.emit('board:resync', { stream: 'supervisors' }, (ack: Ack) => acks.push(ack));
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await waitFor(() => acks.length > 100, 10_000, 'the resyncs answered');
    expect(acks.some((ack) => !ack.ok && ack.error === 'too many resyncs of supervisors: at most one a second')).to.equal(true);
    const granted = acks.filter((ack) => ack.ok).length;
    expect(granted).to.be.within(1, 4);
    // Each granted resync is one snapshot, stamped by the server's clock at least a second apart.
    await waitFor(() => snapshots.length === granted, 5000, 'the granted snapshots');
    for (let i = 1; i < snapshots.length; i += 1) expect(snapshots[i]!.at - snapshots[i - 1]!.at).to.be.at.least(1000);
  });

  it('disconnects a socket that stops reading once its unsent output passes the bound, and keeps serving the others', async () => {
    const reader = await open('token-supervisor-2');
    let readerDeltas = 0;
    reader.on('board:delta', () => (readerDeltas += 1));

    // A raw engine.io client, so the test can stop reading from the TCP socket itself.
    const stalled = new WebSocket(`ws://127.0.0.1:${harness.port}/socket.io/?EIO=4&transport=websocket`);
    const messages: string[] = [];
    stalled.on('message', (data: Buffer) => {
      const text = data.toString();
      messages.push(text.slice(0, 40));
      if (text.startsWith('0{')) stalled.send(`40${JSON.stringify({ token: 'token-supervisor' })}`);
    });
    await waitFor(() => messages.some((message) => message.startsWith('42["session"')), 5000, 'the stalled screen\'s session');
    (stalled as unknown as { _socket: NetSocket })._socket.pause();
    const closed = new Promise<void>((resolve) => stalled.once('close', () => resolve()));

    const pushing = setInterval(() => harness.publisher.push(32 * 1024), 5);
    try {
      await waitFor(() => harness.realtime.counters.outputOverflows === 1, 45_000, 'the stalled socket disconnected');
    } finally {
      clearInterval(pushing);
    }
    await waitFor(() => harness.realtime.io.of('/').sockets.size === 1, 5000, 'only the reading screen left on the server');
    (stalled as unknown as { _socket: NetSocket })._socket.resume();
    await closed;
    const line = harness.lines.find((entry) => entry.message === 'socket disconnected: it stopped reading');
    expect(line).to.deep.include({ user: 'supervisor1', limitBytes: LIMITS.maxBufferedBytes });
    expect(Number(line!.unsentBytes)).to.be.greaterThan(LIMITS.maxBufferedBytes);
    expect(reader.connected).to.equal(true);
    const before = readerDeltas;
    harness.publisher.push(100);
    await waitFor(() => readerDeltas > before, 5000, 'the reading screen still served');
  });
});
