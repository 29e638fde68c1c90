import type { Logger } from '../../logging/logger.js';
import type { CallControl, ChannelInfo } from '../../telephony/ports.js';
import type { TicketOutbox } from './ticket-outbox.js';

/** A disk that hangs must not keep a citizen from a person for long. */
export const DEFAULT_MAX_HOLD_MS = 1000;

/**
 * CallControl that lets a call leave alo153 (continue into the queue dialplan) only once every ticket
 * write accepted so far, its hand-off included, is fsync'd in the outbox: a crash after the caller has
 * gone on cannot lose what the IVR learnt. The session records the hand-off just before it continues,
 * so the wait is one group commit (a few ms), and at most `maxHoldMs`.
 */
export class OutboxBarrierControl implements CallControl {
  constructor(
    private readonly control: CallControl,
    private readonly outbox: Pick<TicketOutbox, 'flushed'>,
    private readonly logger: Logger,
    private readonly maxHoldMs = DEFAULT_MAX_HOLD_MS,
  ) {}

  async continueInDialplan(channelId: string, context: string, extension: string, priority: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const held = await Promise.race([
      this.outbox.flushed().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.maxHoldMs))),
    ]);
    clearTimeout(timer);
    if (held) this.logger.warn('call continued before its ticket writes reached the outbox file', { channelId, maxHoldMs: this.maxHoldMs });
    return this.control.continueInDialplan(channelId, context, extension, priority);
  }

  answer(channelId: string): Promise<void> {
    return this.control.answer(channelId);
  }

  play(channelId: string, playbackId: string, media: readonly string[], language: string): Promise<void> {
    return this.control.play(channelId, playbackId, media, language);
  }

  stopPlayback(playbackId: string): Promise<void> {
    return this.control.stopPlayback(playbackId);
  }

  playbackExists(playbackId: string): Promise<boolean> {
    return this.control.playbackExists(playbackId);
  }

  setVariable(channelId: string, name: string, value: string): Promise<void> {
    return this.control.setVariable(channelId, name, value);
  }

  hangup(channelId: string): Promise<void> {
    return this.control.hangup(channelId);
  }

  listChannels(): Promise<ChannelInfo[]> {
    return this.control.listChannels();
  }
}
