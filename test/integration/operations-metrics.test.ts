import { expect } from 'chai';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSystem, waitFor, waitForCallEnd, type System } from '../support/system.js';

const TOKEN = 'metrics-test-token-0123456789';

/** A port free right now (the metrics listener takes a fixed port, as in production). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** `name{labels} value` lines of the exposition → value by `name{labels}` (labels as printed). */
function samples(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

async function scrape(url: string, token = TOKEN): Promise<Map<string, number>> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).to.equal(200);
  expect(response.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
  return samples(await response.text());
}

describe('GET /metrics after a simulated call', function () {
  this.timeout(30000);
  let system: System;
  let metricsPort: number;

  before(async () => {
    metricsPort = await freePort();
    system = await startSystem({ agents: 3, agentAnswerAfterMs: 500, agentTalkMs: 1000, config: { metrics: { token: TOKEN, port: metricsPort } } });
  });

  after(async () => {
    await system?.stop();
  });

  it('asks for the token on the main port: 401 without, 401 with a wrong one, 200 with it', async () => {
    const none = await fetch(`${system.app.url}/metrics`);
    expect(none.status).to.equal(401);
    expect(none.headers.get('www-authenticate')).to.match(/^Bearer/);
    expect((await fetch(`${system.app.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abc' } })).status).to.equal(401);
    const values = await scrape(`${system.app.url}/metrics`);
    // Node's default metrics are in the same registry.
    expect(values.get('process_cpu_user_seconds_total')).to.be.a('number');
    expect([...values.keys()].some((key) => key.startsWith('nodejs_eventloop_lag_p99_seconds'))).to.equal(true);
    expect(values.get('alo153_link_up{link="ari"}')).to.equal(1);
    expect(values.get('alo153_link_up{link="ami"}')).to.equal(1);
  });

  it('serves the same registry on metrics.port (bound to 127.0.0.1), the token asked there too', async () => {
    expect(system.app.metrics.url).to.equal(`http://127.0.0.1:${metricsPort}/metrics`);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).status).to.equal(401);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/healthz`)).status).to.equal(404);
    const values = await scrape(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(values.get('alo153_calls_in_ivr')).to.equal(0);
  });

  it('moves the call, latency, ticket, HTTP, login, link and frame metrics', async () => {
    const before = await scrape(`${system.app.url}/metrics`);
    const call = system.sim.placeCall({ callerNumber: '05321234570', script: [{ afterMs: 3000, digit: '2' }] });
    await waitFor(() => system.app.registry.size === 1, 5000, 'the call in the IVR');
    const during = await scrape(`${system.app.url}/metrics`);
    expect(during.get('alo153_calls_in_ivr')).to.equal(1);
    const stored = await waitForCallEnd(system, call.channelId);
    expect(stored.queue).to.equal('alo153-cevre');
    await waitFor(async () => (await system.app.store.getCallByChannel(call.channelId))?.outcome === 'answered', 10000, 'the agent to answer');
    // A failed login, a ticket read by route, a garbage ARI frame and an ARI reconnect.
    await fetch(`${system.app.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'nobody', password: 'wrong-password' }) });
    await fetch(`${system.app.url}/api/tickets/${stored.ticketNumber}`);
    system.sim.sendRawAriFrame('{not json');
    system.sim.dropAriWebSocket();
    await waitFor(() => system.app.ari.state !== 'connected', 5000, 'ARI to drop');
    await waitFor(() => system.app.ari.state === 'connected', 10000, 'ARI to reconnect');

    const after = await scrape(`${system.app.url}/metrics`);
    const grew = (key: string) => (after.get(key) ?? 0) - (before.get(key) ?? 0);
    expect(after.get('alo153_calls_in_ivr')).to.equal(0);
    expect(grew('alo153_calls_total{outcome="handed-to-queue"}')).to.equal(1);
    expect(grew('alo153_calls_total{outcome="answered"}')).to.equal(1);
    expect(grew('alo153_calls_total{outcome="abandoned-in-ivr"}')).to.equal(0);
    expect(grew('alo153_ari_event_to_command_seconds_count{pair="stasis_start_to_answer"}')).to.equal(1);
    expect(grew('alo153_ari_event_to_command_seconds_count{pair="dtmf_to_stop_playback"}')).to.be.at.least(1);
    expect(grew('alo153_ari_event_to_command_seconds_count{pair="playback_finished_to_hand_off"}')).to.equal(1);
    expect(grew('alo153_ticket_write_duration_seconds_count{write="openCallTicket"}')).to.equal(1);
    expect(grew('alo153_ticket_write_duration_seconds_count{write="recordHandOff"}')).to.equal(1);
    expect(grew('alo153_ticket_write_duration_seconds_count{write="recordCallEnd"}')).to.equal(1);
    expect(after.get('alo153_ticket_outbox_depth')).to.be.a('number');
    expect(after.get('alo153_sms_outbox_depth{status="queued"}')).to.equal(0);
    expect(grew('alo153_login_failures_total')).to.equal(1);
    expect(grew('alo153_dropped_frames_total{link="ari",reason="malformed-json"}')).to.equal(1);
    expect(grew('alo153_link_reconnects_total{link="ari"}')).to.equal(1);
    expect(grew('alo153_link_reconnects_total{link="ami"}')).to.equal(0);
    // By the pattern: the ticket number is nowhere in the exposition.
    expect(grew('alo153_http_request_duration_seconds_count{method="POST",route="/api/auth/login",status="4xx"}')).to.equal(1);
    expect(after.get('alo153_http_request_duration_seconds_count{method="GET",route="(unmatched)",status="4xx"}')).to.be.at.least(1);
    expect([...after.keys()].some((key) => key.includes(stored.ticketNumber!) || key.includes('05321234570'))).to.equal(false);
    // The caller is back in Stasis for the survey after the agent; once they hang up no stamp of the call is kept.
    call.hangup();
    await call.ended;
    await waitFor(() => system.app.metrics.commands.tracked === 0, 5000, 'the stamps of the ended call to go');
  });

  it('counts open sockets and the deltas sent to them', async () => {
    const { signIn } = await import('../support/system.js');
    const { io } = await import('socket.io-client');
    const supervisor = await signIn(system, 'supervisor');
    const socket = io(system.app.url, { auth: { token: supervisor.token }, transports: ['websocket'] });
    try {
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
      const before = await scrape(`${system.app.url}/metrics`);
      expect(before.get('alo153_sockets_open')).to.equal(1);
      const call = system.sim.placeCall({ callerNumber: '05321234571', script: [{ afterMs: 3000, digit: '2' }] });
      await waitForCallEnd(system, call.channelId);
      await waitFor(async () => ((await scrape(`${system.app.url}/metrics`)).get('alo153_realtime_deltas_sent_total{kind="supervisors"}') ?? 0) > (before.get('alo153_realtime_deltas_sent_total{kind="supervisors"}') ?? 0), 5000, 'a board delta');
    } finally {
      socket.close();
    }
  });
});

describe('GET /metrics without a token or port', function () {
  this.timeout(20000);
  let system: System;

  before(async () => {
    system = await startSystem();
  });

  after(async () => {
    await system?.stop();
  });

  it('answers 404 on the main port and opens no listener', async () => {
    expect((await fetch(`${system.app.url}/metrics`)).status).to.equal(404);
    expect((await fetch(`${system.app.url}/metrics`, { headers: { authorization: 'Bearer ' } })).status).to.equal(404);
    expect(system.app.metrics.url).to.equal(undefined);
  });
});

describe('GET /metrics on metrics.port alone', function () {
  this.timeout(20000);
  let system: System;
  let port: number;

  before(async () => {
    port = await freePort();
    system = await startSystem({ config: { metrics: { port } } });
  });

  after(async () => {
    await system?.stop();
  });

  it('serves the listener without a token and keeps the main port at 404', async () => {
    expect((await fetch(`${system.app.url}/metrics`)).status).to.equal(404);
    const response = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(response.status).to.equal(200);
    expect(await response.text()).to.match(/^alo153_link_up\{link="ari"\} 1$/m);
  });
});
