import { APPLICATION_SOURCES, DEADLINE_STATUSES, type RequestActionName, type RequestSource, type RequestStatus } from './request-states.js';
import type {
  DeadlineMark,
  HistoryEvent,
  LifecyclePolicy,
  LifecycleTicket,
  Refusal,
  RefusalReason,
  RequestAction,
  RequestActor,
  TicketChanges,
  Transition,
} from './lifecycle-types.js';

export type * from './lifecycle-types.js';

/**
 * The request lifecycle as a pure function: (ticket, action, actor, now) → what to write, or a refusal.
 * No I/O and no clock: the service loads the ticket, calls `transition`, and writes the result in one
 * transaction. The whole state × action table is `TABLE` below; every pair not in it is refused.
 */

type Who = 'desk' | 'department' | 'supervisor' | 'system';

interface Rule {
  /** Who may take the action (supervisors and admins may always, see `mayAct`). */
  by: readonly Who[];
  run(ticket: LifecycleTicket, action: RequestAction, now: Date, policy: LifecyclePolicy): Transition | RefusalReason;
}

const OPEN_LIKE: readonly RequestStatus[] = ['open', 'abandoned', 'returned'];
const AT_DEPARTMENT: readonly RequestStatus[] = ['forwarded', 'in_progress'];
const RELAY: readonly RequestStatus[] = ['answered', 'needs_info'];
const NOT_CLOSED: readonly RequestStatus[] = ['open', 'abandoned', 'forwarded', 'in_progress', 'needs_info', 'returned', 'answered'];
const EVERY: readonly RequestStatus[] = [...NOT_CLOSED, 'closed'];

const move = (ticket: LifecycleTicket, to: RequestStatus, kind: string, text: string | null, data: Record<string, unknown> = {}): HistoryEvent => ({
  kind,
  from: ticket.status,
  to,
  text,
  data,
});

const toDepartment = (ticket: LifecycleTicket, department: string, now: Date, kind: string, text: string | null, reason: 'forwarded' | 'transferred' | 'reopened'): Transition => ({
  changes: { status: 'forwarded', departmentCode: department, forwardedAt: now, acceptedAt: null, answeredAt: null, answer: null, question: null, closeReason: null, closedAt: null },
  events: [move(ticket, 'forwarded', kind, text, { department, ...(ticket.departmentCode && ticket.departmentCode !== department ? { fromDepartment: ticket.departmentCode } : {}) })],
  tasks: [{ kind: 'notify-department', department, reason }, { kind: 'restart-deadline' }],
});

/** A new message for the citizen resets the tries to reach them. */
const relayReset = { contactAttempts: 0, firstAttemptAt: null, callBackAt: null } as const;

/** `sources`: the action exists only for requests from these (absent: every source). */
type RuleTable = Partial<Record<RequestActionName, { in: readonly RequestStatus[]; sources?: readonly RequestSource[]; rule: Rule }>>;

