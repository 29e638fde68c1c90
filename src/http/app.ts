import express, { type Express } from 'express';
import type { Logger } from '../logging/logger.js';
import type { TicketStore } from '../tickets/ticket-store-type.js';
import { errorHandler, notFound } from './errors.js';
import { healthRoutes, type HealthProbe } from './routes/health.js';
import { ticketRoutes } from './routes/tickets.js';
import { queueRoutes, type QueueReader } from './routes/queues.js';

export interface HttpAppDeps {
  tickets: TicketStore;
  health: HealthProbe;
  /** Absent in tests that only need the ticket routes. */
  queues?: QueueReader;
  logger: Logger;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '64kb' }));
  app.use(healthRoutes(deps.health));
  app.use('/api', ticketRoutes(deps.tickets));
  if (deps.queues) app.use('/api', queueRoutes(deps.queues));
  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
