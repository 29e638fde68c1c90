import { expect } from 'chai';
import type { CallHandle, PlaceCallOptions } from '../../src/simulator/pbx/callers.js';
import { pressOnPrompt, RETURNING_OFFER } from '../../src/simulator/prompt-keys.js';
import { startTraffic } from '../../src/simulator/traffic.js';

/** A call handle that only notes the keys pressed. */
function handle(keys: string[]): CallHandle {
  return { channelId: 'c1', ended: new Promise(() => undefined), sendDigit: (digit) => keys.push(digit), hangup: () => undefined };
}

describe('simulator: keys pressed on what the caller hears', () => {
  it('presses the key of each prompt as it starts, every time it plays, and notes all it heard', () => {
    const pressed: string[] = [];
    const heard: string[] = [];
    const onPrompt = pressOnPrompt({ [RETURNING_OFFER]: '2', 'sound:alo153/main-menu': '1' }, heard);
    const call = handle(pressed);
    for (const media of ['sound:alo153/welcome', RETURNING_OFFER, 'sound:alo153/main-menu', 'sound:alo153/invalid', 'sound:alo153/main-menu']) onPrompt(media, call);
    expect(pressed).to.deep.equal(['2', '1', '1']);
    expect(heard).to.deep.equal(['sound:alo153/welcome', RETURNING_OFFER, 'sound:alo153/main-menu', 'sound:alo153/invalid', 'sound:alo153/main-menu']);
  });

  it('gives every synthetic citizen of the traffic a 2 for the returning-caller offer and nothing for other prompts', async () => {
    const placed: PlaceCallOptions[] = [];
    const traffic = startTraffic((options) => (placed.push(options), handle([])), 0.0001, { callsPerMinute: 600, seed: 153 });
    while (placed.length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
    traffic.stop();
    for (const options of placed) {
      const pressed: string[] = [];
      options.onPrompt?.('sound:alo153/welcome', handle(pressed));
      options.onPrompt?.('sound:alo153/main-menu', handle(pressed));
      options.onPrompt?.(RETURNING_OFFER, handle(pressed));
      expect(pressed).to.deep.equal(['2']);
    }
  });
});
