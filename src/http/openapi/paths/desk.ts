import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { loginBody, sessionsQuery, userIdParam } from '../../routes/desk.js';
import { addOperation, type OperationSpec } from '../operation.js';
import { anObject, DeskState } from '../shapes.js';

/** The route builds its enum from config/site.json pauseReasons: any other reason is a 400. */
const pauseBody = z.strictObject({ reason: z.string().meta({ description: 'A break reason code of config/site.json pauseReasons (GET /api/catalogue).' }) });
/** The route takes no body or `{}`. */
const emptyBody = { schema: z.strictObject({}), optional: true };
const idParams = z.object({ id: userIdParam });
const DESK = ['agent', 'supervisor', 'admin'] as const;
const SUPERVISING = ['supervisor', 'admin'] as const;
const stateReplies: OperationSpec['replies'] = [
  { status: 200, description: 'Done', schema: DeskState },
  { status: 202, description: 'Waiting for AMI (the desk shows the pending notice)', schema: DeskState },
];

/** src/http/routes/desk.ts: the agent's own desk (/api/desk) and the supervisors' view of every desk (/api/agents). */
export function registerDeskPaths(registry: OpenAPIRegistry): void {
  const desk = (spec: Omit<OperationSpec, 'tag' | 'access'>) => addOperation(registry, { ...spec, tag: 'desk', access: { roles: DESK } });
  const agents = (spec: Omit<OperationSpec, 'tag' | 'access'>) => addOperation(registry, { ...spec, tag: 'agents', access: { roles: SUPERVISING } });
  desk({ method: 'get', path: '/api/desk/state', summary: "The signed-in agent's desk state", replies: [{ status: 200, description: 'The state', schema: DeskState }] });
  desk({
    method: 'get',
    path: '/api/desk/pop',
    summary: 'The current screen pop (recorded in the access log)',
    replies: [
      { status: 200, description: 'The pop', schema: anObject('ScreenPop', 'src/agents/screen-pops.ts: the call, its caller, IVR path and ticket.') },
      { status: 204, description: 'No pop now' },
    ],
  });
  desk({ method: 'post', path: '/api/desk/login', summary: 'Join queues (all configured ones when `queues` is absent)', body: { schema: loginBody, optional: true }, replies: stateReplies, errors: [409] });
  desk({ method: 'post', path: '/api/desk/logout', summary: 'Leave every queue', body: emptyBody, replies: stateReplies, errors: [409] });
  desk({ method: 'post', path: '/api/desk/pause', summary: 'Take a break with a reason', body: { schema: pauseBody }, replies: stateReplies, errors: [409] });
  desk({ method: 'post', path: '/api/desk/unpause', summary: 'End the break', body: emptyBody, replies: stateReplies, errors: [409] });
  agents({
    method: 'get',
    path: '/api/agents',
    summary: 'Every active agent with a phone: desk state and current pop',
    replies: [{ status: 200, description: 'The agents', schema: z.object({ items: z.array(z.object({ user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), phoneInterface: z.string().nullable() }), state: DeskState, pop: z.object({}).loose().nullable() })) }) }],
  });
  agents({ method: 'post', path: '/api/agents/:id/pause', summary: "Put an agent's desk on a break", params: idParams, body: { schema: pauseBody }, replies: stateReplies, errors: [404, 409] });
  agents({
    method: 'get',
    path: '/api/agents/:id/sessions',
    summary: "An agent's logins, breaks and logouts over at most 31 days (shift report)",
    params: idParams,
    query: sessionsQuery,
    replies: [{ status: 200, description: 'The sessions', schema: z.object({ user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }), items: z.array(z.object({}).loose()) }) }],
    errors: [404],
  });
  agents({ method: 'post', path: '/api/agents/:id/logout', summary: "Log an agent's desk out of every queue", params: idParams, body: emptyBody, replies: stateReplies, errors: [404, 409] });
}
