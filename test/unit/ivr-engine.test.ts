import { expect } from 'chai';
import { describeLastStep, isIvrFinished, ivrPath } from '../../src/ivr/engine.js';
import { IvrDriver, onlyPlay, plays, recorded, types, variant } from './ivr-driver.js';

const TICKET = '153-2026-000123';
/** The shipped read-back: the serial alone, then the queue (readbackYear and readbackTransfer are off). */
const TICKET_READBACK = ['ticket-number', 'num-100', 'num-20', 'digit-3'];

describe('IVR engine: the call through the menus', () => {
  it('opens with the welcome and the main menu as one interruptible playback', () => {
    const ivr = new IvrDriver();
    expect(recorded(ivr.commands)).to.deep.equal(['main:enter']);
    expect(onlyPlay(ivr.commands)).to.deep.equal({ type: 'play', playback: 1, prompts: ['welcome', 'survey-hint', 'main-menu'], bargeIn: true });
    expect(types(ivr.commands)).to.not.include('startTimer');
    expect(describeLastStep(ivr.state)).to.equal('main:enter');
  });

  it('takes a digit during the welcome as the main-menu choice and walks 1 → ulaşım → 2 → read-back → alo153-kentkart', () => {
    const ivr = new IvrDriver(undefined, TICKET);

    const bargeIn = ivr.digit('1');
    expect(bargeIn[0]).to.deep.equal({ type: 'stopPlayback', playback: 1 });
    expect(bargeIn.filter((c) => c.type === 'stopPlayback')).to.have.length(1);
    expect(recorded(bargeIn)).to.deep.equal(['main:selected', 'ulasim:enter']);
    expect(onlyPlay(bargeIn)).to.deep.include({ prompts: ['menu-ulasim'], bargeIn: true });
    expect(describeLastStep(ivr.state)).to.equal('ulasim:enter');

    expect(ivr.finishPlaybackId(1), 'the stopped welcome ends late').to.deep.equal([]);
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 5000 }]);

    const choice = ivr.digit('2');
    expect(types(choice)).to.deep.equal(['cancelTimer', 'record', 'play']);
    expect(choice[1]).to.deep.include({ type: 'record' });
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ menu: 'ulasim', event: 'selected', digits: '2', target: 'alo153-kentkart' });
    expect(onlyPlay(choice)).to.deep.include({ prompts: TICKET_READBACK, bargeIn: false });
    expect(describeLastStep(ivr.state)).to.equal('readback');

    expect(ivr.finishPlayback()).to.deep.equal([
      { type: 'transfer', queue: 'alo153-kentkart', category: 'kentkart', reason: 'selected' },
    ]);
    expect(isIvrFinished(ivr.state)).to.equal(true);
    expect(describeLastStep(ivr.state)).to.equal('transferred:alo153-kentkart');
    expect(ivrPath(ivr.state).map((s) => `${s.menu}:${s.event}`)).to.deep.equal(['main:enter', 'main:selected', 'ulasim:enter', 'ulasim:selected']);
  });

  it('records every digit of the way: 1 opens Ulaşım, 2 picks Kentkart, each with its time and where it led', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    ivr.finishPlayback();
    ivr.digit('1');
    ivr.finishPlayback();
    ivr.digit('2');
    const path = ivrPath(ivr.state);
    expect(path.map(({ at: _at, ...step }) => step)).to.deep.equal([
      { menu: 'main', event: 'enter' },
      { menu: 'main', event: 'selected', digits: '1', target: 'ulasim' },
      { menu: 'ulasim', event: 'enter' },
      { menu: 'ulasim', event: 'selected', digits: '2', target: 'alo153-kentkart' },
    ]);
    expect(path[1]!.at, 'the sub-menu choice has the time of its digit').to.equal(path[2]!.at);
    expect(path[1]!.at > path[0]!.at).to.equal(true);
  });

  it('records the sub-menu digit again when the caller goes back with * and chooses it once more', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    ivr.digit('1');
    ivr.digit('*');
    ivr.digit('1');
    expect(ivrPath(ivr.state).map((s) => `${s.menu}:${s.event}${s.digits ? `:${s.digits}` : ''}`)).to.deep.equal([
      'main:enter',
      'main:selected:1',
      'ulasim:enter',
      'ulasim:back',
      'main:enter',
      'main:selected:1',
      'ulasim:enter',
    ]);
  });

  it('routes a main-menu queue option straight to the read-back', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    ivr.finishPlayback();
    ivr.digit('3');
    ivr.finishPlayback();
    expect(ivr.commands).to.deep.equal([{ type: 'transfer', queue: 'alo153-hayvan', category: 'hayvan', reason: 'selected' }]);
  });
});

