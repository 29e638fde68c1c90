import type { TicketEventView, TicketView } from '../../requests/ticket-store-type.js';

/**
 * The steps of a request a citizen is shown on /durum: what happened to it, never who did it or what staff wrote
 * to each other (forwarding notes, internal notes, SMS receipts, deadline notices, edits and call facts stay out).
 */
export type CitizenStep =
  | { step: 'received'; at: string }
  | { step: 'forwarded'; at: string; department: string | null }
  | { step: 'in-progress'; at: string }
  | { step: 'info-requested'; at: string }
  | { step: 'info-received'; at: string }
  | { step: 'answered'; at: string }
  | { step: 'reopened'; at: string }
  | { step: 'closed'; at: string; reason: 'informed' | 'resolved' | 'unreachable' };

/** The status in four words the citizen knows. */
export type CitizenStatus = 'received' | 'in-progress' | 'answered' | 'closed';

const departmentOf = (event: TicketEventView): string | null => (typeof event.data.department === 'string' ? event.data.department : null);

/** A history event as a citizen's step, or undefined when it is none of theirs. */
function stepOf(event: TicketEventView, departmentName: (code: string) => string | null): CitizenStep | undefined {
  const at = event.at.toISOString();
  switch (event.kind) {
    case 'opened':
      return { step: 'received', at };
    case 'forwarded':
    case 'transferred': {
      const code = departmentOf(event);
      return { step: 'forwarded', at, department: code === null ? null : departmentName(code) };
    }
    case 'reopened':
      return { step: 'reopened', at };
    case 'accepted':
      return { step: 'in-progress', at };
    case 'question-asked':
      return { step: 'info-requested', at };
    case 'citizen-replied':
      return { step: 'info-received', at };
    case 'answered':
      return { step: 'answered', at };
    case 'informed':
      return { step: 'closed', at, reason: 'informed' };
    case 'resolved':
      return { step: 'closed', at, reason: 'resolved' };
    case 'closed-unreachable':
      return { step: 'closed', at, reason: 'unreachable' };
    default:
      return undefined;
  }
}

export function citizenSteps(events: readonly TicketEventView[], departmentName: (code: string) => string | null): CitizenStep[] {
  return events.flatMap((event) => stepOf(event, departmentName) ?? []);
}

export function citizenStatus(ticket: Pick<TicketView, 'status'>): CitizenStatus {
  switch (ticket.status) {
    case 'closed':
      return 'closed';
    case 'answered':
      return 'answered';
    case 'forwarded':
    case 'in_progress':
    case 'needs_info':
      return 'in-progress';
    default:
      return 'received';
  }
}

/**
 * What the citizen was told, once it has been told: the department's answer after the call centre relayed it
 * (closed as informed), or the answer given on the call (resolved). An answer not yet relayed is the call
 * centre's to word first, so it is not shown early.
 */
export function relayedAnswer(ticket: Pick<TicketView, 'status' | 'closeReason' | 'answer' | 'resolution' | 'informedAt' | 'closedAt'>): { text: string; at: string | null } | null {
  if (ticket.status !== 'closed') return null;
  const at = (ticket.informedAt ?? ticket.closedAt)?.toISOString() ?? null;
  if (ticket.closeReason === 'informed' && ticket.answer) return { text: ticket.answer, at };
  if (ticket.closeReason === 'resolved-on-call' && ticket.resolution) return { text: ticket.resolution, at };
  return null;
}
