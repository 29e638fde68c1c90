import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { categoryCreateBody, categoryUpdateBody, codeParam, departmentCreateBody, departmentUpdateBody, siteListBody, smsTextsBody } from '../../../admin/catalogue/category-rules.js';
import { addOperation } from '../operation.js';

const admin = { roles: ['admin'] as const };
const tag = 'admin';
const ok = z.object({ ok: z.literal(true) });
const loose = z.object({}).loose();

/** src/http/routes/admin-catalogue.ts: the catalogue editor (/yonetim/katalog). */
export function registerAdminCataloguePaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/catalogue',
    tag,
    summary: 'Categories and departments with their ticket counts, districts, break reasons, SMS texts and the deadlines as configured',
    access: admin,
    replies: [{ status: 200, description: 'The catalogue', schema: loose }],
  });
  for (const [noun, create, update] of [
    ['categories', categoryCreateBody, categoryUpdateBody],
    ['departments', departmentCreateBody, departmentUpdateBody],
  ] as const) {
    addOperation(registry, {
      method: 'post',
      path: `/api/admin/catalogue/${noun}`,
      tag,
      summary: `Add one of the ${noun}`,
      access: admin,
      body: { schema: create },
      replies: [{ status: 201, description: 'Added', schema: ok }],
      errors: [409],
    });
    addOperation(registry, {
      method: 'patch',
      path: `/api/admin/catalogue/${noun}/:code`,
      tag,
      summary: `Rename or move one of the ${noun}`,
      access: admin,
      params: codeParam,
      body: { schema: update },
      replies: [{ status: 200, description: 'Changed', schema: ok }],
      errors: [404, 409],
    });
    addOperation(registry, {
      method: 'delete',
      path: `/api/admin/catalogue/${noun}/:code`,
      tag,
      summary: `Delete one of the ${noun}; refused with the reason while tickets, sub-categories, users or the IVR menu use it`,
      access: admin,
      params: codeParam,
      replies: [{ status: 204, description: 'Deleted' }],
      errors: [404, 409],
    });
  }
  for (const [path, what] of [
    ['districts', 'districts with their neighbourhoods'],
    ['pause-reasons', 'break reasons'],
  ] as const) {
    addOperation(registry, {
      method: 'put',
      path: `/api/admin/catalogue/${path}`,
      tag,
      summary: `Replace the ${what} (checked by config/site.json's schema)`,
      access: admin,
      body: { schema: siteListBody },
      replies: [{ status: 200, description: 'Stored', schema: z.object({ items: z.array(z.unknown()) }) }],
    });
  }
  addOperation(registry, {
    method: 'put',
    path: '/api/admin/catalogue/sms-templates',
    tag,
    summary: 'Store the SMS texts (placeholders checked per text)',
    access: admin,
    body: { schema: smsTextsBody },
    replies: [{ status: 200, description: 'Stored', schema: z.object({ texts: loose }) }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/admin/catalogue/sms-templates/preview',
    tag,
    summary: "The SMS texts' encoding and part counts, nothing stored",
    access: admin,
    body: { schema: smsTextsBody },
    replies: [{ status: 200, description: 'Part counts', schema: loose }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/catalogue/history',
    tag,
    summary: 'The last 200 catalogue changes (who, when, before, after)',
    access: admin,
    replies: [{ status: 200, description: 'The changes', schema: z.object({ changes: z.array(loose) }) }],
  });
}
