import type { Logger } from '../logging/logger.js';
import type { IvrDefinition } from '../ivr/types.js';
import { menuSourceOf, type IvrMenuSource } from '../ivr/menu-holder.js';
import type { CallControl, ChannelInfo, TelephonyEvent } from '../telephony/ports.js';
import type { CallTicketWriter } from './call-ports.js';
import { stasisRouteOfAppData } from '../telephony/stasis-route.js';
import { CallSession } from './call-session.js';
import type { CallPhoneServices } from './call-phone-services.js';

export interface CallRegistryOptions {
  control: CallControl;
  tickets: CallTicketWriter;
  /** A fixed menu, or the holder an admin's apply swaps (each call takes the current one at StasisStart). */
  ivr: IvrDefinition | IvrMenuSource;
  queueContext: string;
  fallback: { queue: string; category: string };
  logger: Logger;
  clock?: () => Date;
  /** How long reconcile waits for in-flight StasisStart events before adopting unknown channels. */
  adoptGraceMs?: number;
  /** Status by phone, returning callers, announcements, the number by SMS. */
  phone?: CallPhoneServices;
}

/** Channels that ended recently: a late listing must not resurrect them. */
const RECENTLY_ENDED_LIMIT = 1000;

export interface CallRegistryStats {
  active: number;
  started: number;
  duplicateStarts: number;
  adopted: number;
  vanished: number;
  rejectedWhileDraining: number;
}

/**
 * Routes ARI events to one CallSession per channel and keeps the set of live sessions
 * honest across reconnects and shutdown.
 */
export class CallRegistry {
  private readonly sessions = new Map<string, CallSession>();
  private draining = false;
  private readonly recentlyEnded = new Set<string>();
  readonly stats: CallRegistryStats = { active: 0, started: 0, duplicateStarts: 0, adopted: 0, vanished: 0, rejectedWhileDraining: 0 };

  private readonly menus: IvrMenuSource;

  constructor(private readonly options: CallRegistryOptions) {
    this.menus = menuSourceOf(options.ivr);
  }

  get size(): number {
    return this.sessions.size;
  }

  get(channelId: string): CallSession | undefined {
    return this.sessions.get(channelId);
  }

  list(): CallSession[] {
    return [...this.sessions.values()];
  }

  handle(event: TelephonyEvent): void {
    if (event.type === 'stasisStart') {
      this.onStasisStart(event.channel);
      return;
    }
    const session = this.sessions.get(event.channelId);
    session?.handle(event);
  }

  private onStasisStart(channel: ChannelInfo): void {
    if (this.sessions.has(channel.id)) {
      // Asterisk can re-send StasisStart (e.g. a replayed frame after a reconnect): one channel, one session, one ticket.
      this.stats.duplicateStarts += 1;
      this.options.logger.warn('repeated StasisStart ignored', { channelId: channel.id });
      return;
    }
    const session = this.create(channel);
    if (this.draining) {
      this.stats.rejectedWhileDraining += 1;
      void session.sendToQueue(this.options.fallback.queue, this.options.fallback.category, 'shutdown');
      return;
    }
    this.stats.started += 1;
    void session.start();
  }

  private create(channel: ChannelInfo): CallSession {
    // The menu snapshot of this call: an apply during its IVR changes the next call's menu, never this one's.
    const session = new CallSession(channel, {
      control: this.options.control,
      tickets: this.options.tickets,
      ivr: this.menus.current().definition,
      queueContext: this.options.queueContext,
      logger: this.options.logger,
      clock: this.options.clock,
      phone: this.options.phone,
      onEnded: (ended) => {
        if (this.sessions.get(ended.channel.id) === ended) this.sessions.delete(ended.channel.id);
        this.recentlyEnded.add(ended.channel.id);
        if (this.recentlyEnded.size > RECENTLY_ENDED_LIMIT) this.recentlyEnded.delete(this.recentlyEnded.values().next().value as string);
        this.stats.active = this.sessions.size;
      },
    });
    this.sessions.set(channel.id, session);
    this.stats.active = this.sessions.size;
    return session;
  }

  /**
   * After ARI (re)connects: events sent while we were away are lost, so compare what Asterisk
   * has in our app with what we think is live.
   */
  async reconcile(): Promise<{ adopted: number; vanished: number }> {
    // Only sessions that existed before the list was asked for can be judged by it: a StasisStart
    // may arrive while GET /channels is in flight, and that channel is not in the answer.
    const known = this.list();
    const channels = await this.options.control.listChannels();
    const present = new Set(channels.map((c) => c.id));
    let vanished = 0;
    for (const session of known) {
      if (session.phase === 'ended') continue;
      if (!present.has(session.channel.id)) {
        vanished += 1;
        session.callerLeft();
      } else {
        await session.resync();
      }
    }
    // The reverse race: a channel in the list whose StasisStart is still on its way. Give the
    // socket a moment before deciding the channel was never announced to us.
    await new Promise((resolve) => setTimeout(resolve, this.options.adoptGraceMs ?? 1000));
    let adopted = 0;
    for (const channel of channels) {
      if (this.sessions.has(channel.id) || this.recentlyEnded.has(channel.id)) continue;
      // Callback legs are in our app too, but they are the callback service's: never adopted into the IVR.
      if (stasisRouteOfAppData(channel.dialplan.appData).kind !== 'ivr') continue;
      // A call that entered Stasis while we were away (or before alo153 restarted): we do not
      // know what it heard, so it gets a ticket and goes straight to a person.
      adopted += 1;
      const session = this.create(channel);
      void session.sendToQueue(this.options.fallback.queue, this.options.fallback.category, 'reconciled');
    }
    this.stats.adopted += adopted;
    this.stats.vanished += vanished;
    if (adopted + vanished > 0) this.options.logger.warn('ari reconciled', { adopted, vanished, live: this.sessions.size });
    return { adopted, vanished };
  }

  /** Shutdown: no new IVR sessions; callers in the IVR are handed to the fallback queue in the dialplan. */
  async drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const session of this.list()) {
      void session.sendToQueue(this.options.fallback.queue, this.options.fallback.category, 'shutdown');
    }
    const deadline = Date.now() + timeoutMs;
    while (this.sessions.size > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.sessions.size === 0;
  }
}
