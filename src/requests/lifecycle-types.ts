import type { Role } from '../auth/roles.js';
import type { AttemptOutcome, CloseReason, DeadlineMarkKind, RequestActionName, RequestSource, RequestStatus } from './request-states.js';

/** The lifecycle's vocabulary of values: what it reads, what it is asked, what it answers (src/requests/lifecycle.ts decides). */

/** The part of a ticket the lifecycle decides on. */
export interface LifecycleTicket {
  number: string;
  status: RequestStatus;
  /** CİMER / Açık Kapı applications have actions of their own (portal-reply, refer). */
  source: RequestSource;
  departmentCode: string | null;
  ownerUserId: number | null;
  createdAt: Date;
  forwardedAt: Date | null;
  acceptedAt: Date | null;
  answeredAt: Date | null;
  dueAt: Date | null;
  /** Tries to reach the citizen since the department's last answer or question. */
  contactAttempts: number;
  firstAttemptAt: Date | null;
  reopenCount: number;
}

export type RequestActor =
  | { kind: 'user'; userId: number; username: string; role: Role; department: string | null }
  | { kind: 'system'; name: 'ivr' | 'queue' | 'desk' | 'deadline' | 'sms' | 'callback' | 'demo' | 'import' | 'reconciler' | 'shutdown' | 'web' | 'field' | 'open311' };

export type RequestAction =
  /** Field changes already validated against the catalogue (the form's parser). */
  | { name: 'edit'; fields: Readonly<Record<string, string | null>> }
  | { name: 'resolve'; text: string }
  | { name: 'forward'; department: string; text: string | null }
  | { name: 'accept'; text: string | null }
  | { name: 'answer'; text: string }
  | { name: 'return'; text: string }
  | { name: 'transfer'; department: string; text: string }
  | { name: 'ask'; text: string }
  | { name: 'reply'; text: string }
  | { name: 'inform'; text: string | null; channel: 'phone' | 'sms' }
  | { name: 'attempt'; outcome: AttemptOutcome; text: string | null; callBackAt: Date | null }
  | { name: 'reopen'; text: string }
  | { name: 'reassign'; ownerUserId: number }
  | { name: 'abandon' }
  /** The IVR's hand-off: the caller's choice files the ticket under a category and its department. */
  | { name: 'route'; categoryCode: string; departmentCode: string; data: Readonly<Record<string, unknown>> }
  /** A fact for the history that moves nothing: a callback attempt's result, an SMS receipt, a notification. */
  | { name: 'note'; kind: string; data: Readonly<Record<string, unknown>>; mark?: DeadlineMark }
  /** "CİMER'e cevap girildi": the department's answer was entered into the portal at `enteredAt` (the citizen's informed time). */
  | { name: 'portal-reply'; enteredAt: Date; text: string | null }
  /** "Başka kuruma iade": not the municipality's business; `text` is the note entered into the portal. */
  | { name: 'refer'; text: string };

/**
 * The deadline clock's note also marks the ticket as told (system only). `deadline` and `department` are what the
 * clock saw: a ticket whose deadline or department moved since (a category edit, a transfer) is refused with
 * nothing-to-change, and the clock's next run sees it afresh.
 */
export interface DeadlineMark {
  kind: DeadlineMarkKind;
  deadline: Date;
  department: string | null;
}

export interface LifecyclePolicy {
  /** The citizen counts as unreachable after this many failed tries … */
  unreachableAttempts: number;
  /** … spread over at least this many days (first try to this one). */
  unreachableDays: number;
}

/** Columns of `tickets` to set (the service maps them to SQL). Absent: unchanged. */
export interface TicketChanges {
  status?: RequestStatus;
  departmentCode?: string | null;
  ownerUserId?: number | null;
  resolution?: string | null;
  answer?: string | null;
  question?: string | null;
  closeReason?: CloseReason | null;
  forwardedAt?: Date | null;
  acceptedAt?: Date | null;
  answeredAt?: Date | null;
  informedAt?: Date | null;
  closedAt?: Date | null;
  contactAttempts?: number;
  firstAttemptAt?: Date | null;
  callBackAt?: Date | null;
  reopenCount?: number;
  /** The deadline clock told about the due-soon moment, the deadline, the missed acknowledgement. */
  dueSoonNotifiedAt?: Date;
  overdueNotifiedAt?: Date;
  ackOverdueNotifiedAt?: Date;
  /** Edited form fields, by their TicketView name. */
  fields?: Readonly<Record<string, string | null>>;
}

/** One row of the append-only history. */
export interface HistoryEvent {
  kind: string;
  from: RequestStatus;
  to: RequestStatus;
  text: string | null;
  data: Readonly<Record<string, unknown>>;
}

/** Work to do because of the action, in the same transaction (outbox rows) or after it (pushes). */
export type LifecycleTask =
  | { kind: 'notify-department'; department: string; reason: 'forwarded' | 'transferred' | 'reopened' | 'replied' }
  | { kind: 'relay'; reason: 'answered' | 'question' }
  /** `opened`: the ticket number, to a citizen who reached us without an agent (web form, phone read-back, field desk). */
  | { kind: 'sms'; template: 'opened' | 'answer-ready' | 'question' }
  | { kind: 'restart-deadline' };

export interface Transition {
  changes: TicketChanges;
  events: HistoryEvent[];
  tasks: LifecycleTask[];
}

export type RefusalReason = 'not-allowed-in-state' | 'not-permitted' | 'same-department' | 'no-department' | 'nothing-to-change' | 'not-an-application';

export interface Refusal {
  refused: true;
  reason: RefusalReason;
  status: RequestStatus;
  /** What this actor may do to the ticket in its current state. */
  allowed: RequestActionName[];
}
