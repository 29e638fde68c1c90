import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ticketCreateSchema, ticketFormSchema } from '../../../requests/ticket-form.js';
import { callId, listQuery } from '../../routes/tickets.js';
import { addOperation } from '../operation.js';
import { anObject, pageOf, Ticket, ticketNumberParams } from '../shapes.js';

const Call = anObject('Call', 'A call record (src/requests/ticket-store-type.ts CallView): ids, caller, times, IVR path, queue, agent, outcome, its ticket.');
const ticketChanged = z.object({ error: z.literal('ticket changed'), current: Ticket });
const READERS = ['agent', 'supervisor', 'department', 'admin'] as const;
const DESK = ['agent', 'supervisor', 'admin'] as const;

/** src/http/routes/tickets.ts: search, read, create and edit tickets; read a call. */
export function registerTicketPaths(registry: OpenAPIRegistry): void {
  const tag = 'tickets';
  addOperation(registry, {
    method: 'get',
    path: '/api/tickets',
    tag,
    summary: 'Search tickets (newest first)',
    description: 'Department users see their department only. A page showing personal data is written to the KVKK access log.',
    access: { roles: READERS },
    query: listQuery,
    replies: [{ status: 200, description: 'One page', schema: pageOf(Ticket) }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/tickets/:number',
    tag,
    summary: 'One ticket (recorded in the access log)',
    access: { roles: READERS },
    params: ticketNumberParams,
    replies: [{ status: 200, description: 'The ticket', schema: Ticket }],
    errors: [404],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/calls/:id',
    tag,
    summary: 'One call record (recorded in the access log)',
    access: { roles: ['agent', 'supervisor', 'admin'] },
    params: z.object({ id: callId }),
    replies: [{ status: 200, description: 'The call', schema: Call }],
    errors: [404],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/tickets',
    tag,
    summary: 'Open a ticket at the desk',
    description: 'Field problems come back as 400 `{ error: "invalid ticket", fields }`.',
    access: { roles: DESK },
    body: { schema: ticketCreateSchema },
    replies: [{ status: 201, description: 'Created', schema: Ticket }],
  });
  addOperation(registry, {
    method: 'patch',
    path: '/api/tickets/:number',
    tag,
    summary: 'Edit a ticket (version-checked)',
    description: 'Agents edit tickets they own or whose call they took; supervisors and admins any. 409 `{ error: "ticket changed", current }` when `version` is not the stored one.',
    access: { roles: DESK },
    params: ticketNumberParams,
    body: { schema: z.strictObject({ version: z.number().int().min(1), changes: ticketFormSchema }) },
    replies: [
      { status: 200, description: 'The ticket after the change', schema: Ticket },
      { status: 409, description: 'The ticket changed meanwhile', schema: ticketChanged },
    ],
    errors: [404],
  });
}
