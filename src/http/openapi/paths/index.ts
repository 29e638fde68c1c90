import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerAdminCataloguePaths } from './admin-catalogue.js';
import { registerAdminIvrPaths } from './admin-ivr.js';
import { registerAdminQueuePaths } from './admin-queues.js';
import { registerAdminUserPaths } from './admin-users.js';
import { registerAnnouncementPaths } from './announcements.js';
import { registerApplicationPaths } from './applications.js';
import { registerAuditPaths } from './audit.js';
import { registerAuthPaths } from './auth.js';
import { registerAuthPasswordPaths } from './auth-password.js';
import { registerCataloguePaths } from './catalogue.js';
import { registerDeskPaths } from './desk.js';
import { registerFieldPaths } from './field.js';
import { registerFiguresPaths } from './figures.js';
import { registerHealthPaths } from './health.js';
import { registerMetricsPaths } from './metrics.js';
import { registerOpen311Paths } from './open311.js';
import { registerOpenApiPaths } from './openapi.js';
import { registerPublicPaths } from './public.js';
import { registerReportPaths } from './reports.js';
import { registerQueuePaths } from './queues.js';
import { registerRelayPaths } from './relay.js';
import { registerRequestPaths } from './requests.js';
import { registerTicketPaths } from './tickets.js';

/**
 * Every path file, in the order the reference page lists their tags. A new route module gets a file here
 * (`registerXPaths(registry)` calling addOperation per route) and one line in this list; the test
 * test/integration/openapi-routes.test.ts fails until every route the app serves is in the document.
 */
export const PATH_FILES: readonly ((registry: OpenAPIRegistry) => void)[] = [
  registerAuthPaths,
  registerAuthPasswordPaths,
  registerTicketPaths,
  registerRequestPaths,
  registerCataloguePaths,
  registerDeskPaths,
  registerQueuePaths,
  registerFiguresPaths,
  registerRelayPaths,
  registerApplicationPaths,
  registerFieldPaths,
  registerPublicPaths,
  registerOpen311Paths,
  registerAnnouncementPaths,
  registerAdminUserPaths,
  registerAdminQueuePaths,
  registerAdminIvrPaths,
  registerAdminCataloguePaths,
  registerReportPaths,
  registerAuditPaths,
  registerHealthPaths,
  registerMetricsPaths,
  registerOpenApiPaths,
];
