import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { adminIvrMenuBody, adminIvrVersionId } from '../../routes/admin-ivr.js';
import { addOperation } from '../operation.js';
import { anObject } from '../shapes.js';

const IvrDefinition = anObject('IvrDefinition', "config/ivr.json's content: language, prompts, options, targets, timeouts (checked by the engine's schema, src/ivr/definition.ts).");
const menuBody = { schema: adminIvrMenuBody.extend({ definition: IvrDefinition }) };
const applied = z.object({ version: z.number().int(), createdBy: z.string(), createdAt: z.string() });
const admin = { roles: ['admin'] as const };
const tag = 'admin';

/** src/http/routes/admin-ivr.ts: the IVR menu editor (/yonetim/menu). */
export function registerAdminIvrPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/ivr',
    tag,
    summary: 'The menu new calls take, its version and the prompt names available',
    access: admin,
    replies: [{ status: 200, description: 'The menu', schema: z.object({ version: z.number().int(), definition: IvrDefinition, prompts: z.array(z.string()) }) }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/admin/ivr/check',
    tag,
    summary: 'Check a menu without applying it',
    access: admin,
    body: menuBody,
    replies: [{ status: 200, description: 'ok, or the problems (Turkish, per field)', schema: z.object({ ok: z.boolean(), problems: z.array(z.unknown()) }) }],
  });
  addOperation(registry, {
    method: 'put',
    path: '/api/admin/ivr',
    tag,
    summary: 'Apply a menu: new calls take it at once, calls in the IVR finish on the old one',
    access: admin,
    body: menuBody,
    replies: [{ status: 201, description: 'Applied as a new version', schema: applied }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/ivr/versions',
    tag,
    summary: 'Every applied version (who, when, restored from), config/ivr.json as version 0',
    access: admin,
    replies: [{ status: 200, description: 'The versions', schema: z.object({ current: z.number().int(), versions: z.array(z.object({}).loose()) }) }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/admin/ivr/versions/:id',
    tag,
    summary: "One version's menu",
    access: admin,
    params: adminIvrVersionId,
    replies: [{ status: 200, description: 'The menu', schema: z.object({ version: z.number().int(), definition: IvrDefinition }) }],
    errors: [404],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/admin/ivr/versions/:id/restore',
    tag,
    summary: 'Apply an earlier version again (as a new version)',
    access: admin,
    params: adminIvrVersionId,
    replies: [{ status: 201, description: 'Restored', schema: applied.extend({ restoredFrom: z.number().int() }) }],
    errors: [404],
  });
}
