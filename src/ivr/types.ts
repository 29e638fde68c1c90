/**
 * The IVR is data (config/ivr.json) run by a pure engine:
 * `step(menu, state, input) -> { state, commands }`, with no I/O and no timers.
 * A CallSession executes the commands and feeds back the inputs.
 */

/** A prompt is the base name of a sound file in dialplans/sounds/<lang>/alo153/ (without extension). */
export type PromptName = string;

export interface IvrOptionMenu {
  /** Go to another menu. */
  menu: string;
  label: string;
}

export interface IvrOptionQueue {
  /** Route to an app_queue queue (never `general`: app_queue reserves it). */
  queue: string;
  /** Seeded category code the ticket gets (e.g. `kentkart`). */
  category: string;
  label: string;
}

export type IvrOption = IvrOptionMenu | IvrOptionQueue;

export interface IvrMenu {
  prompt: PromptName;
  /** Keys are digit strings: '1', '0', or multi-digit '12'. */
  options: Record<string, IvrOption>;
  /** Override of the global values, per menu. */
  firstDigitTimeoutMs?: number;
  interDigitTimeoutMs?: number;
  maxRetries?: number;
}

export interface IvrDefinition {
  /** Language used for prompt files and ARI `lang`. */
  language: string;
  /** Media URI prefix, e.g. `sound:alo153/`. */
  soundPrefix: string;
  welcome: PromptName;
  start: string;
  menus: Record<string, IvrMenu>;
  prompts: {
    invalid: PromptName;
    noInput: PromptName;
    ticketPrefix: PromptName;
    ticketSuffix: PromptName;
    transfer: PromptName;
    /** Short silence between groups of the read-back ticket number. */
    pause: PromptName;
    /** Template: `digit-{d}` gives digit-0 .. digit-9. */
    digitTemplate: string;
  };
  firstDigitTimeoutMs: number;
  interDigitTimeoutMs: number;
  /** How many times a menu is replayed after an invalid entry or no input before the default target. */
  maxRetries: number;
  defaultTarget: { queue: string; category: string };
}

export type IvrTimer = 'firstDigit' | 'interDigit';

/** One step of the caller's way through the IVR, recorded on the call. */
export interface IvrPathStep {
  at: string;
  menu: string;
  event: 'enter' | 'digit' | 'invalid' | 'no-input' | 'selected' | 'back' | 'retries-exhausted' | 'hangup';
  digits?: string;
  target?: string;
}

export type IvrCommand =
  | { type: 'play'; prompts: PromptName[]; bargeIn: boolean }
  | { type: 'stopPlayback' }
  | { type: 'startTimer'; timer: IvrTimer; ms: number }
  | { type: 'cancelTimer' }
  | { type: 'record'; step: IvrPathStep }
  | { type: 'transfer'; queue: string; category: string; reason: 'selected' | 'retries-exhausted' };

export type IvrInput =
  | { type: 'start'; at: string; ticketNumber?: string }
  | { type: 'ticketAssigned'; number: string }
  | { type: 'digit'; digit: string; at: string }
  | { type: 'playbackFinished'; at: string }
  | { type: 'timeout'; timer: IvrTimer; at: string }
  | { type: 'hangup'; at: string };
