import type { Knex } from 'knex';
import { siteSchema, type SiteData } from '../../config/site.js';

/** The lists of config/site.json an admin edits: stored in catalogue_lists under these keys. */
export const SITE_LISTS = ['districts', 'pauseReasons'] as const;
export type SiteList = (typeof SITE_LISTS)[number];

/**
 * config/site.json as the screens see it now: the file's content with the districts and break reasons an admin
 * stored over it (the file stays the seed and the fallback). One object swapped whole on each change.
 */
export class LiveSite {
  private data: SiteData;

  constructor(private readonly seed: SiteData) {
    this.data = seed;
  }

  current(): SiteData {
    return this.data;
  }

  /** At start: a stored list that no longer passes the site schema is skipped (the file's list is used). */
  async load(db: Knex, warn: (message: string, meta: Record<string, unknown>) => void): Promise<void> {
    const rows = (await db('catalogue_lists').whereIn('key', [...SITE_LISTS]).select('key', 'value')) as { key: string; value: string }[];
    let next: SiteData = this.seed;
    for (const row of rows) {
      const key = row.key as SiteList;
      const parsed = siteSchema.shape[key].safeParse(JSON.parse(row.value));
      if (parsed.success) next = { ...next, [key]: parsed.data };
      else warn('stored catalogue list does not load; config/site.json is used', { key });
    }
    this.data = next;
  }

  set<K extends SiteList>(key: K, value: SiteData[K]): void {
    this.data = { ...this.data, [key]: value };
  }
}
