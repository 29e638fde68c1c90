import { expect } from 'chai';
import { ivrPath, isIvrFinished } from '../../src/ivr/engine.js';
import type { ActiveAnnouncement } from '../../src/ivr/announcements.js';
import type { IvrCommand } from '../../src/ivr/types.js';
import { IvrDriver, onlyPlay, types } from './ivr-driver.js';

const TICKET = '153-2026-000123';
const returning = { number: '153-2026-000042', status: 'needs_info' as const, dueAt: '2026-12-10T08:00:00.000Z' };
const water: ActiveAnnouncement = { id: 12, prompt: 'duyuru/12-1', scope: 'all' };
const bus: ActiveAnnouncement = { id: 13, prompt: 'duyuru/13-1', scope: 'ulasim' };
const outcomes = (commands: IvrCommand[]) => commands.filter((c) => c.type === 'announcementOutcome');
const events = (ivr: IvrDriver) => ivrPath(ivr.state).map((s) => `${s.menu}:${s.event}${s.digits ? `:${s.digits}` : ''}${s.target ? `>${s.target}` : ''}`);

describe('IVR engine: a returning caller with an open ticket', () => {
  it('hears the offer after the welcome; 1 says that ticket\'s status, then the main menu', () => {
    const ivr = new IvrDriver(undefined, { ticketNumber: TICKET, returning });
    expect(onlyPlay(ivr.commands)).to.deep.include({ prompts: ['welcome', 'survey-hint'], bargeIn: true });
    expect(ivr.state.phase).to.equal('returning');
    expect(onlyPlay(ivr.finishPlayback())).to.deep.include({ prompts: ['returning-offer'], bargeIn: true });
    expect(ivr.finishPlayback()).to.deep.equal([{ type: 'startTimer', timer: 'firstDigit', ms: 5000 }]);
    const status = ivr.digit('1');
    expect(onlyPlay(status).prompts).to.deep.equal(['status-needs-info', 'status-due', 'num-10', 'month-12', 'main-menu']);
    expect(events(ivr)).to.deep.equal(['returning:enter>needs_info', 'returning:returning-choice:1>status', 'main:enter']);
    expect(ivr.state.phase).to.equal('menu');
  });

  it('goes to the main menu on 2, on no input and on any other key, recording the choice', () => {
    const two = new IvrDriver(undefined, { returning });
    two.finishPlayback();
    expect(onlyPlay(two.digit('2')).prompts).to.deep.equal(['main-menu']);
    expect(events(two).at(-2)).to.equal('returning:returning-choice:2>menu');

    const silent = new IvrDriver(undefined, { returning });
    silent.finishPlayback();
    silent.finishPlayback();
    expect(onlyPlay(silent.timeout('firstDigit')).prompts).to.deep.equal(['main-menu']);
    expect(events(silent).at(-2)).to.equal('returning:returning-choice>menu');

    const other = new IvrDriver(undefined, { returning });
    other.finishPlayback();
    other.digit('5');
    expect(events(other).at(-2)).to.equal('returning:returning-choice:5>menu');
    expect(other.state.phase).to.equal('menu');
  });

  it('takes a key pressed during the welcome as a main-menu choice, also once the offer is queued behind it', () => {
    const known = new IvrDriver(undefined, { ticketNumber: TICKET, returning });
    known.digit('1');
    expect(known.state.phase).to.equal('menu');
    expect(known.state.menu).to.equal('ulasim');
    expect(events(known)).to.deep.equal(['returning:enter>needs_info', 'returning:returning-choice>menu', 'main:selected:1>ulasim', 'ulasim:enter']);

    const found = new IvrDriver(undefined, { ticketNumber: TICKET, returningPending: true });
    found.send({ type: 'returningFound', ticket: returning, at: found.now() });
    found.digit('1');
    expect(found.state.menu).to.equal('ulasim');
  });

  it('never holds the welcome for the lookup: an answer while it plays puts the offer after it', () => {
    const ivr = new IvrDriver(undefined, { ticketNumber: TICKET, returningPending: true });
    expect(onlyPlay(ivr.commands).prompts).to.deep.equal(['welcome', 'survey-hint']);
    expect(ivr.state.phase).to.equal('welcome');
    expect(ivr.send({ type: 'returningFound', ticket: returning, at: ivr.now() }).map((c) => c.type)).to.deep.equal(['record']);
    expect(onlyPlay(ivr.finishPlayback()).prompts).to.deep.equal(['returning-offer']);
    expect(events(ivr)).to.deep.equal(['main:enter', 'returning:enter>needs_info']);
  });

  it('goes on to the main menu when the lookup finds nothing, or answers after the welcome ended', () => {
    const none = new IvrDriver(undefined, { returningPending: true });
    expect(none.send({ type: 'returningFound', ticket: null, at: none.now() })).to.deep.equal([]);
    expect(onlyPlay(none.finishPlayback()).prompts).to.deep.equal(['main-menu']);
    const late = new IvrDriver(undefined, { returningPending: true });
    late.finishPlayback();
    expect(late.send({ type: 'returningFound', ticket: returning, at: late.now() })).to.deep.equal([]);
    expect(late.state.phase).to.equal('menu');
    expect(events(late)).to.deep.equal(['main:enter']);
  });

  it('takes a digit during the welcome as the main-menu choice while the lookup runs, as without it', () => {
    const ivr = new IvrDriver(undefined, { ticketNumber: TICKET, returningPending: true, announcements: [water] });
    const chose = ivr.digit('1');
    expect(chose[0]).to.deep.equal({ type: 'stopPlayback', playback: 1 });
    expect(onlyPlay(chose).prompts).to.deep.equal(['menu-ulasim']);
    expect(events(ivr)).to.deep.equal(['main:enter', 'main:selected:1>ulasim', 'ulasim:enter']);
    expect(ivr.send({ type: 'returningFound', ticket: returning, at: ivr.now() })).to.deep.equal([]);
  });

  it('without an open ticket starts straight in the main menu', () => {
    const ivr = new IvrDriver(undefined, { ticketNumber: TICKET });
    expect(onlyPlay(ivr.commands).prompts).to.deep.equal(['welcome', 'survey-hint', 'main-menu']);
    expect(ivr.state.phase).to.equal('menu');
  });
});

