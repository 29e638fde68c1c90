import { expect } from 'chai';
import type { TelephonyEvent } from '../../src/telephony/ports.js';
import { fakeChannel } from '../fakes/fake-call-control.js';
import { fakeRegistry } from '../fakes/fake-registry.js';
import { waitUntil } from '../support/sms.js';

const ts = '2026-11-28T18:01:23.619+0000';
const settle = (ms = 5): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function harness(options: { autoFinishPlayback?: boolean } = {}) {
  const { control, tickets, registry } = fakeRegistry();
  const emit = (event: TelephonyEvent): void => registry.handle(event);
  const finishPlayback = (playbackId: string, channelId: string): void =>
    emit({ type: 'playbackFinished', playbackId, channelId, state: 'done', timestamp: ts });
  control.onCommand = (call) => {
    if (call.op === 'stopPlayback') {
      // Asterisk delivers PlaybackFinished(done) for a stopped playback before the 204.
      const play = control.plays().find((p) => p.playbackId === call.playbackId);
      if (play) finishPlayback(play.playbackId, play.channelId);
    }
    if (call.op === 'play' && options.autoFinishPlayback) setTimeout(() => finishPlayback(call.playbackId, call.channelId), 1);
    if (call.op === 'continue') setTimeout(() => emit({ type: 'stasisEnd', channelId: call.channelId, timestamp: ts }), 1);
  };
  const start = (id: string): void => emit({ type: 'stasisStart', channel: fakeChannel(id), args: ['inbound'], timestamp: ts });
  const dtmf = (channelId: string, digit: string): void => emit({ type: 'dtmf', channelId, digit, durationMs: 280, timestamp: ts });
  const hangup = (channelId: string): void => {
    emit({ type: 'hangupRequest', channelId, timestamp: ts });
    emit({ type: 'stasisEnd', channelId, timestamp: ts });
  };
  const lastPlay = () => control.plays().at(-1)!;
  return { control, tickets, registry, emit, start, dtmf, hangup, finishPlayback, lastPlay };
}

