import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { queueNameSchema, userIdParam } from '../../../admin/users/user-admin-schemas.js';
import { createQueueBody, memberBody, updateQueueBody } from '../../routes/admin-queues.js';
import { addOperation, type OperationSpec } from '../operation.js';
import { anObject } from '../shapes.js';

const AdminQueue = anObject('AdminQueue', 'A queue (src/admin/queues/queue-admin.ts): name, label (tr, en), position, members with penalties.');
const nameParams = z.object({ name: queueNameSchema });
const memberParams = z.object({ name: queueNameSchema, userId: userIdParam });

/** src/http/routes/admin-queues.ts: the queues page (/yonetim/kuyruklar); membership goes to app_queue over AMI at once. */
export function registerAdminQueuePaths(registry: OpenAPIRegistry): void {
  const queues = (spec: Omit<OperationSpec, 'tag' | 'access'>) => addOperation(registry, { ...spec, tag: 'admin', access: { roles: ['supervisor', 'admin'] } });
  queues({ method: 'get', path: '/api/admin/queues', summary: 'Every queue with its label, order and members', replies: [{ status: 200, description: 'The queues', schema: z.object({ items: z.array(AdminQueue) }) }] });
  queues({ method: 'post', path: '/api/admin/queues', summary: 'Add a queue (its label and place on the boards)', body: { schema: createQueueBody }, replies: [{ status: 201, description: 'Added', schema: AdminQueue }], errors: [409] });
  queues({ method: 'patch', path: '/api/admin/queues/:name', summary: "Change a queue's label or position", params: nameParams, body: { schema: updateQueueBody }, replies: [{ status: 200, description: 'Changed', schema: AdminQueue }], errors: [404] });
  queues({
    method: 'put',
    path: '/api/admin/queues/:name/members/:userId',
    summary: 'Make an agent a member with a penalty (QueueAdd / QueuePenalty over AMI at once)',
    params: memberParams,
    body: { schema: memberBody },
    replies: [{ status: 200, description: 'The queue after the change', schema: AdminQueue }],
    errors: [404, 409],
  });
  queues({ method: 'delete', path: '/api/admin/queues/:name/members/:userId', summary: 'Remove an agent from a queue (QueueRemove over AMI)', params: memberParams, replies: [{ status: 200, description: 'The queue after the change', schema: AdminQueue }], errors: [404, 409] });
  queues({ method: 'get', path: '/api/admin/queues/:name/history', summary: "A queue's change history", params: nameParams, replies: [{ status: 200, description: 'The history', schema: z.object({ items: z.array(z.object({}).loose()) }) }], errors: [404] });
}
