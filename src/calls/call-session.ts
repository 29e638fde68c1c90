import { randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import { maskPhone } from '../logging/redact.js';
import { describeLastStep, ivrPath, startIvr, stepIvr } from '../ivr/engine.js';
import { promptMedia } from '../ivr/definition.js';
import type { IvrCommand, IvrDefinition, IvrInput, IvrState } from '../ivr/types.js';
import { ChannelGoneError, type CallControl, type ChannelInfo, type TelephonyEvent } from '../telephony/ports.js';
import { HAND_OFF_VARIABLE, handOffValue } from '../telephony/hand-off.js';
import type { CallTicketWriter, HandOffReason } from './call-ports.js';
import { CommandQueue } from './command-queue.js';
import type { CallPhoneServices } from './call-phone-services.js';
import { CallPhoneLine } from './call-phone-line.js';
import { handedOffAt } from './handed-off-at.js';

/** More digits than any menu path needs before the IVR has even started are noise. */
const MAX_EARLY_DIGITS = 8;

export interface CallSessionDeps {
  control: CallControl;
  tickets: CallTicketWriter;
  ivr: IvrDefinition;
  queueContext: string;
  logger: Logger;
  clock?: () => Date;
  onEnded: (session: CallSession) => void;
  /** Status by phone, returning callers, announcements, the number by SMS (each optional). */
  phone?: CallPhoneServices;
}

export type SessionPhase = 'answering' | 'ivr' | 'transferring' | 'transferred' | 'ended';

/** After this many failed playbacks in a row (not hang-ups: 5xx, timeouts) the caller goes straight to a person. */
const MAX_PLAY_FAILURES = 3;

/**
 * One citizen's call while it is in Stasis: answer, ticket, IVR, hand-off to app_queue.
 * The IVR engine decides; this class only executes its commands and feeds back events.
 */
export class CallSession {
  readonly callId = randomUUID();
  readonly startedAt: Date;
  private phaseValue: SessionPhase = 'answering';
  private ivrState: IvrState | undefined;
  private ticketNumber: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly playbacks = new Map<string, number>();
  private currentPlayback: { ariId: string; token: number; prompts: readonly string[] } | undefined;
  private playFailures = 0;
  private continueAttempts = 0;
  private leftWhileAnswering = false;
  /**
   * Digits that arrived before the answer's reply: Asterisk can deliver ChannelDtmfReceived on the
   * WebSocket before the 204 of the answer reaches us, and a caller who knows the menu presses at once.
   */
  private readonly earlyDigits: IvrInput[] = [];
  private endRecorded = false;
  private readonly commands: CommandQueue;
  private readonly log: Logger;
  private readonly clock: () => Date;
  private handOff: { queue: string; category: string; reason: HandOffReason; at: Date } | undefined;
  /** The continue reached Asterisk: the caller is in the queue (the number's SMS may go). */
  private continued = false;
  private readonly phoneLine: CallPhoneLine;

  constructor(
    readonly channel: ChannelInfo,
    private readonly deps: CallSessionDeps,
  ) {
    this.clock = deps.clock ?? (() => new Date());
    this.startedAt = this.clock();
    this.log = deps.logger.child({ callId: this.callId, channelId: channel.id });
    this.commands = new CommandQueue((error) => this.onCommandError(error));
    this.phoneLine = new CallPhoneLine({
      phone: deps.phone,
      ivr: deps.ivr,
      callId: this.callId,
      callerNumber: channel.caller.number,
      startedAt: this.startedAt,
      log: this.log,
      clock: this.clock,
    });
  }

  get phase(): SessionPhase {
    return this.phaseValue;
  }

  get ticket(): string | undefined {
    return this.ticketNumber;
  }

  get lastStep(): string {
    return this.ivrState ? describeLastStep(this.ivrState) : this.phaseValue;
  }

  get target(): string | undefined {
    return this.handOff?.queue;
  }

  /** The prompts of the playback the caller hears now (empty between playbacks). */
  get playing(): readonly string[] {
    return this.currentPlayback?.prompts ?? [];
  }

  /** Answer, open the ticket (without waiting for it) and start the IVR. */
  async start(): Promise<void> {
    // The masking runs for every call: not when the line would be dropped anyway (the level is usually warn).
    if (this.log.isLevelEnabled('info')) this.log.info('call entered stasis', { caller: maskPhone(this.channel.caller.number) });
    try {
      await this.deps.control.answer(this.channel.id);
    } catch (error) {
      if (error instanceof ChannelGoneError) {
        // Gone before we could answer: still a call that reached the hotline, so it is recorded.
        this.log.info('channel gone before answer', { status: error.status });
        this.openTicket(null);
        this.finish('abandoned-in-ivr');
        return;
      }
      this.onCommandError(error);
    }
    const answeredAt = this.clock();
    this.openTicket(answeredAt);
    if (this.leftWhileAnswering) {
      // The caller hung up in the first instant: the ticket exists, and the end follows it.
      this.finish('abandoned-in-ivr');
      return;
    }
    if (this.phase !== 'answering') return;
    this.phaseValue = 'ivr';
    // Beside the welcome, which never waits for it (started after the answer, so it never slows the answer down).
    const returning = this.phoneLine.findReturning();
    const { state, commands } = startIvr(this.deps.ivr, this.now(), {
      ticketNumber: this.ticketNumber,
      returningPending: returning !== undefined,
      announcements: this.phoneLine.activeAnnouncements(),
    });
    this.apply(state, commands);
    for (const digit of this.earlyDigits.splice(0)) this.feed(digit);
    void returning?.then((ticket) => this.feed({ type: 'returningFound', ticket: ticket ?? null, at: this.now() }));
  }

  /** Sends a call that alo153 cannot run through the IVR (adopted after a reconnect, or during shutdown) to a queue. */
  async sendToQueue(queue: string, category: string, reason: HandOffReason): Promise<void> {
    if (this.phaseValue === 'ended' || this.phaseValue === 'transferring' || this.phaseValue === 'transferred') return;
    if (this.phaseValue === 'answering') {
      // An adopted channel is usually Up already, and may still be playing a prompt started by an
      // earlier alo153 process: Asterisk runs channel commands after that playback, so an answer
      // would only wait for it (seen on Asterisk 22.11).
      if (this.channel.state !== 'Up') {
        await this.deps.control.answer(this.channel.id).catch((error: unknown) => this.onCommandError(error));
        if (this.phase === 'ended') return;
      }
      this.openTicket(this.clock());
    }
    this.clearTimer();
    if (this.currentPlayback) {
      const ariId = this.currentPlayback.ariId;
      this.commands.push(() => this.deps.control.stopPlayback(ariId));
    }
    this.transfer(queue, category, reason);
  }

  handle(event: TelephonyEvent): void {
    const at = event.timestamp;
    switch (event.type) {
      case 'dtmf':
        if (this.phaseValue === 'answering') {
          if (this.earlyDigits.length < MAX_EARLY_DIGITS) this.earlyDigits.push({ type: 'digit', digit: event.digit, at: this.now() });
          return;
        }
        this.feed({ type: 'digit', digit: event.digit, at: this.now() });
        return;
      case 'playbackFinished': {
        const token = this.playbacks.get(event.playbackId);
        if (token === undefined) return;
        this.playbacks.delete(event.playbackId);
        if (this.currentPlayback?.ariId === event.playbackId) this.currentPlayback = undefined;
        if (event.state === 'failed' && this.phaseValue === 'ivr') this.log.warn('playback failed', { playbackId: event.playbackId });
        this.feed({ type: 'playbackFinished', playback: token, at: this.now() });
        return;
      }
      case 'hangupRequest':
      case 'channelDestroyed':
        this.callerLeft(at);
        return;
      case 'stasisEnd':
        if (this.phaseValue === 'transferring' || this.phaseValue === 'transferred') {
          this.phaseValue = 'transferred';
          this.finish('handed-to-queue', at);
        } else {
          this.callerLeft(at);
        }
        return;
      case 'stasisStart':
      case 'playbackStarted':
        return;
    }
  }

  /** The channel is gone (hang-up, or it vanished while we were disconnected). */
  callerLeft(at?: string): void {
    if (this.phaseValue === 'ended') return;
    if (this.phaseValue === 'answering') {
      this.leftWhileAnswering = true;
      return;
    }
    if (this.phaseValue === 'transferring' || this.phaseValue === 'transferred') {
      // A hang-up racing the continue: the call reached (or was about to reach) the queue.
      this.finish(this.phaseValue === 'transferred' ? 'handed-to-queue' : 'abandoned-in-ivr', at);
      return;
    }
    if (this.ivrState) {
      const { state, commands } = stepIvr(this.deps.ivr, this.ivrState, { type: 'hangup', at: this.now() });
      this.ivrState = state;
      // Nothing is played any more; only an announcement's outcome (served, most often) is still to tell.
      for (const command of commands) if (command.type === 'announcementOutcome') this.phoneLine.reportAnnouncement(command.announcementId, command.outcome);
    }
    this.finish('abandoned-in-ivr');
  }

  private now(): string {
    return this.clock().toISOString();
  }

  private openTicket(answeredAt: Date | null): void {
    const { channel } = this;
    void this.deps.tickets
      .openCallTicket({
        callId: this.callId,
        channelId: channel.id,
        callerNumber: channel.caller.number,
        callerName: channel.caller.name,
        startedAt: this.startedAt,
        answeredAt,
      })
      .then((result) => {
        if (!result) return;
        const { ticketNumber } = result;
        this.ticketNumber = ticketNumber;
        this.log.info('ticket opened', { ticket: ticketNumber });
        if (this.phaseValue === 'ivr') this.feed({ type: 'ticketAssigned', number: ticketNumber });
        if (this.continued) this.phoneLine.textNumber(this.ticketNumber);
      });
  }

  private feed(input: IvrInput): void {
    if (this.phaseValue !== 'ivr' || !this.ivrState) return;
    const { state, commands } = stepIvr(this.deps.ivr, this.ivrState, input);
    this.apply(state, commands);
  }

  private apply(state: IvrState, commands: IvrCommand[]): void {
    this.ivrState = state;
    // The path is written with the hand-off or the end, not at every step: no write per digit,
    // and the state lives in memory meanwhile.
    for (const command of commands) {
      switch (command.type) {
        case 'record':
          break;
        case 'play':
          this.play(command.playback, command.prompts);
          break;
        case 'stopPlayback': {
          const current = this.currentPlayback;
          if (current && current.token === command.playback) this.commands.push(() => this.deps.control.stopPlayback(current.ariId));
          break;
        }
        case 'startTimer':
          this.clearTimer();
          this.timer = setTimeout(() => this.feed({ type: 'timeout', timer: command.timer, at: this.now() }), command.ms);
          break;
        case 'cancelTimer':
          this.clearTimer();
          break;
        case 'transfer':
          this.transfer(command.queue, command.category, command.reason);
          break;
        case 'lookupStatus': {
          const { request } = command;
          void this.phoneLine.lookupStatus(command.year, command.seq).then((result) => this.feed({ type: 'statusResult', request, result, at: this.now() }));
          break;
        }
        case 'announcementOutcome':
          this.phoneLine.reportAnnouncement(command.announcementId, command.outcome);
          break;
      }
    }
  }

  private play(token: number, prompts: string[]): void {
    const ariId = `alo153-${randomUUID()}`;
    // Registered before the request: PlaybackFinished can arrive before the 201 reply.
    this.playbacks.set(ariId, token);
    this.currentPlayback = { ariId, token, prompts };
    const media = promptMedia(this.deps.ivr, prompts);
    this.commands.push(async () => {
      try {
        await this.deps.control.play(this.channel.id, ariId, media, this.deps.ivr.language);
        this.playFailures = 0;
      } catch (error) {
        if (error instanceof ChannelGoneError) throw error;
        this.playFailures += 1;
        this.log.warn('play failed', { error: (error as Error).message, failures: this.playFailures });
        this.playbacks.delete(ariId);
        if (this.currentPlayback?.ariId === ariId) this.currentPlayback = undefined;
        if (this.playFailures >= MAX_PLAY_FAILURES) {
          const target = this.deps.ivr.defaultTarget;
          this.transfer(target.queue, target.category, 'retries-exhausted');
          return;
        }
        // Carry on as if the prompt had played, so the caller is not left in silence forever.
        this.feed({ type: 'playbackFinished', playback: token, at: this.now() });
      }
    });
  }

  private transfer(queue: string, category: string, reason: HandOffReason): void {
    if (this.phaseValue === 'transferring' || this.phaseValue === 'transferred' || this.phaseValue === 'ended') return;
    this.phaseValue = 'transferring';
    const at = this.clock();
    this.handOff = { queue, category, reason, at };
    this.clearTimer();
    const progress = this.ivrState ? { path: ivrPath(this.ivrState), lastStep: describeLastStep(this.ivrState) } : undefined;
    this.deps.tickets.recordHandOff(this.channel.id, { queue, categoryCode: category, at, reason, progress });
    this.pushContinue();
  }

  private pushContinue(): void {
    const handOff = this.handOff;
    if (!handOff) return;
    const { queue, reason } = handOff;
    const { control, queueContext } = this.deps;
    const channelId = this.channel.id;
    this.commands.push(async () => {
      // The dialplan splits it into ALO153_CALL_ID and ALO153_TICKET and sets ALO153_QUEUE from the extension.
      await control.setVariable(channelId, HAND_OFF_VARIABLE, handOffValue(this.callId, this.ticketNumber));
      await control.continueInDialplan(channelId, queueContext, queue, 1);
      this.continued = true;
      this.log.info('handed to queue', { queue, reason, ticket: this.ticketNumber });
      this.phoneLine.textNumber(this.ticketNumber);
    });
  }

  private onCommandError(error: unknown): void {
    if (error instanceof ChannelGoneError) {
      // A vanished channel is normal telephony, not an error.
      this.log.info('channel gone during command', { operation: error.operation, status: error.status });
      if (error.status === 409 && this.phaseValue === 'transferring') {
        this.phaseValue = 'transferred';
        return;
      }
      this.callerLeft();
      return;
    }
    this.log.error('call command failed', { error: (error as Error).message });
    if (this.phaseValue === 'transferring') this.scheduleContinueRetry();
  }

  /**
   * The continue did not go through (ARI down, timeout) and the caller is still in Stasis:
   * keep trying; never hang up on a citizen who is waiting for a person.
   */
  private scheduleContinueRetry(): void {
    this.continueAttempts += 1;
    const delay = Math.min(30_000, 500 * 2 ** Math.min(this.continueAttempts, 6));
    this.clearTimer();
    this.timer = setTimeout(() => {
      if (this.phaseValue === 'transferring') this.pushContinue();
    }, delay);
  }

  /**
   * After ARI reconnects the channel is still ours, but events sent while we were away are lost:
   * a hand-off that failed is tried again, and a prompt that ended unheard by us is taken as ended
   * (otherwise the IVR would wait for a PlaybackFinished that never comes).
   */
  async resync(): Promise<void> {
    if (this.phaseValue === 'transferring' && this.commands.size === 0) {
      this.clearTimer();
      this.pushContinue();
      return;
    }
    const playback = this.currentPlayback;
    if (this.phaseValue !== 'ivr' || !playback) return;
    const exists = await this.deps.control.playbackExists(playback.ariId).catch(() => true);
    if (exists || this.currentPlayback !== playback) return;
    this.log.info('playback ended while ARI was away', { playbackId: playback.ariId });
    this.handle({ type: 'playbackFinished', playbackId: playback.ariId, channelId: this.channel.id, state: 'done', timestamp: this.now() });
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** `pbxAt`: the ARI event's timestamp that ended a handed-off call (see handedOffAt). */
  private finish(outcome: 'abandoned-in-ivr' | 'handed-to-queue', pbxAt?: string): void {
    if (this.endRecorded) return;
    this.endRecorded = true;
    const lastStep = this.handOff ? `${outcome === 'handed-to-queue' ? 'transferred' : 'handoff'}:${this.handOff.queue}` : this.lastStep;
    this.phaseValue = 'ended';
    this.clearTimer();
    // The path goes with the end when the caller left from the IVR (after a hand-off it was written then).
    const path = !this.handOff && this.ivrState ? ivrPath(this.ivrState) : undefined;
    const endedAt = this.handOff ? handedOffAt(pbxAt, this.handOff.at, this.clock()) : this.clock();
    void this.deps.tickets.recordCallEnd(this.channel.id, { endedAt, outcome, lastStep, path });
    this.log.info('call left alo153', { outcome, lastStep });
    this.deps.onEnded(this);
  }

  idle(): Promise<void> {
    return this.commands.idle();
  }
}
