import type { RequestActor } from '../../requests/lifecycle.js';

/**
 * What the callback flow needs from the PBX (implemented over ARI in src/telephony/ari/ari-callback-control.ts).
 * Channel and bridge ids are chosen by alo153 (`cb-<attemptId>-agent`, ...), so a restarted process can find
 * and clean up what it left in Asterisk without having stored anything but the attempt id.
 */
export interface OriginateLeg {
  channelId: string;
  /** Dial string, e.g. `PJSIP/agent1` or `PJSIP/05321234567@trunk`. */
  endpoint: string;
  /** Stasis arguments after the app name: `callback,<attemptId>,agent`. */
  appArgs: string;
  callerId: string;
  /** Asterisk gives up dialling after this many seconds. */
  timeoutS: number;
}

export interface CallbackTelephony {
  /** Resolves once Asterisk accepted the originate; rejects with TelephonyError (ARI down, 4xx/5xx). */
  originate(leg: OriginateLeg): Promise<void>;
  createBridge(bridgeId: string): Promise<void>;
  /** Rejects with ChannelGoneError when the channel (or the bridge) is gone or left Stasis. */
  addToBridge(bridgeId: string, channelId: string): Promise<void>;
  /** A channel that is already gone is not an error. */
  hangup(channelId: string): Promise<void>;
  /** A bridge that is already gone is not an error. */
  destroyBridge(bridgeId: string): Promise<void>;
  /** Ids of every channel and bridge Asterisk has whose id starts with `prefix`. */
  listOwn(prefix: string): Promise<{ channels: string[]; bridges: string[] }>;
}

/** A fact in a ticket's history; the lead's RequestService implements it (action `note`). */
export interface TicketHistoryPort {
  note(ticketNumber: string, kind: string, data: Record<string, unknown>, actor: RequestActor): Promise<void>;
}

export const CALLBACK_OUTCOMES = ['answered', 'busy', 'no-answer', 'agent-no-answer', 'failed', 'interrupted'] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];

export const CALLBACK_STATUSES = ['agent-ringing', 'connecting', 'citizen-ringing', 'bridging', 'bridged', 'ended'] as const;
export type CallbackStatus = (typeof CALLBACK_STATUSES)[number];

export interface CallbackAttempt {
  id: string;
  ticketNumber: string | null;
  callId: string | null;
  userId: number;
  agentInterface: string;
  citizenNumber: string;
  status: CallbackStatus;
  outcome: CallbackOutcome | null;
  hangupCause: string | null;
  startedAt: string;
  agentAnsweredAt: string | null;
  citizenAnsweredAt: string | null;
  endedAt: string | null;
  ringS: number | null;
  talkS: number | null;
  createdAt: string;
}

export type CallbackAttemptPatch = Partial<Pick<CallbackAttempt, 'status' | 'outcome' | 'hangupCause' | 'agentAnsweredAt' | 'citizenAnsweredAt' | 'endedAt' | 'ringS' | 'talkS'>>;

/** Where attempts are kept (callback_attempts). */
export interface CallbackAttemptStore {
  insert(attempt: CallbackAttempt): Promise<void>;
  update(id: string, patch: CallbackAttemptPatch): Promise<void>;
  get(id: string): Promise<CallbackAttempt | undefined>;
  listByTicket(ticketNumber: string): Promise<CallbackAttempt[]>;
  /** Attempts without ended_at: the last process stopped in the middle of them. */
  listOpen(): Promise<CallbackAttempt[]>;
}

/** Channel and bridge ids of an attempt; the prefix marks everything alo153's callbacks own in Asterisk. */
export const CALLBACK_ID_PREFIX = 'cb-';
export const callbackIds = (attemptId: string) => ({
  agent: `${CALLBACK_ID_PREFIX}${attemptId}-agent`,
  citizen: `${CALLBACK_ID_PREFIX}${attemptId}-citizen`,
  bridge: `${CALLBACK_ID_PREFIX}${attemptId}`,
});
