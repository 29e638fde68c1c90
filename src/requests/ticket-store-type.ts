import type { TicketSummary as PopTicketSummary } from './read/ticket-summary.js';
import type { IvrPathStep } from '../ivr/types.js';
import type { CloseReason, RequestSource, RequestStatus } from './request-states.js';

export type TicketSource = RequestSource;
export type TicketStatus = RequestStatus;
export type TicketPriority = 'low' | 'normal' | 'high' | 'urgent';
export type HandOffReason = 'selected' | 'retries-exhausted' | 'reconciled' | 'shutdown';
export type CallEndOutcome = 'abandoned-in-ivr' | 'handed-to-queue' | 'failed';
/** A call's outcome: how it left the IVR, then (from AMI) what app_queue made of a `handed-to-queue`. */
export type CallOutcome = CallEndOutcome | 'answered' | 'abandoned-in-queue';

export interface OpenCallTicket {
  /** Our call id (becomes calls.id). */
  callId: string;
  /** The ARI channel id: the idempotency key of every call-path write. */
  channelId: string;
  linkedid?: string;
  callerNumber: string;
  callerName: string;
  startedAt: Date;
  /**
   * Null when the caller hung up before alo153 could answer: the call is still recorded.
   * The ticket's creation time (and so its Europe/Istanbul number series) is answeredAt, else startedAt.
   */
  answeredAt: Date | null;
}

export interface OpenCallTicketResult {
  callId: string;
  ticketNumber: string;
  /** false when the channel already had a call and ticket (nothing was written). */
  created: boolean;
}

export interface IvrProgress {
  path: IvrPathStep[];
  lastStep: string;
}

export interface HandOff {
  queue: string;
  /** Seeded category code; an unknown code files the ticket under `genel` and notes the requested code. */
  categoryCode: string;
  at: Date;
  reason: HandOffReason;
  /** The caller's way through the IVR, written in the same statement (one write less per call). */
  progress?: IvrProgress;
}

/** How a call left alo153 (Stasis), as the call session saw it. */
export interface CallEnd {
  /**
   * When the call left alo153: stored as `leftIvrAt`. For a caller who hung up in the IVR (or a failed call) it is
   * also the call's end; a call handed to a queue ends later, when AMI says so.
   */
  endedAt: Date;
  outcome: CallEndOutcome;
  lastStep: string;
  /** The IVR path when the caller left from the IVR, written with the end. */
  path?: IvrPathStep[];
}

