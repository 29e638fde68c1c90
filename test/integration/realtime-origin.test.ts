import { expect } from 'chai';
import { io as connect, type Socket } from 'socket.io-client';
import { SESSION_COOKIE } from '../../src/http/auth-middleware.js';
import { signIn, startSystem, type System } from '../support/system.js';

type Outcome = { connected: true; session: boolean } | { connected: false; error: string };

describe('realtime: the socket.io handshake checks where a browser page came from', function () {
  this.timeout(30_000);
  let system: System;
  const sockets: Socket[] = [];

  before(async () => {
    system = await startSystem();
  });

  after(async () => {
    await system.stop();
  });

  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });

  /** Opens a socket with the given handshake headers and reports whether it got in (and its session). */
  const attempt = (transport: 'websocket' | 'polling', headers: Record<string, string>, token?: string): Promise<Outcome> =>
    new Promise((resolve) => {
      const socket = connect(system.app.url, { transports: [transport], extraHeaders: headers, auth: token === undefined ? {} : { token }, forceNew: true, reconnection: false });
      sockets.push(socket);
      socket.once('session', () => resolve({ connected: true, session: true }));
      socket.once('connect_error', (error) => resolve({ connected: false, error: error.message }));
    });

  it('refuses a page on another port of this host even with a valid session cookie, on both transports', async () => {
    const agent = await signIn(system, 'agent');
    const cookie = `${SESSION_COOKIE}=${agent.token}`;
    const foreign = `http://127.0.0.1:${new URL(system.app.url).port === '9' ? 10 : 9}`;
    const before = system.app.realtime.counters.refusedOrigin;
    expect(await attempt('websocket', { origin: foreign, cookie })).to.deep.include({ connected: false });
    expect(await attempt('polling', { origin: foreign, cookie })).to.deep.include({ connected: false });
    expect(await attempt('websocket', { origin: system.app.url, 'sec-fetch-site': 'same-site', cookie }), 'a sibling subdomain is same-site, not same-origin').to.deep.include({ connected: false });
    expect(system.app.realtime.counters.refusedOrigin - before).to.equal(3);
    expect(system.app.realtime.counters.connected).to.equal(0);
  });

  it('lets the server\'s own pages in with the cookie, and non-browser clients without Origin with a token', async () => {
    const agent = await signIn(system, 'agent');
    const cookie = `${SESSION_COOKIE}=${agent.token}`;
    expect(await attempt('websocket', { origin: system.app.url, 'sec-fetch-site': 'same-origin', cookie })).to.deep.equal({ connected: true, session: true });
    expect(await attempt('polling', { origin: system.app.url, cookie })).to.deep.equal({ connected: true, session: true });
    expect(await attempt('websocket', {}, agent.token)).to.deep.equal({ connected: true, session: true });
    expect(await attempt('websocket', { authorization: `Bearer ${agent.token}` })).to.deep.equal({ connected: true, session: true });
  });
});
