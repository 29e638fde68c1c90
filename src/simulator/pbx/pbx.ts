import type { Logger } from '../../logging/logger.js';
import { maskPhone } from '../../logging/redact.js';
import { SimChannel, type ChannelStateName, type DialplanPosition, type HangupKind } from './channel.js';
import type { Dialplan } from './dialplan-parser.js';
import type { AmiEventSink, AriEventRouter } from './event-ports.js';
import { ChannelIdAllocator, ariTimestamp } from './ids.js';
import { SimTimers } from './timers.js';
import { cut } from './dialplan-functions.js';

export interface NewChannelSpec {
  device: string;
  caller: { name: string; number: string };
  position: DialplanPosition;
  linkedid?: string;
  state: ChannelStateName;
  /** ARI originate's `channelId`; absent: the next uniqueid. */
  id?: string;
}

/** Where Stasis() waits: resolved by `continue` (with a target, or null for the next priority) or by hangup. */
type StasisExit = { kind: 'continue'; target: DialplanPosition | null } | { kind: 'hangup' };

/**
 * The channel model: creation, variables, state, DTMF, Stasis entry/exit and the hangup
 * sequences. Every change raises the ARI and AMI events Asterisk raises, in its order.
 */
export class Pbx {
  readonly channels = new Map<string, SimChannel>();
  readonly ids = new ChannelIdAllocator();
  readonly timers: SimTimers;
  private readonly stasisExits = new Map<string, (exit: StasisExit) => void>();
  private protocolCounter = 19900;

  constructor(
    readonly dialplan: Dialplan,
    readonly router: AriEventRouter,
    readonly ami: AmiEventSink,
    readonly logger: Logger,
    speed: number,
  ) {
    this.timers = new SimTimers(speed);
  }

  createChannel(spec: NewChannelSpec): SimChannel {
    const id = spec.id ?? this.ids.nextUniqueid();
    const channel = new SimChannel(
      id,
      this.ids.nextName(spec.device),
      spec.caller,
      spec.linkedid ?? id,
      `1-${this.protocolCounter++}@127.0.0.1`,
      spec.position,
      spec.state,
    );
    this.channels.set(id, channel);
    this.ami.newchannel(channel.toAmi());
    this.channelEvent(channel, 'ChannelCreated');
    this.logger.debug('channel created', { channelId: id, caller: maskPhone(spec.caller.number) });
    return channel;
  }

  channelEvent(channel: SimChannel, type: string, body: Record<string, unknown> = {}, head?: Record<string, unknown>): void {
    this.router.deliver({ ...(head ? { head } : {}), type, timestamp: ariTimestamp(), body: { ...body, channel: channel.toAri() } }, channel);
  }

  setVariable(channel: SimChannel, name: string, value: string): void {
    if (name === 'CHANNEL(language)') {
      channel.language = value;
      return;
    }
    channel.variables.set(name, value);
    this.ami.varSet(channel.toAmi(), name, value);
    this.channelEvent(channel, 'ChannelVarset', {}, { variable: name, value });
  }

