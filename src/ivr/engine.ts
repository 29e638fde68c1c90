/**
 * The IVR interpreter: `(definition, state, input) → { state, commands }`.
 * Pure and deterministic: no I/O, no timers, no clock (times come in with the inputs), and the
 * state is plain JSON that is never mutated. The CallSession executes the commands and feeds the
 * outcomes back as inputs; see types.ts for the playback-token contract.
 */
import { finishBuffer, isMenuDigit, judgeBuffer } from './digit-collector.js';
import { bargeIn, consentToSurvey, enterMenu, playUpcoming, settleAnnouncements } from './menu-flow.js';
import { readbackPrompts } from './readback.js';
import { beginStatusEntry, onStatusDigit, onStatusPromptEnded, onStatusResult, onStatusTimeout } from './status-entry.js';
import {
  leaveWelcomeForMenu,
  offerReturning,
  onReturningDigit,
  onReturningFound,
  onReturningTimeout,
  onWelcomeFinished,
  RETURNING_STEP,
} from './returning.js';
import { currentMenu, Turn, type IvrStepResult } from './turn.js';
import type { IvrDefinition, IvrInput, IvrPathStep, IvrStartContext, IvrState, IvrTarget, IvrTimer } from './types.js';

export type { IvrStepResult } from './turn.js';
export { RETURNING_STEP } from './returning.js';

function beginReadback(turn: Turn, target: IvrTarget): void {
  turn.cancelTimer();
  settleAnnouncements(turn, 'acted');
  turn.update({ phase: 'readback', target, buffer: '' });
  if (turn.state.ticketNumber === null && turn.def.ticketWaitMs > 0) {
    // The citizen should leave with their number: give a slow database a moment, never more.
    turn.startTimer('ticketWait', turn.def.ticketWaitMs);
    return;
  }
  turn.play(readbackPrompts(turn.def, turn.state.ticketNumber), false);
}

/** The wait for the ticket number ends (number arrived, or the timer ran out): read back what we have. */
function endTicketWait(turn: Turn): void {
  turn.cancelTimer();
  turn.play(readbackPrompts(turn.def, turn.state.ticketNumber), false);
}

function replay(turn: Turn, event: 'invalid' | 'no-input', digits: string): void {
  const menu = currentMenu(turn);
  const retries = turn.state.retries + 1;
  turn.update({ buffer: '', retries });
  turn.record(digits === '' ? { menu: turn.state.menu, event } : { menu: turn.state.menu, event, digits });
  const maxRetries = menu.maxRetries ?? turn.def.maxRetries;
  if (retries > maxRetries) {
    const { queue, category } = turn.def.defaultTarget;
    turn.record({ menu: turn.state.menu, event: 'retries-exhausted', target: queue });
    beginReadback(turn, { queue, category, reason: 'retries-exhausted' });
    return;
  }
  const lead = event === 'invalid' ? turn.def.prompts.invalid : turn.def.prompts.noInput;
  turn.play([lead, menu.prompt], true);
}

function select(turn: Turn, key: string): void {
  const option = currentMenu(turn).options[key];
  if (option === undefined) throw new Error(`IVR menu "${turn.state.menu}" has no option "${key}"`);
  turn.cancelTimer();
  if ('action' in option) {
    turn.record({ menu: turn.state.menu, event: 'selected', digits: key, target: 'status' });
    beginStatusEntry(turn);
    return;
  }
  if ('menu' in option) {
    // The digit that opened the sub-menu is part of the path too: `main:selected 1 → ulasim` before `ulasim:enter`.
    turn.record({ menu: turn.state.menu, event: 'selected', digits: key, target: option.menu });
    const stack = turn.state.menuStack;
    // Re-entering a menu already on the stack (a menu loop) unwinds to it, so the stack stays bounded.
    const existing = stack.indexOf(option.menu);
    turn.update({ menuStack: existing >= 0 ? stack.slice(0, existing) : [...stack, turn.state.menu] });
    enterMenu(turn, option.menu, []);
    return;
  }
  turn.record({ menu: turn.state.menu, event: 'selected', digits: key, target: option.queue });
  beginReadback(turn, { queue: option.queue, category: option.category, reason: 'selected' });
}

