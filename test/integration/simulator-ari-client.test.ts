import ari from 'ari-client';
import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';

interface PlayableChannel {
  id: string;
  play(params: { media: string[]; lang: string }, playback: unknown): Promise<unknown>;
}
type Operation = (params: Record<string, unknown>) => Promise<unknown>;
interface ClientWithCreators {
  on(event: string, listener: (...args: never[]) => void): void;
  start(app: string): Promise<void>;
  stop(): void;
  channels: { answer: Operation; setChannelVar: Operation; list: Operation; continueInDialplan: Operation };
  Playback(): { id: string; on(event: string, listener: (event: { playback: { state: string } }) => void): void };
}

describe('simulator ARI with ari-client 2.2.0', function () {
  let sim: Simulator;
  let client: ClientWithCreators;

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
    client = (await ari.connect(sim.ariUrl, 'alo153', 'secret')) as unknown as ClientWithCreators;
  });
  afterEach(async () => {
    client.stop();
    await sim.stop();
  });

  it('delivers StasisStart with args and the channel, and runs answer, play, variable, list and continue', async () => {
    const seen: string[] = [];
    for (const type of ['ChannelStateChange', 'PlaybackStarted', 'PlaybackContinuing', 'PlaybackFinished', 'StasisEnd', 'ChannelVarset']) {
      client.on(type, (event: { playback?: { media_uri: string; state: string }; variable?: string }) =>
        seen.push(`${type}${event.playback ? ` ${event.playback.media_uri} ${event.playback.state}` : ''}${event.variable ? ` ${event.variable}` : ''}`),
      );
    }
    const started = new Promise<{ event: { args: string[]; channel: { caller: { number: string }; state: string; dialplan: { context: string; app_name: string } } }; channel: PlayableChannel }>(
      (resolve) => client.on('StasisStart', (event: never, channel: PlayableChannel) => resolve({ event, channel })),
    );
    await client.start('alo153');
    const call = sim.placeCall({ callerNumber: '05321234567' });
    const { event, channel } = await started;
    expect(event.args).to.deep.equal(['inbound']);
    expect(event.channel.caller.number).to.equal('05321234567');
    expect(event.channel.state).to.equal('Ring');
    expect(event.channel.dialplan).to.include({ context: 'alo153-inbound', app_name: 'Stasis' });
    expect(channel.id).to.equal(call.channelId);

    await client.channels.answer({ channelId: channel.id });
    await client.channels.setChannelVar({ channelId: channel.id, variable: 'ALO153_TICKET', value: '153-2026-000001' });
    const playback = client.Playback();
    const finished = new Promise<string>((resolve) => playback.on('PlaybackFinished', (e) => resolve(e.playback.state)));
    await channel.play({ media: ['sound:alo153/welcome', 'sound:alo153/main-menu'], lang: 'tr' }, playback);
    expect(await finished).to.equal('done');
    const listed = (await client.channels.list({})) as Array<{ id: string; state: string }>;
    expect(listed.map((c) => [c.id, c.state])).to.deep.equal([[channel.id, 'Up']]);

    await client.channels.continueInDialplan({ channelId: channel.id, context: 'alo153-queues', extension: 'alo153-genel', priority: 1 });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen.filter((s) => !s.startsWith('ChannelVarset STASIS'))).to.deep.equal([
      'ChannelStateChange',
      'ChannelVarset ALO153_TICKET',
      'PlaybackStarted sound:alo153/welcome playing',
      'PlaybackContinuing sound:alo153/welcome continuing',
      'PlaybackStarted sound:alo153/main-menu playing',
      'PlaybackFinished sound:alo153/main-menu done',
      'StasisEnd',
    ]);
    expect(sim.channels()[0]).to.include({ queue: 'alo153-genel', inStasis: false });
  });
});
