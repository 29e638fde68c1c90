import type { QueueEvent, QueueStatusSnapshot } from '../queues/queue-events.js';
/**
 * The interfaces the core (IVR, call sessions, tickets) needs from the PBX.
 * Adapters in telephony/ari and telephony/ami implement them; tests use fakes.
 */

export interface CallerId {
  name: string;
  number: string;
}

/** What the core knows of a channel. ARI's channel JSON has no linkedid (only AMI carries it). */
export interface ChannelInfo {
  id: string;
  name: string;
  state: string;
  caller: CallerId;
  language: string;
  creationTime: string;
  dialplan: { context: string; exten: string; priority: number; appName?: string; appData?: string };
}

/**
 * A channel vanished or left Stasis between two commands (ARI 404/409).
 * That is normal in telephony, not an error.
 */
export class ChannelGoneError extends Error {
  constructor(
    readonly channelId: string,
    readonly status: 404 | 409,
    readonly operation: string,
  ) {
    super(`channel ${channelId} is gone (${status}) during ${operation}`);
    this.name = 'ChannelGoneError';
  }
}

/** Any other failure of a PBX command (timeout, 5xx, connection down). */
export class TelephonyError extends Error {
  constructor(
    message: string,
    readonly operation: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TelephonyError';
  }
}

/** Commands a call session sends to one channel. Every method rejects with ChannelGoneError when the channel is gone. */
export interface CallControl {
  answer(channelId: string): Promise<void>;
  /** Starts one playback of a media list (`sound:alo153/welcome`, ...); resolves once Asterisk accepted it. */
  play(channelId: string, playbackId: string, media: readonly string[], language: string): Promise<void>;
  /** Stops a playback; a playback that already finished is not an error. */
  stopPlayback(playbackId: string): Promise<void>;
  /** Whether Asterisk still has this playback (after a reconnect, its PlaybackFinished may have been lost). */
  playbackExists(playbackId: string): Promise<boolean>;
  setVariable(channelId: string, name: string, value: string): Promise<void>;
  continueInDialplan(channelId: string, context: string, extension: string, priority: number): Promise<void>;
  hangup(channelId: string): Promise<void>;
  /** Channels currently in our Stasis application (for reconciliation after a reconnect). */
  listChannels(): Promise<ChannelInfo[]>;
}

/** Normalised ARI events the core consumes, in the order Asterisk sent them. */
export type TelephonyEvent =
  | { type: 'stasisStart'; channel: ChannelInfo; args: string[]; timestamp: string }
  | { type: 'stasisEnd'; channelId: string; timestamp: string }
  | { type: 'dtmf'; channelId: string; digit: string; durationMs: number; timestamp: string }
  | { type: 'playbackStarted'; playbackId: string; channelId: string; timestamp: string }
  | { type: 'playbackFinished'; playbackId: string; channelId: string; state: 'done' | 'failed' | string; timestamp: string }
  | { type: 'hangupRequest'; channelId: string; cause?: number; soft?: boolean; timestamp: string }
  /** Down → Ringing → Up of a channel (callback legs: an outbound leg that rang). */
  | { type: 'channelStateChange'; channelId: string; state: string; timestamp: string }
  | { type: 'channelDestroyed'; channelId: string; cause: number; causeText: string; timestamp: string };

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'stopped';

/** The supervised ARI connection as seen by the core. */
export interface TelephonyConnection {
  readonly state: ConnectionState;
  onEvent(listener: (event: TelephonyEvent) => void): void;
  /** Called after every (re)connect, once the event stream is live: time to reconcile. */
  onConnected(listener: () => void): void;
  onDisconnected(listener: (reason: string) => void): void;
}

/** Normalised AMI queue events and QueueStatus resyncs (AmiQueueFeed); QueueMonitor consumes them. */
export interface QueueEvents {
  onEvent(listener: (event: QueueEvent) => void): void;
  /** A whole QueueStatus list, read after every (re)connect and FullyBooted: the state to rebuild from. */
  onSnapshot(listener: (snapshot: QueueStatusSnapshot) => void): void;
}

export interface AddMember {
  queue: string;
  /** The phone, e.g. `PJSIP/agent12`. */
  interface: string;
  memberName: string;
  /** Device whose state app_queue watches (busy/ringing); usually the interface itself. */
  stateInterface?: string;
  penalty?: number;
  paused?: boolean;
  reason?: string;
}

export interface PauseMember {
  interface: string;
  paused: boolean;
  /** Absent: every queue the interface is in (as Asterisk does). */
  queue?: string;
  reason?: string;
}

/** Queue membership changes, for desk login/logout and breaks. Fail with QueueActionError. */
export interface QueueActions {
  addMember(member: AddMember): Promise<void>;
  removeMember(queue: string, agentInterface: string): Promise<void>;
  pauseMember(pause: PauseMember): Promise<void>;
  /** QueuePenalty: a member's penalty in `queue` (absent: every queue the interface is in). */
  setPenalty?(penalty: { interface: string; penalty: number; queue?: string }): Promise<void>;
}