const TABLE: RuleTable = {
  edit: {
    in: NOT_CLOSED,
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action) => {
        if (action.name !== 'edit') return 'not-allowed-in-state';
        if (Object.keys(action.fields).length === 0) return 'nothing-to-change';
        return { changes: { fields: action.fields }, events: [move(ticket, ticket.status, 'updated', null)], tasks: [] };
      },
    },
  },
  resolve: {
    in: OPEN_LIKE,
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'resolve') return 'not-allowed-in-state';
        return {
          changes: { status: 'closed', resolution: action.text, closeReason: 'resolved-on-call', closedAt: now, informedAt: now },
          events: [move(ticket, 'closed', 'resolved', action.text)],
          tasks: [],
        };
      },
    },
  },
  forward: {
    in: [...OPEN_LIKE, ...AT_DEPARTMENT],
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'forward') return 'not-allowed-in-state';
        if (AT_DEPARTMENT.includes(ticket.status) && ticket.departmentCode === action.department) return 'same-department';
        return toDepartment(ticket, action.department, now, 'forwarded', action.text, 'forwarded');
      },
    },
  },
  accept: {
    in: ['forwarded'],
    rule: {
      by: ['department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'accept') return 'not-allowed-in-state';
        return { changes: { status: 'in_progress', acceptedAt: now }, events: [move(ticket, 'in_progress', 'accepted', action.text)], tasks: [] };
      },
    },
  },
  answer: {
    in: AT_DEPARTMENT,
    rule: {
      by: ['department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'answer') return 'not-allowed-in-state';
        return {
          // Answering without accepting first counts the answer as the acknowledgement too.
          changes: { status: 'answered', answer: action.text, answeredAt: now, ...(ticket.acceptedAt ? {} : { acceptedAt: now }), ...relayReset },
          events: [move(ticket, 'answered', 'answered', action.text, { department: ticket.departmentCode })],
          tasks: [{ kind: 'relay', reason: 'answered' }, { kind: 'sms', template: 'answer-ready' }],
        };
      },
    },
  },
  return: {
    in: AT_DEPARTMENT,
    rule: {
      by: ['department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'return') return 'not-allowed-in-state';
        return {
          changes: { status: 'returned', acceptedAt: null, forwardedAt: null },
          events: [move(ticket, 'returned', 'returned', action.text, { department: ticket.departmentCode, at: now.toISOString() })],
          tasks: [],
        };
      },
    },
  },
  transfer: {
    in: AT_DEPARTMENT,
    rule: {
      by: ['department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'transfer') return 'not-allowed-in-state';
        if (ticket.departmentCode === action.department) return 'same-department';
        return toDepartment(ticket, action.department, now, 'transferred', action.text, 'transferred');
      },
    },
  },
  ask: {
    in: AT_DEPARTMENT,
    rule: {
      by: ['department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'ask') return 'not-allowed-in-state';
        return {
          changes: { status: 'needs_info', question: action.text, ...(ticket.acceptedAt ? {} : { acceptedAt: now }), ...relayReset },
          events: [move(ticket, 'needs_info', 'question-asked', action.text, { department: ticket.departmentCode })],
          tasks: [{ kind: 'relay', reason: 'question' }, { kind: 'sms', template: 'question' }],
        };
      },
    },
  },
  reply: {
    in: ['needs_info'],
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action) => {
        if (action.name !== 'reply') return 'not-allowed-in-state';
        if (ticket.departmentCode === null) return 'no-department';
        return {
          changes: { status: 'in_progress', question: null, ...relayReset },
          events: [move(ticket, 'in_progress', 'citizen-replied', action.text)],
          tasks: [{ kind: 'notify-department', department: ticket.departmentCode, reason: 'replied' }],
        };
      },
    },
  },
  inform: {
    in: ['answered'],
    rule: {
      by: ['desk', 'supervisor', 'system'],
      run: (ticket, action, now) => {
        if (action.name !== 'inform') return 'not-allowed-in-state';
        return {
          changes: { status: 'closed', closeReason: 'informed', informedAt: now, closedAt: now, callBackAt: null },
          events: [move(ticket, 'closed', 'informed', action.text, { channel: action.channel })],
          tasks: [],
        };
      },
    },
  },
  attempt: {
    in: [...RELAY, 'abandoned'],
    rule: {
      by: ['desk', 'supervisor', 'system'],
      run: (ticket, action, now, policy) => {
        if (action.name !== 'attempt') return 'not-allowed-in-state';
        const attempts = ticket.contactAttempts + 1;
        const first = ticket.firstAttemptAt ?? now;
        const spanDays = (now.getTime() - first.getTime()) / 86_400_000;
        const event = move(ticket, ticket.status, 'contact-attempt', action.text, {
          outcome: action.outcome,
          attempt: attempts,
          ...(action.callBackAt ? { callBackAt: action.callBackAt.toISOString() } : {}),
        });
        const giveUp = action.outcome === 'not-reachable' && ticket.status !== 'abandoned' && attempts >= policy.unreachableAttempts && spanDays >= policy.unreachableDays;
        if (!giveUp) {
          return { changes: { contactAttempts: attempts, firstAttemptAt: first, callBackAt: action.callBackAt }, events: [event], tasks: [] };
        }
        return {
          changes: { status: 'closed', closeReason: 'unreachable', closedAt: now, contactAttempts: attempts, firstAttemptAt: first, callBackAt: null },
          events: [event, move(ticket, 'closed', 'closed-unreachable', null, { attempts, firstAttemptAt: first.toISOString() })],
          tasks: [],
        };
      },
    },
  },
  reopen: {
    in: ['answered', 'closed'],
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'reopen') return 'not-allowed-in-state';
        if (ticket.departmentCode === null) {
          return {
            changes: { status: 'open', closeReason: null, closedAt: null, reopenCount: ticket.reopenCount + 1 },
            events: [move(ticket, 'open', 'reopened', action.text)],
            tasks: [],
          };
        }
        const reopened = toDepartment(ticket, ticket.departmentCode, now, 'reopened', action.text, 'reopened');
        return { ...reopened, changes: { ...reopened.changes, reopenCount: ticket.reopenCount + 1, informedAt: null } };
      },
    },
  },
  reassign: {
    in: EVERY,
    rule: {
      by: ['supervisor', 'system'],
      run: (ticket, action) => {
        if (action.name !== 'reassign') return 'not-allowed-in-state';
        if (ticket.ownerUserId === action.ownerUserId) return 'nothing-to-change';
        return {
          changes: { ownerUserId: action.ownerUserId },
          events: [move(ticket, ticket.status, 'reassigned', null, { from: ticket.ownerUserId, to: action.ownerUserId })],
          tasks: [],
        };
      },
    },
  },
  abandon: {
    in: ['open'],
    rule: {
      by: ['system'],
      run: (ticket) => ({ changes: { status: 'abandoned' }, events: [move(ticket, 'abandoned', 'status-changed', null)], tasks: [] }),
    },
  },
  route: {
    in: NOT_CLOSED,
    rule: {
      by: ['system'],
      run: (ticket, action) => {
        if (action.name !== 'route') return 'not-allowed-in-state';
        return {
          changes: { fields: { categoryCode: action.categoryCode, departmentCode: action.departmentCode } },
          events: [move(ticket, ticket.status, 'handed-off', null, action.data)],
          tasks: [],
        };
      },
    },
  },
  'portal-reply': {
    in: ['answered'],
    sources: APPLICATION_SOURCES,
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'portal-reply') return 'not-allowed-in-state';
        // The citizen reads the answer in the portal: entering it there is telling them, on the day it was entered.
        return {
          changes: { status: 'closed', closeReason: 'replied-in-portal', informedAt: action.enteredAt, closedAt: now, callBackAt: null },
          events: [move(ticket, 'closed', 'portal-replied', action.text, { enteredAt: action.enteredAt.toISOString() })],
          tasks: [],
        };
      },
    },
  },
  refer: {
    in: OPEN_LIKE,
    sources: APPLICATION_SOURCES,
    rule: {
      by: ['desk', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'refer') return 'not-allowed-in-state';
        return {
          changes: { status: 'closed', closeReason: 'referred-elsewhere', resolution: action.text, closedAt: now, callBackAt: null },
          events: [move(ticket, 'closed', 'referred', action.text)],
          tasks: [],
        };
      },
    },
  },
  note: {
    in: EVERY,
    rule: {
      by: ['system', 'desk', 'department', 'supervisor'],
      run: (ticket, action, now) => {
        if (action.name !== 'note') return 'not-allowed-in-state';
        const changes = action.mark ? markDeadline(ticket, action.mark, now) : {};
        if (typeof changes === 'string') return changes;
        return { changes, events: [move(ticket, ticket.status, action.kind, null, action.data)], tasks: [] };
      },
    },
  },
};