describe('IVR engine: ticket number read-back', () => {
  it('with ticketWaitMs 0, says only the transfer prompt when the ticket number is not known yet', () => {
    const ivr = new IvrDriver();
    ivr.digit('0');
    expect(onlyPlay(ivr.commands)).to.deep.include({ prompts: ['transfer-short'], bargeIn: false });
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'transfer', queue: 'alo153-genel', category: 'genel', reason: 'selected' }]);
  });

  it('reads back a number that was assigned while the caller was in the menu', () => {
    const ivr = new IvrDriver();
    expect(ivr.send({ type: 'ticketAssigned', number: TICKET })).to.deep.equal([]);
    ivr.digit('2');
    expect(onlyPlay(ivr.commands).prompts).to.deep.equal(TICKET_READBACK);
  });

  it('does not restart the read-back when the number arrives after it began', () => {
    const ivr = new IvrDriver();
    ivr.digit('5');
    expect(ivr.send({ type: 'ticketAssigned', number: TICKET })).to.deep.equal([]);
    expect(types(ivr.finishPlayback())).to.deep.equal(['transfer']);
  });

  it('ignores digits during the read-back so the caller hears the whole number', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    ivr.digit('4');
    expect(ivr.digits('1*#9')).to.deep.equal([]);
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'transfer', queue: 'alo153-otopark', category: 'otopark', reason: 'selected' }]);
  });
});

describe('IVR engine: waiting briefly for the ticket number', () => {
  const waiting = variant((d) => ({ ...d, ticketWaitMs: 1500 }));

  it('waits for a number that is not stored yet, then reads it back as soon as it arrives', () => {
    const ivr = new IvrDriver(waiting);
    const commands = ivr.digit('2');
    expect(commands.filter((c) => c.type === 'play')).to.deep.equal([]);
    expect(commands).to.deep.include({ type: 'startTimer', timer: 'ticketWait', ms: 1500 });
    const arrived = ivr.send({ type: 'ticketAssigned', number: TICKET });
    expect(types(arrived)).to.deep.equal(['cancelTimer', 'play']);
    expect(onlyPlay(arrived).prompts).to.deep.equal(TICKET_READBACK);
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'transfer', queue: 'alo153-cevre', category: 'cevre', reason: 'selected' }]);
  });

  it('reads back without the number when the wait runs out, and ignores a number that comes later', () => {
    const ivr = new IvrDriver(waiting);
    ivr.digit('3');
    const timedOut = ivr.send({ type: 'timeout', timer: 'ticketWait', at: ivr.now() });
    expect(onlyPlay(timedOut)).to.deep.include({ prompts: ['transfer-short'], bargeIn: false });
    expect(ivr.send({ type: 'ticketAssigned', number: TICKET })).to.deep.equal([]);
    expect(types(ivr.finishPlayback())).to.deep.equal(['transfer']);
  });

  it('does not wait when the number is already known', () => {
    const ivr = new IvrDriver(waiting, TICKET);
    expect(onlyPlay(ivr.digit('4')).prompts).to.deep.equal(TICKET_READBACK);
  });

  it('ignores digits during the wait and records a hang-up in it as during the read-back', () => {
    const ivr = new IvrDriver(waiting);
    ivr.digit('5');
    expect(ivr.digits('12')).to.deep.equal([]);
    expect(types(ivr.send({ type: 'hangup', at: ivr.now() }))).to.deep.equal(['cancelTimer', 'record']);
    expect(describeLastStep(ivr.state)).to.equal('readback');
  });
});

