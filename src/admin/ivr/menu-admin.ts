import type { Logger } from '../../logging/logger.js';
import { ivrDefinitionProblems, ivrQueues, parseIvrDefinition } from '../../ivr/definition.js';
import type { IvrMenuHolder } from '../../ivr/menu-holder.js';
import type { IvrDefinition } from '../../ivr/types.js';
import type { CatalogueSource } from '../../requests/catalogue/catalogue.js';
import { toDbTime } from '../../storage/time.js';
import type { KnexMenuVersions, MenuVersion } from './menu-versions.js';
import type { PromptManifest } from './prompt-manifest.js';
import { turkishProblems, type FieldProblem } from './turkish-problems.js';

/** The menu was not applied: every reason, each at its field. */
export class MenuRejected extends Error {
  override readonly name = 'MenuRejected';
  constructor(readonly problems: FieldProblem[]) {
    super(`IVR menu rejected: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  }
}

export class MenuVersionNotFound extends Error {
  override readonly name = 'MenuVersionNotFound';
}

export interface MenuAdminDeps {
  holder: IvrMenuHolder;
  versions: KnexMenuVersions;
  manifest: PromptManifest;
  /** config/ivr.json as loaded at start: the first version and the menu when the database has none. */
  seed: IvrDefinition;
  catalogue: CatalogueSource;
  logger: Logger;
  clock?: () => Date;
}

export type CheckResult = { ok: true; definition: IvrDefinition } | { ok: false; problems: FieldProblem[] };

/**
 * Edits of the IVR menu: checked by the engine's own schema (src/ivr/definition.ts), then against what exists (prompts
 * in the sounds manifest, categories in the catalogue, queues), stored as a new version and swapped into the holder
 * new calls read. A restore is a new version equal to an old one, so the version list is the whole history.
 */
export class MenuAdmin {
  private readonly clock: () => Date;

  constructor(private readonly deps: MenuAdminDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** At start: the newest stored version, unless it no longer loads (then config/ivr.json, loudly). */
  async start(): Promise<void> {
    const latest = await this.deps.versions.latest();
    if (latest === undefined) return;
    try {
      this.deps.holder.swap(parseIvrDefinition(latest.definition), latest.id);
    } catch (error) {
      this.deps.logger.error('stored IVR menu does not load; config/ivr.json is used', { version: latest.id, error: (error as Error).message });
    }
  }

  async check(raw: unknown): Promise<CheckResult> {
    const shape = ivrDefinitionProblems(raw);
    if (shape.length > 0) return { ok: false, problems: turkishProblems(shape) };
    const definition = parseIvrDefinition(raw);
    const problems = [...(await this.deps.manifest.missing(definition)), ...(await this.unknownTargets(definition))];
    return problems.length > 0 ? { ok: false, problems } : { ok: true, definition };
  }

  async apply(raw: unknown, user: string): Promise<MenuVersion> {
    return this.store(raw, user, 'apply', null);
  }

  async restore(id: number, user: string): Promise<MenuVersion> {
    const old = id === 0 ? { definition: this.deps.seed } : await this.deps.versions.get(id);
    if (old === undefined) throw new MenuVersionNotFound(`IVR menu version ${id} does not exist`);
    // Checked again: a prompt or category the old menu names may have gone since.
    return this.store(old.definition, user, 'restore', id);
  }

  current(): { version: number; definition: IvrDefinition } {
    return this.deps.holder.current();
  }

  async version(id: number): Promise<IvrDefinition | undefined> {
    if (id === 0) return this.deps.seed;
    const found = await this.deps.versions.get(id);
    return found === undefined ? undefined : parseIvrDefinition(found.definition);
  }

  history(limit = 200): Promise<Omit<MenuVersion, 'definition'>[]> {
    return this.deps.versions.list(limit);
  }

  private async store(raw: unknown, user: string, action: MenuVersion['action'], restoredFrom: number | null): Promise<MenuVersion> {
    const checked = await this.check(raw);
    if (!checked.ok) throw new MenuRejected(checked.problems);
    // The parsed menu is stored (defaults filled in): what the engine runs is what the list shows.
    const version = await this.deps.versions.add({ definition: checked.definition, action, restoredFrom, createdBy: user, createdAt: toDbTime(this.clock()) });
    // Two applies at once: the newer version wins whichever commits last.
    if (version.id > this.deps.holder.current().version) this.deps.holder.swap(checked.definition, version.id);
    this.deps.logger.info('IVR menu applied', { version: version.id, action, restoredFrom, user });
    return version;
  }

  /** Categories must be the catalogue's (a ticket's category is a foreign key); queues a known one. */
  private async unknownTargets(def: IvrDefinition): Promise<FieldProblem[]> {
    const [index, catalogue] = await Promise.all([this.deps.catalogue.index(), this.deps.catalogue.catalogue()]);
    const queues = new Set([...catalogue.queues.map((queue) => queue.name), ...ivrQueues(this.deps.seed)]);
    const problems: FieldProblem[] = [];
    const target = (path: string, queue: string, category: string): void => {
      if (!queues.has(queue)) problems.push({ path: `${path}.queue`, message: `"${queue}" adlı bir kuyruk yok (Yönetim → Kuyruklar)` });
      if (!index.categoryDepartments.has(category)) problems.push({ path: `${path}.category`, message: `"${category}" kodlu bir kategori yok (Yönetim → Katalog)` });
    };
    for (const [menuName, menu] of Object.entries(def.menus)) {
      for (const [key, option] of Object.entries(menu.options)) {
        if ('queue' in option) target(`menus.${menuName}.options.${key}`, option.queue, option.category);
      }
    }
    target('defaultTarget', def.defaultTarget.queue, def.defaultTarget.category);
    return problems;
  }
}
