import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AriClient } from 'ari-client';
import { createTestLogger } from '../../src/logging/logger.js';
import { AriRest } from '../../src/telephony/ari/ari-rest.js';
import { AriSupervisor } from '../../src/telephony/ari/ari-supervisor.js';
import { AriWsTransport } from '../../src/telephony/ari/ari-ws-transport.js';
import { supportsRestOverWebSocket, type RestOverWebSocketMode } from '../../src/telephony/ari/rest-over-ws-support.js';
import { TelephonyError } from '../../src/telephony/ports.js';

type Sent = { request_id: string; method: string; uri: string; query_strings?: Array<{ name: string; value: string }>; content_type?: string; message_body?: string };

/** ari-client's `ws` socket as far as the transport uses it: frames written are kept, close is emitted by the test. */
class FakeSocket extends EventEmitter {
  readyState = 1;
  readonly sent: Sent[] = [];
  send(data: string, callback?: (error?: Error) => void): void {
    this.sent.push(JSON.parse(data) as Sent);
    callback?.();
  }
  close(): void {
    this.readyState = 3;
    this.emit('close');
  }
}

const answer = (requestId: string, status: number, body?: unknown): Record<string, unknown> => ({
  type: 'RESTResponse',
  transaction_id: '',
  request_id: requestId,
  status_code: status,
  reason_phrase: '',
  uri: '',
  ...(body === undefined ? {} : { content_type: 'application/json', message_body: JSON.stringify(body) }),
});

describe('ARI REST over the events WebSocket: the transport', () => {
  it('writes RESTRequest frames with query_strings and a JSON body, and matches answers that come out of order', async () => {
    const transport = new AriWsTransport(1000);
    const socket = new FakeSocket();
    transport.attach(socket);
    const first = transport.request('POST', '/channels/c1/variable', { variable: 'A', value: 'x y' }, 'setVariable');
    const second = transport.request('PUT', '/applications/alo153/eventFilter', {}, 'eventFilter', { allowed: [] });
    const [a, b] = socket.sent;
    expect(a).to.deep.include({ method: 'POST', uri: 'channels/c1/variable', query_strings: [{ name: 'variable', value: 'A' }, { name: 'value', value: 'x y' }] });
    expect(b).to.deep.include({ method: 'PUT', uri: 'applications/alo153/eventFilter', content_type: 'application/json', message_body: '{"allowed":[]}' });
    expect(transport.handle(answer(b!.request_id, 200, { name: 'alo153' }))).to.equal(true);
    expect(transport.handle(answer(a!.request_id, 404, { message: 'Channel not found' }))).to.equal(true);
    expect(await second).to.deep.equal({ status: 200, body: { name: 'alo153' } });
    expect(await first).to.deep.equal({ status: 404, body: { message: 'Channel not found' } });
    expect(transport.handle(answer(a!.request_id, 204))).to.equal(false);
    expect(transport.pendingCount).to.equal(0);
  });

  it('gives a 204 the empty body the HTTP path gives', async () => {
    const transport = new AriWsTransport(1000);
    const socket = new FakeSocket();
    transport.attach(socket);
    const reply = transport.request('POST', '/channels/c1/answer', {}, 'answer');
    transport.handle(answer(socket.sent[0]!.request_id, 204));
    expect(await reply).to.deep.equal({ status: 204, body: '' });
  });

  it('times out with a TelephonyError naming the operation and forgets the request', async () => {
    const transport = new AriWsTransport(30);
    transport.attach(new FakeSocket());
    const error = await transport.request('POST', '/channels/c1/answer', {}, 'answer').catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TelephonyError);
    expect((error as Error).message).to.equal('answer timed out after 30 ms');
    expect(transport.pendingCount).to.equal(0);
  });

  it('fails what is pending at once when its socket closes, and goes on over the next socket', async () => {
    const transport = new AriWsTransport(60_000);
    const old = new FakeSocket();
    transport.attach(old);
    const pending = transport.request('POST', '/channels/c1/answer', {}, 'answer');
    const started = Date.now();
    old.close();
    const error = await pending.catch((e: unknown) => e);
    expect(error).to.be.instanceOf(TelephonyError);
    expect(Date.now() - started).to.be.below(1000);
    expect(transport.ready).to.equal(false);
    expect(transport.pendingCount).to.equal(0);
    const fresh = new FakeSocket();
    transport.attach(fresh);
    const reply = transport.request('POST', '/channels/c2/answer', {}, 'answer');
    expect(old.sent).to.have.length(1);
    transport.handle(answer(fresh.sent[0]!.request_id, 204));
    expect((await reply).status).to.equal(204);
  });

  it('knows the releases that answer RESTRequest', () => {
    for (const version of ['22.4.0', '22.11.0-rc1', '21.9.0', '20.14.1', '23.0.0']) expect(supportsRestOverWebSocket(version), version).to.equal(true);
    for (const version of ['22.3.0', '21.8.0', '20.13.0', '20.7-cert5', '18.26.0', 'GIT-master-abcdef']) expect(supportsRestOverWebSocket(version), version).to.equal(false);
  });
});

