import express, { type Express } from 'express';
import type { AccessLog } from '../audit/access-log.js';
import type { AccessLogStore } from '../audit/access-log-store.js';
import type { AuthService } from '../auth/auth-service.js';
import type { UserStore } from '../auth/user-store.js';
import type { Logger } from '../logging/logger.js';
import type { CatalogueSource } from '../requests/catalogue/catalogue.js';
import type { TicketEditing } from '../requests/ticket-editor.js';
import type { EscalationReader } from '../requests/read/escalations.js';
import type { TicketStore } from '../requests/ticket-store-type.js';
import type { Open311Http } from '../channels/open311/create-open311.js';
import type { ApplicationImport } from '../channels/cimer/application-import.js';
import { authenticate, requireRole } from './auth-middleware.js';
import { requireJsonBody, requireOwnOrigin } from './csrf-guard.js';
import { errorHandler, notFound } from './errors.js';
import { createOriginPolicy } from './origin-policy.js';
import { applicationRoutes, type ApplicationRoutesOptions } from './routes/applications.js';
import { applicationImportRoutes } from './routes/applications-import.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { callbackRoutes, type CallbackRoutesOptions } from './routes/callbacks.js';
import { catalogueRoutes } from './routes/catalogue.js';
import { healthRoutes, type HealthProbe } from './routes/health.js';
import { deskRoutes, type DeskRoutesOptions } from './routes/desk.js';
import { escalationRoutes } from './routes/escalations.js';
import { fieldRoutes, type FieldRoutesOptions } from './routes/field.js';
import { figuresRoutes, type FiguresRoutesOptions } from './routes/figures.js';
import { pageRoutes } from './routes/pages.js';
import { publicChannelRoutes, type PublicChannelsOptions } from './routes/public-channels.js';
import { ticketRoutes } from './routes/tickets.js';
import { requestRoutes, type RequestRoutesDeps } from './routes/requests.js';
import { relayRoutes, type RelayRoutesOptions } from './routes/relay.js';
import { ticketSmsRoutes, type TicketSmsRoutesOptions } from './routes/ticket-sms.js';
import { queueRoutes, type QueueReader } from './routes/queues.js';
import { noStore, securityHeaders } from './security-headers.js';
import type { Announcements } from '../announcements/create-announcements.js';
import { announcementRoutes } from './routes/announcements.js';
import { announcementUploadRoutes } from './routes/announcements-upload.js';
import { adminMenuRoutes, type AdminMenuRoutesDeps } from './routes/admin-menu.js';
import { surveyRoutes, type SurveyRoutesOptions } from './routes/survey.js';
import type { Router } from 'express';
import type { PasswordChange } from '../auth/password-change.js';
import { passwordRoutes } from './routes/auth-password.js';
import { openApiRoutes } from './openapi/openapi-routes.js';
import type { HttpMetrics } from '../operations/metrics/create-metrics.js';
import { reportRoutes, type ReportRoutesOptions } from './routes/reports.js';

