import { expect } from 'chai';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { AriCallControl } from '../../src/telephony/ari/ari-call-control.js';
import { AriRest } from '../../src/telephony/ari/ari-rest.js';
import { ChannelGoneError, TelephonyError } from '../../src/telephony/ports.js';
import { waitFor } from '../support/system.js';

describe('ARI call control over REST (keep-alive client)', () => {
  let sim: Simulator;
  let rest: AriRest;
  let control: AriCallControl;

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'pw', speed: 0.01, logger: createTestLogger() });
    rest = new AriRest({ url: sim.ariUrl, username: 'alo153', password: 'pw', timeoutMs: 1000 });
    control = new AriCallControl(rest, 'alo153');
  });

  afterEach(async () => {
    rest.close();
    await sim.stop();
  });

  it('tells a vanished channel (404) from one that left Stasis (409), with the real HTTP status', async () => {
    let gone: unknown;
    await control.answer('1795888883.99').catch((e: unknown) => (gone = e));
    expect(gone).to.be.instanceOf(ChannelGoneError);
    expect((gone as ChannelGoneError).status).to.equal(404);

    // With no app connected the call falls through Stasis to the queue: it is not ours.
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await waitFor(() => sim.channels().some((c) => c.id === call.channelId && c.queue !== null), 3000, 'the call to reach the queue');
    let left: unknown;
    await control.setVariable(call.channelId, 'ALO153_TICKET', 'x').catch((e: unknown) => (left = e));
    expect(left).to.be.instanceOf(ChannelGoneError);
    expect((left as ChannelGoneError).status).to.equal(409);
  });

  it('treats stopping a playback that already finished as done, and reports it as gone', async () => {
    await control.stopPlayback('no-such-playback');
    expect(await control.playbackExists('no-such-playback')).to.equal(false);
  });

  it('reports a wrong password as a telephony error with the status, not as a gone channel', async () => {
    const wrong = new AriCallControl(new AriRest({ url: sim.ariUrl, username: 'alo153', password: 'nope', timeoutMs: 1000 }), 'alo153');
    let error: unknown;
    await wrong.answer('1.1').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(TelephonyError);
    expect((error as TelephonyError).status).to.equal(401);
  });

  it('gives up on a command Asterisk does not answer, with a clear error', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const slow = new AriRest({ url: `http://127.0.0.1:${port}`, username: 'a', password: 'b', timeoutMs: 100 });
    let error: unknown;
    await new AriCallControl(slow, 'alo153').answer('1.1').catch((e: unknown) => (error = e));
    expect((error as Error).message).to.equal('answer timed out after 100 ms');
    slow.close();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