describe('call session', () => {
  it('keeps a digit that arrives before the answer is acknowledged and acts on it once the menu starts', async () => {
    const h = harness();
    const onCommand = h.control.onCommand;
    h.control.onCommand = (call) => {
      onCommand(call);
      // Asterisk's ChannelDtmfReceived can reach us on the WebSocket before the answer's 204.
      if (call.op === 'answer') h.dtmf(call.channelId, '1');
    };
    h.start('1795888883.7');
    await settle(10);
    expect(h.lastPlay().media).to.deep.equal(['sound:alo153/menu-ulasim']);
    h.dtmf('1795888883.7', '2');
    await settle();
    expect(h.lastPlay().media[0]).to.equal('sound:alo153/ticket-number');
  });

  it('answers, opens a ticket, runs Ulaşım → Kentkart, reads the ticket back and continues into the queue', async () => {
    const h = harness();
    h.start('1795888883.0');
    await settle();
    expect(h.control.calls[0]).to.deep.equal({ op: 'answer', channelId: '1795888883.0' });
    expect(h.tickets.opened).to.have.length(1);
    expect(h.lastPlay().media).to.deep.equal(['sound:alo153/welcome', 'sound:alo153/survey-hint', 'sound:alo153/main-menu']);
    expect(h.lastPlay().language).to.equal('tr');
    h.dtmf('1795888883.0', '1');
    await settle();
    expect(h.control.ops()).to.include('stopPlayback');
    expect(h.lastPlay().media).to.deep.equal(['sound:alo153/menu-ulasim']);
    h.dtmf('1795888883.0', '2');
    await settle();
    const readback = h.lastPlay();
    expect(readback.media[0]).to.equal('sound:alo153/ticket-number');
    expect(readback.media.slice(1)).to.deep.equal(['sound:alo153/digit-1']); // serial 1, then the queue
    h.dtmf('1795888883.0', '9'); // ignored during the read-back
    h.finishPlayback(readback.playbackId, '1795888883.0');
    // Wait for the call's end rather than a fixed 10 ms (too short on a loaded machine).
    await waitUntil(() => h.tickets.ends().length > 0, 'the handed-off call to end');
    const vars = h.control.calls.filter((c) => c.op === 'setVariable').map((c) => c.op === 'setVariable' && `${c.name}=${c.value}`);
    // One request: the dialplan splits it into ALO153_CALL_ID and ALO153_TICKET and sets ALO153_QUEUE itself.
    expect(vars).to.have.length(1);
    expect(vars[0]).to.match(/^ALO153_HANDOFF=[0-9a-f-]{36}\/153-2026-000001$/);
    expect(h.control.calls.at(-1)).to.deep.equal({ op: 'continue', channelId: '1795888883.0', context: 'alo153-queues', extension: 'alo153-kentkart', priority: 1 });
    expect(h.tickets.handOffs()[0]).to.include({ queue: 'alo153-kentkart', categoryCode: 'kentkart', reason: 'selected' });
    expect(h.tickets.ends()[0]).to.include({ outcome: 'handed-to-queue', lastStep: 'transferred:alo153-kentkart' });
    expect(h.registry.size).to.equal(0);
  });

  it('hands off an IVR path holding both digits: main enter → selected 1 → ulasim enter → selected 2', async () => {
    const h = harness();
    h.start('1795888883.0');
    await settle();
    h.dtmf('1795888883.0', '1');
    await settle();
    h.dtmf('1795888883.0', '2');
    await settle();
    h.finishPlayback(h.lastPlay().playbackId, '1795888883.0');
    await settle(10);
    const path = h.tickets.handOffs()[0]?.progress?.path ?? [];
    expect(path.map((step) => [step.menu, step.event, step.digits ?? '', step.target ?? ''])).to.deep.equal([
      ['main', 'enter', '', ''],
      ['main', 'selected', '1', 'ulasim'],
      ['ulasim', 'enter', '', ''],
      ['ulasim', 'selected', '2', 'alo153-kentkart'],
    ]);
  });

  it('replays the menu after an invalid digit and sends the caller to alo153-genel after the last retry', async () => {
    const h = harness({ autoFinishPlayback: true });
    h.start('1.1');
    await settle();
    for (let i = 0; i < 3; i += 1) {
      h.dtmf('1.1', '7');
      await settle(10);
    }
    const media = h.control.plays().map((p) => p.media.join(' '));
    expect(media.filter((m) => m.includes('invalid'))).to.have.length(2);
    await settle(20);
    expect(h.tickets.handOffs()[0]).to.include({ queue: 'alo153-genel', reason: 'retries-exhausted' });
    expect(h.control.calls.at(-1)).to.include({ op: 'continue', extension: 'alo153-genel' });
  });

  it('replays the menu with the no-input prompt when the caller presses nothing', async () => {
    const h = harness({ autoFinishPlayback: true });
    h.start('1.2');
    await settle(60);
    expect(h.control.plays().some((p) => p.media[0] === 'sound:alo153/no-input')).to.equal(true);
  });

  it('records where the caller left when they hang up during a prompt', async () => {
    const h = harness();
    h.start('1.3');
    await settle();
    h.dtmf('1.3', '1');
    await settle();
    h.hangup('1.3');
    await settle();
    expect(h.tickets.ends()).to.have.length(1);
    expect(h.tickets.ends()[0]!.outcome).to.equal('abandoned-in-ivr');
    expect(h.tickets.ends()[0]!.lastStep).to.match(/^ulasim:/);
    expect(h.control.ops()).to.not.include('continue');
  });

  it('gives a caller who hangs up right after answer a ticket and an end record', async () => {
    const h = harness();
    h.start('1.4');
    h.hangup('1.4');
    await settle();
    expect(h.tickets.opened).to.have.length(1);
    expect(h.tickets.ends()).to.have.length(1);
    expect(h.tickets.ends()[0]!.outcome).to.equal('abandoned-in-ivr');
  });

  it('treats a channel that vanished before the answer (404) as a hang-up, and still records the call', async () => {
    const h = harness();
    h.control.gone.set('1.5', 404);
    h.start('1.5');
    await settle();
    expect(h.tickets.opened).to.have.length(1);
    expect(h.tickets.opened[0]!.answeredAt).to.equal(null);
    expect(h.tickets.ends()[0]).to.include({ outcome: 'abandoned-in-ivr', lastStep: 'answering' });
    expect(h.registry.size).to.equal(0);
  });

  it('ignores a repeated StasisStart for the same channel: one session, one ticket', async () => {
    const h = harness();
    h.start('1.6');
    h.start('1.6');
    await settle();
    expect(h.tickets.opened).to.have.length(1);
    expect(h.registry.stats.duplicateStarts).to.equal(1);
    expect(h.control.ops().filter((o) => o === 'answer')).to.have.length(1);
  });

  it('waits only briefly for a slow database: reads back without the number and still hands off', async () => {
    const h = harness({ autoFinishPlayback: true });
    h.tickets.hold = true;
    h.start('1.7');
    await settle();
    h.dtmf('1.7', '2');
    await settle(40);
    expect(h.control.plays().some((p) => p.media.join() === 'sound:alo153/transfer-short')).to.equal(true);
    expect(h.control.calls.at(-1)).to.include({ op: 'continue', extension: 'alo153-cevre' });
    const vars = h.control.calls.filter((c) => c.op === 'setVariable').map((c) => (c.op === 'setVariable' ? `${c.name}=${c.value}` : ''));
    expect(vars).to.have.length(1);
    expect(vars[0]).to.match(/^ALO153_HANDOFF=[0-9a-f-]{36}$/);
    h.tickets.releaseHeld();
  });

  it('keeps the IVR going when a playback request fails, and goes to a person after repeated failures', async () => {
    const h = harness({ autoFinishPlayback: true });
    h.control.failing.set('play', 5);
    h.start('1.8');
    // Three menu timeouts run first: wait for the hand-off itself (a fixed 80 ms was too short on a loaded machine).
    await waitUntil(() => h.control.ops().includes('continue'), 'the hand-off');
    expect(h.control.calls.at(-1)).to.include({ op: 'continue', extension: 'alo153-genel' });
  });

  it('retries the hand-off when the continue fails and succeeds once ARI answers again', async () => {
    const h = harness({ autoFinishPlayback: true });
    h.start('1.9');
    await settle();
    h.control.failing.set('continue', 1);
    h.dtmf('1.9', '0');
    await settle(20);
    expect(h.control.ops()).to.not.include('continue');
    h.control.channels = [fakeChannel('1.9')];
    await h.registry.reconcile();
    await settle(10);
    expect(h.control.calls.at(-1)).to.include({ op: 'continue', extension: 'alo153-genel' });
  });

  it('after a reconnect, ends sessions whose channel vanished and sends unknown channels to a person', async () => {
    const h = harness();
    h.start('2.1');
    await settle();
    h.control.channels = [fakeChannel('2.2')];
    const result = await h.registry.reconcile();
    await settle(10);
    expect(result).to.deep.equal({ adopted: 1, vanished: 1 });
    expect(h.tickets.ends().map((e) => e.outcome)).to.include('abandoned-in-ivr');
    expect(h.tickets.opened.map((o) => o.channelId)).to.include('2.2');
    expect(h.tickets.handOffs()[0]).to.include({ queue: 'alo153-genel', reason: 'reconciled' });
  });

  it('on shutdown hands callers in the IVR to the fallback queue and sends new calls there directly', async () => {
    const h = harness();
    h.start('3.1');
    await settle();
    const drained = h.registry.drain(500);
    h.start('3.2');
    expect(await drained).to.equal(true);
    const continues = h.control.calls.filter((c) => c.op === 'continue').map((c) => c.op === 'continue' && c.channelId);
    expect(continues).to.have.members(['3.1', '3.2']);
    expect(h.tickets.handOffs().map((x) => x.reason)).to.deep.equal(['shutdown', 'shutdown']);
  });

  it('opens 200 distinct tickets for 200 calls arriving at once', async () => {
    const h = harness();
    for (let i = 0; i < 200; i += 1) h.start(`9.${i}`);
    await settle(30);
    expect(new Set(h.tickets.opened.map((o) => o.channelId)).size).to.equal(200);
    expect(h.registry.size).to.equal(200);
  });
});

