import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { queueName, statsQuery } from '../../routes/queues.js';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

/** src/http/routes/queues.ts */
export function registerQueuePaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/queues',
    tag: 'queues',
    summary: "The queues' live state: callers waiting, members and their states, today's KPIs",
    access: { roles: ['agent', 'supervisor', 'admin'] },
    replies: [{ status: 200, description: 'The snapshot', schema: anObject('QueueSnapshot', 'src/queues/queue-monitor.ts QueueMonitorSnapshot.') }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/queues/:name/stats',
    tag: 'queues',
    summary: "One queue's KPIs over a period of at most 31 days (from stored queue events)",
    description: '`from`/`to`: an Istanbul date (a whole day) or an ISO 8601 time with Z or an offset.',
    access: { roles: ['supervisor', 'admin'] },
    params: z.object({ name: queueName }),
    query: statsQuery,
    replies: [{ status: 200, description: 'The KPIs', schema: z.object({ queue: z.string(), from: z.iso.datetime(), to: z.iso.datetime(), kpis: anObject('QueueKpis', 'src/queues/kpis.ts QueueKpis: offered, answered, abandoned, service level, ASA, AHT …') }) }],
    errors: [404],
  });
}
