import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { API_ACTIONS, bodySchema as actionBody } from '../../action-body.js';
import { inboxQuery } from '../../routes/inbox.js';
import { addOperation } from '../operation.js';
import { anObject, Ticket, ticketNumberParams } from '../shapes.js';

const STAFF = ['agent', 'supervisor', 'department', 'admin'] as const;
const allowed = z.array(z.string()).meta({ description: `The actions this user may take now (of ${API_ACTIONS.join(', ')}, edit).` });

/** src/http/routes/requests.ts and inbox.ts: the request lifecycle over HTTP and a department's inbox. */
export function registerRequestPaths(registry: OpenAPIRegistry): void {
  const tag = 'lifecycle';
  addOperation(registry, {
    method: 'post',
    path: '/api/tickets/:number/actions',
    tag,
    summary: 'Take a lifecycle action on a ticket (forward, accept, answer, inform, reopen …)',
    description:
      'Who may take which action in which status is the lifecycle table (src/requests/lifecycle.ts, GET /api/lifecycle). ' +
      '400 `{ error: "invalid action", fields }`; 403 `{ error: "forbidden", action, allowed }`; 409 `{ error: "ticket changed", current }` or `{ error: "action not allowed", reason, status, allowed, current }`.',
    access: { roles: STAFF },
    params: ticketNumberParams,
    body: { schema: actionBody },
    replies: [{ status: 200, description: 'The ticket after the action', schema: Ticket }],
    errors: [404, 409],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/tickets/:number/actions',
    tag,
    summary: 'The actions the signed-in user may take on a ticket now',
    access: { roles: STAFF },
    params: ticketNumberParams,
    replies: [{ status: 200, description: 'Status, version and allowed actions', schema: z.object({ number: z.string(), status: z.string(), version: z.number().int(), allowed }) }],
    errors: [404],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/lifecycle',
    tag,
    summary: 'The lifecycle table: statuses, sources, actions (in which status, by whom), close reasons, attempt outcomes',
    access: { roles: [] },
    replies: [{ status: 200, description: 'The table', schema: anObject('LifecycleTable', 'statuses, sources, departmentStatuses, relayStatuses, actions [{ name, in, by, sources? }], closeReasons, attemptOutcomes.') }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/inbox',
    tag: 'inbox',
    summary: "A department's open items, nearest deadline first, 50 a page",
    description: 'Department users get their own department (another is 403); supervisors and admins must name one with `department`. Next page: `cursor` = the last `nextCursor`.',
    access: { roles: ['department', 'supervisor', 'admin'] },
    query: inboxQuery,
    replies: [
      {
        status: 200,
        description: 'One page',
        schema: z.object({ department: z.string().nullable(), items: z.array(z.object({}).loose()), total: z.number().int(), nextCursor: z.string().nullable(), now: z.iso.datetime() }),
      },
    ],
  });
}