function goBack(turn: Turn): void {
  const stack = turn.state.menuStack;
  const parent = stack[stack.length - 1];
  if (parent === undefined) {
    turn.cancelTimer();
    replay(turn, 'invalid', turn.state.buffer + '*');
    return;
  }
  turn.cancelTimer();
  turn.record({ menu: turn.state.menu, event: 'back', target: parent });
  turn.update({ menuStack: stack.slice(0, -1) });
  enterMenu(turn, parent, []);
}

/**
 * The offer is known but still queued behind the welcome: a key now answers the welcome, not the offer (a caller
 * who knows the menu presses its key during the welcome; taking it as the offer's answer would lose their choice).
 * The survey key is the welcome's own hint: it records consent and the offer still follows.
 */
const welcomeBeforeOffer = (turn: Turn, digit: string): boolean =>
  turn.state.phase === 'returning' && turn.state.upcoming.length > 0 && digit !== turn.def.survey.key;

function onDigit(turn: Turn, digit: string): void {
  if (turn.state.phase === 'welcome' || welcomeBeforeOffer(turn, digit)) {
    if (!bargeIn(turn)) return;
    if (turn.state.phase === 'returning') turn.record({ menu: RETURNING_STEP, event: 'returning-choice', target: 'menu' });
    leaveWelcomeForMenu(turn);
  }
  const { phase } = turn.state;
  if (phase === 'menu' || phase === 'returning' || phase === 'status-entry') settleAnnouncements(turn, 'acted');
  if (phase === 'returning') return onReturningDigit(turn, digit);
  if (phase === 'status-entry') return onStatusDigit(turn, digit);
  if (phase !== 'menu') return;
  if (!bargeIn(turn)) return;
  if (digit === turn.def.survey.key && turn.state.buffer === '') return consentToSurvey(turn, turn.state.menu, currentMenu(turn).prompt);
  if (digit === '*') return goBack(turn);
  const entered = turn.state.buffer + digit;
  if (digit === '#') {
    const verdict = finishBuffer(currentMenu(turn), turn.state.buffer);
    turn.cancelTimer();
    return verdict.kind === 'select' ? select(turn, verdict.key) : replay(turn, 'invalid', entered);
  }
  if (!isMenuDigit(digit)) {
    turn.cancelTimer();
    return replay(turn, 'invalid', entered);
  }
  turn.update({ buffer: entered });
  const verdict = judgeBuffer(currentMenu(turn), entered);
  if (verdict.kind === 'select') return select(turn, verdict.key);
  if (verdict.kind === 'wait') {
    const menu = currentMenu(turn);
    return turn.startTimer('interDigit', menu.interDigitTimeoutMs ?? turn.def.interDigitTimeoutMs);
  }
  turn.cancelTimer();
  replay(turn, 'invalid', entered);
}

function onTimeout(turn: Turn, timer: IvrTimer): void {
  if (turn.state.timer !== timer) return;
  if (timer === 'ticketWait') return turn.state.phase === 'readback' ? endTicketWait(turn) : undefined;
  if (turn.state.phase === 'status-entry') return onStatusTimeout(turn);
  if (turn.state.phase === 'returning') return onReturningTimeout(turn);
  if (turn.state.phase !== 'menu') return;
  turn.update({ timer: null });
  const { buffer } = turn.state;
  if (buffer === '') return replay(turn, 'no-input', '');
  const verdict = finishBuffer(currentMenu(turn), buffer);
  if (verdict.kind === 'select') return select(turn, verdict.key);
  replay(turn, 'invalid', buffer);
}

function onPlaybackFinished(turn: Turn, id: number): void {
  const { playback, phase, target, announcementWatch } = turn.state;
  if (playback === null || playback.id !== id) return;
  turn.update({ playback: null });
  if (announcementWatch !== null && announcementWatch.playback === id && announcementWatch.endedAt === null) {
    turn.update({ announcementWatch: { ...announcementWatch, endedAt: turn.at } });
  }
  const [next, ...rest] = turn.state.upcoming;
  if (next !== undefined) {
    turn.update({ upcoming: rest });
    playUpcoming(turn, next);
    return;
  }
  if (phase === 'welcome') return onWelcomeFinished(turn);
  if (phase === 'returning') return turn.startTimer('firstDigit', turn.def.returning.timeoutMs);
  if (phase === 'status-entry') return onStatusPromptEnded(turn);
  if (phase === 'readback' && target !== null) {
    turn.update({ phase: 'transferred' });
    turn.commands.push({ type: 'transfer', queue: target.queue, category: target.category, reason: target.reason });
    return;
  }
  if (phase === 'menu' && turn.state.buffer === '') {
    const menu = currentMenu(turn);
    turn.startTimer('firstDigit', menu.firstDigitTimeoutMs ?? turn.def.firstDigitTimeoutMs);
  }
}

