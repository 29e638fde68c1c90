import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { fieldRowSchema } from '../../../channels/field/field-row.js';
import { addOperation } from '../operation.js';

const FIELD = ['agent', 'supervisor', 'admin'] as const;
/** The route checks only the envelope (at most channels.field.maxBatch rows); each row is checked on its own. */
const batchBody = z.strictObject({ requests: z.array(fieldRowSchema(new Date())).min(1) });

/** src/http/routes/field.ts: the offline field desk (/saha). */
export function registerFieldPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/field/events',
    tag: 'field',
    summary: 'The field events to choose from and the batch size',
    access: { roles: FIELD },
    replies: [{ status: 200, description: 'The events', schema: z.object({ events: z.array(z.unknown()), maxBatch: z.number().int() }) }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/field/requests',
    tag: 'field',
    summary: "A batch of the field desk's outbox; each row is accepted, a duplicate, or refused with its code",
    description: 'Rows count against a per-user limit (429 with Retry-After).',
    access: { roles: FIELD },
    body: { schema: batchBody },
    replies: [{ status: 200, description: 'One result per row', schema: z.object({}).loose() }],
    errors: [429],
  });
}