/** Which column a deadline note marks, if the ticket is still as the clock saw it. */
function markDeadline(ticket: LifecycleTicket, mark: DeadlineMark, now: Date): TicketChanges | RefusalReason {
  if (ticket.departmentCode !== mark.department) return 'nothing-to-change';
  if (mark.kind === 'ack-overdue') return ticket.status === 'forwarded' ? { ackOverdueNotifiedAt: now } : 'nothing-to-change';
  if (!DEADLINE_STATUSES.includes(ticket.status) || ticket.dueAt?.getTime() !== mark.deadline.getTime()) return 'nothing-to-change';
  if (mark.kind === 'overdue') return now.getTime() >= mark.deadline.getTime() ? { overdueNotifiedAt: now } : 'nothing-to-change';
  return { dueSoonNotifiedAt: now };
}

/** Intake channels without an agent open and fill in tickets as the desk would (they never answer or close). */
const INTAKE_CHANNELS: ReadonlySet<string> = new Set(['web', 'field', 'open311', 'import']);

function whoIs(actor: RequestActor): Who {
  if (actor.kind === 'system') return INTAKE_CHANNELS.has(actor.name) ? 'desk' : 'system';
  if (actor.role === 'department') return 'department';
  if (actor.role === 'agent') return 'desk';
  return 'supervisor';
}

