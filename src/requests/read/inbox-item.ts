import { DEPARTMENT_STATUSES, type RequestStatus } from '../request-states.js';
import type { TicketPriority, TicketSource, TicketView } from '../ticket-store-type.js';

/**
 * One row of a department's inbox, as GET /api/inbox lists it and the `inbox:<department>` stream pushes it.
 * It names nobody: no caller number, name or address (the ticket itself, GET /api/tickets/:number, shows
 * them and is recorded in the KVKK access log). The clock fields let the page count down by itself.
 */
export interface InboxItem {
  number: string;
  status: RequestStatus;
  departmentCode: string;
  source: TicketSource;
  priority: TicketPriority;
  categoryCode: string | null;
  district: string | null;
  neighbourhood: string | null;
  /** The start of the description (the ticket has the whole text). */
  description: string | null;
  createdAt: string;
  forwardedAt: string | null;
  acceptedAt: string | null;
  /** The department must answer by then … */
  dueAt: string | null;
  /** … and accept (işleme almak) by then. */
  ackDueAt: string | null;
  /** From then on the item is "due soon" (amber). */
  dueSoonAt: string | null;
  reopenCount: number;
  version: number;
  /** The server's clock when the item was read: the page counts time left from it, not from the PC's clock. */
  now: string;
}

export const INBOX_DESCRIPTION_MAX = 300;

const iso = (date: Date | null): string | null => (date === null ? null : date.toISOString());

/** Whether the ticket sits in a department's inbox, and whose. */
export function inboxOf(ticket: Pick<TicketView, 'status' | 'departmentCode'>): string | null {
  return DEPARTMENT_STATUSES.includes(ticket.status) ? ticket.departmentCode : null;
}

export function toInboxItem(ticket: TicketView, now: Date): InboxItem {
  const description = ticket.description === null ? null : ticket.description.slice(0, INBOX_DESCRIPTION_MAX);
  return {
    number: ticket.number,
    status: ticket.status,
    departmentCode: ticket.departmentCode ?? '',
    source: ticket.source,
    priority: ticket.priority,
    categoryCode: ticket.categoryCode,
    district: ticket.district,
    neighbourhood: ticket.neighbourhood,
    description,
    createdAt: ticket.createdAt.toISOString(),
    forwardedAt: iso(ticket.forwardedAt),
    acceptedAt: iso(ticket.acceptedAt),
    dueAt: iso(ticket.dueAt),
    ackDueAt: iso(ticket.ackDueAt),
    dueSoonAt: iso(ticket.dueSoonAt),
    reopenCount: ticket.reopenCount,
    version: ticket.version,
    now: now.toISOString(),
  };
}
