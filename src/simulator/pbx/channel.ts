import { ariTimestamp } from './ids.js';
import type { AmiChannel } from '../ami/ami-events.js';

export type ChannelStateName = 'Down' | 'Ring' | 'Ringing' | 'Up';
const STATE_NUMBERS: Record<ChannelStateName, number> = { Down: 0, Ring: 4, Ringing: 5, Up: 6 };

export interface DialplanPosition {
  context: string;
  exten: string;
  priority: number;
}

/** How a channel ended: who hung up decides the cause codes and the event order (README fact 11). */
export type HangupKind = 'caller' | 'app' | 'dialplan' | 'agent' | 'queue-complete' | 'cancel' | 'restart';

export interface AriChannelJson {
  id: string;
  name: string;
  state: ChannelStateName;
  protocol_id: string;
  caller: { name: string; number: string };
  connected: { name: string; number: string };
  accountcode: string;
  dialplan: { context: string; exten: string; priority: number; app_name: string; app_data: string };
  creationtime: string;
  language: string;
}

/** A channel snapshot in the shape the AMI event builders take. */
export type AmiChannelSnapshot = AmiChannel;

export class SimChannel {
  state: ChannelStateName;
  language = 'en';
  readonly variables = new Map<string, string>();
  position: DialplanPosition;
  appName = '';
  appData = '';
  connected = { name: '', number: '' };
  /** The Stasis application currently holding the channel. */
  stasisApp: string | null = null;
  /** The application that receives this channel's events without subscribeAll (outlives Stasis by one ChannelDialplan). */
  subscribedApp: string | null = null;
  queueName: string | null = null;
  hangingUp = false;
  gone = false;
  readonly creationtime: string;
  private readonly hangupListeners: Array<(kind: HangupKind) => void> = [];
  private readonly answerListeners: Array<() => void> = [];
  private readonly promptListeners: Array<(media: string) => void> = [];

  constructor(
    readonly id: string,
    readonly name: string,
    readonly caller: { name: string; number: string },
    readonly linkedid: string,
    readonly protocolId: string,
    position: DialplanPosition,
    state: ChannelStateName,
  ) {
    this.position = { ...position };
    this.state = state;
    this.creationtime = ariTimestamp();
  }

  /** Listeners run synchronously inside the hangup sequence, so their events land in Asterisk's order. */
  onHangup(listener: (kind: HangupKind) => void): () => void {
    this.hangupListeners.push(listener);
    return () => {
      const index = this.hangupListeners.indexOf(listener);
      if (index >= 0) this.hangupListeners.splice(index, 1);
    };
  }

  /** Runs once when the channel is answered (state Up), like a SIP phone that got its 200 OK. */
  onAnswer(listener: () => void): void {
    if (this.state === 'Up') listener();
    else this.answerListeners.push(listener);
  }

  /** Runs synchronously as each prompt (media URI) starts playing to the channel: what its caller hears. */
  onPrompt(listener: (media: string) => void): void {
    this.promptListeners.push(listener);
  }

  notifyPrompt(media: string): void {
    for (const listener of [...this.promptListeners]) listener(media);
  }

  notifyAnswer(): void {
    for (const listener of this.answerListeners.splice(0)) listener();
  }

  notifyHangup(kind: HangupKind): void {
    for (const listener of [...this.hangupListeners]) listener(kind);
  }

  /** Resolves when the channel hangs up (or at once if it already has). */
  hangupPromise(): Promise<HangupKind> {
    return new Promise((resolve) => {
      if (this.hangingUp || this.gone) resolve('caller');
      else this.onHangup(resolve);
    });
  }

  toAri(): AriChannelJson {
    return {
      id: this.id,
      name: this.name,
      state: this.state,
      protocol_id: this.protocolId,
      caller: { name: this.caller.name, number: this.caller.number },
      connected: { name: this.connected.name, number: this.connected.number },
      accountcode: '',
      dialplan: {
        context: this.position.context,
        exten: this.position.exten,
        priority: this.position.priority,
        app_name: this.appName,
        app_data: this.appData,
      },
      creationtime: this.creationtime,
      language: this.language,
    };
  }

  /** AMI writes a missing caller-id part as `<unknown>` (README fact 7). */
  toAmi(): AmiChannelSnapshot {
    return {
      channel: this.name,
      channelState: STATE_NUMBERS[this.state],
      channelStateDesc: this.state,
      callerIdNum: this.caller.number || '<unknown>',
      callerIdName: this.caller.name || '<unknown>',
      connectedLineNum: this.connected.number || '<unknown>',
      connectedLineName: this.connected.name || '<unknown>',
      language: this.language,
      accountCode: '',
      context: this.position.context,
      exten: this.position.exten,
      priority: this.position.priority,
      uniqueid: this.id,
      linkedid: this.linkedid,
    };
  }
}
