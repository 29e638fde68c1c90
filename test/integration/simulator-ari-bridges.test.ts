import { expect } from 'chai';
import WebSocket from 'ws';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { ariRest } from '../support/ari-rest.js';

/** The simulator's bridge membership errors: Asterisk 22's statuses and messages, checked in its order. */
describe('simulator ARI bridges: addChannel and removeChannel', function () {
  let sim: Simulator;
  let socket: WebSocket;
  const rest = ariRest(() => sim);

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    socket = new WebSocket(`${sim.ariUrl.replace('http', 'ws')}/ari/events?app=alo153&api_key=alo153:secret`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  });
  afterEach(async () => {
    socket.close();
    await sim.stop();
  });

  /** A citizen's channel in the alo153 Stasis app. */
  async function stasisChannel(): Promise<string> {
    const started = new Promise<void>((resolve) => socket.on('message', (data: Buffer) => (JSON.parse(data.toString()) as { type: string }).type === 'StasisStart' && resolve()));
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await started;
    return call.channelId;
  }

  it('refuses a missing parameter, an unknown bridge and an unknown channel, then adds and removes', async () => {
    const channel = await stasisChannel();
    expect((await rest('POST', '/bridges/b1?type=mixing')).status).to.equal(200);
    expect(await rest('POST', '/bridges/b1/addChannel')).to.deep.equal({ status: 400, body: { message: 'Missing required parameter: channel' } });
    expect(await rest('POST', '/bridges/nope/addChannel?channel=x')).to.deep.equal({ status: 404, body: { message: 'Bridge not found' } });
    expect(await rest('POST', `/bridges/b1/addChannel?channel=${channel},ghost`)).to.deep.equal({ status: 400, body: { message: 'Channel not found' } });
    expect(await rest('POST', `/bridges/b1/removeChannel?channel=${channel}`)).to.deep.equal({ status: 422, body: { message: 'Channel not in this bridge' } });
    expect((await rest('POST', `/bridges/b1/addChannel?channel=${channel}`)).status).to.equal(204);
    expect(((await rest('GET', '/bridges/b1')).body as { channels: string[] }).channels).to.deep.equal([channel]);
    expect(await rest('POST', '/bridges/b1/removeChannel')).to.deep.equal({ status: 400, body: { message: 'Missing required parameter: channel' } });
    expect(await rest('POST', '/bridges/nope/removeChannel?channel=x')).to.deep.equal({ status: 404, body: { message: 'Bridge not found' } });
    expect(await rest('POST', '/bridges/b1/removeChannel?channel=ghost')).to.deep.equal({ status: 400, body: { message: 'Channel not found' } });
    expect((await rest('POST', `/bridges/b1/removeChannel?channel=${channel}`)).status).to.equal(204);
    expect(((await rest('GET', '/bridges/b1')).body as { channels: string[] }).channels).to.deep.equal([]);
  });
});
