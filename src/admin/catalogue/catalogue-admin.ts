import type { Knex } from 'knex';
import { siteSchema, type SiteData } from '../../config/site.js';
import type { IvrMenuSource } from '../../ivr/menu-holder.js';
import type { KnexCatalogue } from '../../requests/catalogue/catalogue.js';
import { toDbTime } from '../../storage/time.js';
import type { KnexCatalogueHistory } from './catalogue-history.js';
import { CatalogueInvalid, CatalogueNotFound, CatalogueRefused, problemsOf } from './catalogue-problems.js';
import type { CategoryCreate, CategoryUpdate } from './category-rules.js';
import type { LiveSite, SiteList } from './live-site.js';
import { merge, type LiveSmsTexts, type SmsTextView } from './sms-texts.js';

interface CategoryRow {
  code: string;
  name: string;
  parent_code: string | null;
  department_code: string;
}

export interface CatalogueAdminDeps {
  db: Knex;
  catalogue: KnexCatalogue;
  site: LiveSite;
  smsTexts: LiveSmsTexts;
  history: KnexCatalogueHistory;
  /** The IVR menu new calls take: a category it sends callers to cannot go. */
  ivr: IvrMenuSource;
  clock?: () => Date;
}

const count = async (query: Knex.QueryBuilder): Promise<number> => Number(((await query.count({ n: '*' }).first()) as { n: number | string } | undefined)?.n ?? 0);

/**
 * Edits of the catalogue: categories and departments in their tables, districts and break reasons over config/site.json.
 * Each change and its history row commit together; the catalogue cache is dropped after, so GET /api/catalogue and the
 * forms' validation have it at once.
 */
export class CatalogueAdmin {
  private readonly clock: () => Date;

