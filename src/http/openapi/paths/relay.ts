import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { listQuery as callbackListQuery, startBody, uuid } from '../../routes/callbacks.js';
import { bodySchema as smsBody } from '../../routes/ticket-sms.js';
import { addOperation } from '../operation.js';
import { anObject, ticketNumberParams } from '../shapes.js';

const DESK = ['agent', 'supervisor', 'admin'] as const;
const CallbackAttempt = anObject('CallbackAttempt', 'A callback attempt without the citizen number (src/relay/callback/callback-ports.ts): id, ticket, call, agent, state, times.');

/** src/http/routes/callbacks.ts, relay.ts and ticket-sms.ts: getting back to citizens (callbacks, SMS, the relay list). */
export function registerRelayPaths(registry: OpenAPIRegistry): void {
  const tag = 'relay';
  addOperation(registry, {
    method: 'post',
    path: '/api/callbacks',
    tag,
    summary: "Call a citizen back: ring the agent's phone first, then the ticket's or call's number",
    access: { roles: ['agent', 'supervisor'] },
    body: { schema: startBody },
    replies: [{ status: 202, description: 'Started', schema: z.object({ attemptId: z.string() }) }],
    errors: [404, 409, 422, 503],
  });
  addOperation(registry, { method: 'get', path: '/api/callbacks/:id', tag, summary: 'One callback attempt', access: { roles: DESK }, params: z.object({ id: uuid }), replies: [{ status: 200, description: 'The attempt', schema: CallbackAttempt }], errors: [404] });
  addOperation(registry, { method: 'get', path: '/api/callbacks', tag, summary: "A ticket's callback attempts", access: { roles: DESK }, query: callbackListQuery, replies: [{ status: 200, description: 'The attempts', schema: z.object({ items: z.array(CallbackAttempt) }) }] });
  addOperation(registry, {
    method: 'get',
    path: '/api/relay/abandoned',
    tag,
    summary: 'Callers who hung up before an agent answered, to call back (recorded in the access log)',
    access: { roles: DESK },
    replies: [{ status: 200, description: 'The callers', schema: z.object({ items: z.array(z.object({}).loose()), lookbackDays: z.number().int() }) }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/relay',
    tag,
    summary: 'The relay list: answers and questions to pass on, later callbacks, abandoned callers (recorded in the access log)',
    access: { roles: DESK },
    replies: [{ status: 200, description: 'The list', schema: anObject('RelayList', 'now, counts, tickets, later, abandoned (src/requests/read/relay-list.ts).') }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/tickets/:number/sms',
    tag,
    summary: "Send the department's answer or question to the citizen's mobile by SMS",
    description: 'Refusals carry `details.reason`: not-in-relay (409), no-number, not-mobile, opted-out, bad-text (422), sms-disabled (503).',
    access: { roles: DESK },
    params: ticketNumberParams,
    body: { schema: smsBody, optional: true },
    replies: [
      { status: 202, description: 'Queued', schema: z.object({ queued: z.literal(true), duplicate: z.boolean(), id: z.unknown(), template: z.string(), parts: z.number().int(), shortForm: z.boolean() }) },
      { status: 200, description: 'Already queued for this answer version (duplicate: true)' },
    ],
    errors: [404, 409, 422, 503],
  });
}
