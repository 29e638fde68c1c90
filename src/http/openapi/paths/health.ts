import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { addOperation } from '../operation.js';

const HealthReport = z
  .object({
    status: z.enum(['ok', 'degraded']),
    components: z.record(z.string(), z.object({ ok: z.boolean() }).loose()),
  })
  .meta({ id: 'HealthReport' });

/** src/http/routes/health.ts */
export function registerHealthPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/healthz',
    tag: 'operations',
    summary: 'Health of every component (ARI, AMI, database, outbox, realtime …) for a monitor or load balancer',
    access: 'public',
    replies: [
      { status: 200, description: 'Every component is up', schema: HealthReport },
      { status: 503, description: 'At least one component is down', schema: HealthReport },
    ],
  });
}
