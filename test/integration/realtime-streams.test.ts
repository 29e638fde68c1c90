import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import type { Ack, QueueTile, StreamName } from '../../src/realtime/protocol.js';
import type { BoardStream } from '../../src/web/assets/board-stream.js';
import { createStreamClient, type StreamChange } from '../../src/web/assets/stream-client.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type System } from '../support/system.js';

const QUEUE = 'alo153-kentkart';

describe('realtime streams: the browser client over the hub, who may follow which stream', function () {
  this.timeout(30000);
  let system: System;
  const sockets: Socket[] = [];
  const open = (token: string, reconnection = false): Socket => {
    const socket = connect(system.app.url, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection, reconnectionDelay: 50, reconnectionDelayMax: 100 });
    sockets.push(socket);
    return socket;
  };
  const request = (socket: Socket, stream: string): Promise<Ack> => new Promise((resolve) => socket.emit('board:subscribe', { stream }, resolve));
  const connected = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.connected ? resolve() : socket.once('connect', () => resolve())));
  const session = (socket: Socket): Promise<unknown> => new Promise((resolve) => socket.once('session', resolve));

  beforeEach(async () => {
    system = await startSystem({ agents: 2, agentAnswerAfterMs: 5000, agentTalkMs: 1_000_000 });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await system.stop();
  });

  const queueCall = () =>
    system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });

  it('a client that loses its connection gets a snapshot on the new one with what it missed, then goes on with the deltas', async () => {
    const socket = open((await signIn(system, 'supervisor')).token, true);
    const client = createStreamClient({ socket });
    const changes: StreamChange[] = [];
    let latest: BoardStream | undefined;
    client.subscribe('supervisors', (stream, change) => {
      latest = stream;
      changes.push(change);
    });
    // A stream the client asked for itself (the server joins only `supervisors` by itself).
    const queueSnapshots: BoardStream[] = [];
    client.subscribe(`queue:${QUEUE}`, (stream, change) => change.kind === 'snapshot' && queueSnapshots.push(stream));
    await waitFor(() => changes.some((change) => change.kind === 'snapshot') && queueSnapshots.length === 1, 5000, 'the first snapshots');
    const total = (): QueueTile | undefined => latest?.entries.total as QueueTile | undefined;

    // The transport drops; a call arrives and is counted while nobody is connected.
    const reconnected = new Promise<void>((resolve) => socket.io.once('reconnect', () => resolve()));
    socket.io.engine.close();
    queueCall();
    await waitFor(() => system.app.board.snapshotFor('supervisors').entries.total !== undefined && (system.app.board.snapshotFor('supervisors').entries.total as QueueTile).offered === 1, 10000, 'the call on the server');
    await reconnected;
    await waitFor(() => changes.filter((change) => change.kind === 'snapshot').length >= 2 && total()?.offered === 1, 5000, 'the new snapshot with the call');
    await waitFor(() => queueSnapshots.length >= 2, 5000, 'the queue stream subscribed again on the new connection');
    expect((client.stream(`queue:${QUEUE}`)?.entries[`queue:${QUEUE}`] as QueueTile | undefined)?.offered).to.equal(1);

    // And the deltas carry on from the new snapshot's number: the answer arrives as a delta.
    const snapshotsSoFar = changes.filter((change) => change.kind === 'snapshot').length;
    await waitFor(() => total()?.answered === 1, 15000, 'the answer counted');
    expect(changes.filter((change) => change.kind === 'snapshot').length, 'no resync needed').to.equal(snapshotsSoFar);
    await waitFor(() => client.stream('supervisors')?.seq === system.app.board.snapshotFor('supervisors').seq, 2000, "the client at the server's sequence");
    expect(client.stream('supervisors')?.entries).to.deep.equal(system.app.board.snapshotFor('supervisors').entries);
  });

  it("an agent follows its own desk stream, relay and its queue, but not another agent's desk or a department's inbox", async () => {
    const agent = await signIn(system, 'agent', 'zeynep', 'PJSIP/agent1');
    const other = await signIn(system, 'agent', 'murat', 'PJSIP/agent2');
    const socket = open(agent.token);
    const client = createStreamClient({ socket });
    const desk: BoardStream[] = [];
    client.subscribe(`desk:${agent.userId}`, (stream) => desk.push(stream));
    await waitFor(() => desk.length > 0, 5000, 'the desk snapshot');
    expect(desk[0]!.entries.state).to.deep.include({ loggedIn: true, boardState: 'ready' });

    for (const stream of [`desk:${other.userId}`, 'inbox:ulasim', 'supervisors', 'escalations']) {
      const ack = await request(socket, stream);
      expect(ack.ok, stream).to.equal(false);
    }
    expect(await request(socket, 'relay')).to.deep.equal({ ok: true });
    expect(await request(socket, `queue:${QUEUE}`)).to.deep.equal({ ok: true });
  });

  it('a department user follows only its own inbox (and its own desk)', async () => {
    const user = await system.app.auth.users.create({ username: 'ulasim-birim', displayName: 'Ulaşım Birimi', role: 'department', password: TEST_PASSWORD, phoneInterface: null, department: 'ulasim' });
    const response = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ulasim-birim', password: TEST_PASSWORD }) });
    const { token } = (await response.json()) as { token: string };
    const socket = open(token);
    const started = session(socket);
    await connected(socket);
    expect(await started).to.deep.include({ streams: [] });

    const snapshot = new Promise<unknown>((resolve) => socket.once('board:snapshot', resolve));
    expect(await request(socket, 'inbox:ulasim')).to.deep.equal({ ok: true });
    expect(await snapshot).to.deep.include({ stream: 'inbox:ulasim', entries: {} });
    expect(await request(socket, `desk:${user.id}`)).to.deep.equal({ ok: true });
    const refused: Array<[StreamName, string]> = [
      ['inbox:cevre', "forbidden: another department's inbox"],
      ['supervisors', 'forbidden: supervisors only'],
      ['relay', 'forbidden: the callback list is for the call centre'],
      ['escalations', 'forbidden: escalations are for supervisors'],
      [`queue:${QUEUE}`, 'forbidden: queue status is for agents and supervisors'],
    ];
    for (const [stream, error] of refused) expect(await request(socket, stream), stream).to.deep.equal({ ok: false, error });
  });

  it('a patch another feature publishes reaches the followers of that stream only', async () => {
    await system.app.auth.users.create({ username: 'ulasim-2', displayName: 'Ulaşım', role: 'department', password: TEST_PASSWORD, phoneInterface: null, department: 'ulasim' });
    const login = await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ulasim-2', password: TEST_PASSWORD }) });
    const departmentToken = ((await login.json()) as { token: string }).token;
    const supervisorToken = (await signIn(system, 'supervisor')).token;
    // As a page does: the client right after io(), so it hears the connection's `session`.
    const inbox = createStreamClient({ socket: open(departmentToken) });
    const watching = createStreamClient({ socket: open(supervisorToken) });
    const seen: Record<string, BoardStream[]> = { department: [], supervisor: [] };
    inbox.subscribe('inbox:ulasim', (stream) => seen.department!.push(stream));
    watching.subscribe('inbox:cevre', (stream) => seen.supervisor!.push(stream));
    await waitFor(() => seen.department!.length > 0 && seen.supervisor!.length > 0, 5000, 'both snapshots');

    system.app.hub.patch('inbox:ulasim', { 'ticket:153-2026-000001': { status: 'forwarded' } });
    await waitFor(() => inbox.stream('inbox:ulasim')?.entries['ticket:153-2026-000001'] !== undefined, 5000, 'the inbox item');
    system.app.hub.patch('inbox:ulasim', {}, ['ticket:153-2026-000001']);
    await waitFor(() => Object.keys(inbox.stream('inbox:ulasim')?.entries ?? { x: 1 }).length === 0, 5000, 'the item removed');
    expect(watching.stream('inbox:cevre')?.seq).to.equal(0);
  });
});
