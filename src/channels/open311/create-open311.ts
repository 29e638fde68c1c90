import type { RequestHandler } from 'express';
import type { Knex } from 'knex';
import { open311Routes } from '../../http/routes/open311.js';
import { open311KeyRoutes } from '../../http/routes/open311-keys.js';
import type { Logger } from '../../logging/logger.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { ChannelIntake } from '../intake.js';
import { Open311Keys } from './api-keys.js';
import type { Open311Config } from './config.js';
import { Open311Limits } from './limits.js';
import { Open311Api } from './open311-api.js';
import { Open311Intake } from './open311-intake.js';
import { Open311ReadAccess } from './read-access.js';
import { Open311RequestReader } from './request-reader.js';

export interface Open311Deps {
  db: Knex;
  /** The one intake of the channels without an agent (server.ts builds it). */
  intake: ChannelIntake;
  catalogue: CatalogueSource;
  config: Open311Config;
  logger: Logger;
  now?: () => Date;
}

/** What the HTTP app mounts: the GeoReport router (/open311, keys in the requests) and the admins' key routes (/api). */
export interface Open311Http {
  api: RequestHandler;
  keys: RequestHandler;
}

export interface Open311 {
  keys: Open311Keys;
  http: Open311Http;
}

export function createOpen311(deps: Open311Deps): Open311 {
  const logger = deps.logger.child({ component: 'open311' });
  const keys = new Open311Keys(deps.db, { now: deps.now });
  const limits = new Open311Limits(deps.config);
  const intake = new Open311Intake({ db: deps.db, intake: deps.intake, duplicateWindowS: deps.config.duplicateWindowS, now: deps.now });
  const reader = new Open311RequestReader(deps.db, () => deps.catalogue.catalogue(), deps.config.serviceNotice);
  const readAccess = new Open311ReadAccess({ config: deps.config, keys, limits });
  const api = new Open311Api({ config: deps.config, keys, limits, intake, reader, readAccess, catalogue: deps.catalogue, logger, now: deps.now });
  return {
    keys,
    http: { api: open311Routes({ api, limits, maxBodyBytes: deps.config.maxBodyBytes, logger }), keys: open311KeyRoutes(keys, logger) },
  };
}
