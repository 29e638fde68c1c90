/** Test driver for the pure IVR engine: feeds inputs, keeps the state, checks purity on every step. */
import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseIvrDefinition } from '../../src/ivr/definition.js';
import { startIvr, stepIvr } from '../../src/ivr/engine.js';
import type { IvrCommand, IvrDefinition, IvrInput, IvrStartContext, IvrState, IvrTimer } from '../../src/ivr/types.js';

export const shippedIvr: IvrDefinition = parseIvrDefinition(
  JSON.parse(readFileSync(new URL('../../config/ivr.json', import.meta.url), 'utf8')),
);

/** The shipped menu without the wait for the ticket number, so most tests read back at once. */
export const immediateIvr: IvrDefinition = { ...shippedIvr, ticketWaitMs: 0 };

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

export type PlayCommand = Extract<IvrCommand, { type: 'play' }>;

export class IvrDriver {
  state: IvrState;
  commands: IvrCommand[];
  private seconds = 0;

  constructor(
    readonly def: IvrDefinition = immediateIvr,
    context?: string | IvrStartContext,
  ) {
    const result = startIvr(def, this.now(), context);
    this.state = result.state;
    this.commands = result.commands;
  }

  now(): string {
    this.seconds += 1;
    return new Date(Date.UTC(2026, 2, 1, 9, 0, this.seconds)).toISOString();
  }

  send(input: IvrInput): IvrCommand[] {
    const before = JSON.stringify(this.state);
    deepFreeze(this.state);
    const result = stepIvr(this.def, this.state, input);
    const again = stepIvr(this.def, this.state, input);
    expect(JSON.stringify(this.state), 'the input state must not change').to.equal(before);
    expect(again, 'the same input gives the same output').to.deep.equal(result);
    expect(JSON.parse(JSON.stringify(result.state)), 'state is plain JSON').to.deep.equal(result.state);
    this.state = result.state;
    this.commands = result.commands;
    return result.commands;
  }

  digit(digit: string): IvrCommand[] {
    return this.send({ type: 'digit', digit, at: this.now() });
  }

  digits(keys: string): IvrCommand[] {
    return [...keys].flatMap((key) => this.digit(key));
  }

  /** The current playback ends (naturally or stopped). */
  finishPlayback(): IvrCommand[] {
    const playing = this.state.playback;
    if (playing === null) throw new Error('no playback is playing');
    return this.finishPlaybackId(playing.id);
  }

  finishPlaybackId(playback: number): IvrCommand[] {
    return this.send({ type: 'playbackFinished', playback, at: this.now() });
  }

  timeout(timer: IvrTimer): IvrCommand[] {
    return this.send({ type: 'timeout', timer, at: this.now() });
  }

  hangup(): IvrCommand[] {
    return this.send({ type: 'hangup', at: this.now() });
  }

  /** Lets simulated time pass (the next input's `at` is this much later). */
  wait(seconds: number): void {
    this.seconds += seconds;
  }
}

export function plays(commands: IvrCommand[]): PlayCommand[] {
  return commands.filter((command): command is PlayCommand => command.type === 'play');
}

export function onlyPlay(commands: IvrCommand[]): PlayCommand {
  const found = plays(commands);
  expect(found, 'exactly one play command').to.have.length(1);
  const [play] = found;
  if (play === undefined) throw new Error('unreachable');
  return play;
}

export function types(commands: IvrCommand[]): string[] {
  return commands.map((command) => command.type);
}

export function recorded(commands: IvrCommand[]): string[] {
  return commands.flatMap((command) => (command.type === 'record' ? [`${command.step.menu}:${command.step.event}`] : []));
}

/** The shipped menu (without the ticket wait, like immediateIvr) with changes, for cases it does not have (multi-digit keys, overrides). */
export function variant(change: (def: IvrDefinition) => IvrDefinition): IvrDefinition {
  return parseIvrDefinition(change(structuredClone(immediateIvr)));
}