  constructor(private readonly deps: CatalogueAdminDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async createCategory(body: CategoryCreate, user: string): Promise<void> {
    await this.change(async (trx) => {
      if (await trx('categories').where({ code: body.code }).first()) throw new CatalogueInvalid([{ path: 'code', message: `"${body.code}" kodlu bir kategori zaten var` }]);
      await this.checkLinks(trx, body.code, body.parentCode, body.departmentCode);
      const row: CategoryRow = { code: body.code, name: body.name, parent_code: body.parentCode, department_code: body.departmentCode };
      await trx('categories').insert(row);
      await this.record(trx, 'category', body.code, 'create', null, row, user);
    });
  }

  async updateCategory(code: string, body: CategoryUpdate, user: string): Promise<void> {
    await this.change(async (trx) => {
      const before = await this.category(trx, code);
      const after: CategoryRow = {
        ...before,
        ...(body.name === undefined ? {} : { name: body.name }),
        ...(body.parentCode === undefined ? {} : { parent_code: body.parentCode }),
        ...(body.departmentCode === undefined ? {} : { department_code: body.departmentCode }),
      };
      await this.checkLinks(trx, code, after.parent_code, after.department_code);
      if (after.parent_code !== null && (await trx('categories').where({ parent_code: code }).first())) {
        throw new CatalogueInvalid([{ path: 'parentCode', message: 'Alt kategorileri olan bir kategori başka bir kategorinin altına taşınamaz' }]);
      }
      await trx('categories').where({ code }).update({ name: after.name, parent_code: after.parent_code, department_code: after.department_code });
      await this.record(trx, 'category', code, 'update', before, after, user);
    });
  }

  /** Refused while anything still names it: tickets (their category is a foreign key), sub-categories, the IVR menu. */
  async deleteCategory(code: string, user: string): Promise<void> {
    await this.change(async (trx) => {
      const before = await this.category(trx, code);
      const tickets = await count(trx('tickets').where({ category_code: code }));
      if (tickets > 0) throw new CatalogueRefused(`"${before.name}" kategorisi silinemez: ${tickets} başvuru bu kategoride. Adını değiştirebilir veya yeni başvurular için başka bir kategori açabilirsiniz.`);
      const children = await count(trx('categories').where({ parent_code: code }));
      if (children > 0) throw new CatalogueRefused(`"${before.name}" kategorisi silinemez: ${children} alt kategorisi var; önce onları silin veya taşıyın.`);
      if (this.menuCategories().has(code)) throw new CatalogueRefused(`"${before.name}" kategorisi silinemez: sesli menü bu kategoriye aktarıyor (Yönetim → Sesli menü).`);
      await trx('categories').where({ code }).delete();
      await this.record(trx, 'category', code, 'delete', before, null, user);
    });
  }

  async createDepartment(body: { code: string; name: string }, user: string): Promise<void> {
    await this.change(async (trx) => {
      if (await trx('departments').where({ code: body.code }).first()) throw new CatalogueInvalid([{ path: 'code', message: `"${body.code}" kodlu bir birim zaten var` }]);
      await trx('departments').insert(body);
      await this.record(trx, 'department', body.code, 'create', null, body, user);
    });
  }

  async updateDepartment(code: string, body: { name: string }, user: string): Promise<void> {
    await this.change(async (trx) => {
      const before = (await trx('departments').where({ code }).first('code', 'name')) as { code: string; name: string } | undefined;
      if (!before) throw new CatalogueNotFound(`"${code}" kodlu bir birim yok`);
      await trx('departments').where({ code }).update({ name: body.name });
      await this.record(trx, 'department', code, 'update', before, { code, name: body.name }, user);
    });
  }

  async deleteDepartment(code: string, user: string): Promise<void> {
    await this.change(async (trx) => {
      const before = (await trx('departments').where({ code }).first('code', 'name')) as { code: string; name: string } | undefined;
      if (!before) throw new CatalogueNotFound(`"${code}" kodlu bir birim yok`);
      const uses = [
        [await count(trx('categories').where({ department_code: code })), 'kategori'],
        [await count(trx('tickets').where({ department_code: code })), 'başvuru'],
        [await count(trx('users').where({ department_code: code })), 'kullanıcı'],
      ] as const;
      const used = uses.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
      if (used.length > 0) throw new CatalogueRefused(`"${before.name}" birimi silinemez: ${used.join(', ')} bu birime bağlı.`);
      await trx('departments').where({ code }).delete();
      await this.record(trx, 'department', code, 'delete', before, null, user);
    });
  }

  /** A whole list of config/site.json, checked by the file's own schema; stored over the file's. */
  async setSiteList(key: SiteList, items: unknown[], user: string): Promise<SiteData[SiteList]> {
    const parsed = siteSchema.shape[key].safeParse(items);
    if (!parsed.success) throw new CatalogueInvalid(problemsOf(parsed.error, ['items']));
    const before = this.deps.site.current()[key];
    await this.deps.db.transaction(async (trx) => {
      const at = toDbTime(this.clock());
      await trx('catalogue_lists').insert({ key, value: JSON.stringify(parsed.data), updated_by: user, updated_at: at }).onConflict('key').merge();
      await this.record(trx, key, key, 'update', before, parsed.data, user);
    });
    this.deps.site.set(key, parsed.data);
    this.deps.catalogue.invalidate();
    return parsed.data;
  }

  /** Some of the SMS texts, each checked for its placeholders; the rest stay as they are. */
  async setSmsTexts(changes: Record<string, unknown>, user: string): Promise<SmsTextView[]> {
    const before = this.deps.smsTexts.current();
    const { texts, problems } = merge(before, changes);
    if (problems.length > 0) throw new CatalogueInvalid(problems);
    await this.deps.db.transaction(async (trx) => {
      await trx('catalogue_lists').insert({ key: 'smsTemplates', value: JSON.stringify(texts), updated_by: user, updated_at: toDbTime(this.clock()) }).onConflict('key').merge();
      await this.record(trx, 'smsTemplates', 'smsTemplates', 'update', before, texts, user);
    });
    this.deps.smsTexts.set(texts);
    return this.deps.smsTexts.view();
  }

  /** What the texts would cost and what is wrong with them, without storing anything (the form's live count). */
  previewSmsTexts(changes: Record<string, unknown>): { texts: SmsTextView[]; problems: { path: string; message: string }[] } {
    const { texts, problems } = merge(this.deps.smsTexts.current(), changes);
    const draft = { ...texts };
    for (const [key, value] of Object.entries(changes)) if (key in draft && typeof value === 'string') draft[key as keyof typeof draft] = value;
    return { texts: this.deps.smsTexts.view(draft), problems };
  }

  private menuCategories(): Set<string> {
    const def = this.deps.ivr.current().definition;
    const codes = new Set([def.defaultTarget.category]);
    for (const menu of Object.values(def.menus)) for (const option of Object.values(menu.options)) if ('category' in option) codes.add(option.category);
    return codes;
  }

  private async category(trx: Knex.Transaction, code: string): Promise<CategoryRow> {
    const row = (await trx('categories').where({ code }).first('code', 'name', 'parent_code', 'department_code')) as CategoryRow | undefined;
    if (!row) throw new CatalogueNotFound(`"${code}" kodlu bir kategori yok`);
    return row;
  }

  /** Two levels, as the forms show them: a parent is a top-level category, never the category itself. */
  private async checkLinks(trx: Knex.Transaction, code: string, parentCode: string | null, departmentCode: string): Promise<void> {
    const problems = [];
    if (parentCode !== null) {
      const parent = (await trx('categories').where({ code: parentCode }).first('parent_code')) as { parent_code: string | null } | undefined;
      if (parentCode === code) problems.push({ path: 'parentCode', message: 'Bir kategori kendisinin alt kategorisi olamaz' });
      else if (!parent) problems.push({ path: 'parentCode', message: `"${parentCode}" kodlu bir üst kategori yok` });
      else if (parent.parent_code !== null) problems.push({ path: 'parentCode', message: 'Üst kategori bir ana kategori olmalı (iki düzey)' });
    }
    if (!(await trx('departments').where({ code: departmentCode }).first())) problems.push({ path: 'departmentCode', message: `"${departmentCode}" kodlu bir birim yok` });
    if (problems.length > 0) throw new CatalogueInvalid(problems);
  }

  private async change(work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
    await this.deps.db.transaction(work);
    this.deps.catalogue.invalidate();
  }

  private record(trx: Knex.Transaction, entity: Parameters<KnexCatalogueHistory['record']>[1]['entity'], code: string, action: 'create' | 'update' | 'delete', before: unknown, after: unknown, user: string): Promise<void> {
    return this.deps.history.record(trx, { entity, code, action, before, after, changedBy: user, changedAt: toDbTime(this.clock()) });
  }
}
