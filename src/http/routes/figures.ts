import { Router } from 'express';
import type { Knex } from 'knex';
import { z } from 'zod';
import { istanbulDay } from '../../queues/istanbul-time.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { emptyFiguresRow, lifecycleFigures } from '../../requests/read/lifecycle-figures.js';
import { periodEdge } from '../period-query.js';

export interface FiguresRoutesOptions {
  db: Knex;
  /** Every department is listed (with zeros when it had nothing), under its name. */
  catalogue?: CatalogueSource;
  now?: () => number;
}

const DAY_MS = 86_400_000;
const MAX_PERIOD_MS = 366 * DAY_MS;
const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const figuresQuery = z
  .strictObject({
    from: z.preprocess(blankIsAbsent, periodEdge('from').optional()),
    to: z.preprocess(blankIsAbsent, periodEdge('to').optional()),
  })
  .refine((period) => period.from === undefined || period.to === undefined || period.from < period.to, { message: 'from must be before to', path: ['from'] })
  .refine((period) => period.from === undefined || period.to === undefined || period.to - period.from <= MAX_PERIOD_MS, { message: 'a period is at most 366 days', path: ['to'] });

/**
 * GET /api/figures/lifecycle?from=&to= (supervisors, admins; mounted behind requireRole): the request
 * lifecycle's figures (src/requests/read/lifecycle-figures.ts). Dates are Istanbul days (period-query.ts); with
 * neither edge the period is today. Aggregates only: nothing personal, so nothing for the access log.
 */
export function figuresRoutes(options: FiguresRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? Date.now;

  router.get('/figures/lifecycle', async (req, res) => {
    const query = figuresQuery.parse(req.query);
    const at = now();
    const today = istanbulDay(at);
    // One edge alone: up to today's end from it, or the one day before it.
    const to = query.to ?? (query.from !== undefined && query.from >= today.to ? query.from + DAY_MS : today.to);
    const from = query.from ?? to - DAY_MS;
    const figures = await lifecycleFigures(options.db, { from: new Date(from), to: new Date(to), now: new Date(at) });
    const departments = options.catalogue ? (await options.catalogue.catalogue()).departments : [];
    const names = new Map(departments.map((department) => [department.code, department.name]));
    const listed = new Set(figures.byDepartment.map((row) => row.department));
    const byDepartment = [
      ...figures.byDepartment,
      ...departments.filter((department) => !listed.has(department.code)).map((department) => ({ department: department.code, ...emptyFiguresRow() })),
    ]
      .map((row) => ({ ...row, name: row.department === null ? null : (names.get(row.department) ?? row.department) }))
      .sort((a, b) => (a.name === null ? 1 : b.name === null ? -1 : a.name.localeCompare(b.name, 'tr')));
    res.json({
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      at: new Date(at).toISOString(),
      byDepartment,
      bySource: figures.bySource,
      cimer: figures.bySource.find((row) => row.source === 'cimer') ?? { source: 'cimer', ...emptyFiguresRow() },
      total: figures.total,
    });
  });

  return router;
}
