import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z, type ZodObject, type ZodType } from 'zod';
import type { Role } from '../../auth/roles.js';
import { toOpenApiPath } from './route-list.js';

/**
 * Who may call an operation: staff roles (an empty list: any signed-in user), nobody signed in (`public`),
 * an Open311 client (its API key in the query or body) or a Prometheus scraper (metrics.token as a Bearer token).
 */
export type Access = { roles: readonly Role[] } | 'public' | 'open311' | 'metrics';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface SuccessReply {
  status: number;
  description: string;
  /** The body's schema; absent: no body (204) or one described in words only. */
  schema?: ZodType;
  /** Default application/json; several when the route answers in either (Open311: JSON or XML). */
  type?: string | readonly string[];
}

export interface OperationSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path exactly as the router writes it (`/api/tickets/:number`); it becomes `/api/tickets/{number}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: ZodObject;
  query?: ZodObject;
  /** The request body; `type` defaults to application/json, `optional` when an empty body is accepted. */
  body?: { schema: ZodType; type?: string | readonly string[]; optional?: boolean; description?: string };
  replies: readonly SuccessReply[];
  /** The refusals this route itself gives; 401/403 follow from `access`, 403 (foreign origin) and 415 from the method. */
  errors?: readonly ErrorStatus[];
  /** The refusals' body when it is not ErrorBody (Open311 answers in the spec's error list, JSON or XML). */
  refusal?: { schema: ZodType; type: readonly string[] };
}

/** Every refusal leaves as `{ error, details? }` (src/http/errors.ts); the desk's forms read `fields`. */
export const ErrorBody = z
  .object({
    error: z.string().meta({ description: 'What went wrong, in words (Turkish or English).' }),
    details: z.unknown().optional().meta({ description: 'A zod refusal: [{ path, message }]; otherwise a code and the fields concerned.' }),
    fields: z.record(z.string(), z.object({ code: z.string(), message: z.string() })).optional().meta({ description: 'Per-field problems of a form (tickets, actions, applications).' }),
  })
  .meta({ id: 'ErrorBody' });

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'Invalid request: a parameter or the body failed validation.',
  401: 'No valid session: sign in (POST /api/auth/login) and send the cookie or the bearer token.',
  403: 'Forbidden: the role may not do this, or a state-changing request came from another origin.',
  404: 'Not found.',
  409: 'Conflict: the resource changed meanwhile or is in a state that does not allow this.',
  413: 'The body is larger than the limit.',
  415: 'Unsupported body type.',
  422: 'Understood but cannot be done (see error).',
  429: 'Too many requests: retry after the Retry-After header.',
  503: 'Temporarily unavailable (see error); retry later.',
};

const STATE_CHANGING = new Set(['post', 'put', 'patch', 'delete']);

export const SESSION_SECURITY: Record<string, string[]>[] = [{ sessionCookie: [] }, { bearerToken: [] }];

function securityOf(access: Access): Record<string, string[]>[] {
  if (access === 'public') return [];
  if (access === 'open311') return [{ open311Key: [] }, {}];
  if (access === 'metrics') return [{ metricsToken: [] }];
  return SESSION_SECURITY;
}

function rolesText(access: Access): string {
  if (access === 'public') return 'Open: no sign-in.';
  if (access === 'open311') return 'Open311 clients: api_key (query for reads, body for POST); discovery and services are open.';
  if (access === 'metrics') return 'A Prometheus scraper: Authorization: Bearer <metrics.token>.';
  return access.roles.length === 0 ? 'Roles: any signed-in user.' : `Roles: ${access.roles.join(', ')}.`;
}

function errorsOf(spec: OperationSpec): ErrorStatus[] {
  const errors = new Set<ErrorStatus>(spec.errors ?? []);
  if (typeof spec.access === 'object') errors.add(401);
  if (typeof spec.access === 'object' && spec.access.roles.length > 0) errors.add(403);
  if (STATE_CHANGING.has(spec.method)) {
    errors.add(403);
    if (spec.body) errors.add(415);
  }
  if (spec.params || spec.query || spec.body) errors.add(400);
  return [...errors].sort((a, b) => a - b);
}

function xRoles(access: Access): string[] {
  if (access === 'public') return [];
  if (access === 'open311') return ['open311-client'];
  if (access === 'metrics') return ['metrics-scraper'];
  return access.roles.length === 0 ? ['any'] : [...access.roles];
}

const mediaTypes = (type: string | readonly string[] | undefined): readonly string[] => (type === undefined ? ['application/json'] : typeof type === 'string' ? [type] : type);

/** Registers one operation: its path, roles (`x-roles` and in words), security, parameters, body and replies. */
export function addOperation(registry: OpenAPIRegistry, spec: OperationSpec): void {
  const responses: Record<string, { description: string; content?: Record<string, { schema: ZodType }> }> = {};
  for (const { status, description, schema, type } of spec.replies) {
    responses[String(status)] = { description, ...(schema ? { content: Object.fromEntries(mediaTypes(type).map((media) => [media, { schema }])) } : {}) };
  }
  for (const status of errorsOf(spec)) {
    // A reply the path file describes itself (a 409 with the current ticket) wins over the generic refusal.
    if (String(status) in responses) continue;
    const refusal = spec.refusal ?? { schema: ErrorBody, type: ['application/json'] };
    responses[String(status)] = { description: ERROR_TEXT[status], content: Object.fromEntries(refusal.type.map((type) => [type, { schema: refusal.schema }])) };
  }
  const body = spec.body;
  registry.registerPath({
    method: spec.method,
    path: toOpenApiPath(spec.path),
    tags: [spec.tag],
    summary: spec.summary,
    description: [spec.description, rolesText(spec.access)].filter(Boolean).join('\n\n'),
    'x-roles': xRoles(spec.access),
    security: securityOf(spec.access),
    request: {
      ...(spec.params ? { params: spec.params } : {}),
      ...(spec.query ? { query: spec.query } : {}),
      ...(body
        ? {
            body: {
              required: !body.optional,
              ...(body.description ? { description: body.description } : {}),
              content: Object.fromEntries(mediaTypes(body.type).map((type) => [type, { schema: body.schema }])),
            },
          }
        : {}),
    },
    responses,
  });
}
