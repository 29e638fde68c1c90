import { Router, type Response } from 'express';
import type { UserStore, UserView } from '../../auth/user-store.js';
import { ActionRefusedError, TicketChangedError, TicketNotFoundError } from '../../requests/errors.js';
import { FieldValidationError } from '../../requests/field-errors.js';
import { allowedActions, ruleFor } from '../../requests/lifecycle.js';
import type { InboxPage, InboxQuery } from '../../requests/read/inbox.js';
import type { RequestService } from '../../requests/request-service.js';
import { ATTEMPT_OUTCOMES, CLOSE_REASONS, DEPARTMENT_STATUSES, RELAY_STATUSES, REQUEST_SOURCES, REQUEST_STATUSES } from '../../requests/request-states.js';
import { requestActor } from '../../requests/ticket-editor.js';
import type { TicketStore } from '../../requests/ticket-store-type.js';
import { lifecycleTicket } from '../../requests/ticket-writer.js';
import { ActionBodyError, API_ACTIONS, parseActionBody, type ApiAction } from '../action-body.js';
import { currentUser } from '../auth-middleware.js';
import { HttpError } from '../errors.js';
import { inboxRoute } from './inbox.js';
import { ticketNumber } from '../ticket-number-field.js';

export interface RequestRoutesDeps {
  service: Pick<RequestService, 'act'>;
  /** A department's open items (src/requests/read/inbox.ts). */
  inbox: (query: InboxQuery) => Promise<InboxPage>;
  tickets: Pick<TicketStore, 'getTicket'>;
  /** Checks that a reassignment's user exists. */
  users: Pick<UserStore, 'findById'>;
  now?: () => Date;
}

/** The lifecycle's name for a role's side of the table (lifecycle.ts `whoIs`). */
const sideOf = (user: UserView): 'desk' | 'department' | 'supervisor' => (user.role === 'agent' ? 'desk' : user.role === 'department' ? 'department' : 'supervisor');

/** May this role ever take the action (whatever the ticket)? Decided before the ticket is read, so a refusal tells nothing about it. */
const roleMay = (user: UserView, action: ApiAction): boolean => ruleFor(action)?.by.includes(sideOf(user)) ?? false;

/** The buttons a screen may show: the person's actions (not the system's `note`, `route`, `abandon`). */
const SHOWN = new Set<string>([...API_ACTIONS, 'edit']);
const shown = (allowed: readonly string[]): string[] => allowed.filter((name) => SHOWN.has(name));

const actorOf = (user: UserView) => requestActor({ userId: user.id, username: user.username, role: user.role, department: user.department });

function fail(res: Response, status: number, body: Record<string, unknown>): void {
  res.status(status).json(body);
}

/** The service's refusals in the API's shapes; false when the error is not one of them. */
function sendActionError(error: unknown, res: Response): boolean {
  if (error instanceof FieldValidationError) {
    fail(res, 400, { error: 'invalid action', fields: error.fields });
  } else if (error instanceof TicketNotFoundError) {
    fail(res, 404, { error: error.message });
  } else if (error instanceof TicketChangedError) {
    fail(res, 409, { error: 'ticket changed', current: error.current });
  } else if (error instanceof ActionRefusedError) {
    const allowed = shown(error.allowed);
    if (error.reason === 'not-permitted') fail(res, 403, { error: 'forbidden', action: error.action, allowed });
    else if (error.reason === 'same-department') {
      fail(res, 400, { error: 'invalid action', fields: { department: { code: 'same-department', message: 'department is the department the ticket is with' } } });
    } else if (error.reason === 'nothing-to-change') {
      fail(res, 400, { error: 'invalid action', fields: { ownerUserId: { code: 'unchanged', message: 'ownerUserId already owns the ticket' } } });
    } else {
      fail(res, 409, { error: 'action not allowed', action: error.action, reason: error.reason, status: error.current.status, allowed, current: error.current });
    }
  } else {
    return false;
  }
  return true;
}

/**
 * The lifecycle over HTTP, mounted under /api behind `authenticate` (and the origin guard for POST):
 * POST/GET /tickets/:number/actions, GET /lifecycle and GET /inbox. Who may take which action is the
 * lifecycle's table (src/requests/lifecycle.ts); a department user's view of another department's ticket is 404.
 */
export function requestRoutes(deps: RequestRoutesDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());

  router.post('/tickets/:number/actions', async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const user = currentUser(res);
    try {
      const { action, version } = parseActionBody(req.body, now());
      if (!roleMay(user, action.name)) throw new HttpError(403, `forbidden: ${user.role} may not ${action.name}`, { action: action.name });
      if (action.name === 'reassign' && !(await deps.users.findById(action.ownerUserId))) {
        throw new ActionBodyError({ ownerUserId: { code: 'unknown-user', message: 'ownerUserId is not a user' } });
      }
      res.json(await deps.service.act(number, action, actorOf(user), { version }));
    } catch (error) {
      if (!sendActionError(error, res)) throw error;
    }
  });

  router.get('/tickets/:number/actions', async (req, res) => {
    const number = ticketNumber.parse(req.params.number);
    const user = currentUser(res);
    const ticket = await deps.tickets.getTicket(number);
    const hidden = user.role === 'department' && (user.department === null || ticket?.departmentCode !== user.department);
    if (!ticket || hidden) throw new HttpError(404, `ticket ${number} not found`);
    res.json({ number, status: ticket.status, version: ticket.version, allowed: shown(allowedActions(lifecycleTicket(ticket), actorOf(user))) });
  });

  router.get('/lifecycle', (_req, res) => {
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.json({
      statuses: REQUEST_STATUSES,
      sources: REQUEST_SOURCES,
      departmentStatuses: DEPARTMENT_STATUSES,
      relayStatuses: RELAY_STATUSES,
      actions: API_ACTIONS.map((name) => ({ name, in: ruleFor(name)?.in ?? [], by: ruleFor(name)?.by ?? [], ...(ruleFor(name)?.sources ? { sources: ruleFor(name)?.sources } : {}) })),
      closeReasons: CLOSE_REASONS,
      attemptOutcomes: ATTEMPT_OUTCOMES,
    });
  });

  router.get('/inbox', inboxRoute(deps.inbox, now));
  return router;
}
