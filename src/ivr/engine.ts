/**
 * The IVR interpreter: `(definition, state, input) → { state, commands }`.
 * Pure and deterministic: no I/O, no timers, no clock (times come in with the inputs), and the
 * state is plain JSON that is never mutated. The CallSession executes the commands and feeds the
 * outcomes back as inputs; see types.ts for the playback-token contract.
 */
import { finishBuffer, isMenuDigit, judgeBuffer } from './digit-collector.js';
import { readbackPrompts } from './readback.js';
import type {
  IvrCommand,
  IvrDefinition,
  IvrInput,
  IvrMenu,
  IvrPathStep,
  IvrState,
  IvrTarget,
  IvrTimer,
  PromptName,
} from './types.js';

export interface IvrStepResult {
  state: IvrState;
  commands: IvrCommand[];
}

/** Collects the new state and the commands of one step; the caller's state object is never touched. */
class Turn {
  readonly commands: IvrCommand[] = [];

  constructor(
    readonly def: IvrDefinition,
    public state: IvrState,
    readonly at: string,
  ) {}

  update(patch: Partial<IvrState>): void {
    this.state = { ...this.state, ...patch };
  }

  record(step: Omit<IvrPathStep, 'at'>): void {
    const full: IvrPathStep = { at: this.at, ...step };
    this.update({ path: [...this.state.path, full] });
    this.commands.push({ type: 'record', step: full });
  }

  play(prompts: PromptName[], bargeIn: boolean): void {
    const id = this.state.lastPlaybackId + 1;
    this.update({ playback: { id, bargeIn }, lastPlaybackId: id });
    this.commands.push({ type: 'play', playback: id, prompts, bargeIn });
  }

  /** Forgets the playback at once: its PlaybackFinished arrives later and must then be ignored. */
  stopPlayback(): void {
    const { playback } = this.state;
    if (playback === null) return;
    this.update({ playback: null });
    this.commands.push({ type: 'stopPlayback', playback: playback.id });
  }

  startTimer(timer: IvrTimer, ms: number): void {
    this.update({ timer });
    this.commands.push({ type: 'startTimer', timer, ms });
  }

  cancelTimer(): void {
    if (this.state.timer === null) return;
    this.update({ timer: null });
    this.commands.push({ type: 'cancelTimer' });
  }

  result(): IvrStepResult {
    return { state: this.state, commands: this.commands };
  }
}

function menuNamed(def: IvrDefinition, name: string): IvrMenu {
  const menu = def.menus[name];
  if (menu === undefined) throw new Error(`IVR menu "${name}" is not defined`);
  return menu;
}

function currentMenu(turn: Turn): IvrMenu {
  return menuNamed(turn.def, turn.state.menu);
}

/** Every menu starts with a fresh retry count: a caller who found the right sub-menu is not penalised for earlier slips. */
function enterMenu(turn: Turn, name: string, leadIn: PromptName[]): void {
  const menu = menuNamed(turn.def, name);
  turn.update({ menu: name, buffer: '', retries: 0 });
  turn.record({ menu: name, event: 'enter' });
  turn.play([...leadIn, menu.prompt], true);
}

function beginReadback(turn: Turn, target: IvrTarget): void {
  turn.cancelTimer();
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

function onDigit(turn: Turn, digit: string): void {
  const { phase, playback } = turn.state;
  if (phase !== 'menu') return;
  if (playback !== null) {
    if (!playback.bargeIn) return;
    turn.stopPlayback();
  }
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
  if (turn.state.phase !== 'menu') return;
  turn.update({ timer: null });
  const { buffer } = turn.state;
  if (buffer === '') return replay(turn, 'no-input', '');
  const verdict = finishBuffer(currentMenu(turn), buffer);
  if (verdict.kind === 'select') return select(turn, verdict.key);
  replay(turn, 'invalid', buffer);
}

function onPlaybackFinished(turn: Turn, id: number): void {
  const { playback, phase, target } = turn.state;
  if (playback === null || playback.id !== id) return;
  turn.update({ playback: null });
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
  const { phase, target, menu } = turn.state;
  turn.record(phase === 'readback' && target !== null ? { menu, event: 'hangup', target: target.queue } : { menu, event: 'hangup' });
  turn.update({ hungUp: true, playback: null, buffer: '' });
}

/** Starts the IVR: the welcome and the start menu play as one playback, so a digit during the welcome counts as menu input. */
export function startIvr(def: IvrDefinition, at: string, ticketNumber?: string): IvrStepResult {
  const initial: IvrState = {
    phase: 'menu',
    hungUp: false,
    menu: def.start,
    menuStack: [],
    buffer: '',
    retries: 0,
    ticketNumber: ticketNumber ?? null,
    playback: null,
    lastPlaybackId: 0,
    timer: null,
    target: null,
    path: [],
  };
  const turn = new Turn(def, initial, at);
  enterMenu(turn, def.start, [def.welcome]);
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