export interface HttpAppDeps {
  tickets: TicketStore;
  health: HealthProbe;
  auth: AuthService;
  users: UserStore;
  cookieSecure: boolean;
  /** Express `trust proxy` (config http.trustProxy). */
  trustProxy?: boolean | number | string;
  /** Origins whose pages may change state (config http.publicOrigins); absent or empty: the server's own (the request's Host). */
  publicOrigins?: readonly string[];
  /** Absent in tests that only need the ticket routes. */
  queues?: QueueReader;
  /** Creating and editing tickets (POST/PATCH /api/tickets); absent: tickets are read-only. */
  editor?: TicketEditing;
  /** The lifecycle's actions (/api/tickets/:number/actions), /api/lifecycle and the department inbox (/api/inbox); absent: none. */
  requests?: Pick<RequestRoutesDeps, 'service' | 'inbox'>;
  /** GET /api/catalogue; absent: no catalogue route. */
  catalogue?: CatalogueSource;
  /** The agent desk (/api/desk) and the supervisors' view of it (/api/agents); absent: no desk. */
  desk?: DeskRoutesOptions;
  /** The folder of the static pages (src/web); absent: no pages. */
  webDir?: string;
  /** The KVKK access log: ticket reads are recorded in `log`, admins list `store` at GET /api/audit; absent: neither. */
  audit?: { log: AccessLog; store: Pick<AccessLogStore, 'list'> };
  /** Callbacks ("Ara": POST/GET /api/callbacks) and the abandoned-callers list; absent: neither. */
  callbacks?: CallbackRoutesOptions;
  /** The relay list (GET /api/relay) and the desk's "SMS gönder" (POST /api/tickets/:number/sms); absent: neither. */
  relay?: { list: RelayRoutesOptions; sms: TicketSmsRoutesOptions };
  /** GET /api/figures/lifecycle (supervisors, admins); absent: no figures route. */
  figures?: FiguresRoutesOptions;
  /** GET /api/escalations (supervisors, admins): due soon, overdue, ack overdue per department; absent: no route. */
  escalations?: { reader: Pick<EscalationReader, 'counts' | 'page'>; now?: () => Date };
  /** The offline field desk's API (/api/field: events, the outbox's batches); absent: no field desk. */
  field?: FieldRoutesOptions;
  /** The public request form /basvuru, the status page /durum and /api/public (no login); absent: none. */
  publicChannels?: PublicChannelsOptions;
  /** Open311 GeoReport v2 (/open311/v2, API keys in the body) and the admins' key routes (/api/open311/keys); absent: neither. */
  open311?: Open311Http;
  /** CİMER / Açık Kapı applications: /api/applications (entry, list, one), POST /api/applications/import (CSV/XLSX); absent: none. */
  applications?: Omit<ApplicationRoutesOptions, 'tickets' | 'accessLog'> & { importer: ApplicationImport; importMaxBytes: number };
  /** Live announcements (/api/announcements, supervisors and admins; WAV uploads); absent: none. */
  announcements?: Announcements;
  /** GET /api/figures/survey (supervisors, admins): post-call survey averages; absent: no route. */
  survey?: SurveyRoutesOptions;
  /** Request durations by route pattern and GET /metrics (src/operations/metrics); absent: neither. */
  metrics?: HttpMetrics;
  /** The IVR menu and catalogue editors (/api/admin/ivr…, /api/admin/catalogue…; admins); absent: neither. */
  adminMenu?: AdminMenuRoutesDeps;
  /** /api/reports (supervisors, admins): reports as JSON, their tables and the listings as CSV/XLSX; absent: none. */
  reports?: Omit<ReportRoutesOptions, 'logger' | 'accessLog'>;
  /** POST /api/auth/password: a user's own new password (the one API open to a one-time password); absent: none. */
  passwords?: PasswordChange;
  /** Users and queues administration (/api/admin/users, /api/admin/queues, /api/admin/history; src/admin); absent: none. */
  admin?: Router[];
  logger: Logger;
}

