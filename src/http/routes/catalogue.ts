import { Router } from 'express';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';

/** GET /api/catalogue: categories (with sub-categories), departments, districts, priorities and pause reasons for the desk. */
export function catalogueRoutes(catalogue: CatalogueSource): Router {
  const router = Router();
  router.get('/catalogue', async (_req, res) => {
    // Changes only with a migration; a few minutes in the browser's cache spare the server a request per desk load.
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.json(await catalogue.catalogue());
  });
  return router;
}
