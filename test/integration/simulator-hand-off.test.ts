import { expect } from 'chai';
import { WebSocket } from 'ws';
import { createTestLogger } from '../../src/logging/logger.js';
import type { AmiMessage } from '../../src/simulator/ami/ami-message.js';
import { AmiRawClient } from '../../src/simulator/ami/ami-raw-client.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { HAND_OFF_VARIABLE, handOffValue } from '../../src/telephony/hand-off.js';
import { waitFor } from '../support/system.js';

const AUTH = `Basic ${Buffer.from('alo153:secret').toString('base64')}`;
const chanVariables = (msg: AmiMessage): string[] => msg.filter(([key]) => key === 'ChanVariable').map(([, value]) => value);

describe('The shipped dialplan splits the one hand-off variable (simulator)', () => {
  let sim: Simulator;
  let socket: WebSocket;
  let ami: AmiRawClient;

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    socket = new WebSocket(`ws://127.0.0.1:${sim.ariPort}/ari/events?app=alo153`, { headers: { authorization: AUTH } });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    ami = await AmiRawClient.connect(sim.amiPort);
    await ami.login('alo153', 'secret');
  });

  afterEach(async () => {
    ami.close();
    socket.terminate();
    await sim.stop();
  });

  async function handOff(ticket: string | undefined): Promise<AmiMessage> {
    const call = sim.placeCall({ callerNumber: '05321234567', hangupAfterMs: 60_000 });
    await waitFor(() => sim.channels().some((c) => c.id === call.channelId && c.inStasis), 2000, 'the call in Stasis');
    const post = (path: string): Promise<Response> => fetch(`${sim.ariUrl}/ari/channels/${call.channelId}${path}`, { method: 'POST', headers: { authorization: AUTH } });
    const value = encodeURIComponent(handOffValue('c-42', ticket));
    expect((await post(`/variable?variable=${HAND_OFF_VARIABLE}&value=${value}`)).status).to.equal(204);
    expect((await post('/continue?context=alo153-queues&extension=alo153-genel&priority=1')).status).to.equal(204);
    return ami.next((m) => m[0]?.[1] === 'QueueCallerJoin' && m.some(([k, v]) => k === 'Uniqueid' && v === call.channelId));
  }

  it('gives AMI queue events both the call id and the ticket from one variable', async () => {
    const join = await handOff('153-2026-000001');
    expect(chanVariables(join)).to.deep.equal(['ALO153_CALL_ID=c-42', 'ALO153_TICKET=153-2026-000001', 'ALO153_QUEUE=alo153-genel']);
  });

  it('leaves the ticket empty when the hand-off had none', async () => {
    const join = await handOff(undefined);
    expect(chanVariables(join)).to.deep.equal(['ALO153_CALL_ID=c-42', 'ALO153_TICKET=', 'ALO153_QUEUE=alo153-genel']);
  });
});
