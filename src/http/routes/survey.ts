import { Router } from 'express';
import { z } from 'zod';
import { countingWindow, type Shift } from '../../queues/istanbul-time.js';
import type { KnexSurveyStore } from '../../survey/survey-store.js';
import { periodEdge } from '../period-query.js';

export interface SurveyRoutesOptions {
  store: Pick<KnexSurveyStore, 'figures'>;
  /** The board's counting window (queues.shifts): the default period. */
  shifts: readonly Shift[];
  now?: () => number;
}

const MAX_PERIOD_MS = 31 * 86_400_000;
const blankIsAbsent = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const surveyQuery = z
  .strictObject({
    from: z.preprocess(blankIsAbsent, periodEdge('from').optional()),
    to: z.preprocess(blankIsAbsent, periodEdge('to').optional()),
  })
  .refine((period) => (period.from === undefined) === (period.to === undefined), { message: 'give both from and to, or neither', path: ['to'] })
  .refine((period) => period.from === undefined || period.to === undefined || period.from < period.to, { message: 'from must be before to', path: ['from'] })
  .refine((period) => period.from === undefined || period.to === undefined || period.to - period.from <= MAX_PERIOD_MS, { message: 'a period is at most 31 days', path: ['to'] });

/**
 * GET /api/figures/survey?from=&to= (supervisors, admins; mounted behind requireRole): the post-call survey's
 * average score and count per agent, per queue and in all. Without a period: the board's counting window (the
 * shift, else today in Istanbul). Dates are Istanbul days (period-query.ts). Aggregates only, nothing personal.
 */
export function surveyRoutes(options: SurveyRoutesOptions): Router {
  const router = Router();
  const now = options.now ?? Date.now;
  router.get('/figures/survey', async (req, res) => {
    const query = surveyQuery.parse(req.query);
    const window = query.from !== undefined && query.to !== undefined ? { from: query.from, to: query.to, shift: null } : countingWindow(now(), options.shifts);
    const figures = await options.store.figures(new Date(window.from), new Date(window.to));
    res.json({ from: new Date(window.from).toISOString(), to: new Date(window.to).toISOString(), shift: window.shift, ...figures });
  });
  return router;
}
