/**
 * The IVR is data (config/ivr.json) run by a pure engine:
 * `step(menu, state, input) -> { state, commands }`, with no I/O and no timers.
 * A CallSession executes the commands and feeds back the inputs.
 */

import type { RequestStatus } from '../requests/request-states.js';
import type { ActiveAnnouncement, AnnouncementOutcome } from './announcements.js';

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

/** Status by phone: the caller keys in a ticket number and hears where it stands. */
export interface IvrOptionStatus {
  action: 'status';
  label: string;
}

export type IvrOption = IvrOptionMenu | IvrOptionQueue | IvrOptionStatus;

/** How a ticket's status is said: the lifecycle's eight statuses map onto five phrases. */
export type StatusPhrase = 'received' | 'forwarded' | 'needsInfo' | 'answered' | 'closed';

export interface IvrStatusLookupConfig {
  enter: PromptName;
  notFound: PromptName;
  unavailable: PromptName;
  /** Said before the deadline's day and month ("Son tarih … on aralık"). */
  due: PromptName;
  phrases: Record<StatusPhrase, PromptName>;
  /** Entries (invalid, unknown, none) before the caller is taken back to the main menu. */
  maxTries: number;
  /** Longer than a menu's: a ticket number is up to 10 digits. */
  interDigitTimeoutMs: number;
  firstDigitTimeoutMs: number;
  /** How long the database may take before the caller hears that the status cannot be told now. */
  budgetMs: number;
}

export interface IvrReturningConfig {
  /** "Açık bir başvurunuz var: durumunu öğrenmek için 1, yeni bir talep için 2". */
  prompt: PromptName;
  statusKey: string;
  newKey: string;
  timeoutMs: number;
  /**
   * The longest the open-ticket lookup may run (it starts with the answer, beside the welcome, which never waits for
   * it); past it, or after the welcome has ended, no offer. 0 switches the lookup off.
   */
  lookupBudgetMs: number;
}

export interface IvrSurveyConfig {
  /** One key, never an option key of any menu. */
  key: string;
  /** Played after the welcome. */
  hint: PromptName;
  confirm: PromptName;
}

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
    transfer: PromptName;
    /** Short silence between the year and the serial of the read-back ticket number. */
    pause: PromptName;
  };
  /**
   * Say the ticket's year before its serial. False (default) reads the serial alone: a call's ticket is always this
   * Istanbul year's, the status menu takes a bare serial as this year's, and the SMS carries the full number; the
   * year would add ~1.7 s and take a 6-digit serial past the 5 s read-back target.
   */
  readbackYear: boolean;
  /**
   * Say `prompts.transfer` after the number too. False (default): the number is the last thing said and the queue's
   * music on hold follows at once; the transfer prompt then plays only when there is no number to read.
   */
  readbackTransfer: boolean;
  statusLookup: IvrStatusLookupConfig;
  returning: IvrReturningConfig;
  survey: IvrSurveyConfig;
  /** A caller who hangs up within this long after an announcement, without choosing, was served by it. */
  announcementServedWindowMs: number;
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

/** The lookup's answer, fed back by the session (`unavailable`: the database failed or was too slow). */
export type StatusLookupResult =
  | { kind: 'found'; status: RequestStatus; dueAt: string | null }
  | { kind: 'not-found' }
  | { kind: 'unavailable' };

/** An open ticket of the calling number, found while the call was answered. */
export interface ReturningTicket {
  number: string;
  status: RequestStatus;
  dueAt: string | null;
}

/** What the session knows when the IVR starts. */
export interface IvrStartContext {
  ticketNumber?: string;
  returning?: ReturningTicket;
  /** The returning-caller lookup is still running: its answer comes as `returningFound`. */
  returningPending?: boolean;
  announcements?: readonly ActiveAnnouncement[];
}

export const IVR_PATH_EVENTS = [
  'enter', 'digit', 'invalid', 'no-input', 'selected', 'back', 'retries-exhausted', 'hangup',
  'status-lookup', 'returning-choice', 'survey-consent', 'announcement',
] as const;
export type IvrPathEvent = (typeof IVR_PATH_EVENTS)[number];

/** One step of the caller's way through the IVR, recorded on the call. */
export interface IvrPathStep {
  at: string;
  menu: string;
  event: IvrPathEvent;
  digits?: string;
  /**
   * `selected`: the queue, the sub-menu the digits opened, or `status`; `back`: the parent menu; `retries-exhausted`:
   * the default queue; `status-lookup`: `found:<status>`, `not-found`, `invalid`, `no-input` or `unavailable` (never the
   * number keyed in); `returning-choice`: `status` or `menu`; `announcement`: `<id>:served` or `<id>:continued`.
   */
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
  | { type: 'transfer'; queue: string; category: string; reason: 'selected' | 'retries-exhausted' }
  /** Look a ticket up by year and serial; answer with `statusResult` carrying the same `request`. */
  | { type: 'lookupStatus'; request: number; year: number; seq: number }
  | { type: 'announcementOutcome'; announcementId: number; outcome: AnnouncementOutcome };

export type IvrInput =
  | { type: 'start'; at: string; ticketNumber?: string }
  | { type: 'ticketAssigned'; number: string }
  | { type: 'digit'; digit: string; at: string }
  | { type: 'playbackFinished'; playback: number; at: string }
  | { type: 'timeout'; timer: IvrTimer; at: string }
  | { type: 'hangup'; at: string }
  | { type: 'statusResult'; request: number; result: StatusLookupResult; at: string }
  /** The returning-caller lookup's answer (null: no open ticket, failed or too slow). */
  | { type: 'returningFound'; ticket: ReturningTicket | null; at: string };

/**
 * `welcome`: the welcome plays while the returning-caller lookup runs; `returning`: the open-ticket offer before the main menu; `status-entry`: keying in a ticket number;
 * `status-lookup`: waiting for the session's answer.
 */
export type IvrPhase = 'welcome' | 'menu' | 'returning' | 'status-entry' | 'status-lookup' | 'readback' | 'transferred';

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
  /** Playbacks still to come in this menu entry (the announcements, then the menu prompt). */
  readonly upcoming: readonly UpcomingPlayback[];
  /** Announcements the caller heard (or is hearing) and whose outcome is not decided yet. */
  readonly announcementWatch: AnnouncementWatch | null;
  /** Scopes whose announcements were played in this call: each plays once. */
  readonly announcedScopes: readonly string[];
  readonly announcements: readonly ActiveAnnouncement[];
  readonly returning: ReturningTicket | null;
  /** Status entries used up in this visit to the status menu. */
  readonly statusTries: number;
  readonly statusRequest: number;
  readonly surveyConsent: boolean;
}

export interface UpcomingPlayback {
  prompts: PromptName[];
  bargeIn: boolean;
  announcementIds?: number[];
}

export interface AnnouncementWatch {
  ids: number[];
  /** The announcement playback's id while it plays. */
  playback: number;
  /** When it finished; null while it plays. */
  endedAt: string | null;
}
