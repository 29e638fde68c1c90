import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { CatalogueAdmin } from '../../admin/catalogue/catalogue-admin.js';
import type { KnexCatalogueHistory } from '../../admin/catalogue/catalogue-history.js';
import { CatalogueInvalid, CatalogueNotFound, CatalogueRefused } from '../../admin/catalogue/catalogue-problems.js';
import { categoryCreateBody, categoryUpdateBody, codeParam, departmentCreateBody, departmentUpdateBody, siteListBody, smsTextsBody } from '../../admin/catalogue/category-rules.js';
import type { LiveSite, SiteList } from '../../admin/catalogue/live-site.js';
import type { LiveSmsTexts } from '../../admin/catalogue/sms-texts.js';
import type { DeadlineRules } from '../../requests/deadlines/deadlines.js';
import { currentUser } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface AdminCatalogueRoutesDeps {
  db: Knex;
  admin: CatalogueAdmin;
  history: KnexCatalogueHistory;
  site: LiveSite;
  smsTexts: LiveSmsTexts;
  /** config lifecycle.deadlines: shown, not edited here (config/local.json and a restart change them). */
  deadlines: DeadlineRules;
}

function asHttpError(error: unknown): unknown {
  if (error instanceof CatalogueInvalid) return new HttpError(400, 'Katalog değiştirilmedi: hatalı alanlar var', error.problems);
  if (error instanceof CatalogueRefused) return new HttpError(409, error.message);
  if (error instanceof CatalogueNotFound) return new HttpError(404, error.message);
  return error;
}

const countsBy = async (db: Knex, table: string, column: string): Promise<Record<string, number>> => {
  const rows = (await db(table).whereNotNull(column).select(column).count({ n: '*' }).groupBy(column)) as Record<string, string | number>[];
  return Object.fromEntries(rows.map((row) => [String(row[column]), Number(row.n)]));
};

/**
 * /api/admin/catalogue… (admins; mounted behind requireRole('admin') and the origin check): categories, departments,
 * districts and break reasons, with the history of every change. GET /api/catalogue shows each change at once.
 */
export function adminCatalogueRoutes(deps: AdminCatalogueRoutesDeps): Router {
  const router = Router();
  const { admin } = deps;
  const run = (work: (req: Request, res: Response, user: string) => Promise<void>) => async (req: Request, res: Response) => {
    await work(req, res, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
  };

  router.get('/admin/catalogue', async (_req, res) => {
    const [categories, departments, ticketsByCategory, ticketsByDepartment] = await Promise.all([
      deps.db('categories').select('code', 'name', 'parent_code', 'department_code').orderBy('code') as Promise<{ code: string; name: string; parent_code: string | null; department_code: string }[]>,
      deps.db('departments').select('code', 'name').orderBy('code') as Promise<{ code: string; name: string }[]>,
      countsBy(deps.db, 'tickets', 'category_code'),
      countsBy(deps.db, 'tickets', 'department_code'),
    ]);
    const site = deps.site.current();
    res.json({
      categories: categories.map((row) => ({
        code: row.code,
        name: row.name,
        parentCode: row.parent_code,
        departmentCode: row.department_code,
        tickets: ticketsByCategory[row.code] ?? 0,
        deadline: deps.deadlines.byCategory[row.code] ?? null,
      })),
      departments: departments.map((row) => ({ ...row, tickets: ticketsByDepartment[row.code] ?? 0 })),
      districts: site.districts,
      pauseReasons: site.pauseReasons,
      smsTemplates: deps.smsTexts.view(),
      deadlines: deps.deadlines,
    });
  });

  router.post('/admin/catalogue/categories', run(async (req, res, user) => {
    await admin.createCategory(categoryCreateBody.parse(req.body), user);
    res.status(201).json({ ok: true });
  }));
  router.patch('/admin/catalogue/categories/:code', run(async (req, res, user) => {
    await admin.updateCategory(codeParam.parse(req.params).code, categoryUpdateBody.parse(req.body), user);
    res.json({ ok: true });
  }));
  router.delete('/admin/catalogue/categories/:code', run(async (req, res, user) => {
    await admin.deleteCategory(codeParam.parse(req.params).code, user);
    res.status(204).end();
  }));

  router.post('/admin/catalogue/departments', run(async (req, res, user) => {
    await admin.createDepartment(departmentCreateBody.parse(req.body), user);
    res.status(201).json({ ok: true });
  }));
  router.patch('/admin/catalogue/departments/:code', run(async (req, res, user) => {
    await admin.updateDepartment(codeParam.parse(req.params).code, departmentUpdateBody.parse(req.body), user);
    res.json({ ok: true });
  }));
  router.delete('/admin/catalogue/departments/:code', run(async (req, res, user) => {
    await admin.deleteDepartment(codeParam.parse(req.params).code, user);
    res.status(204).end();
  }));

  const list = (key: SiteList) =>
    run(async (req, res, user) => {
      res.json({ items: await admin.setSiteList(key, siteListBody.parse(req.body).items, user) });
    });
  router.put('/admin/catalogue/districts', list('districts'));
  router.put('/admin/catalogue/pause-reasons', list('pauseReasons'));

  router.put('/admin/catalogue/sms-templates', run(async (req, res, user) => {
    res.json({ texts: await admin.setSmsTexts(smsTextsBody.parse(req.body).texts, user) });
  }));
  // The form's live part count: nothing is stored.
  router.post('/admin/catalogue/sms-templates/preview', (req, res) => {
    res.json(admin.previewSmsTexts(smsTextsBody.parse(req.body).texts));
  });

  router.get('/admin/catalogue/history', async (_req, res) => {
    res.json({ changes: await deps.history.list(200) });
  });
  return router;
}
