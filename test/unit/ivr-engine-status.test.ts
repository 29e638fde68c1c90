import { expect } from 'chai';
import { ivrPath } from '../../src/ivr/engine.js';
import { parseStatusEntry, statusSpeech } from '../../src/ivr/status-entry.js';
import type { IvrCommand, StatusLookupResult } from '../../src/ivr/types.js';
import { IvrDriver, immediateIvr, onlyPlay, recorded, types } from './ivr-driver.js';

type Lookup = Extract<IvrCommand, { type: 'lookupStatus' }>;
const lookupOf = (commands: IvrCommand[]): Lookup => {
  const found = commands.filter((command): command is Lookup => command.type === 'lookupStatus');
  expect(found, 'one lookup').to.have.length(1);
  return found[0]!;
};

/** A driver in the status entry: 8 pressed in the main menu, the entry prompt finished. */
function atStatusEntry(): IvrDriver {
  const ivr = new IvrDriver();
  ivr.digit('8');
  ivr.finishPlayback();
  return ivr;
}

function answer(ivr: IvrDriver, result: StatusLookupResult, request = ivr.state.statusRequest): IvrCommand[] {
  return ivr.send({ type: 'statusResult', request, result, at: ivr.now() });
}

describe('IVR engine: status by phone', () => {
  it('asks for the number, looks it up by this year and serial after #, and says the status and deadline before the main menu', () => {
    const ivr = new IvrDriver();
    const chose = ivr.digit('8');
    expect(recorded(chose)).to.deep.equal(['main:selected']);
    expect(ivrPath(ivr.state).at(-1)).to.deep.include({ digits: '8', target: 'status' });
    expect(onlyPlay(chose)).to.deep.include({ prompts: ['status-enter'], bargeIn: true });
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 8000 }]);

    ivr.digits('123');
    const lookup = lookupOf(ivr.digit('#'));
    expect(lookup).to.deep.include({ year: 2026, seq: 123 });
    expect(ivr.state.phase).to.equal('status-lookup');
    expect(ivr.digits('45#'), 'digits while the lookup runs are ignored').to.deep.equal([]);

    const said = answer(ivr, { kind: 'found', status: 'forwarded', dueAt: '2026-12-10T08:00:00.000Z' });
    expect(recorded(said)).to.deep.equal(['status:status-lookup', 'main:enter']);
    expect(ivrPath(ivr.state).find((step) => step.event === 'status-lookup')).to.deep.include({ target: 'found:forwarded' });
    expect(onlyPlay(said).prompts).to.deep.equal(['status-forwarded', 'status-due', 'num-10', 'month-12', 'main-menu']);
    expect(ivr.state.phase).to.equal('menu');
  });

  it('says each status in Turkish, the deadline only while an answer is owed, in Istanbul time', () => {
    const due = '2026-12-09T22:30:00.000Z'; // 10 December 01:30 in Istanbul
    expect(statusSpeech(immediateIvr, 'open', due)).to.deep.equal(['status-open', 'status-due', 'num-10', 'month-12']);
    expect(statusSpeech(immediateIvr, 'needs_info', due)).to.deep.equal(['status-needs-info', 'status-due', 'num-10', 'month-12']);
    expect(statusSpeech(immediateIvr, 'in_progress', null)).to.deep.equal(['status-forwarded']);
    expect(statusSpeech(immediateIvr, 'answered', due)).to.deep.equal(['status-answered']);
    expect(statusSpeech(immediateIvr, 'closed', due)).to.deep.equal(['status-closed']);
  });

  it('reads 7 to 11 digits starting with 20 as a year and its serial, up to 6 digits or 7 starting with 1 as this year, and refuses the rest', () => {
    const at = '2026-12-31T21:30:00.000Z'; // already 2027 in Istanbul
    expect(parseStatusEntry('3', at)).to.deep.equal({ year: 2027, seq: 3 });
    expect(parseStatusEntry('999999', at)).to.deep.equal({ year: 2027, seq: 999999 });
    expect(parseStatusEntry('1234567', at)).to.deep.equal({ year: 2027, seq: 1234567 });
    expect(parseStatusEntry('2026000123', at)).to.deep.equal({ year: 2026, seq: 123 });
    expect(parseStatusEntry('2026123', at)).to.deep.equal({ year: 2026, seq: 123 });
    expect(parseStatusEntry('20261000000', at)).to.deep.equal({ year: 2026, seq: 1000000 });
    for (const bad of ['', '0', '000000', '0123456', '3456789', '2028000001', '20260000000', '2026000', '202610000000', '12a']) expect(parseStatusEntry(bad, at), bad).to.equal(undefined);
  });

  it('says "numara bulunamadı" for an unknown number and asks again, then after the second try goes back to the main menu', () => {
    const ivr = atStatusEntry();
    lookupOf(ivr.digits('55#'));
    const again = answer(ivr, { kind: 'not-found' });
    expect(onlyPlay(again).prompts).to.deep.equal(['status-not-found', 'status-enter']);
    expect(ivr.state.phase).to.equal('status-entry');
    ivr.finishPlayback();
    lookupOf(ivr.digits('56#'));
    const back = answer(ivr, { kind: 'not-found' });
    expect(onlyPlay(back).prompts).to.deep.equal(['status-not-found', 'main-menu']);
    expect(ivrPath(ivr.state).filter((s) => s.event === 'status-lookup').map((s) => s.target)).to.deep.equal(['not-found', 'not-found']);
    expect(ivr.state.phase).to.equal('menu');
  });

  it('counts garbage as a try: an empty entry, a letter from ARI, an over-long entry, silence', () => {
    const empty = atStatusEntry();
    expect(onlyPlay(empty.digit('#')).prompts).to.deep.equal(['status-not-found', 'status-enter']);
    const letter = atStatusEntry();
    letter.digits('12');
    expect(recorded(letter.digit('A'))).to.deep.equal(['status:status-lookup']);
    expect(ivrPath(letter.state).at(-1)).to.deep.include({ target: 'invalid' });
    const long = atStatusEntry();
    expect(types(long.digits('20260000000'))).to.not.include('record');
    expect(ivrPath(long.state).at(-1)?.target).to.equal('status');
    long.digit('1');
    expect(ivrPath(long.state).at(-1)).to.deep.include({ event: 'status-lookup', target: 'invalid' });
    const silent = atStatusEntry();
    expect(onlyPlay(silent.timeout('firstDigit')).prompts).to.deep.equal(['no-input', 'status-enter']);
    silent.finishPlayback();
    expect(onlyPlay(silent.timeout('firstDigit')).prompts).to.deep.equal(['no-input', 'main-menu']);
  });

  it('ends an entry on a pause after some digits, as # would, and goes back with *', () => {
    const paused = atStatusEntry();
    expect(paused.digit('7')).to.deep.include({ type: 'startTimer', timer: 'interDigit', ms: 3000 });
    expect(lookupOf(paused.timeout('interDigit'))).to.deep.include({ seq: 7 });
    const back = atStatusEntry();
    back.digit('4');
    const menu = back.digit('*');
    expect(recorded(menu)).to.deep.equal(['status:back', 'main:enter']);
    expect(onlyPlay(menu).prompts).to.deep.equal(['main-menu']);
  });

  it('tells the caller the lookup is not possible now (database down or slow) and goes back to the main menu', () => {
    const ivr = atStatusEntry();
    lookupOf(ivr.digits('9#'));
    expect(answer(ivr, { kind: 'found', status: 'closed', dueAt: null }, 99), 'an answer to another request').to.deep.equal([]);
    expect(onlyPlay(answer(ivr, { kind: 'unavailable' })).prompts).to.deep.equal(['status-unavailable', 'main-menu']);
    expect(ivrPath(ivr.state).at(-2)).to.deep.include({ event: 'status-lookup', target: 'unavailable' });
  });

  it('never records the number keyed in', () => {
    const ivr = atStatusEntry();
    ivr.digits('424242#');
    answer(ivr, { kind: 'found', status: 'open', dueAt: null });
    expect(JSON.stringify(ivrPath(ivr.state))).to.not.include('424242');
  });
});
