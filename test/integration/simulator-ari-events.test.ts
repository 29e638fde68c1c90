import { expect } from 'chai';
import WebSocket from 'ws';
import { createTestLogger } from '../../src/logging/logger.js';
import { startSimulator, type Simulator } from '../../src/simulator/index.js';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';

type AriEvent = Record<string, unknown> & { type: string; channel?: { id: string; name: string }; playback?: { id: string; state: string } };

/** A raw events socket that records frames, so tests see exact order and field order. */
async function openEvents(sim: Simulator, query = 'app=alo153&subscribeAll=false'): Promise<{ socket: WebSocket; events: AriEvent[]; next(type: string): Promise<AriEvent> }> {
  const socket = new WebSocket(`${sim.ariUrl.replace('http', 'ws')}/ari/events?${query}&api_key=alo153:secret`);
  const events: AriEvent[] = [];
  const waiters: Array<{ type: string; resolve: (event: AriEvent) => void }> = [];
  socket.on('message', (data: Buffer) => {
    const event = JSON.parse(data.toString()) as AriEvent;
    events.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.type !== event.type) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(event);
    }
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  return { socket, events, next: (type) => new Promise((resolve) => waiters.push({ type, resolve })) };
}

describe('simulator ARI events and REST', function () {
  let sim: Simulator;
  const auth = { Authorization: `Basic ${Buffer.from('alo153:secret').toString('base64')}` };
  const rest = async (method: string, path: string): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${sim.ariUrl}/ari${path}`, { method, headers: auth });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
  };

  beforeEach(async () => {
    sim = await startSimulator({ username: 'alo153', password: 'secret', speed: 0.01, dialplanDir: makeDialplanDir(), logger: createTestLogger() });
  });
  afterEach(() => sim.stop());

  it('sends pretty-printed frames with Asterisk field order and delivers PlaybackFinished done before the DELETE 204', async () => {
    const raw: string[] = [];
    const ws = await openEvents(sim);
    ws.socket.on('message', (data: Buffer) => raw.push(data.toString()));
    const start = ws.next('StasisStart');
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await start;
    // Without subscribeAll the app hears nothing before StasisStart (05).
    expect(raw).to.have.length(1);
    expect(raw[0]).to.match(/^\{\n {2}"type": "StasisStart",\n {2}"timestamp": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000",\n {2}"args": \[\n {4}"inbound"\n {2}\],/);
    expect(Object.keys(ws.events.at(-1) ?? {})).to.deep.equal(['type', 'timestamp', 'args', 'channel', 'asterisk_id', 'application']);
    expect(call.channelId).to.match(/^\d{10}\.0$/);
    expect(ws.events.at(-1)?.channel?.name).to.equal('PJSIP/citizen-00000000');
    await rest('POST', `/channels/${call.channelId}/answer`);
    const started = ws.next('PlaybackStarted');
    const play = await fetch(`${sim.ariUrl}/ari/channels/${call.channelId}/play/pb-1?media=sound:alo153/long&lang=tr`, { method: 'POST', headers: auth });
    expect(play.status).to.equal(201);
    expect(play.headers.get('location')).to.equal('/ari/playbacks/pb-1');
    expect(await play.json()).to.include({ id: 'pb-1', state: 'queued', media_uri: 'sound:alo153/long' });
    await started;
    call.sendDigit('5');
    await ws.next('ChannelDtmfReceived');
    expect((await rest('GET', '/playbacks/pb-1')).body).to.include({ state: 'playing' });
    const deleted = await rest('DELETE', '/playbacks/pb-1');
    const countAtReply = ws.events.length;
    expect(deleted.status).to.equal(204);
    expect(ws.events.slice(-3).map((e) => e.type)).to.deep.equal(['PlaybackStarted', 'ChannelDtmfReceived', 'PlaybackFinished']);
    expect(ws.events.at(-1)?.playback?.state).to.equal('done');
    expect(countAtReply).to.equal(ws.events.length);
    ws.socket.close();
  });

  it('on a remote hangup during playback follows fact 11, then REST answers 404 with Asterisk bodies', async () => {
    const ws = await openEvents(sim);
    const start = ws.next('StasisStart');
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await start;
    await rest('POST', `/channels/${call.channelId}/answer`);
    const started = ws.next('PlaybackStarted');
    await rest('POST', `/channels/${call.channelId}/play/pb-2?media=sound:alo153/long`);
    await started;
    const from = ws.events.length;
    call.hangup();
    expect(await call.ended).to.deep.equal({ cause: 'caller', atStep: 0 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const tail = ws.events.slice(from).map((e) => `${e.type}${e.cause !== undefined ? ` ${String(e.cause)}` : ''}${e.playback ? ` ${e.playback.state}` : ''}${e.variable ? ` ${String(e.variable)}=${String(e.value)}` : ''}`);
    expect(tail).to.deep.equal(['ChannelHangupRequest', 'PlaybackFinished failed', 'StasisEnd', 'ChannelVarset STASISSTATUS=SUCCESS', 'ChannelHangupRequest 16', 'ChannelDestroyed 0']);
    expect(ws.events.at(-1)).to.include({ cause_txt: 'Unknown' });
    expect(await rest('POST', `/channels/${call.channelId}/answer`)).to.deep.equal({ status: 404, body: { message: 'Channel not found' } });
    expect(await rest('POST', `/channels/${call.channelId}/play?media=sound:x`)).to.deep.equal({ status: 404, body: { message: 'Channel not found' } });
    expect(await rest('GET', `/channels/${call.channelId}/variable?variable=X`)).to.deep.equal({ status: 404, body: { message: 'Provided channel was not found' } });
    expect(await rest('DELETE', '/playbacks/pb-2')).to.deep.equal({ status: 404, body: { message: 'Playback not found' } });
    ws.socket.close();
  });

  it('an app hangup gives cause 32, StasisEnd, cause 16 and ChannelDestroyed 16', async () => {
    const ws = await openEvents(sim);
    const start = ws.next('StasisStart');
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await start;
    const from = ws.events.length;
    expect((await rest('DELETE', `/channels/${call.channelId}`)).status).to.equal(204);
    const tail = ws.events.slice(from).filter((e) => e.type !== 'ChannelVarset').map((e) => `${e.type} ${String(e.cause ?? '')}`);
    expect(tail).to.deep.equal(['ChannelHangupRequest 32', 'StasisEnd ', 'ChannelHangupRequest 16', 'ChannelDestroyed 16']);
    expect((await call.ended).cause).to.equal('app');
    ws.socket.close();
  });

  it('answers 409 after continue and sends nothing more without subscribeAll', async () => {
    const ws = await openEvents(sim);
    const start = ws.next('StasisStart');
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await start;
    const from = ws.events.length;
    await rest('POST', `/channels/${call.channelId}/continue?context=alo153-queues&extension=alo153-genel&priority=1`);
    await new Promise((resolve) => setTimeout(resolve, 30));
    // 05 (Asterisk 22 without subscribeAll): StasisEnd and nothing more, neither STASISSTATUS nor the queue extension's steps.
    expect(ws.events.slice(from).map((e) => e.type)).to.deep.equal(['StasisEnd']);
    expect(sim.channels()[0]?.dialplan).to.include({ context: 'alo153-queues', exten: 'alo153-genel', app: 'Queue' });
    expect(await rest('POST', `/channels/${call.channelId}/answer`)).to.deep.equal({ status: 409, body: { message: 'Channel not in Stasis application' } });
    expect((await rest('GET', `/channels/${call.channelId}`)).status).to.equal(200);
    ws.socket.close();
  });

  it('with no application connected, Stasis fails over to Queue(alo153-genel)', async () => {
    const call = sim.placeCall({ callerNumber: '05321234567' });
    await new Promise((resolve) => setTimeout(resolve, 30));
    const [view] = sim.channels();
    expect(view?.id).to.equal(call.channelId);
    expect(view?.variables).to.include({ STASISSTATUS: 'FAILED' });
    expect(view?.variables).to.have.property('ALO153_FALLBACK');
    expect(view).to.include({ queue: 'alo153-genel', state: 'Up' });
    expect(view?.dialplan).to.include({ context: 'alo153-queues', exten: 'alo153-genel', app: 'Queue' });
  });

  it('tells the old socket ApplicationReplaced and sends later events only to the new one', async () => {
    const first = await openEvents(sim);
    const replaced = first.next('ApplicationReplaced');
    const second = await openEvents(sim);
    expect(Object.keys(await replaced)).to.deep.equal(['type', 'timestamp', 'application', 'asterisk_id']);
    const start = second.next('StasisStart');
    sim.placeCall({ callerNumber: '05321234567' });
    await start;
    expect(first.events.map((e) => e.type)).to.deep.equal(['ApplicationReplaced']);
    expect(first.socket.readyState).to.equal(WebSocket.OPEN);
    first.socket.close();
    second.socket.close();
  });

  it('rejects bad credentials with 401 and the Asterisk realm', async () => {
    const response = await fetch(`${sim.ariUrl}/ari/channels?api_key=alo153:wrong`);
    expect(response.status).to.equal(401);
    expect(response.headers.get('www-authenticate')).to.equal('Basic realm="Asterisk REST Interface"');
    expect(await response.json()).to.deep.equal({ message: 'Authentication required' });
    expect(await rest('PUT', '/channels')).to.deep.equal({ status: 405, body: { message: 'Invalid method' } });
    expect(await rest('GET', '/nosuch')).to.deep.equal({ status: 404, body: { message: 'Resource not found' } });
  });

  it('restartAsterisk closes sockets with 1006, refuses, answers 404 HTML, then 503, then works with no channels', async () => {
    const ws = await openEvents(sim);
    const start = ws.next('StasisStart');
    sim.placeCall({ callerNumber: '05321234567' });
    await start;
    const closed = new Promise<number>((resolve) => ws.socket.once('close', resolve));
    const restarted = sim.restartAsterisk({ refuseMs: 150, http404Ms: 150, notBootedMs: 150 });
    expect(await closed).to.equal(1006);
    const seen: string[] = [];
    for (let i = 0; i < 60 && !seen.includes('200'); i++) {
      try {
        const response = await fetch(`${sim.ariUrl}/ari/channels`, { headers: auth });
        seen.push(`${response.status}${response.status === 404 ? (await response.text()).includes('<h1>Not Found</h1>') : ''}`);
        if (response.status === 503) expect(await response.json()).to.deep.equal({ message: 'Asterisk not booted' });
      } catch {
        seen.push('refused');
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await restarted;
    expect([...new Set(seen)]).to.deep.equal(['refused', '404true', '503', '200']);
    expect(await rest('GET', '/channels')).to.deep.equal({ status: 200, body: [] });
  });
});
