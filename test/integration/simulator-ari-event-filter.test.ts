import { expect } from 'chai';
import { WebSocket } from 'ws';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { waitFor } from '../support/system.js';

const AUTH = `Basic ${Buffer.from('alo153:secret').toString('base64')}`;

describe('Simulator ARI: PUT /applications/{app}/eventFilter, as res/stasis/app.c filters', () => {
  let sim: Simulator;
  const sockets: WebSocket[] = [];

  async function openApp(): Promise<string[]> {
    const types: string[] = [];
    const socket = new WebSocket(`ws://127.0.0.1:${sim.ariPort}/ari/events?app=alo153`, { headers: { authorization: AUTH } });
    sockets.push(socket);
    socket.on('message', (data: Buffer) => types.push((JSON.parse(data.toString('utf8')) as { type: string }).type));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return types;
  }

  const ari = async (method: string, path: string, body?: string, contentType = 'application/json'): Promise<{ status: number; json: unknown }> => {
    const response = await fetch(`${sim.ariUrl}/ari${path}`, { method, headers: { authorization: AUTH, ...(body === undefined ? {} : { 'content-type': contentType }) }, ...(body === undefined ? {} : { body }) });
    const text = await response.text();
    return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
  };
  const putFilter = (filter: unknown): Promise<{ status: number; json: unknown }> => ari('PUT', '/applications/alo153/eventFilter', JSON.stringify(filter));

  /** A call waiting in Stasis, then a variable set and an answer: ChannelVarset and ChannelStateChange. */
  async function callAndPoke(): Promise<string> {
    const call = sim.placeCall({ callerNumber: '05321234567', hangupAfterMs: 60_000 });
    await waitFor(() => sim.channels().some((c) => c.id === call.channelId && c.inStasis), 2000, 'the call in Stasis');
    await ari('POST', `/channels/${call.channelId}/variable?variable=X&value=1`);
    await ari('POST', `/channels/${call.channelId}/answer`);
    // The simulator writes an event before it answers the request that raised it; 50 ms more for the socket.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return call.channelId;
  }

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
  });

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.terminate();
    await sim.stop();
  });

  it('sends only the allowed types, and echoes the lists in the Application', async () => {
    const types = await openApp();
    const reply = await putFilter({ allowed: [{ type: 'StasisStart' }, { type: 'ChannelStateChange' }] });
    expect(reply.status).to.equal(200);
    expect(reply.json).to.deep.include({ name: 'alo153', events_allowed: [{ type: 'StasisStart' }, { type: 'ChannelStateChange' }], events_disallowed: [] });
    await callAndPoke();
    expect(types).to.deep.equal(['StasisStart', 'ChannelStateChange']);
  });

  it('drops disallowed types and sends the rest; an empty filter object clears both lists', async () => {
    const types = await openApp();
    expect((await putFilter({ disallowed: [{ type: 'ChannelVarset' }] })).status).to.equal(200);
    await callAndPoke();
    expect(types).to.deep.equal(['StasisStart', 'ChannelStateChange']);
    const cleared = await putFilter({});
    expect(cleared.json).to.deep.include({ events_allowed: [], events_disallowed: [] });
    types.length = 0;
    await callAndPoke();
    expect(types).to.include('ChannelVarset');
  });

  it('answers 400 for a list that is not an array of typed objects, 404 for an unknown app', async () => {
    await openApp();
    expect((await putFilter({ allowed: 'StasisStart' })).status).to.equal(400);
    expect((await putFilter({ allowed: [{ name: 'StasisStart' }] })).status).to.equal(400);
    expect((await ari('PUT', '/applications/alo153/eventFilter', '{not json')).status).to.equal(400);
    expect((await ari('PUT', '/applications/nobody/eventFilter', '{}')).status).to.equal(404);
    expect((await ari('GET', '/applications/alo153')).json).to.deep.include({ events_allowed: [], events_disallowed: [] });
  });

  it('keeps the filter on the app while a channel is still in it, and forgets it with a fresh app', async () => {
    await openApp();
    await putFilter({ allowed: [{ type: 'StasisStart' }] });
    const channelId = await callAndPoke();
    sockets[0]?.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await openApp();
    expect((await ari('GET', '/applications/alo153')).json).to.deep.include({ events_allowed: [{ type: 'StasisStart' }] });
    await ari('DELETE', `/channels/${channelId}`);
    await waitFor(() => sim.channels().length === 0, 2000, 'the call gone');
    for (const socket of sockets) socket.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await openApp();
    expect((await ari('GET', '/applications/alo153')).json).to.deep.include({ events_allowed: [] });
  });
});
