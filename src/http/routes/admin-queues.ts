import { Router } from 'express';
import { z } from 'zod';
import type { QueueAdmin } from '../../admin/queues/queue-admin.js';
import { queueNameSchema, userIdParam } from '../../admin/users/user-admin-schemas.js';
import { currentUser } from '../auth-middleware.js';
import { admin } from './admin-shared.js';

const labelText = (language: string) =>
  z.string({ error: `${language} ad giriniz` }).trim().min(1, `${language} ad giriniz`).max(80, `${language} ad en çok 80 karakter olabilir`);

const label = z.strictObject({ tr: labelText('Türkçe'), en: labelText('İngilizce') }, { error: 'Ad (tr, en) giriniz' });
const position = z.number({ error: 'Sıra bir sayı olmalı' }).int('Sıra tam sayı olmalı').min(1, 'Sıra en az 1').max(1000, 'Sıra en çok 1000');

export const createQueueBody = z.strictObject({
  name: queueNameSchema.refine((name) => name.toLowerCase() !== 'general', 'app_queue "general" adını ayırır'),
  label,
  position: position.optional(),
});

export const updateQueueBody = z
  .strictObject({ label: label.optional(), position: position.optional() })
  .refine((body) => body.label !== undefined || body.position !== undefined, { message: 'Değiştirilecek bir alan yok' });

/** app_queue takes any non-negative int; a hotline ranks agents in a handful of steps. */
export const memberBody = z.strictObject({
  penalty: z.number({ error: 'Öncelik (penalty) bir sayı olmalı' }).int('Öncelik tam sayı olmalı').min(0, 'Öncelik 0 veya daha büyük olmalı').max(999, 'Öncelik en çok 999 olabilir'),
});

const nameOf = (params: Record<string, string>) => queueNameSchema.parse(params.name);

/** /api/admin/queues (behind requireRole('supervisor', 'admin') and the origin check): the queues page's API. */
export function adminQueueRoutes(queues: QueueAdmin): Router {
  const router = Router();

  router.get('/admin/queues', async (_req, res) => {
    res.json({ items: await queues.list() });
  });

  router.post('/admin/queues', async (req, res) => {
    const body = createQueueBody.parse(req.body);
    res.status(201).json(await admin(() => queues.create(currentUser(res), body)));
  });

  router.patch('/admin/queues/:name', async (req, res) => {
    const name = nameOf(req.params);
    const body = updateQueueBody.parse(req.body);
    res.json(await admin(() => queues.update(currentUser(res), name, body)));
  });

  router.put('/admin/queues/:name/members/:userId', async (req, res) => {
    const name = nameOf(req.params);
    const userId = userIdParam.parse(req.params.userId);
    const body = memberBody.parse(req.body);
    res.json(await admin(() => queues.setMember(currentUser(res), name, userId, body.penalty)));
  });

  router.delete('/admin/queues/:name/members/:userId', async (req, res) => {
    const name = nameOf(req.params);
    const userId = userIdParam.parse(req.params.userId);
    res.json(await admin(() => queues.removeMember(currentUser(res), name, userId)));
  });

  router.get('/admin/queues/:name/history', async (req, res) => {
    res.json({ items: await queues.history(nameOf(req.params)) });
  });

  return router;
}
