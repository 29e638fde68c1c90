import { expect } from 'chai';
import { WebSocket } from 'ws';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { waitFor } from '../support/system.js';

const AUTH = `Basic ${Buffer.from('alo153:secret').toString('base64')}`;

type Frame = Record<string, unknown> & { type: string };

describe('Simulator ARI: REST over the events WebSocket, as res/ari/ari_websocket_requests.c answers', () => {
  let sim: Simulator;
  let socket: WebSocket;
  let frames: Frame[];

  const responses = (): Frame[] => frames.filter((f) => f.type === 'RESTResponse');
  async function next(send: string | Buffer): Promise<Frame> {
    const before = responses().length;
    socket.send(send);
    await waitFor(() => responses().length > before, 2000, 'a RESTResponse');
    return responses()[before]!;
  }
  const request = (msg: Record<string, unknown>): Promise<Frame> => next(JSON.stringify({ type: 'RESTRequest', ...msg }));

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    frames = [];
    socket = new WebSocket(`ws://127.0.0.1:${sim.ariPort}/ari/events?app=alo153`, { headers: { authorization: AUTH } });
    socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as Frame));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  });

  afterEach(async () => {
    socket.terminate();
    await sim.stop();
  });

  async function callInStasis(): Promise<string> {
    const call = sim.placeCall({ callerNumber: '05321234567', hangupAfterMs: 60_000 });
    await waitFor(() => sim.channels().some((c) => c.id === call.channelId && c.inStasis), 2000, 'the call in Stasis');
    return call.channelId;
  }

  it('answers 204 without a body, with the fields in the order Asterisk writes them', async () => {
    const channelId = await callInStasis();
    const reply = await request({ transaction_id: 't1', request_id: 'r1', method: 'POST', uri: `channels/${channelId}/answer` });
    expect(Object.keys(reply)).to.deep.equal(['type', 'transaction_id', 'request_id', 'status_code', 'reason_phrase', 'uri', 'application', 'timestamp', 'asterisk_id']);
    expect(reply).to.include({ transaction_id: 't1', request_id: 'r1', status_code: 204, reason_phrase: 'No Content', uri: `channels/${channelId}/answer`, application: 'alo153' });
    expect(sim.channels().find((c) => c.id === channelId)?.state).to.equal('Up');
  });

  it('answers 200 with the resource as compact JSON in message_body', async () => {
    const reply = await request({ request_id: 'info', method: 'GET', uri: 'asterisk/info' });
    expect(reply).to.include({ transaction_id: '', request_id: 'info', status_code: 200, reason_phrase: 'OK', content_type: 'application/json' });
    const body = reply.message_body as string;
    expect(body).to.not.include('\n');
    expect((JSON.parse(body) as { system: { version: string } }).system.version).to.match(/^22\./);
  });

  it('answers an unknown channel with the 404 and message HTTP gives', async () => {
    const reply = await request({ request_id: 'x', method: 'POST', uri: 'channels/nope/answer' });
    expect(reply).to.include({ status_code: 404, reason_phrase: 'Not Found', uri: 'channels/nope/answer', message_body: '{"message":"Channel not found"}' });
  });

  it('answers a frame that is not JSON with a 400 that has empty ids and no body', async () => {
    const reply = await next('{not json');
    expect(reply).to.include({ transaction_id: '', request_id: '', status_code: 400, reason_phrase: 'Failed to parse request message JSON', uri: '' });
    expect(reply).to.not.have.property('message_body');
  });

  it('answers a missing method or uri with 400 and says which', async () => {
    const noMethod = await request({ request_id: 'm', uri: 'asterisk/info?x=1' });
    expect(noMethod).to.include({ request_id: 'm', status_code: 400, reason_phrase: 'Bad request', uri: 'asterisk/info', message_body: `{"message":"Unknown or missing 'method' property."}` });
    const noUri = await request({ request_id: 'u', method: 'GET' });
    expect(noUri).to.include({ status_code: 400, uri: '', message_body: `{"message":"Empty or missing 'uri' property."}` });
    const lower = await request({ request_id: 'l', method: 'get', uri: 'asterisk/info' });
    expect(lower).to.include({ status_code: 400 });
  });

  it('takes parameters from the uri query string and from query_strings alike', async () => {
    const channelId = await callInStasis();
    const viaUri = await request({ request_id: 'a', method: 'POST', uri: `channels/${channelId}/variable?variable=A&value=x%20y` });
    expect(viaUri).to.include({ status_code: 204, uri: `channels/${channelId}/variable` });
    const viaList = await request({ request_id: 'b', method: 'POST', uri: `channels/${channelId}/variable`, query_strings: [{ name: 'variable', value: 'B' }, { name: 'value', value: 'a&b=c' }] });
    expect(viaList).to.include({ status_code: 204 });
    const a = await request({ request_id: 'c', method: 'GET', uri: `channels/${channelId}/variable`, query_strings: [{ name: 'variable', value: 'A' }] });
    const b = await request({ request_id: 'd', method: 'GET', uri: `channels/${channelId}/variable?variable=B` });
    expect(JSON.parse(a.message_body as string)).to.deep.equal({ value: 'x y' });
    expect(JSON.parse(b.message_body as string)).to.deep.equal({ value: 'a&b=c' });
    const bad = await request({ request_id: 'e', method: 'GET', uri: 'asterisk/info', query_strings: [{ name: 'x' }] });
    expect(bad).to.include({ status_code: 400, message_body: `{"message":"Unable to parse 'query_strings' array."}` });
  });

  it('takes a JSON message_body only with its content_type, and its filter keeps RESTResponse only when allowed', async () => {
    const noType = await request({ request_id: 'f0', method: 'PUT', uri: 'applications/alo153/eventFilter', message_body: '{}' });
    expect(noType).to.include({ status_code: 400, message_body: `{"message":"No 'content_type' for 'message_body'."}` });
    const allowed = await request({
      request_id: 'f1',
      method: 'PUT',
      uri: 'applications/alo153/eventFilter',
      content_type: 'application/json',
      message_body: JSON.stringify({ allowed: [{ type: 'StasisStart' }, { type: 'RESTResponse' }] }),
    });
    expect(allowed).to.include({ status_code: 200 });
    expect((JSON.parse(allowed.message_body as string) as { events_allowed: unknown[] }).events_allowed).to.have.length(2);
    // stasis_app_event_allowed runs on the answer too: once the filter lacks RESTResponse, nothing comes back.
    socket.send(JSON.stringify({ type: 'RESTRequest', request_id: 'f2', method: 'PUT', uri: 'applications/alo153/eventFilter', content_type: 'application/json', message_body: JSON.stringify({ allowed: [{ type: 'StasisStart' }] }) }));
    socket.send(JSON.stringify({ type: 'RESTRequest', request_id: 'f3', method: 'GET', uri: 'asterisk/info' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(responses().map((r) => r.request_id)).to.deep.equal(['f0', 'f1']);
  });

  it('ignores binary frames', async () => {
    socket.send(Buffer.from(JSON.stringify({ type: 'RESTRequest', request_id: 'bin', method: 'GET', uri: 'asterisk/info' })), { binary: true });
    const reply = await request({ request_id: 'after', method: 'GET', uri: 'asterisk/ping' });
    expect(responses().map((r) => r.request_id)).to.deep.equal(['after']);
    expect(reply).to.include({ status_code: 200 });
  });
});
