import type { Knex } from 'knex';
import type { SiteData } from '../../config/site.js';
import type { IvrMenuSource } from '../../ivr/menu-holder.js';
import type { Logger } from '../../logging/logger.js';
import { KnexCatalogue } from '../../requests/catalogue/catalogue.js';
import { CatalogueAdmin } from './catalogue-admin.js';
import { KnexCatalogueHistory } from './catalogue-history.js';
import { LiveSite } from './live-site.js';

export interface CatalogueAdministration {
  /** The catalogue every screen and form reads (GET /api/catalogue, ticket validation), with the admin's lists. */
  catalogue: KnexCatalogue;
  site: LiveSite;
  admin: CatalogueAdmin;
  history: KnexCatalogueHistory;
}

/** config/site.json is the seed: the stored districts and break reasons (if any) are laid over it at start. */
export async function createCatalogueAdmin(deps: { db: Knex; seed: SiteData; ivr: IvrMenuSource; logger: Logger }): Promise<CatalogueAdministration> {
  const site = new LiveSite(deps.seed);
  await site.load(deps.db, (message, meta) => deps.logger.error(message, meta));
  const catalogue = new KnexCatalogue(deps.db, () => site.current());
  const history = new KnexCatalogueHistory(deps.db);
  const admin = new CatalogueAdmin({ db: deps.db, catalogue, site, history, ivr: deps.ivr });
  return { catalogue, site, admin, history };
}
