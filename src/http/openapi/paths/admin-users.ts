import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { createUserBody, resetPasswordBody, updateUserBody, userIdParam } from '../../../admin/users/user-admin-schemas.js';
import { addOperation, type OperationSpec } from '../operation.js';
import { anObject } from '../shapes.js';

const AdminUser = anObject('AdminUser', 'A user as the users page shows it (src/admin/users/user-admin.ts): the user, queues and penalties, state.');
const HistoryEntry = z.object({}).loose().meta({ id: 'AdminHistoryEntry', description: 'Who changed what and when (src/admin/admin-history.ts).' });
const idParams = z.object({ id: userIdParam });
/** The route takes no body, or `{ password? }` (an admin's choice instead of a generated one-time password). */
const resetBody = { schema: resetPasswordBody.options[1], optional: true };
const SUPERVISING = ['supervisor', 'admin'] as const;
const DECIDES = 'Supervisors may read users and change an agent\'s queues; everything else is the admins\' (src/admin/users/user-admin.ts decides, 403 otherwise).';

/** src/http/routes/admin-users.ts: the users page (/yonetim) and the administration history. */
export function registerAdminUserPaths(registry: OpenAPIRegistry): void {
  const users = (spec: Omit<OperationSpec, 'tag' | 'access' | 'description'> & { description?: string }) =>
    addOperation(registry, { ...spec, tag: 'admin', access: { roles: SUPERVISING }, description: [spec.description, DECIDES].filter(Boolean).join(' ') });
  users({ method: 'get', path: '/api/admin/users', summary: 'Every user with queues and state', replies: [{ status: 200, description: 'The users', schema: z.object({ items: z.array(AdminUser) }) }] });
  users({
    method: 'post',
    path: '/api/admin/users',
    summary: 'Create a user; the answer shows the one-time password once',
    body: { schema: createUserBody },
    replies: [{ status: 201, description: 'Created', schema: AdminUser }],
    errors: [409],
  });
  users({ method: 'get', path: '/api/admin/users/:id', summary: 'One user', params: idParams, replies: [{ status: 200, description: 'The user', schema: AdminUser }], errors: [404] });
  users({
    method: 'patch',
    path: '/api/admin/users/:id',
    summary: "Change a user's role, name, phone interface, department or queues",
    description: 'A change of role or deactivation ends the user\'s sessions and sockets.',
    params: idParams,
    body: { schema: updateUserBody },
    replies: [{ status: 200, description: 'Changed', schema: AdminUser }],
    errors: [404, 409],
  });
  users({
    method: 'post',
    path: '/api/admin/users/:id/password',
    summary: 'Reset a password: the user must set a new one at the next login (their sessions end)',
    params: idParams,
    body: resetBody,
    replies: [{ status: 200, description: 'Reset (with the one-time password, shown once)', schema: z.object({}).loose() }],
    errors: [404],
  });
  users({ method: 'post', path: '/api/admin/users/:id/deactivate', summary: 'Deactivate a user: their sessions and sockets end at once', params: idParams, replies: [{ status: 200, description: 'Deactivated', schema: AdminUser }], errors: [404, 409] });
  users({ method: 'post', path: '/api/admin/users/:id/activate', summary: 'Activate a user again', params: idParams, replies: [{ status: 200, description: 'Activated', schema: AdminUser }], errors: [404, 409] });
  users({ method: 'get', path: '/api/admin/users/:id/history', summary: "A user's change history", params: idParams, replies: [{ status: 200, description: 'The history', schema: z.object({ items: z.array(HistoryEntry) }) }], errors: [404] });
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/history',
    tag: 'admin',
    summary: 'The administration history of users and queues, newest first',
    description: 'Query: subjectType (user | queue), limit (1–500), beforeId (the last id of the previous page).',
    access: { roles: ['admin'] },
    replies: [{ status: 200, description: 'The history', schema: z.object({ items: z.array(HistoryEntry) }) }],
    errors: [400],
  });
}
