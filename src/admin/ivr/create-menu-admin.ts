import path from 'node:path';
import type { Knex } from 'knex';
import type { Logger } from '../../logging/logger.js';
import { IvrMenuHolder } from '../../ivr/menu-holder.js';
import type { IvrDefinition } from '../../ivr/types.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { MenuAdmin } from './menu-admin.js';
import { KnexMenuVersions } from './menu-versions.js';
import { PromptManifest } from './prompt-manifest.js';

export interface MenuAdministration {
  /** What CallRegistry reads at each StasisStart. */
  holder: IvrMenuHolder;
  admin: MenuAdmin;
  manifest: PromptManifest;
}

/** The editable IVR menu: config/ivr.json until an admin applies one, then the newest stored version (read at start). */
export async function createMenuAdmin(deps: {
  db: Knex;
  seed: IvrDefinition;
  catalogue: CatalogueSource;
  rootDir: string;
  logger: Logger;
  /** The holder, when something else (the catalogue's delete check) reads it too; absent: one is made. */
  holder?: IvrMenuHolder;
}): Promise<MenuAdministration> {
  const holder = deps.holder ?? new IvrMenuHolder(deps.seed);
  const manifest = new PromptManifest(path.resolve(deps.rootDir, 'dialplans', 'sounds'));
  const admin = new MenuAdmin({ holder, versions: new KnexMenuVersions(deps.db), manifest, seed: deps.seed, catalogue: deps.catalogue, logger: deps.logger });
  await admin.start();
  return { holder, admin, manifest };
}