function onHangup(turn: Turn): void {
  turn.cancelTimer();
  settleAnnouncements(turn, 'hangup');
  const { phase, target, menu } = turn.state;
  turn.record(phase === 'readback' && target !== null ? { menu, event: 'hangup', target: target.queue } : { menu, event: 'hangup' });
  turn.update({ hungUp: true, playback: null, buffer: '' });
}

/**
 * Starts the IVR: the welcome (and the survey hint) with the start menu as one playback, so a digit during the
 * welcome counts as menu input; a returning caller hears the open-ticket offer instead of the menu first. While the
 * caller's open ticket is still being looked up (`returningPending`) the welcome plays alone (see returning.ts).
 * `context` may be a ticket number alone (the first call path's form).
 */
export function startIvr(def: IvrDefinition, at: string, context: string | IvrStartContext = {}): IvrStepResult {
  const start: IvrStartContext = typeof context === 'string' ? { ticketNumber: context } : context;
  const initial: IvrState = {
    phase: 'menu',
    hungUp: false,
    menu: def.start,
    menuStack: [],
    buffer: '',
    retries: 0,
    ticketNumber: start.ticketNumber ?? null,
    playback: null,
    lastPlaybackId: 0,
    timer: null,
    target: null,
    path: [],
    upcoming: [],
    announcementWatch: null,
    announcedScopes: [],
    announcements: start.announcements ?? [],
    returning: start.returning ?? null,
    statusTries: 0,
    statusRequest: 0,
    surveyConsent: false,
  };
  const turn = new Turn(def, initial, at);
  const welcome = [def.welcome, def.survey.hint];
  if (start.returning !== undefined) {
    offerReturning(turn, start.returning);
    turn.play(welcome, true);
  } else if (start.returningPending === true) {
    // The lookup answers while this plays: welcome and menu are separate playbacks so the offer can go between.
    // The path says main:enter from the start either way: where a caller who hangs up in the welcome was.
    turn.update({ phase: 'welcome' });
    turn.record({ menu: def.start, event: 'enter' });
    turn.play(welcome, true);
  } else {
    enterMenu(turn, def.start, welcome);
  }
  return turn.result();
}

export function isIvrFinished(state: IvrState): boolean {
  return state.hungUp || state.phase === 'transferred';
}

/** One input in, the next state and the commands out. Inputs that do not fit the state are ignored (no commands). */
export function stepIvr(def: IvrDefinition, state: IvrState, input: IvrInput): IvrStepResult {
  if (isIvrFinished(state)) return { state, commands: [] };
  const turn = new Turn(def, state, 'at' in input ? input.at : '');
  switch (input.type) {
    case 'start':
      break;
    case 'ticketAssigned':
      turn.update({ ticketNumber: input.number });
      if (turn.state.phase === 'readback' && turn.state.timer === 'ticketWait') endTicketWait(turn);
      break;
    case 'digit':
      onDigit(turn, input.digit);
      break;
    case 'timeout':
      onTimeout(turn, input.timer);
      break;
    case 'playbackFinished':
      onPlaybackFinished(turn, input.playback);
      break;
    case 'hangup':
      onHangup(turn);
      break;
    case 'statusResult':
      onStatusResult(turn, input.request, input.result);
      break;
    case 'returningFound':
      onReturningFound(turn, input.ticket);
      break;
  }
  return turn.result();
}

export function ivrPath(state: IvrState): IvrPathStep[] {
  return [...state.path];
}

/**
 * Where the caller is (or was when the IVR ended), for the call record: `main:invalid`, `ulasim:enter`,
 * `readback`, `transferred:alo153-kentkart`. A hangup does not change it: the call's outcome says
 * that the caller left, this says where.
 */
export function describeLastStep(state: IvrState): string {
  if (state.phase === 'transferred' && state.target !== null) return `transferred:${state.target.queue}`;
  if (state.phase === 'readback') return 'readback';
  const last = [...state.path].reverse().find((step) => step.event !== 'hangup');
  return last === undefined ? `${state.menu}:enter` : `${last.menu}:${last.event}`;
}
