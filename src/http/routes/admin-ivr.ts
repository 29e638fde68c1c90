import { Router } from 'express';
import { z } from 'zod';
import { MenuRejected, MenuVersionNotFound, type MenuAdmin } from '../../admin/ivr/menu-admin.js';
import { currentUser } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

// The menu itself is checked by the engine's schema in MenuAdmin (with Turkish messages), not here.
export const adminIvrMenuBody = z.strictObject({ definition: z.unknown().refine((value) => value !== undefined, 'Menü (definition) gönderilmedi') });
export const adminIvrVersionId = z.strictObject({ id: z.coerce.number({ error: 'Sürüm numarası bir sayı olmalı' }).int().min(0, 'Sürüm numarası 0 veya daha büyük olmalı') });

/** Version 0 is config/ivr.json: always in the list, restorable like any other. */
const SEED_ROW = { id: 0, action: 'seed', restoredFrom: null, createdBy: 'config/ivr.json', createdAt: null } as const;

function asHttpError(error: unknown): unknown {
  if (error instanceof MenuRejected) return new HttpError(400, 'Menü uygulanmadı: hatalı alanlar var', error.problems);
  if (error instanceof MenuVersionNotFound) return new HttpError(404, 'Böyle bir menü sürümü yok');
  return error;
}

/**
 * /api/admin/ivr (admins; mounted behind requireRole('admin') and the origin check): the menu new calls take, its
 * check without applying, apply, the versions (the history: who applied what and when) and restore.
 */
export function adminIvrRoutes(admin: MenuAdmin, options: { promptNames: (language: string) => Promise<ReadonlySet<string>> }): Router {
  const router = Router();

  router.get('/admin/ivr', async (_req, res) => {
    const { version, definition } = admin.current();
    res.json({ version, definition, prompts: [...(await options.promptNames(definition.language))].sort() });
  });

  router.post('/admin/ivr/check', async (req, res) => {
    const { definition } = adminIvrMenuBody.parse(req.body);
    const checked = await admin.check(definition);
    res.json(checked.ok ? { ok: true, problems: [] } : { ok: false, problems: checked.problems });
  });

  router.put('/admin/ivr', async (req, res) => {
    const { definition } = adminIvrMenuBody.parse(req.body);
    const version = await admin.apply(definition, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.status(201).json({ version: version.id, createdBy: version.createdBy, createdAt: version.createdAt });
  });

  router.get('/admin/ivr/versions', async (_req, res) => {
    res.json({ current: admin.current().version, versions: [...(await admin.history()), SEED_ROW] });
  });

  router.get('/admin/ivr/versions/:id', async (req, res) => {
    const { id } = adminIvrVersionId.parse(req.params);
    const definition = await admin.version(id);
    if (definition === undefined) throw new HttpError(404, 'Böyle bir menü sürümü yok');
    res.json({ version: id, definition });
  });

  router.post('/admin/ivr/versions/:id/restore', async (req, res) => {
    const { id } = adminIvrVersionId.parse(req.params);
    const version = await admin.restore(id, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.status(201).json({ version: version.id, restoredFrom: id, createdBy: version.createdBy, createdAt: version.createdAt });
  });

  return router;
}