/** Who may read what: /healthz is open (monitoring); every /api route but login needs a session. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  // First: every request is timed, refused ones too.
  if (deps.metrics) app.use(deps.metrics.timing);
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // Behind a reverse proxy req.ip is the proxy's unless trusted: the per-address login limit would lock everyone out together.
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders());
  app.use('/api', noStore);
  app.use(requireOwnOrigin(createOriginPolicy(deps.publicOrigins ?? []), deps.logger));
  // Open311 clients post forms (the spec): its router parses form or JSON bodies with its own limit and refuses other types.
  if (deps.open311) app.use('/open311', deps.open311.api);
  // A list export is a CSV or XLSX body: its route takes only those two types, with its own size limit, and authenticates itself.
  if (deps.applications) app.use(applicationImportRoutes({ auth: deps.auth, importer: deps.applications.importer, maxBytes: deps.applications.importMaxBytes }));
  // A recording upload's body is the WAV: its routes take audio/wav only (415 otherwise), with their own size limit, and authenticate themselves.
  if (deps.announcements) app.use('/api', announcementUploadRoutes(deps.announcements, deps.auth));
  app.use(requireJsonBody);
  // Before the staff API's body parser: the public routes parse their bodies with a smaller limit of their own.
  if (deps.publicChannels) app.use(publicChannelRoutes(deps.publicChannels));
  app.use(express.json({ limit: '64kb' }));
  app.use(healthRoutes(deps.health));
  // A scraper authenticates with metrics.token (Bearer), not a session.
  if (deps.metrics) app.use(deps.metrics.route);
  app.use('/api', authRoutes({ auth: deps.auth, users: deps.users, cookieSecure: deps.cookieSecure }));
  if (deps.passwords) app.use('/api', passwordRoutes({ auth: deps.auth, passwords: deps.passwords, cookieSecure: deps.cookieSecure }));
  app.use(authenticate(deps.auth));
  // Department users read their department's tickets; the ticket routes filter and refuse writes.
  app.use('/api/tickets', requireRole('agent', 'supervisor', 'department', 'admin'));
  app.use('/api/calls', requireRole('agent', 'supervisor', 'admin'));
  app.use('/api', ticketRoutes(deps.tickets, deps.editor, deps.audit?.log));
  if (deps.requests) {
    app.use('/api/inbox', requireRole('department', 'supervisor', 'admin'));
    app.use('/api/lifecycle', requireRole());
    app.use('/api', requestRoutes({ ...deps.requests, tickets: deps.tickets, users: deps.users }));
  }
  if (deps.audit) {
    app.use('/api/audit', requireRole('admin'));
    app.use('/api', auditRoutes(deps.audit.store));
  }
  if (deps.catalogue) {
    app.use('/api/catalogue', requireRole());
    app.use('/api', catalogueRoutes(deps.catalogue));
  }
  if (deps.queues) {
    app.use('/api/queues', requireRole('agent', 'supervisor', 'admin'));
    app.use('/api/queues/:name/stats', requireRole('supervisor', 'admin'));
    app.use('/api', queueRoutes(deps.queues));
  }
  if (deps.desk) app.use('/api', deskRoutes(deps.desk));
  if (deps.escalations) {
    app.use('/api/escalations', requireRole('supervisor', 'admin'));
    app.use('/api', escalationRoutes(deps.escalations.reader, deps.escalations.now));
  }
  if (deps.figures) {
    app.use('/api/figures', requireRole('supervisor', 'admin'));
    app.use('/api', figuresRoutes(deps.figures));
  }
  if (deps.survey) {
    app.use('/api/figures/survey', requireRole('supervisor', 'admin'));
    app.use('/api', surveyRoutes(deps.survey));
  }
  if (deps.announcements) {
    app.use('/api/announcements', requireRole('supervisor', 'admin'));
    app.use('/api', announcementRoutes(deps.announcements));
  }
  if (deps.adminMenu) app.use('/api', adminMenuRoutes(deps.adminMenu));
  if (deps.reports) app.use('/api', reportRoutes({ ...deps.reports, logger: deps.logger, ...(deps.audit ? { accessLog: deps.audit.log } : {}) }));
  if (deps.admin) {
    app.use(['/api/admin/users', '/api/admin/queues', '/api/admin/history'], requireRole('supervisor', 'admin'));
    app.use('/api', ...deps.admin);
  }
  if (deps.field) app.use('/api', fieldRoutes(deps.field));
  if (deps.open311) app.use('/api', deps.open311.keys);
  if (deps.callbacks) app.use('/api', callbackRoutes(deps.callbacks));
  if (deps.relay) app.use('/api', relayRoutes(deps.relay.list), ticketSmsRoutes(deps.relay.sms));
  if (deps.applications) app.use('/api', applicationRoutes({ ...deps.applications, tickets: deps.tickets, ...(deps.audit ? { accessLog: deps.audit.log } : {}) }));
  // The OpenAPI document and its reference page /api-docs (any signed-in user): always, it describes every route.
  app.use(openApiRoutes(deps.webDir));
  if (deps.webDir) app.use(pageRoutes(deps.webDir));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
