import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { ChannelGoneError, type CallControl, type ChannelInfo, type TelephonyEvent } from '../telephony/ports.js';
import { CommandQueue } from '../calls/command-queue.js';
import { startSurvey, stepSurvey, type SurveyCommand, type SurveyInput, type SurveyPrompts, type SurveySetup, type SurveyState } from './survey-machine.js';
import type { SurveyCall } from './survey-store.js';

export interface SurveySessionDeps {
  control: CallControl;
  /** The call this channel was (its ticket and consent); undefined when unknown or the database did not answer in time. */
  lookup: (channelId: string) => Promise<SurveyCall | undefined>;
  /** Writes the score (never rejects: the writer retries and logs). */
  recordScore: (channelId: string, score: number) => void;
  numberPrompts: (ticketNumber: string) => string[];
  prompts: SurveyPrompts;
  soundPrefix: string;
  language: string;
  digitTimeoutMs: number;
  /** The lookup's budget: past it the caller hears goodbye rather than silence. */
  lookupTimeoutMs: number;
  /** The longest a survey may take: past it the caller is hung up (events lost while ARI was away must not leave them in silence). */
  maxDurationMs: number;
  logger: Logger;
  onEnded: (session: SurveySession) => void;
}

/**
 * One caller back from the queue (`Stasis(alo153,after-queue)`): runs the survey machine's commands over ARI and
 * feeds back DTMF, playback ends, timeouts and the hang-up. The channel is already answered (it was bridged).
 */
export class SurveySession {
  private state: SurveyState | undefined;
  private setup: SurveySetup | undefined;
  private timer: NodeJS.Timeout | undefined;
  private deadline: NodeJS.Timeout | undefined;
  private readonly playbacks = new Map<string, number>();
  private readonly ariIds = new Map<number, string>();
  private readonly commands: CommandQueue;
  private readonly log: Logger;
  private ended = false;

  constructor(
    readonly channel: ChannelInfo,
    private readonly deps: SurveySessionDeps,
  ) {
    this.log = deps.logger.child({ channelId: channel.id, component: 'survey' });
    this.commands = new CommandQueue((error) => this.onCommandError(error));
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Where the caller is and how often they were asked (tests wait for the question before pressing). */
  get progress(): { phase: SurveyState['phase'] | 'starting'; asked: number } {
    return { phase: this.state?.phase ?? 'starting', asked: this.state?.asked ?? 0 };
  }

  async start(): Promise<void> {
    this.deadline = setTimeout(() => void this.abort('took too long'), this.deps.maxDurationMs);
    const call = await this.lookupWithin().catch((error: unknown) => {
      this.log.warn('survey call lookup failed', { error: (error as Error).message });
      return undefined;
    });
    if (this.ended) return;
    this.setup = {
      prompts: this.deps.prompts,
      numberPrompts: call?.ticketNumber ? this.deps.numberPrompts(call.ticketNumber) : [],
      consent: call?.consent ?? false,
      digitTimeoutMs: this.deps.digitTimeoutMs,
    };
    this.log.info('caller back from the queue', { callId: call?.callId, consent: this.setup.consent, ticket: call?.ticketNumber ?? null });
    const { state, commands } = startSurvey(this.setup);
    this.apply(state, commands);
  }

  private lookupWithin(): Promise<SurveyCall | undefined> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), this.deps.lookupTimeoutMs);
      this.deps.lookup(this.channel.id).then(
        (call) => {
          clearTimeout(timer);
          resolve(call);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  handle(event: TelephonyEvent): void {
    switch (event.type) {
      case 'dtmf':
        this.feed({ type: 'digit', digit: event.digit });
        return;
      case 'playbackFinished': {
        const token = this.playbacks.get(event.playbackId);
        if (token === undefined) return;
        this.playbacks.delete(event.playbackId);
        this.feed({ type: 'playbackFinished', playback: token });
        return;
      }
      case 'hangupRequest':
      case 'channelDestroyed':
      case 'stasisEnd':
        this.end('caller left');
        return;
      default:
        return;
    }
  }

  private feed(input: SurveyInput): void {
    if (this.ended || !this.state || !this.setup) return;
    const { state, commands } = stepSurvey(this.setup, this.state, input);
    this.apply(state, commands);
  }

  private apply(state: SurveyState, commands: SurveyCommand[]): void {
    this.state = state;
    for (const command of commands) this.execute(command);
  }

  private execute(command: SurveyCommand): void {
    const { control } = this.deps;
    const channelId = this.channel.id;
    switch (command.type) {
      case 'play': {
        const ariId = `alo153-survey-${randomUUID()}`;
        // Registered before the request: PlaybackFinished can arrive before the 201 reply.
        this.playbacks.set(ariId, command.playback);
        this.ariIds.set(command.playback, ariId);
        const media = command.prompts.map((prompt) => `${this.deps.soundPrefix}${prompt}`);
        this.commands.push(async () => {
          try {
            await control.play(channelId, ariId, media, this.deps.language);
          } catch (error) {
            if (error instanceof ChannelGoneError) throw error;
            // A prompt that cannot play is taken as played: the caller is never left in silence.
            this.log.warn('survey prompt failed', { error: (error as Error).message });
            this.playbacks.delete(ariId);
            this.feed({ type: 'playbackFinished', playback: command.playback });
          }
        });
        return;
      }
      case 'stopPlayback': {
        const ariId = this.ariIds.get(command.playback);
        if (ariId) this.commands.push(() => control.stopPlayback(ariId));
        return;
      }
      case 'startTimer':
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.feed({ type: 'timeout' }), command.ms);
        return;
      case 'cancelTimer':
        clearTimeout(this.timer);
        this.timer = undefined;
        return;
      case 'score':
        this.log.info('survey score', { score: command.score });
        this.deps.recordScore(channelId, command.score);
        return;
      case 'hangup':
        this.commands.push(async () => {
          await control.hangup(channelId);
          this.end('survey done');
        });
        return;
    }
  }

  private onCommandError(error: unknown): void {
    if (error instanceof ChannelGoneError) {
      this.end('channel gone');
      return;
    }
    this.log.error('survey command failed', { error: (error as Error).message });
  }

  /** Shutdown (or a survey stuck past its time): the caller hears nothing more and is hung up. */
  async abort(reason = 'shutdown'): Promise<void> {
    if (this.ended) return;
    await this.deps.control.hangup(this.channel.id).catch(() => undefined);
    this.end(reason);
  }

  private end(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    clearTimeout(this.deadline);
    if (this.state) this.state = { ...this.state, phase: 'done' };
    this.log.info('survey session ended', { reason, score: this.state?.score ?? null });
    this.deps.onEnded(this);
  }

  idle(): Promise<void> {
    return this.commands.idle();
  }
}
