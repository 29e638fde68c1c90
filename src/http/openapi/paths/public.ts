import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { bodySchema as statusBody } from '../../../channels/web/status-requests.js';
import { webRequestSchema } from '../../../channels/web/web-form.js';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

/** Public refusals: `{ error, message, fields?, retryAfterS? }` (src/channels/web/public-refusal.ts). */
const refusal = { schema: z.object({ error: z.string(), message: z.string(), fields: z.record(z.string(), z.unknown()).optional(), retryAfterS: z.number().int().optional() }).meta({ id: 'PublicRefusal' }), type: ['application/json'] };

/** src/http/routes/public-channels.ts: the citizens' request form (/basvuru) and status page (/durum), no sign-in. */
export function registerPublicPaths(registry: OpenAPIRegistry): void {
  const tag = 'public';
  addOperation(registry, {
    method: 'get',
    path: '/api/public/form',
    tag,
    summary: "The form's token, categories, districts, neighbourhoods and KVKK text",
    access: 'public',
    replies: [{ status: 200, description: 'The form data', schema: anObject('PublicForm', 'token, minFillSeconds, tokenMaxAgeMinutes, sms, categories, districts, neighbourhoods, kvkk.') }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/public/requests',
    tag,
    summary: 'Submit a citizen request (idempotent on submissionKey)',
    description: 'Limited per address (429 with Retry-After). The body limit is 16 KB.',
    access: 'public',
    refusal,
    body: { schema: webRequestSchema },
    replies: [
      { status: 201, description: 'A ticket was opened', schema: anObject('PublicSubmission', '{ created, number, … } (src/channels/web/web-submissions.ts).') },
      { status: 200, description: 'The same submissionKey again: the first answer' },
    ],
    errors: [413, 429],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/public/status',
    tag,
    summary: "A request's status by its number and the last four digits of the phone",
    access: 'public',
    refusal,
    body: { schema: statusBody },
    replies: [{ status: 200, description: 'The status', schema: anObject('PublicStatus', 'src/channels/web/status-requests.ts.') }],
    errors: [404, 429],
  });
}