  /** Reads dialplan functions the project uses as well as plain variables. */
  getVariable(channel: SimChannel, name: string): string | undefined {
    if (name === 'CALLERID(num)') return channel.caller.number;
    if (name === 'CALLERID(name)') return channel.caller.name;
    if (name === 'CHANNEL(language)') return channel.language;
    if (name === 'EXTEN') return channel.position.exten;
    if (name === 'CONTEXT') return channel.position.context;
    if (name === 'UNIQUEID') return channel.id;
    const cutCall = /^CUT\(([^,]*),([^,]*),([^)]*)\)$/.exec(name);
    if (cutCall) return cut(channel.variables.get(cutCall[1] ?? '') ?? '', cutCall[2] ?? '', cutCall[3] ?? '');
    return channel.variables.get(name);
  }

  setState(channel: SimChannel, state: ChannelStateName): void {
    if (channel.state === state) return;
    channel.state = state;
    this.ami.newstate(channel.toAmi());
    this.channelEvent(channel, 'ChannelStateChange');
    if (state === 'Up') channel.notifyAnswer();
  }

  sendDtmf(channel: SimChannel, digit: string, durationMs = 280): void {
    if (channel.gone || channel.hangingUp || channel.state !== 'Up') return;
    this.ami.dtmf(channel.toAmi(), digit, durationMs);
    this.channelEvent(channel, 'ChannelDtmfReceived', { digit, duration_ms: durationMs });
  }

  /** Called by the dialplan runner for each step: Newexten on AMI, ChannelDialplan on ARI. */
  enterStep(channel: SimChannel, app: string, appData: string): void {
    channel.appName = app;
    channel.appData = appData;
    this.ami.newexten(channel.toAmi(), app, appData);
    this.channelEvent(channel, 'ChannelDialplan', { dialplan_app: app, dialplan_app_data: appData });
    // Outside Stasis an app without subscribeAll hears none of a channel's dialplan steps (fact 9, 05).
    if (channel.stasisApp === null) channel.subscribedApp = null;
  }

  /** Stasis(): returns how the channel left the application. */
  enterStasis(channel: SimChannel, app: string, args: string[]): Promise<StasisExit> {
    this.setVariable(channel, 'STASISSTATUS', '');
    channel.stasisApp = app;
    channel.subscribedApp = app;
    const exit = new Promise<StasisExit>((resolve) => this.stasisExits.set(channel.id, resolve));
    this.channelEvent(channel, 'StasisStart', { args });
    return exit;
  }

  private leaveStasis(channel: SimChannel): void {
    this.channelEvent(channel, 'StasisEnd');
    channel.stasisApp = null;
    this.setVariable(channel, 'STASISSTATUS', 'SUCCESS');
  }

  continueInDialplan(channel: SimChannel, target: DialplanPosition | null): void {
    const resolve = this.stasisExits.get(channel.id);
    this.stasisExits.delete(channel.id);
    this.channelEvent(channel, 'StasisEnd');
    channel.stasisApp = null;
    // Asterisk unsubscribes the app as the channel leaves: without subscribeAll, StasisEnd is the last it hears
    // (05: no STASISSTATUS, no ChannelDialplan); 01/03/04 show those only because they subscribed to all.
    channel.subscribedApp = null;
    this.setVariable(channel, 'STASISSTATUS', 'SUCCESS');
    resolve?.({ kind: 'continue', target });
  }

  /** The hangup sequences of README fact 11 (and of 03/04 for queue and agent legs). */
  hangup(channel: SimChannel, kind: HangupKind): void {
    if (channel.hangingUp || channel.gone) return;
    channel.hangingUp = true;
    const wasInStasis = channel.stasisApp !== null;
    if (kind === 'caller' || kind === 'agent') {
      this.ami.hangupRequest(channel.toAmi());
      this.channelEvent(channel, 'ChannelHangupRequest');
    } else if (kind === 'app') {
      this.ami.softHangupRequest(channel.toAmi(), 32);
      this.channelEvent(channel, 'ChannelHangupRequest', {}, { cause: 32, soft: true });
    }
    channel.notifyHangup(kind);
    const exit = this.stasisExits.get(channel.id);
    this.stasisExits.delete(channel.id);
    exit?.({ kind: 'hangup' });
    if (wasInStasis) this.leaveStasis(channel);
    if (kind !== 'cancel' && kind !== 'restart') {
      this.ami.softHangupRequest(channel.toAmi(), 16);
      this.channelEvent(channel, 'ChannelHangupRequest', {}, { cause: 16, soft: true });
    }
    channel.appName = '';
    channel.appData = '';
    // A remote BYE ends with cause 0 "Unknown" on ARI (02, 03); AMI says 0 only while in Stasis (02) and 16 from a queue (03).
    const remote = kind === 'caller' || kind === 'cancel';
    const ariCause = remote ? 0 : 16;
    const amiCause = kind === 'cancel' || (kind === 'caller' && wasInStasis) ? 0 : 16;
    this.channelEvent(channel, 'ChannelDestroyed', { cause: ariCause, cause_txt: ariCause === 0 ? 'Unknown' : 'Normal Clearing' });
    this.ami.hangup(channel.toAmi(), amiCause, amiCause === 0 ? 'Unknown' : 'Normal Clearing');
    channel.gone = true;
    channel.subscribedApp = null;
    this.channels.delete(channel.id);
  }

  /**
   * An outbound leg that ends before it was answered (busy, rejected, no answer, congestion, or a tripped
   * originate timeout): the far end's cause, as Asterisk queues it, on both the hangup request and the destroy.
   */
  hangupUnanswered(channel: SimChannel, cause: number, causeText: string): void {
    if (channel.hangingUp || channel.gone) return;
    channel.hangingUp = true;
    this.ami.hangupRequest(channel.toAmi());
    this.channelEvent(channel, 'ChannelHangupRequest', {}, { cause });
    channel.notifyHangup('cancel');
    this.channelEvent(channel, 'ChannelDestroyed', { cause, cause_txt: causeText });
    this.ami.hangup(channel.toAmi(), cause, causeText);
    channel.gone = true;
    channel.subscribedApp = null;
    this.channels.delete(channel.id);
  }

  /** A channel that disappears without any event (tests: a leg Asterisk lost between two commands). */
  vanish(channel: SimChannel): void {
    channel.hangingUp = true;
    channel.gone = true;
    channel.notifyHangup('restart');
    this.stasisExits.delete(channel.id);
    this.channels.delete(channel.id);
  }

  /** `core restart now`: every channel vanishes without events reaching anyone. */
  dropAllChannels(): void {
    this.timers.clearAll();
    for (const channel of [...this.channels.values()]) {
      channel.hangingUp = true;
      channel.notifyHangup('restart');
      channel.gone = true;
    }
    this.channels.clear();
    this.stasisExits.clear();
  }
}
