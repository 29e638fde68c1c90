import { expect } from 'chai';
import { handedOffAt } from '../../src/calls/handed-off-at.js';
import { ariTimestamp } from '../../src/simulator/pbx/ids.js';
import { fakeChannel } from '../fakes/fake-call-control.js';
import { fakeRegistry } from '../fakes/fake-registry.js';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 3, 9, 0, 0) + ms);
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

describe('when a handed-off call left alo153', () => {
  it('is the PBX time of the event that ended it, kept between the hand-off and now', () => {
    expect(handedOffAt('2026-12-03T09:00:00.120+0000', at(100), at(400))).to.deep.equal(at(120));
    // A PBX clock behind ours (another host) cannot end the call before we handed it off, nor one ahead after now.
    expect(handedOffAt('2026-12-03T08:59:59.000+0000', at(100), at(400))).to.deep.equal(at(100));
    expect(handedOffAt('2026-12-03T09:00:05.000+0000', at(100), at(400))).to.deep.equal(at(400));
    expect(handedOffAt(undefined, at(100), at(400))).to.deep.equal(at(400));
    expect(handedOffAt('not a time', at(100), at(400))).to.deep.equal(at(400));
  });

  it('records the StasisEnd time, not the moment a busy alo153 read the event (an agent may have answered in between)', async () => {
    let now = at(0);
    const { control, tickets, registry } = fakeRegistry({ clock: () => now });
    const channelId = '1795888883.4';
    let left: string | undefined;
    control.onCommand = (call) => {
      if (call.op !== 'continue') return;
      // Asterisk leaves Stasis 5 ms after the hand-off; alo153 reads the StasisEnd 300 ms later.
      left = ariTimestamp(new Date(now.getTime() + 5));
      now = new Date(now.getTime() + 300);
      setTimeout(() => registry.handle({ type: 'stasisEnd', channelId, timestamp: left! }), 1);
    };
    registry.handle({ type: 'stasisStart', channel: fakeChannel(channelId), args: ['inbound'], timestamp: ariTimestamp(now) });
    await settle();
    now = at(1000);
    registry.handle({ type: 'dtmf', channelId, digit: '0', durationMs: 280, timestamp: ariTimestamp(now) });
    await settle();
    const readback = control.plays().at(-1)!;
    expect(readback.media[0]).to.equal('sound:alo153/ticket-number');
    now = at(2000);
    registry.handle({ type: 'playbackFinished', playbackId: readback.playbackId, channelId, state: 'done', timestamp: ariTimestamp(now) });
    await settle();
    expect(tickets.handOffs()[0]?.at).to.deep.equal(at(2000));
    expect(tickets.ends()).to.have.length(1);
    expect(tickets.ends()[0]).to.include({ outcome: 'handed-to-queue' });
    expect(tickets.ends()[0]!.endedAt).to.deep.equal(at(2005));
  });
});
