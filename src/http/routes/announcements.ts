import { Router } from 'express';
import { z } from 'zod';
import type { Announcements } from '../../announcements/create-announcements.js';
import { announcementView } from '../../announcements/announcement-stream.js';
import { currentUser } from '../auth-middleware.js';
import { announcementId, announcementTime, asHttpError, scopeField } from './announcements-shared.js';

const textField = z.string({ error: 'Duyuru metni giriniz' });

export const createBody = z.strictObject({
  text: textField,
  scope: scopeField,
  validFrom: announcementTime('validFrom').optional(),
  validUntil: announcementTime('validUntil'),
});

export const patchBody = z
  .strictObject({
    text: textField.optional(),
    scope: scopeField.optional(),
    validFrom: announcementTime('validFrom').optional(),
    validUntil: announcementTime('validUntil').optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Değiştirilecek bir alan yok' });

/**
 * /api/announcements (supervisors, admins; mounted behind requireRole and the origin check): list, create by text
 * (spoken at once), edit, end now, delete. Uploads of a recording are announcements-upload.ts (not JSON).
 */
export function announcementRoutes(announcements: Announcements, now: () => Date = () => new Date()): Router {
  const router = Router();
  const { service } = announcements;

  router.get('/announcements', (_req, res) => {
    const at = now();
    res.json({
      at: at.toISOString(),
      scopes: announcements.scopes(),
      limits: { textMaxLength: announcements.config.textMaxLength, uploadMaxBytes: announcements.config.uploadMaxBytes },
      announcements: announcements.list().map((row) => announcementView(row, at, announcements.pending(row.id))),
    });
  });

  router.post('/announcements', async (req, res) => {
    const body = createBody.parse(req.body);
    const user = currentUser(res);
    const row = await service
      .create({ kind: 'text', text: body.text }, { scope: body.scope, validFrom: body.validFrom ?? now(), validUntil: body.validUntil }, user.username)
      .catch((error: unknown) => {
        throw asHttpError(error);
      });
    res.status(201).json(announcementView(row, now()));
  });

  router.patch('/announcements/:id', async (req, res) => {
    const { id } = announcementId.parse(req.params);
    const body = patchBody.parse(req.body);
    const row = await service.update(id, body, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.json(announcementView(row, now(), announcements.pending(id)));
  });

  router.post('/announcements/:id/end', async (req, res) => {
    const { id } = announcementId.parse(req.params);
    const row = await service.end(id, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.json(announcementView(row, now(), announcements.pending(id)));
  });

  router.delete('/announcements/:id', async (req, res) => {
    const { id } = announcementId.parse(req.params);
    await service.remove(id, currentUser(res).username).catch((error: unknown) => {
      throw asHttpError(error);
    });
    res.status(204).end();
  });

  return router;
}
