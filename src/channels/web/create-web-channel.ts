import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from '../../logging/logger.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import type { PublicChannelsOptions } from '../../http/routes/public-channels.js';
import type { ChannelIntake } from '../intake.js';
import { FormTokens } from './form-token.js';
import { loadKvkkText } from './kvkk-text.js';
import { PairLimiter } from './pair-limiter.js';
import { StatusLookup } from './status-lookup.js';
import { StatusRequests } from './status-requests.js';
import type { StatusChannelConfig, WebChannelConfig } from './web-config.js';
import { WebSubmissions } from './web-submissions.js';

export interface WebChannelDeps {
  config: { web: WebChannelConfig; status: StatusChannelConfig };
  /** auth.secret; empty (outside production): a random key per start, so open forms must be reloaded after a restart. */
  secret: string;
  db: Knex;
  intake: Pick<ChannelIntake, 'submit'>;
  catalogue: CatalogueSource;
  smsEnabled: boolean;
  /** config/kvkk-web.json and src/web are resolved against it. */
  rootDir: string;
  webDir?: string;
  logger: Logger;
  now?: () => Date;
}

/** The public form and status page, ready for createHttpApp's `publicChannels`. */
export function createWebChannel(deps: WebChannelDeps): PublicChannelsOptions {
  const { web, status } = deps.config;
  const now = deps.now ?? (() => new Date());
  const tokens = new FormTokens({ secret: deps.secret || randomBytes(48).toString('base64url'), minFillMs: web.minFillSeconds * 1000, maxAgeMs: web.tokenMaxAgeMinutes * 60_000 });
  const submissions = new WebSubmissions({
    intake: deps.intake,
    catalogue: deps.catalogue,
    tokens,
    limits: new PairLimiter('web-form', web.perAddress, web.perPhone),
    smsEnabled: deps.smsEnabled,
    logger: deps.logger,
    now,
  });
  const statusRequests = new StatusRequests({
    lookup: new StatusLookup(deps.db, deps.catalogue),
    limits: new PairLimiter('status-page', status.perAddress, status.perTicket),
    logger: deps.logger,
    now,
  });
  return {
    submissions,
    status: statusRequests,
    tokens,
    catalogue: deps.catalogue,
    kvkk: loadKvkkText(path.resolve(deps.rootDir, web.kvkkFile)),
    minFillSeconds: web.minFillSeconds,
    tokenMaxAgeMinutes: web.tokenMaxAgeMinutes,
    smsEnabled: deps.smsEnabled,
    ...(deps.webDir ? { webDir: deps.webDir } : {}),
    now,
  };
}