export interface CallView {
  id: string;
  channelId: string;
  linkedid: string | null;
  callerNumber: string | null;
  callerName: string | null;
  startedAt: Date;
  answeredAt: Date | null;
  queuedAt: Date | null;
  /** When the call left alo153 (Stasis): hung up in the IVR, or continued into the dialplan's queue. */
  leftIvrAt: Date | null;
  agentConnectedAt: Date | null;
  /**
   * When the call really ended: the hang-up in the IVR, or for a queued call AMI's Hangup (else AgentComplete or
   * QueueCallerAbandon). Null while it lasts, or when AMI never told (it was down when the call ended).
   */
  endedAt: Date | null;
  ivrPath: IvrPathStep[];
  lastStep: string | null;
  queue: string | null;
  /** The answering member's interface (`PJSIP/agent1`) and name. */
  agent: string | null;
  agentName: string | null;
  /** Seconds in the queue until answered or abandoned (our own join → connect/abandon times, else Asterisk's HoldTime). */
  waitS: number | null;
  /** Asterisk's TalkTime of an answered call, once it completed. */
  talkS: number | null;
  outcome: CallOutcome | null;
  ticketNumber: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface TicketEventView {
  id: number;
  at: Date;
  /** `system:ivr`, `system:reconciler`, `user:<username>` … */
  actor: string;
  /** `opened`, `handed-off`, `call-ended`, `status-changed`, `updated`, `resolved`, `forwarded` … */
  kind: string;
  data: Record<string, unknown>;
}

export interface TicketView {
  id: number;
  number: string;
  year: number;
  seq: number;
  source: TicketSource;
  callerNumber: string | null;
  callerName: string | null;
  categoryCode: string | null;
  departmentCode: string | null;
  district: string | null;
  neighbourhood: string | null;
  address: string | null;
  description: string | null;
  status: TicketStatus;
  priority: TicketPriority;
  dueAt: Date | null;
  /** The agent who took the call or opened the ticket (users.id). */
  ownerUserId: number | null;
  /** What the agent told the citizen or did. */
  resolution: string | null;
  resolvedAt: Date | null;
  forwardedAt: Date | null;
  /** Username of the last person who edited the ticket (call-path writes leave it alone). */
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Incremented by every change; agent edits use it for optimistic locking. */
  version: number;
  /** The department's reply, and its question for the citizen while the ticket needs information. */
  answer: string | null;
  question: string | null;
  closeReason: CloseReason | null;
  acceptedAt: Date | null;
  answeredAt: Date | null;
  informedAt: Date | null;
  closedAt: Date | null;
  /** The department must accept (işleme almak) by then. */
  ackDueAt: Date | null;
  /** When `lifecycle.dueSoonRatio` of the deadline has passed. */
  dueSoonAt: Date | null;
  /** Failed tries to reach the citizen since the last answer or question. */
  contactAttempts: number;
  firstAttemptAt: Date | null;
  /** The citizen asked to be called back then. */
  callBackAt: Date | null;
  reopenCount: number;
  /** The citizen refused SMS. */
  smsOptOut: boolean;
  /** Given on the web form, a field desk or by an Open311 client. */
  email: string | null;
  /** WGS84, when the citizen shared a location (never required). */
  latitude: number | null;
  longitude: number | null;
  /** When the citizen accepted the KVKK information text (web form, field desk). */
  kvkkConsentAt: Date | null;
  /** A field desk's event and place (source `field`). */
  fieldEvent: string | null;
  /** The CİMER / Açık Kapı application number (unique per source). */
  externalRef: string | null;
  /** The application's date: the deadline runs from it, not from the day it was entered here. */
  appliedAt: Date | null;
}

/** The channel fields of a ticket that no channel filled (the phone, the desk's form). */
export const NO_CHANNEL_DATA = {
  email: null,
  latitude: null,
  longitude: null,
  kvkkConsentAt: null,
  fieldEvent: null,
  externalRef: null,
  appliedAt: null,
} as const satisfies Pick<TicketView, 'email' | 'latitude' | 'longitude' | 'kvkkConsentAt' | 'fieldEvent' | 'externalRef' | 'appliedAt'>;

/** One call of a ticket, as the ticket shows it (the whole call: GET /api/calls/:id). */
export type TicketCall = Pick<
  CallView,
  'id' | 'startedAt' | 'leftIvrAt' | 'endedAt' | 'queue' | 'agent' | 'agentName' | 'agentConnectedAt' | 'waitS' | 'talkS' | 'outcome'
>;

export interface TicketDetail extends TicketView {
  /** The calls gathered on this ticket, oldest first (a ticket opened at the desk has none). */
  callIds: string[];
  /** The same calls with their queue outcome, in the same order. */
  calls: TicketCall[];
  /** Oldest first. */
  events: TicketEventView[];
}

export interface TicketListQuery {
  limit: number;
  offset: number;
  status?: TicketStatus;
  /** Any spelling of the caller's number (05xx…, 5xx…, 905xx…, +90 5xx …) finds the same subscriber. */
  phone?: string;
  /** A ticket number in any form of read/ticket-number-query.ts: `26`, `2026-26`, `153-2026-000026`, `153-2026-`. */
  number?: string;
  source?: TicketSource;
  /** Deadline passed, not closed (ordered by deadline, oldest first). */
  overdue?: boolean;
  /** Past lifecycle.dueSoonRatio of the deadline, deadline still ahead, not closed (ordered by deadline). */
  dueSoon?: boolean;
  /** The clock of `overdue`, `dueSoon` and short numbers (the current Istanbul year); default: now. */
  now?: Date;
  department?: string;
  /** Free text, case-insensitive (ASCII only on SQLite), in caller name, description, address, neighbourhood. */
  q?: string;
  /** users.id of the owner. */
  owner?: number;
}

/**
 * Storage of calls and their tickets. Every write is idempotent on the channel id
 * (events carry a dedupe key), so a retry after an ambiguous failure never doubles anything.
 * Writes for a channel without a call reject with CallNotFoundError.
 */
export interface TicketStore {
  /** Idempotent on channelId: a second call returns the first call's ids with created=false and writes nothing. */
  openCallTicket(input: OpenCallTicket): Promise<OpenCallTicketResult>;
  recordIvrProgress(channelId: string, progress: IvrProgress): Promise<void>;
  /** Sets the call's queue/queued_at, the ticket's category and department, and appends a `handed-off` event. */
  recordHandOff(channelId: string, handOff: HandOff): Promise<void>;
  /**
   * Records once (later calls do nothing) how the call left alo153: `leftIvrAt`, the outcome unless AMI already gave
   * a queue outcome, and `endedAt` unless the call went on into a queue. `abandoned-in-ivr` moves an open ticket to `abandoned`.
   */
  recordCallEnd(channelId: string, end: CallEnd): Promise<void>;
  getCall(callId: string): Promise<CallView | undefined>;
  getCallByChannel(channelId: string): Promise<CallView | undefined>;
  getTicket(number: string): Promise<TicketDetail | undefined>;
  /** Newest first. */
  listTickets(query: TicketListQuery): Promise<{ items: TicketView[]; total: number }>;
  /** Calls that have not left alo153 (no `leftIvrAt`), oldest first: to reconcile after a reconnect or restart. */
  openCallsWithoutEnd(): Promise<CallView[]>;
}

/** The screen pop's look-back (kept apart from TicketStore so call-path wrappers need not forward it). */
export interface TicketHistory {
  /** The caller's tickets by any spelling of the number, newest first, at most `limit` (default 10), without `excludeNumber`. */
  history(phone: string, excludeNumber: string | null, limit?: number): Promise<PopTicketSummary[]>;
}

export const IVR_ACTOR = 'system:ivr';
export const FALLBACK_CATEGORY = 'genel';