/** An Asterisk HTTP side that only says its version and takes the event filter. */
async function fakeAsterisk(version: string): Promise<{ server: Server; url: string; filters: string[]; requests: string[] }> {
  const filters: string[] = [];
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      if (req.url?.startsWith('/ari/asterisk/info')) return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ system: { version } }));
      if (req.url?.endsWith('/eventFilter')) filters.push(body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, filters, requests };
}

class FakeAriClient extends EventEmitter {
  _ws = new FakeSocket();
  _swagger = { apis: { events: { models: { StasisStart: {} } } } };
  constructor() {
    super();
    // ari-client's own processMessage, which the guard replaces.
    this._ws.on('message', () => undefined);
  }
  async start(): Promise<void> {
    queueMicrotask(() => this.emit('WebSocketConnected'));
  }
  stop(): void {
    this._ws.close();
  }
}

describe('ARI REST over the events WebSocket: when the supervisor allows it', () => {
  const servers: Server[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.close();
  });

  async function setup(version: string, mode: RestOverWebSocketMode): Promise<{ client: FakeAriClient; rest: AriRest; sup: AriSupervisor; asterisk: Awaited<ReturnType<typeof fakeAsterisk>> }> {
    const asterisk = await fakeAsterisk(version);
    servers.push(asterisk.server);
    const client = new FakeAriClient();
    const sup = new AriSupervisor({
      url: asterisk.url,
      username: 'u',
      password: 'p',
      app: 'alo153',
      reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: createTestLogger(),
      restOverWebSocket: mode,
      connect: async () => client as unknown as AriClient,
    });
    const rest = new AriRest({ url: asterisk.url, username: 'u', password: 'p', timeoutMs: 1000, webSocket: sup.webSocketRest });
    sup.start();
    const deadline = Date.now() + 2000;
    while (asterisk.filters.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { client, rest, sup, asterisk };
  }

  it('auto with a 22.4 Asterisk: commands go over the socket, answered through the guard, and the filter lets RESTResponse in', async () => {
    const { client, rest, sup, asterisk } = await setup('22.4.0', 'auto');
    expect((JSON.parse(asterisk.filters[0]!) as { allowed: Array<{ type: string }> }).allowed.map((a) => a.type)).to.include.members(['StasisStart', 'RESTResponse']);
    const reply = rest.request('POST', '/channels/c1/answer', {}, 'answer');
    const sent = client._ws.sent[0]!;
    expect(sent).to.include({ method: 'POST', uri: 'channels/c1/answer' });
    client._ws.emit('message', JSON.stringify(answer(sent.request_id, 204)));
    expect((await reply).status).to.equal(204);
    expect(asterisk.requests.some((r) => r.includes('/answer'))).to.equal(false);
    await sup.stop();
  });

  it('auto with a 22.3 Asterisk stays on HTTP and keeps RESTResponse out of the filter', async () => {
    const { client, rest, sup, asterisk } = await setup('22.3.0', 'auto');
    expect(asterisk.filters[0]).to.not.include('RESTResponse');
    expect((await rest.request('POST', '/channels/c1/answer', {}, 'answer')).status).to.equal(204);
    expect(client._ws.sent).to.have.length(0);
    expect(asterisk.requests).to.include('POST /ari/channels/c1/answer');
    await sup.stop();
  });

  it('off stays on HTTP without asking the version', async () => {
    const { client, rest, sup, asterisk } = await setup('22.11.0', 'off');
    expect((await rest.request('POST', '/channels/c1/answer', {}, 'answer')).status).to.equal(204);
    expect(client._ws.sent).to.have.length(0);
    expect(asterisk.requests.some((r) => r.includes('/asterisk/info'))).to.equal(false);
    await sup.stop();
  });
});
