import { Router } from 'express';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';

/** GET /api/catalogue: categories (with sub-categories), departments, districts, priorities and pause reasons for the desk. */
export function catalogueRoutes(catalogue: CatalogueSource): Router {
  const router = Router();
  router.get('/catalogue', async (_req, res) => {
    // An admin's edit (/yonetim/katalog) must show at the next load: the browser revalidates (ETag, a 304 when unchanged).
    res.setHeader('Cache-Control', 'private, no-cache');
    res.json(await catalogue.catalogue());
  });
  return router;
}