describe('IVR engine: invalid entries, silence and retries', () => {
  it('replays the menu after an invalid digit, with the invalid prompt first', () => {
    const ivr = new IvrDriver();
    ivr.finishPlayback();
    const commands = ivr.digit('7');
    expect(types(commands)).to.deep.equal(['cancelTimer', 'record', 'play']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ menu: 'main', event: 'invalid', digits: '7' });
    expect(onlyPlay(commands)).to.deep.include({ prompts: ['invalid', 'main-menu'], bargeIn: true });
    expect(describeLastStep(ivr.state)).to.equal('main:invalid');
  });

  it('replays the menu with the no-input prompt when the first-digit timer runs out', () => {
    const ivr = new IvrDriver();
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 5000 }]);
    const commands = ivr.timeout('firstDigit');
    expect(recorded(commands)).to.deep.equal(['main:no-input']);
    expect(onlyPlay(commands)).to.deep.include({ prompts: ['no-input', 'main-menu'], bargeIn: true });
    expect(types(commands)).to.not.include('cancelTimer');
  });

  it('plays the menu three times in all, then reads back and transfers to alo153-genel for retries-exhausted', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    let menuPlays = 1;
    ivr.finishPlayback();
    ivr.timeout('firstDigit');
    menuPlays += plays(ivr.commands).length;
    ivr.digit('7');
    menuPlays += plays(ivr.commands).length;
    expect(menuPlays).to.equal(3);

    ivr.finishPlayback();
    const exhausted = ivr.timeout('firstDigit');
    expect(recorded(exhausted)).to.deep.equal(['main:no-input', 'main:retries-exhausted']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ event: 'retries-exhausted', target: 'alo153-genel' });
    expect(onlyPlay(exhausted)).to.deep.include({ prompts: TICKET_READBACK, bargeIn: false });
    expect(ivr.finishPlayback()).to.deep.equal([
      { type: 'transfer', queue: 'alo153-genel', category: 'genel', reason: 'retries-exhausted' },
    ]);
  });

  it('uses a per-menu maxRetries instead of the global one', () => {
    const def = variant((d) => ({ ...d, menus: { ...d.menus, ulasim: { ...d.menus.ulasim!, maxRetries: 0 } } }));
    const ivr = new IvrDriver(def);
    ivr.digit('1');
    expect(recorded(ivr.digit('8'))).to.deep.equal(['ulasim:invalid', 'ulasim:retries-exhausted']);
  });

  it('gives a sub-menu a fresh retry count', () => {
    const ivr = new IvrDriver();
    ivr.digit('7');
    ivr.digit('6');
    expect(ivr.state.retries).to.equal(2);
    ivr.digit('1');
    expect(ivr.state.retries).to.equal(0);
    ivr.digit('7');
    expect(recorded(ivr.digit('8'))).to.deep.equal(['ulasim:invalid']);
    expect(recorded(ivr.digit('6'))).to.deep.equal(['ulasim:invalid', 'ulasim:retries-exhausted']);
  });

  it('uses per-menu timeouts when a menu sets them', () => {
    const def = variant((d) => ({ ...d, menus: { ...d.menus, main: { ...d.menus.main!, firstDigitTimeoutMs: 8000 } } }));
    const ivr = new IvrDriver(def);
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 8000 }]);
  });
});

describe('IVR engine: hangup', () => {
  it('records a hangup during the welcome in the main menu', () => {
    const ivr = new IvrDriver();
    expect(ivr.hangup()).to.deep.equal([{ type: 'record', step: ivrPath(ivr.state).at(-1) }]);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ menu: 'main', event: 'hangup' });
    expect(describeLastStep(ivr.state)).to.equal('main:enter');
    expect(isIvrFinished(ivr.state)).to.equal(true);
  });

  it('cancels the pending timer and records where the caller left a sub-menu', () => {
    const ivr = new IvrDriver();
    ivr.digit('1');
    ivr.finishPlayback();
    ivr.timeout('firstDigit');
    ivr.finishPlayback();
    expect(types(ivr.hangup())).to.deep.equal(['cancelTimer', 'record']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ menu: 'ulasim', event: 'hangup' });
    expect(describeLastStep(ivr.state)).to.equal('ulasim:no-input');
  });

  it('records the chosen queue when the caller hangs up during the read-back', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    ivr.digit('2');
    ivr.hangup();
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ menu: 'main', event: 'hangup', target: 'alo153-cevre' });
    expect(describeLastStep(ivr.state)).to.equal('readback');
  });

  it('does nothing at all after the hangup', () => {
    const ivr = new IvrDriver();
    ivr.hangup();
    const after = ivr.state;
    expect([...ivr.digits('12'), ...ivr.finishPlaybackId(1), ...ivr.timeout('firstDigit'), ...ivr.hangup()]).to.deep.equal([]);
    expect(ivr.state).to.equal(after);
  });
});
