import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { CONSUMED_ARI_EVENTS } from '../../src/telephony/ari/ari-events.js';
import { AriSupervisor } from '../../src/telephony/ari/ari-supervisor.js';
import type { TelephonyEvent } from '../../src/telephony/ports.js';
import { waitFor } from '../support/system.js';

describe('ARI supervisor: the event filter after every connect', () => {
  let sim: Simulator;
  let supervisor: AriSupervisor;

  const allowedNow = async (): Promise<unknown> => {
    const response = await fetch(`${sim.ariUrl}/ari/applications/alo153`, { headers: { authorization: `Basic ${Buffer.from('alo153:secret').toString('base64')}` } });
    return ((await response.json()) as { events_allowed?: unknown }).events_allowed;
  };
  // The simulator says 22.x, so REST commands go over the socket and their answers must pass the filter too.
  const wanted = [...CONSUMED_ARI_EVENTS, 'RESTResponse'].map((type) => ({ type }));

  async function filterInPlace(): Promise<void> {
    const deadline = Date.now() + 2000;
    while (JSON.stringify(await allowedNow()) !== JSON.stringify(wanted)) {
      if (Date.now() > deadline) throw new Error(`filter not in place: ${JSON.stringify(await allowedNow())}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    supervisor = new AriSupervisor({ url: sim.ariUrl, username: 'alo153', password: 'secret', app: 'alo153', reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, logger: createTestLogger() });
    supervisor.start();
    await waitFor(() => supervisor.state === 'connected', 3000, 'ARI connect');
  });

  afterEach(async () => {
    await supervisor.stop();
    await sim.stop();
  });

  it('allows only the event types the call path reads, and no RESTResponse when REST stays on HTTP', async () => {
    await supervisor.stop();
    supervisor = new AriSupervisor({ url: sim.ariUrl, username: 'alo153', password: 'secret', app: 'alo153', reconnect: { initialDelayMs: 20, maxDelayMs: 100 }, logger: createTestLogger(), restOverWebSocket: 'off' });
    supervisor.start();
    const httpOnly = CONSUMED_ARI_EVENTS.map((type) => ({ type }));
    await waitFor(async () => JSON.stringify(await allowedNow()) === JSON.stringify(httpOnly), 3000, 'the HTTP-only filter');
  });

  it('allows exactly the event types the call path reads, again after a reconnect gave it a fresh app', async () => {
    await filterInPlace();
    sim.dropAriWebSocket();
    await waitFor(() => supervisor.counters.connects === 2, 5000, 'the reconnect');
    await filterInPlace();
  });

  it('still hears, filtered, every event the IVR leg of a call raises', async () => {
    await filterInPlace();
    const seen: TelephonyEvent['type'][] = [];
    supervisor.onEvent((event) => seen.push(event.type));
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await waitFor(() => seen.includes('stasisStart'), 2000, 'StasisStart');
    call.hangup();
    await waitFor(() => seen.includes('channelDestroyed'), 2000, 'ChannelDestroyed');
    expect(seen).to.include.members(['stasisStart', 'hangupRequest', 'stasisEnd', 'channelDestroyed']);
  });
});
