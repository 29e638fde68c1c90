import { expect } from 'chai';
import { EventEmitter } from 'node:events';
import type { AriClient } from 'ari-client';
import { createTestLogger } from '../../src/logging/logger.js';
import { AriSupervisor } from '../../src/telephony/ari/ari-supervisor.js';

/** Just enough of an ari-client Client for the supervisor: start() opens, events are emitted by the test. */
class FakeAriClient extends EventEmitter {
  stopped = false;
  /** ari-client's socket, with its own processMessage listener that would throw on a bad frame. */
  _ws = Object.assign(new EventEmitter(), { terminate: () => undefined });
  _swagger = { apis: { events: { models: { StasisEnd: {}, ChannelVarset: {} } } } };
  constructor() {
    super();
    this._ws.on('message', (text: string) => JSON.parse(text).no.such.property);
  }
  channels = {};
  playbacks = {};
  asterisk = {};
  applications = {};
  async start(): Promise<void> {
    queueMicrotask(() => this.emit('WebSocketConnected'));
  }
  stop(): void {
    this.stopped = true;
  }
}

const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function supervisor(connect: () => Promise<AriClient>): AriSupervisor {
  return new AriSupervisor({
    url: 'http://127.0.0.1:1',
    username: 'u',
    password: 'p',
    app: 'alo153',
    reconnect: { initialDelayMs: 5, maxDelayMs: 20 },
    logger: createTestLogger(),
    connect,
  });
}

describe('ARI supervisor', () => {
  it('keeps retrying connect while Asterisk boots (refused, 404 page, 503 not booted) and then connects', async () => {
    const failures = [new Error('connect ECONNREFUSED 127.0.0.1:8088'), new Error('<html>404 Not Found</html>'), new Error('{"message":"Asterisk not booted"}')];
    let attempts = 0;
    const client = new FakeAriClient();
    const sup = supervisor(async () => {
      attempts += 1;
      const failure = failures.shift();
      if (failure) throw failure;
      return client as unknown as AriClient;
    });
    let connected = 0;
    sup.onConnected(() => (connected += 1));
    sup.start();
    await settle(200);
    expect(attempts).to.equal(4);
    expect(sup.state).to.equal('connected');
    expect(connected).to.equal(1);
    await sup.stop();
  });

  it('throws the client away after WebSocketMaxRetries and builds a new one', async () => {
    const clients: FakeAriClient[] = [];
    const sup = supervisor(async () => {
      const client = new FakeAriClient();
      clients.push(client);
      return client as unknown as AriClient;
    });
    const disconnects: string[] = [];
    sup.onDisconnected((reason) => disconnects.push(reason));
    sup.start();
    await settle(20);
    clients[0]!.emit('WebSocketReconnecting', new Error('socket hang up'));
    expect(sup.state).to.equal('connecting');
    clients[0]!.emit('WebSocketMaxRetries', new Error('gave up'));
    await settle(100);
    expect(clients).to.have.length(2);
    expect(clients[0]!.stopped).to.equal(true);
    expect(sup.state).to.equal('connected');
    expect(sup.counters.rebuilds).to.equal(1);
    expect(disconnects).to.deep.equal(['socket hang up']);
    await sup.stop();
  });

  it('delivers events from the live socket only, parsing each frame once, and drops what ari-client would throw on', async () => {
    const clients: FakeAriClient[] = [];
    const sup = supervisor(async () => {
      const client = new FakeAriClient();
      clients.push(client);
      return client as unknown as AriClient;
    });
    const events: string[] = [];
    sup.onEvent((event) => events.push(`${event.type}:${'channelId' in event ? event.channelId : ''}`));
    sup.start();
    await settle(20);
    const stasisEnd = (id: string) => JSON.stringify({ type: 'StasisEnd', timestamp: 't', channel: { id, name: 'PJSIP/x', state: 'Up', caller: { name: '', number: '1' }, creationtime: 't' } });
    const first = clients[0]!;
    first._ws.emit('message', stasisEnd('1.1'));
    first._ws.emit('message', '{ broken');
    first._ws.emit('message', JSON.stringify({ type: 'NotDeclared' }));
    first._ws.emit('message', JSON.stringify({ type: 'ChannelVarset', variable: 'X', value: '1' }));
    expect(events).to.deep.equal(['stasisEnd:1.1']);
    expect(sup.counters.droppedFrames).to.include({ 'malformed-json': 1, 'unknown-event-type': 1 });
    first.emit('WebSocketMaxRetries');
    await settle(100);
    first._ws.emit('message', stasisEnd('1.2'));
    clients[1]!._ws.emit('message', stasisEnd('1.3'));
    expect(events).to.deep.equal(['stasisEnd:1.1', 'stasisEnd:1.3']);
    await sup.stop();
  });
});
