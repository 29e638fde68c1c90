import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { addOperation } from '../operation.js';

const text = z.string();

/** src/operations/metrics/metrics-access.ts: the Prometheus metrics on the main port (also on metrics.port's own listener). */
export function registerMetricsPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/metrics',
    tag: 'operations',
    summary: 'Prometheus metrics (text exposition format): calls, ARI/AMI links, latencies, outboxes, sockets, HTTP, logins',
    description: 'Served on the main port only when metrics.token is set (otherwise 404); metrics.port gives /metrics a listener of its own.',
    access: 'metrics',
    replies: [{ status: 200, description: 'The metrics', type: 'text/plain; version=0.0.4; charset=utf-8', schema: text }],
    errors: [401],
    refusal: { schema: text, type: ['text/plain; charset=utf-8'] },
  });
}
