import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import { configSchema, type AppConfig } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';
import { KnexCatalogue, type CatalogueSource } from './catalogue/catalogue.js';
import { Deadlines } from './deadlines/deadlines.js';
import { WorkCalendar } from './deadlines/work-calendar.js';
import type { LifecyclePolicy } from './lifecycle.js';
import { RequestService, type TransactionalTasks } from './request-service.js';
import { TicketWriter } from './ticket-writer.js';

export type LifecycleConfig = AppConfig['lifecycle'];

export interface Requests {
  deadlines: Deadlines;
  writer: TicketWriter;
  service: RequestService;
  policy: LifecyclePolicy;
}

export interface CreateRequestsOptions {
  db: Knex;
  config: LifecycleConfig;
  logger: Logger;
  catalogue?: CatalogueSource;
  now?: () => Date;
  tasks?: TransactionalTasks;
  /** The calendar file is resolved against this directory (the project root). */
  baseDir?: string;
}

/** The directory holding config/default.json: two levels up from src/requests, three from dist/src/requests. */
function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 4; up += 1) {
    if (existsSync(path.join(dir, 'config/default.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}
const PROJECT_ROOT = projectRoot();

export function createDeadlines(config: LifecycleConfig, baseDir = process.cwd()): Deadlines {
  const calendar = WorkCalendar.load(path.resolve(baseDir, config.calendarFile));
  return new Deadlines(config.deadlines, calendar, config.dueSoonRatio);
}

export const lifecyclePolicy = (config: LifecycleConfig): LifecyclePolicy => ({ unreachableAttempts: config.unreachable.attempts, unreachableDays: config.unreachable.days });

export function createRequests(options: CreateRequestsOptions): Requests {
  const deadlines = createDeadlines(options.config, options.baseDir);
  const writer = new TicketWriter(deadlines);
  const policy = lifecyclePolicy(options.config);
  const service = new RequestService({
    db: options.db,
    writer,
    catalogue: options.catalogue ?? new KnexCatalogue(options.db),
    policy,
    textMaxLength: options.config.textMaxLength,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.tasks ? { tasks: options.tasks } : {}),
  });
  return { deadlines, writer, service, policy };
}

let shipped: LifecycleConfig | undefined;

/** The lifecycle section of the shipped config/default.json (for stores built without a composed app: tests, tools). */
export function shippedLifecycleConfig(): LifecycleConfig {
  if (!shipped) {
    const raw: unknown = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'config/default.json'), 'utf8'));
    shipped = configSchema.shape.lifecycle.parse((raw as Record<string, unknown>).lifecycle);
  }
  return shipped;
}

export const shippedTicketWriter = (): TicketWriter => new TicketWriter(createDeadlines(shippedLifecycleConfig(), PROJECT_ROOT));
