import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { addOperation } from '../operation.js';

/** src/http/openapi/openapi-routes.ts: this document itself (the reference page /api-docs is a page). */
export function registerOpenApiPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/openapi.json',
    tag: 'operations',
    summary: 'This OpenAPI 3.1 document',
    access: { roles: [] },
    replies: [{ status: 200, description: 'The document', schema: z.object({ openapi: z.literal('3.1.0') }).loose() }],
  });
}
