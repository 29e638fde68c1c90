/**
 * The post-call survey as a pure state machine, like the IVR engine: `(state, input) → {state, commands}`, no
 * I/O and no timers. After the agent hangs up, app_queue's `c` option sends the caller back to alo153
 * (`Stasis(alo153,after-queue)`): the ticket number once more ("Talep numaranız …"); then, for a caller who
 * pressed the consent key in the IVR, "Görüşmemizi 1 ile 5 arasında puanlayınız" → one digit 1–5 → "Teşekkür
 * ederiz" → hang up. A wrong digit or no digit: the question once more, then goodbye. Without consent: the number,
 * goodbye, hang up. A hang-up at any point ends it with no score.
 */
export interface SurveyPrompts {
  /** "Talep numaranız" */
  ticketNumber: string;
  /** "Görüşmemizi 1 ile 5 arasında puanlayınız." */
  question: string;
  /** "Geçersiz tuşlama yaptınız." */
  invalid: string;
  /** "Teşekkür ederiz." */
  thanks: string;
  /** "… iyi günler dileriz." */
  goodbye: string;
}

export interface SurveySetup {
  prompts: SurveyPrompts;
  /** The number's prompts (the phone helper's ticketNumberPrompts); empty when the call had no ticket number. */
  numberPrompts: readonly string[];
  consent: boolean;
  digitTimeoutMs: number;
  /** How many times the question is asked (2: once more after a wrong or missing digit). */
  attempts?: number;
}

export type SurveyPhase = 'number' | 'question' | 'waiting' | 'closing' | 'done';

export interface SurveyState {
  readonly phase: SurveyPhase;
  readonly asked: number;
  readonly score: number | null;
  /** The playback the machine waits for (its token); stale PlaybackFinished events carry another. */
  readonly playback: number;
  readonly nextPlayback: number;
}

export type SurveyCommand =
  | { type: 'play'; playback: number; prompts: string[] }
  | { type: 'stopPlayback'; playback: number }
  | { type: 'startTimer'; ms: number }
  | { type: 'cancelTimer' }
  | { type: 'score'; score: number }
  | { type: 'hangup' };

export type SurveyInput =
  | { type: 'start' }
  | { type: 'playbackFinished'; playback: number }
  | { type: 'digit'; digit: string }
  | { type: 'timeout' }
  | { type: 'hangup' };

export interface SurveyStep {
  state: SurveyState;
  commands: SurveyCommand[];
}

const INITIAL: SurveyState = { phase: 'number', asked: 0, score: null, playback: 0, nextPlayback: 1 };

function play(state: SurveyState, phase: SurveyPhase, prompts: string[], commands: SurveyCommand[], changes: Partial<SurveyState> = {}): SurveyStep {
  const playback = state.nextPlayback;
  return { state: { ...state, ...changes, phase, playback, nextPlayback: playback + 1 }, commands: [...commands, { type: 'play', playback, prompts }] };
}

function ask(setup: SurveySetup, state: SurveyState, lead: string[], commands: SurveyCommand[] = []): SurveyStep {
  return play(state, 'question', [...lead, setup.prompts.question], commands, { asked: state.asked + 1 });
}

function afterNumber(setup: SurveySetup, state: SurveyState): SurveyStep {
  if (setup.consent) return ask(setup, state, []);
  return play(state, 'closing', [setup.prompts.goodbye], []);
}

/** A wrong or missing digit: the question once more, or goodbye after the last try. */
function retryOrGoodbye(setup: SurveySetup, state: SurveyState, commands: SurveyCommand[]): SurveyStep {
  if (state.asked < (setup.attempts ?? 2)) return ask(setup, state, [setup.prompts.invalid], commands);
  return play(state, 'closing', [setup.prompts.goodbye], commands);
}

export function startSurvey(setup: SurveySetup): SurveyStep {
  if (setup.numberPrompts.length === 0) return afterNumber(setup, INITIAL);
  return play(INITIAL, 'number', [setup.prompts.ticketNumber, ...setup.numberPrompts], []);
}

export function stepSurvey(setup: SurveySetup, state: SurveyState, input: SurveyInput): SurveyStep {
  if (state.phase === 'done') return { state, commands: [] };
  switch (input.type) {
    case 'start':
      return { state, commands: [] };
    case 'hangup':
      return { state: { ...state, phase: 'done' }, commands: [{ type: 'cancelTimer' }] };
    case 'playbackFinished':
      if (input.playback !== state.playback) return { state, commands: [] };
      if (state.phase === 'number') return afterNumber(setup, state);
      if (state.phase === 'question') return { state: { ...state, phase: 'waiting' }, commands: [{ type: 'startTimer', ms: setup.digitTimeoutMs }] };
      if (state.phase === 'closing') return { state: { ...state, phase: 'done' }, commands: [{ type: 'hangup' }] };
      return { state, commands: [] };
    case 'timeout':
      if (state.phase !== 'waiting') return { state, commands: [] };
      return retryOrGoodbye(setup, state, []);
    case 'digit': {
      // Digits during the number are ignored (it is said once, whole); during the question one answers at once.
      if (state.phase !== 'question' && state.phase !== 'waiting') return { state, commands: [] };
      const interrupt: SurveyCommand[] = state.phase === 'question' ? [{ type: 'stopPlayback', playback: state.playback }] : [{ type: 'cancelTimer' }];
      if (/^[1-5]$/.test(input.digit)) {
        const score = Number(input.digit);
        return play(state, 'closing', [setup.prompts.thanks], [...interrupt, { type: 'score', score }], { score });
      }
      return retryOrGoodbye(setup, state, interrupt);
    }
  }
}
