import type { Knex } from 'knex';
import type { SiteData } from '../../config/site.js';
import type { IvrMenuSource } from '../../ivr/menu-holder.js';
import type { Logger } from '../../logging/logger.js';
import type { SmsEncodingSetting } from '../../relay/sms/encoding.js';
import { KnexCatalogue } from '../../requests/catalogue/catalogue.js';
import { CatalogueAdmin } from './catalogue-admin.js';
import { KnexCatalogueHistory } from './catalogue-history.js';
import { LiveSite } from './live-site.js';
import { LiveSmsTexts } from './sms-texts.js';

export interface CatalogueAdministration {
  /** The catalogue every screen and form reads (GET /api/catalogue, ticket validation), with the admin's lists. */
  catalogue: KnexCatalogue;
  site: LiveSite;
  /** The SMS templates' texts the relay sends now. */
  smsTexts: LiveSmsTexts;
  admin: CatalogueAdmin;
  history: KnexCatalogueHistory;
}

/** config/site.json (and the shipped SMS texts) are the seed: what an admin stored is laid over them at start. */
export async function createCatalogueAdmin(deps: {
  db: Knex;
  seed: SiteData;
  ivr: IvrMenuSource;
  /** relay.sms's encoding and maxParts: the SMS texts' part counts are the relay's own. */
  sms: { encoding: SmsEncodingSetting; maxParts: number };
  logger: Logger;
}): Promise<CatalogueAdministration> {
  const site = new LiveSite(deps.seed);
  await site.load(deps.db, (message, meta) => deps.logger.error(message, meta));
  const catalogue = new KnexCatalogue(deps.db, () => site.current());
  const history = new KnexCatalogueHistory(deps.db);
  const smsTexts = new LiveSmsTexts(deps.sms);
  await smsTexts.load(deps.db);
  const admin = new CatalogueAdmin({ db: deps.db, catalogue, site, smsTexts, history, ivr: deps.ivr });
  return { catalogue, site, smsTexts, admin, history };
}
