import { expect } from 'chai';
import { describeLastStep, ivrPath, stepIvr } from '../../src/ivr/engine.js';
import type { IvrDefinition } from '../../src/ivr/types.js';
import { IvrDriver, onlyPlay, recorded, types, variant } from './ivr-driver.js';

/** main: 1 → A, 12 → B, 34 → C, 5 → sub-menu x; x: 1 → sub-menu y; y: 1 → D. */
const multiDigit: IvrDefinition = variant((d) => ({
  ...d,
  menus: {
    main: {
      prompt: 'main-menu',
      options: {
        '1': { queue: 'q-a', category: 'a', label: 'A' },
        '12': { queue: 'q-b', category: 'b', label: 'B' },
        '34': { queue: 'q-c', category: 'c', label: 'C' },
        '5': { menu: 'x', label: 'X' },
      },
    },
    x: { prompt: 'menu-x', options: { '1': { menu: 'y', label: 'Y' }, '2': { menu: 'main', label: 'başa dön' } } },
    y: { prompt: 'menu-y', options: { '1': { queue: 'q-d', category: 'd', label: 'D' } } },
  },
}));

describe('IVR engine: multi-digit options', () => {
  it('waits for the inter-digit timer when a longer option starts with the digits', () => {
    const ivr = new IvrDriver(multiDigit);
    expect(ivr.digit('1')).to.deep.equal([
      { type: 'stopPlayback', playback: 1 },
      { type: 'startTimer', timer: 'interDigit', ms: 2000 },
    ]);
    expect(ivr.state.buffer).to.equal('1');
  });

  it('selects the longer option as soon as it is complete', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digit('1');
    const commands = ivr.digit('2');
    expect(types(commands)).to.deep.equal(['cancelTimer', 'record', 'play']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'selected', digits: '12', target: 'q-b' });
  });

  it('selects the short option when the inter-digit timer runs out on an exact match', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digit('1');
    ivr.timeout('interDigit');
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'selected', digits: '1', target: 'q-a' });
  });

  it('treats an unfinished prefix as invalid when the inter-digit timer runs out', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digit('3');
    expect(recorded(ivr.timeout('interDigit'))).to.deep.equal(['main:invalid']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ digits: '3' });
    expect(ivr.state.buffer).to.equal('');
  });

  it('rejects at once a digit that no option continues with', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digit('3');
    const commands = ivr.digit('5');
    expect(types(commands)).to.deep.equal(['cancelTimer', 'record', 'play']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'invalid', digits: '35' });
  });

  it('ends the entry on # and selects the exact option without waiting', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digit('1');
    expect(types(ivr.digit('#'))).to.deep.equal(['cancelTimer', 'record', 'play']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'selected', digits: '1' });
  });

  it('treats # after an unfinished prefix as invalid', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digits('3#');
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'invalid', digits: '3#' });
  });
});

describe('IVR engine: # and *', () => {
  it('treats # with nothing entered as an invalid entry', () => {
    const ivr = new IvrDriver();
    expect(recorded(ivr.digit('#'))).to.deep.equal(['main:invalid']);
    expect(onlyPlay(ivr.commands).prompts).to.deep.equal(['invalid', 'main-menu']);
  });

  it('goes back to the parent menu on * with a fresh retry count', () => {
    const ivr = new IvrDriver();
    ivr.digit('9');
    ivr.digit('1');
    ivr.finishPlayback();
    const commands = ivr.digit('*');
    expect(types(commands)).to.deep.equal(['cancelTimer', 'record', 'record', 'play']);
    expect(recorded(commands)).to.deep.equal(['ulasim:back', 'main:enter']);
    expect(onlyPlay(commands)).to.deep.include({ prompts: ['main-menu'], bargeIn: true });
    expect(ivr.state.retries).to.equal(0);
    expect(describeLastStep(ivr.state)).to.equal('main:enter');
  });

  it('treats * in the top menu as an invalid entry', () => {
    const ivr = new IvrDriver();
    expect(recorded(ivr.digit('*'))).to.deep.equal(['main:invalid']);
  });

  it('climbs back through nested menus one level per *', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digits('51');
    expect(ivr.state.menu).to.equal('y');
    ivr.digit('*');
    expect(ivr.state.menu).to.equal('x');
    ivr.digit('*');
    expect(ivr.state.menu).to.equal('main');
    expect(recorded(ivr.digit('*'))).to.deep.equal(['main:invalid']);
  });

  it('unwinds the stack when an option leads back to a menu already on it', () => {
    const ivr = new IvrDriver(multiDigit);
    ivr.digits('52');
    expect(ivr.state.menu).to.equal('main');
    expect(ivr.state.menuStack).to.deep.equal([]);
  });

  it('treats the DTMF letters A-D and anything else as invalid', () => {
    const ivr = new IvrDriver();
    expect(recorded(ivr.digit('A'))).to.deep.equal(['main:invalid']);
    expect(recorded(ivr.digit('x'))).to.deep.equal(['main:invalid']);
  });
});

describe('IVR engine: late and unexpected inputs', () => {
  it('does not take a stopped playback\'s late end for the end of the replay', () => {
    const ivr = new IvrDriver();
    ivr.digit('7');
    const replay = onlyPlay(ivr.commands);
    expect(replay.playback).to.equal(2);
    expect(ivr.finishPlaybackId(1), 'the stopped welcome ends after the replay started').to.deep.equal([]);
    expect(ivr.state.timer).to.equal(null);
    expect(ivr.finishPlaybackId(2)).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 5000 }]);
  });

  it('stops a barged-in playback only once however many digits follow', () => {
    const ivr = new IvrDriver(multiDigit);
    const commands = [...ivr.digit('1'), ...ivr.digit('2')];
    expect(commands.filter((c) => c.type === 'stopPlayback')).to.have.length(1);
  });

  it('ignores a timeout that is not pending', () => {
    const ivr = new IvrDriver();
    expect(ivr.timeout('firstDigit')).to.deep.equal([]);
    ivr.finishPlayback();
    expect(ivr.timeout('interDigit')).to.deep.equal([]);
    expect(ivr.state.timer).to.equal('firstDigit');
  });

  it('ignores a playbackFinished when nothing is playing', () => {
    const ivr = new IvrDriver();
    ivr.finishPlayback();
    expect(ivr.finishPlaybackId(1)).to.deep.equal([]);
    expect(ivr.finishPlaybackId(99)).to.deep.equal([]);
  });

  it('ignores everything after the transfer', () => {
    const ivr = new IvrDriver();
    ivr.digit('0');
    ivr.finishPlayback();
    const transferred = ivr.state;
    expect([...ivr.digit('1'), ...ivr.timeout('firstDigit'), ...ivr.finishPlaybackId(2), ...ivr.hangup()]).to.deep.equal([]);
    expect(ivr.state).to.equal(transferred);
    expect(describeLastStep(ivr.state)).to.equal('transferred:alo153-genel');
  });

  it('ignores a second start', () => {
    const ivr = new IvrDriver();
    const result = stepIvr(ivr.def, ivr.state, { type: 'start', at: ivr.now() });
    expect(result.commands).to.deep.equal([]);
    expect(result.state).to.equal(ivr.state);
  });
});
