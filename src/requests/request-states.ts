/**
 * The request lifecycle's vocabulary: the one list of statuses, actions and close reasons.
 * The database CHECK constraint, the API's filters and the screens' labels all come from these lists.
 */

export const REQUEST_STATUSES = ['open', 'abandoned', 'forwarded', 'in_progress', 'needs_info', 'returned', 'answered', 'closed'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** Statuses whose ticket is still someone's work (every one but `closed`). */
export const OPEN_STATUSES: readonly RequestStatus[] = REQUEST_STATUSES.filter((status) => status !== 'closed');

/** Statuses in which the ticket sits with a department (its inbox). */
export const DEPARTMENT_STATUSES: readonly RequestStatus[] = ['forwarded', 'in_progress'];

/** Statuses in which the call centre owes the citizen a message (the relay list, "Geri dönüşler"). */
export const RELAY_STATUSES: readonly RequestStatus[] = ['answered', 'needs_info'];

export const REQUEST_ACTIONS = [
  'edit',
  'resolve',
  'forward',
  'accept',
  'answer',
  'return',
  'transfer',
  'ask',
  'reply',
  'inform',
  'attempt',
  'reopen',
  'reassign',
  'abandon',
  'route',
  'note',
  'portal-reply',
  'refer',
] as const;
export type RequestActionName = (typeof REQUEST_ACTIONS)[number];

/** Statuses in which an answer is still owed, so the answer's deadline clock runs (not abandoned: a call, not yet a request). */
export const DEADLINE_STATUSES: readonly RequestStatus[] = ['open', 'forwarded', 'in_progress', 'needs_info', 'returned'];

/** What the deadline clock tells (a history fact each, marked on the ticket so it is told once per deadline). */
export const DEADLINE_MARKS = ['due-soon', 'overdue', 'ack-overdue'] as const;
export type DeadlineMarkKind = (typeof DEADLINE_MARKS)[number];

/** `replied-in-portal`: the answer was entered into CİMER / Açık Kapı; `referred-elsewhere`: sent back there as another institution's business. */
export const CLOSE_REASONS = ['resolved-on-call', 'informed', 'unreachable', 'replied-in-portal', 'referred-elsewhere'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

/** How a try to reach the citizen went. */
export const ATTEMPT_OUTCOMES = ['not-reachable', 'call-later'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/**
 * Where a request came from (the tickets.source CHECK constraint lists the same): the 153 line, the public web
 * form, the Beyaz Masa desk, CİMER, the governorate's Açık Kapı, a field desk at an event, an Open311 client.
 */
export const REQUEST_SOURCES = ['phone', 'web', 'desk', 'cimer', 'acik-kapi', 'field', 'open311'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

/** The sources whose requests are applications to a state portal: they carry its number and are answered there. */
export const APPLICATION_SOURCES = ['cimer', 'acik-kapi'] as const satisfies readonly RequestSource[];
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];
export const isApplicationSource = (source: string): source is ApplicationSource => (APPLICATION_SOURCES as readonly string[]).includes(source);

export const isRequestStatus = (value: string): value is RequestStatus => (REQUEST_STATUSES as readonly string[]).includes(value);