describe('IVR engine: live announcements', () => {
  it('plays the `all` announcements as their own playback between the welcome and the main menu', () => {
    const ivr = new IvrDriver(undefined, { announcements: [water, bus] });
    expect(onlyPlay(ivr.commands).prompts).to.deep.equal(['welcome', 'survey-hint']);
    expect(onlyPlay(ivr.finishPlayback()).prompts).to.deep.equal(['duyuru/12-1']);
    expect(onlyPlay(ivr.finishPlayback()).prompts).to.deep.equal(['main-menu']);
    const chose = ivr.digit('1');
    expect(outcomes(chose)).to.deep.equal([{ type: 'announcementOutcome', announcementId: 12, outcome: 'continued' }]);
    expect(onlyPlay(chose).prompts, 'the branch\'s own announcement before its menu').to.deep.equal(['duyuru/13-1']);
    expect(onlyPlay(ivr.finishPlayback()).prompts).to.deep.equal(['menu-ulasim']);
    expect(events(ivr)).to.include('main:announcement>12:continued');
  });

  it('counts a hang-up during the announcement, or within the window after it without a choice, as served', () => {
    const during = new IvrDriver(undefined, { announcements: [water] });
    during.finishPlayback();
    expect(outcomes(during.hangup())).to.deep.equal([{ type: 'announcementOutcome', announcementId: 12, outcome: 'served' }]);

    const soon = new IvrDriver(undefined, { announcements: [water] });
    soon.finishPlayback();
    soon.finishPlayback();
    soon.wait(8);
    expect(outcomes(soon.hangup())).to.deep.equal([{ type: 'announcementOutcome', announcementId: 12, outcome: 'served' }]);
  });

  it('counts a hang-up past the window as continued, and tells each outcome once', () => {
    const late = new IvrDriver(undefined, { announcements: [water] });
    late.finishPlayback();
    late.finishPlayback();
    late.wait(11);
    expect(outcomes(late.hangup())).to.deep.equal([{ type: 'announcementOutcome', announcementId: 12, outcome: 'continued' }]);

    const chose = new IvrDriver(undefined, { announcements: [water] });
    chose.finishPlayback();
    expect(outcomes(chose.digit('2'))).to.have.length(1);
    chose.finishPlayback();
    expect(outcomes(chose.send({ type: 'hangup', at: chose.now() }))).to.deep.equal([]);
  });

  it('skips an announcement the caller barged past during the welcome, and plays each scope once per call', () => {
    const eager = new IvrDriver(undefined, { announcements: [water] });
    const chose = eager.digit('3');
    expect(outcomes(chose)).to.deep.equal([]);
    expect(types(chose)).to.include('play');
    expect(JSON.stringify(eager.commands)).to.not.include('duyuru');

    const back = new IvrDriver(undefined, { announcements: [bus] });
    back.digit('1');
    back.digit('*');
    back.finishPlayback();
    expect(onlyPlay(back.digit('1')).prompts).to.deep.equal(['menu-ulasim']);
  });

  it('plays the `all` announcements after a returning caller\'s choice, before the main menu', () => {
    const ivr = new IvrDriver(undefined, { returning, announcements: [water] });
    ivr.finishPlayback();
    expect(onlyPlay(ivr.digit('2')).prompts).to.deep.equal(['duyuru/12-1']);
  });
});

describe('IVR engine: the survey consent key', () => {
  it('records consent once with 9 in any menu, confirms it and replays the menu', () => {
    const ivr = new IvrDriver(undefined, TICKET);
    const consent = ivr.digit('9');
    expect(types(consent)).to.deep.equal(['stopPlayback', 'record', 'play']);
    expect(onlyPlay(consent).prompts).to.deep.equal(['survey-consent-ok', 'main-menu']);
    ivr.digit('1');
    expect(onlyPlay(ivr.digit('9')).prompts).to.deep.equal(['survey-consent-ok', 'menu-ulasim']);
    expect(events(ivr).filter((e) => e.includes('survey-consent'))).to.deep.equal(['main:survey-consent:9']);
    ivr.digit('2');
    ivr.finishPlayback();
    expect(isIvrFinished(ivr.state)).to.equal(true);
  });

  it('adds nothing to the read-back: the prompts from the last digit to the queue are the same with or without it', () => {
    const plain = new IvrDriver(undefined, TICKET);
    const consented = new IvrDriver(undefined, TICKET);
    consented.digit('9');
    expect(onlyPlay(consented.digit('3')).prompts).to.deep.equal(onlyPlay(plain.digit('3')).prompts);
  });

  it('takes 9 in the returning offer too, and as a digit of a ticket number in the status entry', () => {
    const offer = new IvrDriver(undefined, { returning });
    expect(onlyPlay(offer.digit('9')).prompts).to.deep.equal(['survey-consent-ok', 'returning-offer']);
    expect(offer.state.phase).to.equal('returning');
    const status = new IvrDriver();
    status.digit('8');
    status.digits('9');
    expect(status.state.surveyConsent).to.equal(false);
    expect(status.state.buffer).to.equal('9');
  });
});
