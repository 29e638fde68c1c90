import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { newKeySchema } from '../../../channels/open311/api-keys.js';
import { paramsSchema } from '../../../channels/open311/request-params.js';
import { keyId } from '../../routes/open311-keys.js';
import { addOperation } from '../operation.js';

/** `services.json`, `requests.xml` …: the resource and the format (XML is the spec's default, JSON on request). */
const file = (what: string) => z.object({ file: z.string().regex(/^[\w.-]+\.(json|xml)$/).meta({ description: what }) });
const readQuery = z.object({ api_key: z.string().optional(), jurisdiction_id: z.string().optional() }).loose();
const FORMATS = ['application/json', 'application/xml'];
const listReply = (description: string) => [{ status: 200, description, type: FORMATS, schema: z.unknown() }];
const tag = 'open311';
/** The spec's error answer: a list of { code, description } (in XML: <errors><error>…). */
const refusal = { schema: z.array(z.object({ code: z.number().int(), description: z.string() })).meta({ id: 'Open311Errors' }), type: FORMATS };

/** src/http/routes/open311.ts (GeoReport v2, https://wiki.open311.org/GeoReport_v2) and open311-keys.ts. */
export function registerOpen311Paths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/open311/v2/:file',
    tag,
    summary: 'discovery.{json,xml}, services.{json,xml} or requests.{json,xml} (the list needs api_key unless publicReads)',
    access: 'open311', refusal,
    params: file('discovery.json, services.xml, requests.json …'),
    query: readQuery,
    replies: listReply('The resource'),
    errors: [404, 429],
  });
  addOperation(registry, { method: 'get', path: '/open311/v2/services/:file', tag, summary: "A service's definition (attributes)", access: 'open311', refusal, params: file('<service_code>.json or .xml'), query: readQuery, replies: listReply('The definition'), errors: [404, 429] });
  addOperation(registry, { method: 'get', path: '/open311/v2/requests/:file', tag, summary: 'One service request', access: 'open311', refusal, params: file('<service_request_id>.json or .xml'), query: readQuery, replies: listReply('The request'), errors: [401, 403, 404, 429] });
  addOperation(registry, { method: 'get', path: '/open311/v2/tokens/:file', tag, summary: 'The service request id of a token', access: 'open311', refusal, params: file('<token>.json or .xml'), query: readQuery, replies: listReply('The id'), errors: [401, 403, 404, 429] });
  addOperation(registry, {
    method: 'post',
    path: '/open311/v2/:file',
    tag,
    summary: 'Submit a service request (requests.json or requests.xml); the api_key is in the body',
    description: 'An Idempotency-Key header makes a retry answer the first submission.',
    access: 'open311', refusal,
    params: file('requests.json or requests.xml'),
    body: { schema: paramsSchema, type: ['application/x-www-form-urlencoded', 'application/json'] },
    replies: [
      { status: 200, description: 'Accepted before (a retry with the same Idempotency-Key)', type: FORMATS, schema: z.unknown() },
      { status: 201, description: 'Accepted', type: FORMATS, schema: z.unknown() },
    ],
    errors: [401, 404, 413, 429],
  });
  const admin = { roles: ['admin'] as const };
  const Key = z.object({}).loose().meta({ id: 'Open311Key', description: 'id, name, owner, prefix, readAll, createdBy, createdAt, revokedAt, lastUsedAt (src/channels/open311/api-keys.ts).' });
  addOperation(registry, { method: 'post', path: '/api/open311/keys', tag, summary: 'Create an Open311 API key (the key is told only in this answer)', access: admin, body: { schema: newKeySchema }, replies: [{ status: 201, description: 'Created', schema: z.object({ key: Key }) }] });
  addOperation(registry, { method: 'get', path: '/api/open311/keys', tag, summary: 'Every key, without secrets', access: admin, replies: [{ status: 200, description: 'The keys', schema: z.object({ items: z.array(Key) }) }] });
  addOperation(registry, { method: 'delete', path: '/api/open311/keys/:id', tag, summary: 'Revoke a key at once', access: admin, params: z.object({ id: keyId }), replies: [{ status: 200, description: 'Revoked', schema: z.object({ key: Key }) }], errors: [404] });
}
