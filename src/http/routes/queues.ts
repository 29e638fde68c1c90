import { Router } from 'express';
import { z } from 'zod';
import type { QueueKpis } from '../../queues/kpis.js';
import type { QueueMonitorSnapshot } from '../../queues/queue-monitor.js';
import { HttpError } from '../errors.js';
import { periodEdge } from '../period-query.js';

/** What the queue routes read (QueueMonitor fits). */
export interface QueueReader {
  snapshot(): QueueMonitorSnapshot;
  knows(queue: string): boolean;
  stats(queue: string, from: number, to: number): Promise<QueueKpis>;
}

const MAX_PERIOD_MS = 31 * 24 * 3_600_000;

export const statsQuery = z
  .strictObject({ from: periodEdge('from'), to: periodEdge('to') })
  .refine((period) => period.from < period.to, { message: 'from must be before to', path: ['from'] })
  .refine((period) => period.to - period.from <= MAX_PERIOD_MS, { message: 'a period is at most 31 days', path: ['to'] });

export const queueName = z.string().regex(/^[\p{L}\p{N}_.-]{1,80}$/u, 'a queue name has letters, digits, _ . - only');

export function queueRoutes(queues: QueueReader): Router {
  const router = Router();

  router.get('/queues', (_req, res) => {
    res.json(queues.snapshot());
  });

  router.get('/queues/:name/stats', async (req, res) => {
    const name = queueName.parse(req.params.name);
    const period = statsQuery.parse(req.query);
    if (!queues.knows(name)) throw new HttpError(404, `queue ${name} not found`);
    const kpis = await queues.stats(name, period.from, period.to);
    res.json({ queue: name, from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString(), kpis });
  });

  return router;
}
