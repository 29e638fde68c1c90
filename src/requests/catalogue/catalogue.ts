import type { Knex } from 'knex';
import { z } from 'zod';
import { shippedSiteData, type SiteData, type SiteLabel } from '../../config/site.js';
import type { TicketPriority } from '../ticket-store-type.js';

export const TICKET_PRIORITIES: readonly TicketPriority[] = ['low', 'normal', 'high', 'urgent'];

export interface CatalogueEntry {
  code: string;
  name: string;
  departmentCode: string;
}

export interface CatalogueCategory extends CatalogueEntry {
  children: CatalogueEntry[];
}

/** A queue as screens name and order it (config/site.json). */
export interface CatalogueQueue {
  name: string;
  label: SiteLabel;
  /** 1, 2, …: the order of config/site.json. */
  order: number;
}

/**
 * What the screens show names from (GET /api/catalogue): categories and departments from their tables,
 * queues, break reasons and districts from config/site.json.
 */
export interface Catalogue {
  categories: CatalogueCategory[];
  departments: { code: string; name: string }[];
  queues: CatalogueQueue[];
  pauseReasons: { code: string; label: SiteLabel }[];
  districts: string[];
  /** Only districts whose neighbourhoods the site lists; the form takes any neighbourhood for the rest. */
  neighbourhoods: Record<string, string[]>;
  priorities: readonly TicketPriority[];
}

/** Codes for validating a ticket form. */
export interface CatalogueIndex {
  /** Every category code (top level and sub-category) → the department it files under. */
  categoryDepartments: ReadonlyMap<string, string>;
  departmentCodes: ReadonlySet<string>;
  districts: ReadonlySet<string>;
}

export interface CatalogueSource {
  catalogue(): Promise<Catalogue>;
  index(): Promise<CatalogueIndex>;
}

const categoryRowSchema = z.object({ code: z.string(), name: z.string(), parent_code: z.string().nullable(), department_code: z.string() });
const departmentRowSchema = z.object({ code: z.string(), name: z.string() });

const turkishOrder = new Intl.Collator('tr', { sensitivity: 'base' });
const byName = (a: { name: string }, b: { name: string }) => turkishOrder.compare(a.name, b.name);

interface Loaded {
  catalogue: Catalogue;
  index: CatalogueIndex;
}

/**
 * Categories and departments change with a migration or an admin's edit (src/admin/catalogue, which calls
 * `invalidate()`), so they are read once and kept in memory until then. A failed read is not cached.
 */
export class KnexCatalogue implements CatalogueSource {
  private loading: Promise<Loaded> | undefined;

  private readonly siteNow: () => SiteData;

  /**
   * `site`: config/site.json as loaded at start, or a getter of it as an admin changed it (/yonetim/katalog: read at
   * each load, so `invalidate()` after a change is enough); absent (tools, tests): the shipped file.
   */
  constructor(
    private readonly db: Knex,
    site: SiteData | (() => SiteData) = shippedSiteData(),
  ) {
    this.siteNow = typeof site === 'function' ? site : () => site;
  }

  async catalogue(): Promise<Catalogue> {
    return (await this.load()).catalogue;
  }

  async index(): Promise<CatalogueIndex> {
    return (await this.load()).index;
  }

  invalidate(): void {
    this.loading = undefined;
  }

  private load(): Promise<Loaded> {
    if (!this.loading) {
      const loading = this.read();
      this.loading = loading;
      loading.catch(() => {
        if (this.loading === loading) this.loading = undefined;
      });
    }
    return this.loading;
  }

  private async read(): Promise<Loaded> {
    const site = this.siteNow();
    const [categoryRows, departmentRows] = await Promise.all([
      this.db('categories').select('code', 'name', 'parent_code', 'department_code') as Promise<unknown[]>,
      this.db('departments').select('code', 'name') as Promise<unknown[]>,
    ]);
    const categories = categoryRows.map((row) => categoryRowSchema.parse(row));
    const departments = departmentRows.map((row) => departmentRowSchema.parse(row)).sort(byName);
    const entry = (row: z.infer<typeof categoryRowSchema>): CatalogueEntry => ({ code: row.code, name: row.name, departmentCode: row.department_code });
    // Two levels, as the form shows them; a deeper category is listed under its top-level ancestor.
    const parentOf = new Map(categories.map((row) => [row.code, row.parent_code]));
    const topLevelOf = (code: string): string => {
      let current = code;
      for (let depth = 0; depth < categories.length; depth += 1) {
        const parent = parentOf.get(current);
        if (!parent) return current;
        current = parent;
      }
      return current;
    };
    const tree: CatalogueCategory[] = categories
      .filter((row) => row.parent_code === null)
      .sort(byName)
      .map((row) => ({
        ...entry(row),
        children: categories.filter((child) => child.parent_code !== null && topLevelOf(child.code) === row.code).sort(byName).map(entry),
      }));
    return {
      catalogue: { categories: tree, departments, ...siteCatalogue(site), priorities: TICKET_PRIORITIES },
      index: {
        categoryDepartments: new Map(categories.map((row) => [row.code, row.department_code])),
        departmentCodes: new Set(departments.map((row) => row.code)),
        districts: new Set(site.districts.map((district) => district.name)),
      },
    };
  }
}

/** The site file's part of the catalogue, in the file's order. */
export function siteCatalogue(site: SiteData): Pick<Catalogue, 'queues' | 'pauseReasons' | 'districts' | 'neighbourhoods'> {
  const neighbourhoods: Record<string, string[]> = {};
  for (const district of site.districts) if (district.neighbourhoods && district.neighbourhoods.length > 0) neighbourhoods[district.name] = [...district.neighbourhoods];
  return {
    queues: site.queues.map((queue, index) => ({ name: queue.name, label: { ...queue.label }, order: index + 1 })),
    pauseReasons: site.pauseReasons.map((reason) => ({ code: reason.code, label: { ...reason.label } })),
    districts: site.districts.map((district) => district.name),
    neighbourhoods,
  };
}
