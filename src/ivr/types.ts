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
  /**
   * When the caller has chosen but the ticket number is not stored yet (a slow database), wait at
   * most this long for it before the read-back; then read back without it. 0: never wait.
   */
  ticketWaitMs: number;
  defaultTarget: { queue: string; category: string };
}

/** `ticketWait`: a short wait for the ticket number before the read-back (see IvrDefinition.ticketWaitMs). */
export type IvrTimer = 'firstDigit' | 'interDigit' | 'ticketWait';

/** One step of the caller's way through the IVR, recorded on the call. */
export interface IvrPathStep {
  at: string;
  menu: string;
  event: 'enter' | 'digit' | 'invalid' | 'no-input' | 'selected' | 'back' | 'retries-exhausted' | 'hangup';
  digits?: string;
  /** `selected`: the queue, or the sub-menu the digits opened; `back`: the parent menu; `retries-exhausted`: the default queue. */
  target?: string;
}

/**
 * `play.playback` is a per-call sequence number chosen by the engine. The session echoes it in the
 * `playbackFinished` input of that playback (natural end, stop or failure alike). It exists because
 * Asterisk reports PlaybackFinished for a stopped playback some time after the stop: without the
 * token that late event would be taken for the end of the next prompt. `stopPlayback.playback`
 * names the playback to stop (always the one currently playing).
 */
export type IvrCommand =
  | { type: 'play'; playback: number; prompts: PromptName[]; bargeIn: boolean }
  | { type: 'stopPlayback'; playback: number }
  | { type: 'startTimer'; timer: IvrTimer; ms: number }
  | { type: 'cancelTimer' }
  | { type: 'record'; step: IvrPathStep }
  | { type: 'transfer'; queue: string; category: string; reason: 'selected' | 'retries-exhausted' };

export type IvrInput =
  | { type: 'start'; at: string; ticketNumber?: string }
  | { type: 'ticketAssigned'; number: string }
  | { type: 'digit'; digit: string; at: string }
  | { type: 'playbackFinished'; playback: number; at: string }
  | { type: 'timeout'; timer: IvrTimer; at: string }
  | { type: 'hangup'; at: string };

export type IvrPhase = 'menu' | 'readback' | 'transferred';

export interface IvrTarget {
  queue: string;
  category: string;
  reason: 'selected' | 'retries-exhausted';
}

/** The engine's whole memory of one call: plain JSON data, never mutated (each step returns a new one). */
export interface IvrState {
  readonly phase: IvrPhase;
  /** True once the caller hung up; the engine ignores every later input. */
  readonly hungUp: boolean;
  /** The current menu; during the read-back and after transfer, the menu where the choice was made. */
  readonly menu: string;
  /** Parent menus, innermost last: `*` returns to the last one. */
  readonly menuStack: readonly string[];
  /** Digits entered so far in the current menu. */
  readonly buffer: string;
  /** Invalid entries and no-inputs in the current menu since it was entered. */
  readonly retries: number;
  readonly ticketNumber: string | null;
  /** The playback the engine is waiting on, or null (none, or the last one was asked to stop). */
  readonly playback: { readonly id: number; readonly bargeIn: boolean } | null;
  /** Id of the last `play` command issued. */
  readonly lastPlaybackId: number;
  readonly timer: IvrTimer | null;
  /** Set once a queue is chosen (by the caller or after retries). */
  readonly target: IvrTarget | null;
  readonly path: readonly IvrPathStep[];
}
