import { Router } from 'express';

export interface HealthReport {
  status: 'ok' | 'degraded';
  components: Record<string, { ok: boolean; [detail: string]: unknown }>;
}

export type HealthProbe = () => Promise<HealthReport>;

/** 200 when every component is up, 503 otherwise, so a load balancer or monitor can act on it. */
export function healthRoutes(probe: HealthProbe): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const report = await probe();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  return router;
}
