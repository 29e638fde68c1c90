import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

/** src/http/routes/catalogue.ts */
export function registerCataloguePaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/catalogue',
    tag: 'catalogue',
    summary: 'Categories (with sub-categories), departments, districts, neighbourhoods, priorities and pause reasons for the desk',
    access: { roles: [] },
    replies: [{ status: 200, description: 'The catalogue (cacheable for 5 minutes)', schema: anObject('Catalogue', 'src/requests/catalogue/catalogue.ts Catalogue.') }],
  });
}