function mayAct(rule: Rule, actor: RequestActor, ticket: LifecycleTicket): boolean {
  const who = whoIs(actor);
  if (!rule.by.includes(who)) return false;
  // A department acts on its own tickets only (the service answers 404 for others: it must not even confirm them).
  if (who === 'department' && actor.kind === 'user') return actor.department !== null && actor.department === ticket.departmentCode;
  return true;
}

/** Every action this actor may take on the ticket as it is now (the screens show these buttons, a 409 lists them). */
export function allowedActions(ticket: LifecycleTicket, actor: RequestActor): RequestActionName[] {
  const allowed: RequestActionName[] = [];
  for (const [name, entry] of Object.entries(TABLE) as [RequestActionName, NonNullable<RuleTable[RequestActionName]>][]) {
    if (entry.in.includes(ticket.status) && forSource(entry, ticket) && mayAct(entry.rule, actor, ticket)) allowed.push(name);
  }
  return allowed;
}

const forSource = (entry: NonNullable<RuleTable[RequestActionName]>, ticket: LifecycleTicket): boolean => entry.sources?.includes(ticket.source) ?? true;

/** The table's entry for a status and an action: which statuses allow it and who may take it (for docs and tests). */
export function ruleFor(action: RequestActionName): { in: readonly RequestStatus[]; by: readonly Who[]; sources?: readonly RequestSource[] } | undefined {
  const entry = TABLE[action];
  return entry ? { in: entry.in, by: entry.rule.by, ...(entry.sources ? { sources: entry.sources } : {}) } : undefined;
}

export function transition(ticket: LifecycleTicket, action: RequestAction, actor: RequestActor, now: Date, policy: LifecyclePolicy): Transition | Refusal {
  const entry = TABLE[action.name];
  const refuse = (reason: RefusalReason): Refusal => ({ refused: true, reason, status: ticket.status, allowed: allowedActions(ticket, actor) });
  if (!entry) return refuse('not-allowed-in-state');
  if (!mayAct(entry.rule, actor, ticket)) return refuse('not-permitted');
  // Marking a deadline as told is the clock's alone: a screen's note must not silence a notification.
  if (action.name === 'note' && action.mark && actor.kind !== 'system') return refuse('not-permitted');
  if (!forSource(entry, ticket)) return refuse('not-an-application');
  if (!entry.in.includes(ticket.status)) return refuse('not-allowed-in-state');
  const result = entry.rule.run(ticket, action, now, policy);
  return typeof result === 'string' ? refuse(result) : result;
}

export const isRefusal = (result: Transition | Refusal): result is Refusal => 'refused' in result;

/** The history's actor string: `user:<username>` or `system:<name>`. */
export const actorLabel = (actor: RequestActor): string => (actor.kind === 'user' ? `user:${actor.username}` : `system:${actor.name}`);
