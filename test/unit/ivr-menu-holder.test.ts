import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { CallRegistry } from '../../src/calls/call-registry.js';
import { parseIvrDefinition } from '../../src/ivr/definition.js';
import { IvrMenuHolder } from '../../src/ivr/menu-holder.js';
import type { IvrDefinition } from '../../src/ivr/types.js';
import { createTestLogger } from '../../src/logging/logger.js';
import type { TelephonyEvent } from '../../src/telephony/ports.js';
import { FakeCallControl, fakeChannel } from '../fakes/fake-call-control.js';
import { FakeCallTickets } from '../fakes/fake-call-tickets.js';
import { waitUntil } from '../support/sms.js';

const ts = '2026-12-04T10:00:00.000+0000';
const raw = JSON.parse(readFileSync('config/ivr.json', 'utf8')) as { menus: { main: { prompt: string; options: Record<string, unknown> } } };
const slow = { firstDigitTimeoutMs: 10_000, interDigitTimeoutMs: 5_000, ticketWaitMs: 0 };
const oldMenu: IvrDefinition = { ...parseIvrDefinition(raw), ...slow };
/** The applied menu: the main menu's prompt is another, and 1 transfers at once instead of opening the Ulaşım menu. */
const newMenu: IvrDefinition = {
  ...parseIvrDefinition({
    ...raw,
    menus: { ...raw.menus, main: { ...raw.menus.main, prompt: 'menu-ulasim', options: { ...raw.menus.main.options, '1': { queue: 'alo153-kentkart', category: 'kentkart', label: 'Kentkart' } } } },
  }),
  ...slow,
};

function harness(holder: IvrMenuHolder) {
  const control = new FakeCallControl();
  const registry = new CallRegistry({ control, tickets: new FakeCallTickets(), ivr: holder, queueContext: 'alo153-queues', fallback: { queue: 'alo153-genel', category: 'genel' }, logger: createTestLogger() });
  const emit = (event: TelephonyEvent): void => registry.handle(event);
  // Every playback ends a moment after it starts, as short prompts would.
  control.onCommand = (call) => {
    if (call.op === 'play') setTimeout(() => emit({ type: 'playbackFinished', playbackId: call.playbackId, channelId: call.channelId, state: 'done', timestamp: ts }), 1);
    if (call.op === 'continue') setTimeout(() => emit({ type: 'stasisEnd', channelId: call.channelId, timestamp: ts }), 1);
  };
  return {
    control,
    registry,
    start: (id: string) => emit({ type: 'stasisStart', channel: fakeChannel(id), args: ['inbound'], timestamp: ts }),
    dtmf: (channelId: string, digit: string) => emit({ type: 'dtmf', channelId, digit, durationMs: 100, timestamp: ts }),
    at: (channelId: string, step: string) => waitUntil(() => registry.get(channelId)?.lastStep === step, `${channelId} at ${step}`),
    heard: (channelId: string) => control.plays().filter((play) => play.channelId === channelId).flatMap((play) => play.media),
    transferredTo: (channelId: string) =>
      control.calls.flatMap((call) => (call.op === 'continue' && call.channelId === channelId ? [call.extension] : [])),
  };
}

describe('the IVR menu holder: an applied menu reaches new calls only', () => {
  it('keeps a call that started before the swap on the old menu through its whole IVR, and gives a call after it the new one', async () => {
    const holder = new IvrMenuHolder(oldMenu);
    const h = harness(holder);
    h.start('1.1');
    await h.at('1.1', 'main:enter');

    expect(holder.swap(newMenu, 7).version).to.equal(7);
    h.start('1.2');
    await h.at('1.2', 'main:enter');

    // The first caller's 1 still opens the Ulaşım menu, and its 3 is KAYBİS there: the old menu to the end.
    h.dtmf('1.1', '1');
    await h.at('1.1', 'ulasim:enter');
    h.dtmf('1.1', '3');
    await waitUntil(() => h.transferredTo('1.1').length > 0, 'the first call transferred');
    expect(h.transferredTo('1.1')).to.deep.equal(['alo153-ulasim']);
    expect(h.heard('1.1')).to.include('sound:alo153/main-menu');

    // The second caller heard the new main menu's prompt and its 1 transfers to Kentkart at once.
    expect(h.heard('1.2')).to.include('sound:alo153/menu-ulasim').and.not.include('sound:alo153/main-menu');
    h.dtmf('1.2', '1');
    await waitUntil(() => h.transferredTo('1.2').length > 0, 'the second call transferred');
    expect(h.transferredTo('1.2')).to.deep.equal(['alo153-kentkart']);
  });

  it('swaps the whole menu as one reference and tells listeners the new version', () => {
    const holder = new IvrMenuHolder(oldMenu);
    const seen: number[] = [];
    holder.onSwap((snapshot) => seen.push(snapshot.version));
    const before = holder.current();
    holder.swap(newMenu, 3);
    expect(before).to.deep.equal({ version: 0, definition: oldMenu });
    expect(holder.current().definition).to.equal(newMenu);
    expect(seen).to.deep.equal([3]);
  });
});