describe('call session after an ARI reconnect', () => {
  it('takes a prompt that ended while ARI was away as ended, so the menu timer starts', async () => {
    const { control, registry } = fakeRegistry();
    registry.handle({ type: 'stasisStart', channel: fakeChannel('4.1'), args: [], timestamp: ts });
    await settle();
    const first = control.plays()[0]!;
    control.finishedPlaybacks.add(first.playbackId);
    control.channels = [fakeChannel('4.1')];
    await registry.reconcile();
    // The first-digit timer (30 ms) now runs out and the no-input prompt plays.
    await settle(60);
    expect(control.plays().some((p) => p.media[0] === 'sound:alo153/no-input')).to.equal(true);
  });
});

describe('adopting calls after alo153 restarts', () => {
  it('does not answer an adopted channel that is already Up, and sends it to the fallback queue', async () => {
    const { control, tickets, registry } = fakeRegistry();
    control.channels = [{ ...fakeChannel('5.1'), state: 'Up' }];
    expect(await registry.reconcile()).to.deep.equal({ adopted: 1, vanished: 0 });
    await settle(10);
    expect(control.ops()).to.not.include('answer');
    expect(control.calls.at(-1)).to.include({ op: 'continue', extension: 'alo153-genel' });
    expect(tickets.handOffs()[0]).to.include({ reason: 'reconciled' });
  });
});
