import type { HangupKind } from './channel.js';
import type { DialplanRunner } from './dialplan-runner.js';
import type { Pbx } from './pbx.js';

/** One thing the synthetic citizen does, `afterMs` simulated ms after the previous step (the first: after the call is answered). */
export interface CallScriptStep {
  afterMs: number;
  digit?: string;
  hangup?: true;
}

export interface PlaceCallOptions {
  callerNumber: string;
  callerName?: string;
  exten?: string;
  context?: string;
  script?: CallScriptStep[];
  /** The citizen gives up this many simulated ms after dialling, wherever the call is. */
  hangupAfterMs?: number;
  /**
   * The citizen reacts to what it hears: called synchronously as each prompt (media URI, `sound:alo153/main-menu`)
   * starts playing to it, so a digit or hang-up lands in that prompt whatever the machine's load.
   */
  onPrompt?: (media: string, call: CallHandle) => void;
}

export interface CallEnd {
  /** Who ended it: `caller` (the citizen), `app` (DELETE over ARI), `queue-complete` (after talking to an agent), ... */
  cause: HangupKind;
  /** How many script steps had run when the call ended. */
  atStep: number;
}

export interface CallHandle {
  channelId: string;
  ended: Promise<CallEnd>;
  sendDigit(digit: string): void;
  hangup(): void;
}

/** A citizen's SIP call arriving on PJSIP/citizen into [alo153-inbound] 153. */
export function placeCall(pbx: Pbx, runner: DialplanRunner, options: PlaceCallOptions): CallHandle {
  const channel = pbx.createChannel({
    device: 'PJSIP/citizen',
    caller: { name: options.callerName ?? '', number: options.callerNumber },
    position: { context: options.context ?? 'alo153-inbound', exten: options.exten ?? '153', priority: 1 },
    state: 'Ring',
  });
  let atStep = 0;
  const cancels: Array<() => void> = [];
  const ended = new Promise<CallEnd>((resolve) => {
    channel.onHangup((cause) => {
      cancels.forEach((cancel) => cancel());
      resolve({ cause, atStep });
    });
  });
  const runStep = (index: number): void => {
    const step = options.script?.[index];
    if (!step) return;
    cancels.push(
      pbx.timers.schedule(step.afterMs, () => {
        atStep = index + 1;
        if (step.digit) for (const digit of step.digit) pbx.sendDtmf(channel, digit);
        if (step.hangup) pbx.hangup(channel, 'caller');
        else runStep(index + 1);
      }),
    );
  };
  // Like SIPp's pauses after the 200 OK: the script starts when the call is answered, so a
  // digit is never sent into a call that has no media yet (where it would be lost).
  channel.onAnswer(() => runStep(0));
  if (options.hangupAfterMs !== undefined) cancels.push(pbx.timers.schedule(options.hangupAfterMs, () => pbx.hangup(channel, 'caller')));
  const handle: CallHandle = {
    channelId: channel.id,
    ended,
    sendDigit: (digit) => pbx.sendDtmf(channel, digit),
    hangup: () => pbx.hangup(channel, 'caller'),
  };
  const { onPrompt } = options;
  if (onPrompt) channel.onPrompt((media) => onPrompt(media, handle));
  // Asterisk starts the dialplan on its own thread: let the caller attach listeners first.
  setImmediate(() => void runner.run(channel));
  return handle;
}
