import { Router } from 'express';
import type { MenuAdministration } from '../../admin/ivr/create-menu-admin.js';
import { requireRole } from '../auth-middleware.js';
import { adminIvrRoutes } from './admin-ivr.js';
import { adminCatalogueRoutes, type AdminCatalogueRoutesDeps } from './admin-catalogue.js';

export interface AdminMenuRoutesDeps {
  ivr: MenuAdministration;
  catalogue: AdminCatalogueRoutesDeps;
}

/** The IVR menu's and the catalogue's editors (/api/admin/ivr…, /api/admin/catalogue…): admins only. */
export function adminMenuRoutes(deps: AdminMenuRoutesDeps): Router {
  const router = Router();
  router.use('/admin/ivr', requireRole('admin'));
  router.use('/admin/catalogue', requireRole('admin'));
  router.use(adminIvrRoutes(deps.ivr.admin, { promptNames: (language) => deps.ivr.manifest.names(language) }));
  router.use(adminCatalogueRoutes(deps.catalogue));
  return router;
}
