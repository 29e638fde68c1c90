import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ACCESS_KINDS } from '../../../audit/access-log.js';
import { auditQuery } from '../../routes/audit.js';
import { addOperation } from '../operation.js';
import { pageOf } from '../shapes.js';

const AccessEntry = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime(),
    user: z.object({ id: z.number().int(), username: z.string() }),
    kind: z.enum(ACCESS_KINDS),
    tickets: z.array(z.string()),
    address: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'AccessEntry' });

/** src/http/routes/audit.ts */
export function registerAuditPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/audit',
    tag: 'audit',
    summary: 'The KVKK access log (who read which personal data), newest first',
    access: { roles: ['admin'] },
    query: auditQuery,
    replies: [{ status: 200, description: 'One page', schema: pageOf(AccessEntry) }],
  });
}
