import type { RequestAction } from '../lifecycle.js';
import type { DeadlineMarkKind } from '../request-states.js';
import type { DueTicket } from './deadline-due.js';

/**
 * What the deadline clock writes and says for one due ticket (pure: the clock does the I/O). The history fact
 * is a `note` whose `mark` also stamps the ticket's *_notified_at column in the same transaction.
 */

/** A notification as screens get it: no caller data, only the ticket number, its department and the deadline. */
export interface DeadlineNotification {
  /** Unique per ticket, kind and deadline: screens drop repeats. */
  id: string;
  kind: DeadlineMarkKind;
  ticket: string;
  department: string | null;
  /** ISO: the answer's deadline, or the acknowledgement's for `ack-overdue`. */
  deadline: string;
  /** ISO: when the clock told. */
  at: string;
}

export interface DeadlineNote {
  action: Extract<RequestAction, { name: 'note' }>;
  /** `<kind>:<deadline ISO>`: a retried write lands once, and one deadline is told once. */
  dedupeKey: string;
  notification: DeadlineNotification;
}

export const dedupeKeyFor = (kind: DeadlineMarkKind, deadline: Date): string => `${kind}:${deadline.toISOString()}`;

/**
 * The note for `ticket`. `keyTaken`: this deadline was told before and the mark was reset since (the category
 * went away and came back): the version makes the key new, so the deadline is told again rather than
 * refused as a duplicate for ever.
 */
export function deadlineNote(kind: DeadlineMarkKind, ticket: DueTicket, now: Date, keyTaken = false): DeadlineNote {
  const deadline = ticket.deadline.toISOString();
  const key = dedupeKeyFor(kind, ticket.deadline);
  return {
    action: {
      name: 'note',
      kind,
      data: { dueAt: deadline, department: ticket.department },
      mark: { kind, deadline: ticket.deadline, department: ticket.department },
    },
    dedupeKey: keyTaken ? `${key}:v${ticket.version}` : key,
    notification: { id: `${ticket.number}:${key}`, kind, ticket: ticket.number, department: ticket.department, deadline, at: now.toISOString() },
  };
}

/** The order a run handles them in: the earlier warning before the missed deadline. */
export const DEADLINE_ORDER: readonly DeadlineMarkKind[] = ['due-soon', 'overdue', 'ack-overdue'];
