import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IMPORT_MEDIA_TYPES } from '../../../channels/cimer/import-file.js';
import { importQuery } from '../../routes/applications-import.js';
import { entrySchema, listQuery } from '../../routes/applications.js';
import { addOperation } from '../operation.js';
import { anObject, Ticket, ticketNumberParams } from '../shapes.js';

const DESK = ['agent', 'supervisor', 'admin'] as const;
const Entered = anObject('ApplicationEntry', '{ created, ticket } (src/channels/cimer/application-intake.ts).');

/** src/http/routes/applications.ts and applications-import.ts: CİMER / Açık Kapı applications at the Beyaz Masa. */
export function registerApplicationPaths(registry: OpenAPIRegistry): void {
  const tag = 'applications';
  addOperation(registry, {
    method: 'post',
    path: '/api/applications',
    tag,
    summary: 'Enter a CİMER / Açık Kapı application (an application number stored already answers 200 with its ticket)',
    access: { roles: DESK },
    body: { schema: entrySchema },
    replies: [
      { status: 201, description: 'A ticket was opened', schema: Entered },
      { status: 200, description: 'Known already: its ticket (recorded in the access log)', schema: Entered },
    ],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/applications',
    tag,
    summary: 'The open applications, nearest deadline first',
    access: { roles: DESK },
    query: listQuery,
    replies: [{ status: 200, description: 'The list', schema: z.object({ items: z.array(z.object({}).loose()), now: z.iso.datetime() }).loose() }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/applications/:number',
    tag,
    summary: 'One application: the ticket, its reply text once answered, the allowed actions',
    access: { roles: DESK },
    params: ticketNumberParams,
    replies: [{ status: 200, description: 'The application', schema: z.object({ ticket: Ticket, replyText: z.string().nullable(), allowed: z.array(z.string()) }) }],
    errors: [404],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/applications/import',
    tag,
    summary: "Import a portal's list export (CSV or XLSX as the body); answers the per-row report",
    access: { roles: DESK },
    query: importQuery,
    body: { schema: z.string().meta({ format: 'binary', description: 'The export file, at most channels.cimer.importMaxBytes.' }), type: Object.keys(IMPORT_MEDIA_TYPES) },
    replies: [{ status: 200, description: 'The report', schema: anObject('ImportReport', 'Per-row results (src/channels/cimer/application-import.ts).') }],
    errors: [413, 415],
  });
}
