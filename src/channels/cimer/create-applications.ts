import type { Knex } from 'knex';
import type { Logger } from '../../logging/logger.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { RequestService } from '../../requests/request-service.js';
import { ApplicationImport } from './application-import.js';
import { ApplicationIntake } from './application-intake.js';
import type { CimerChannelConfig } from './cimer-config.js';

export interface Applications {
  intake: ApplicationIntake;
  importer: ApplicationImport;
}

/** CİMER / Açık Kapı applications: one intake (entry and import alike) and the list importer on it. */
export function createApplications(deps: { db: Knex; service: RequestService; catalogue: CatalogueSource; config: CimerChannelConfig; logger: Logger; now?: () => Date }): Applications {
  const intake = new ApplicationIntake({ db: deps.db, service: deps.service, catalogue: deps.catalogue, ...(deps.now ? { now: deps.now } : {}) });
  const importer = new ApplicationImport({
    intake,
    catalogue: deps.catalogue,
    maxAgeDays: deps.config.maxAgeDays,
    maxRows: deps.config.importMaxRows,
    logger: deps.logger.child({ component: 'applications-import' }),
    ...(deps.now ? { now: deps.now } : {}),
  });
  return { intake, importer };
}
