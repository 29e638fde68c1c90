import express, { type Express } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import type { UserStore } from '../auth/user-store.js';
import type { Logger } from '../logging/logger.js';
import type { TicketStore } from '../tickets/ticket-store-type.js';
import { authenticate, requireRole } from './auth-middleware.js';
import { errorHandler, notFound } from './errors.js';
import { authRoutes } from './routes/auth.js';
import { healthRoutes, type HealthProbe } from './routes/health.js';
import { pageRoutes } from './routes/pages.js';
import { ticketRoutes } from './routes/tickets.js';
import { queueRoutes, type QueueReader } from './routes/queues.js';

export interface HttpAppDeps {
  tickets: TicketStore;
  health: HealthProbe;
  auth: AuthService;
  users: UserStore;
  cookieSecure: boolean;
  /** Absent in tests that only need the ticket routes. */
  queues?: QueueReader;
  /** The folder of the static pages (src/web); absent: no pages. */
  webDir?: string;
  logger: Logger;
}

/** Who may read what: /healthz is open (monitoring); every /api route but login needs a session. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '64kb' }));
  app.use(healthRoutes(deps.health));
  app.use('/api', authRoutes({ auth: deps.auth, users: deps.users, cookieSecure: deps.cookieSecure }));
  app.use(authenticate(deps.auth));
  app.use('/api/tickets', requireRole('agent', 'supervisor', 'admin'));
  app.use('/api/calls', requireRole('agent', 'supervisor', 'admin'));
  app.use('/api', ticketRoutes(deps.tickets));
  if (deps.queues) {
    app.use('/api/queues', requireRole('agent', 'supervisor', 'admin'));
    app.use('/api/queues/:name/stats', requireRole('supervisor', 'admin'));
    app.use('/api', queueRoutes(deps.queues));
  }
  if (deps.webDir) app.use(pageRoutes(deps.webDir));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
