import { Router } from 'express';
import { z } from 'zod';
import type { AdminHistory } from '../../admin/admin-history.js';
import { createUserBody, resetPasswordBody, updateUserBody, userIdParam } from '../../admin/users/user-admin-schemas.js';
import type { UserAdmin } from '../../admin/users/user-admin.js';
import { currentUser, requireRole } from '../auth-middleware.js';
import { admin } from './admin-shared.js';

export interface AdminUserRoutesOptions {
  users: UserAdmin;
  history: AdminHistory;
}

const historyQuery = z.strictObject({
  subjectType: z.enum(['user', 'queue'], { error: 'Konu user veya queue olmalı' }).optional(),
  limit: z.coerce.number({ error: 'Sayı giriniz' }).int().min(1, 'En az 1').max(500, 'En çok 500').optional(),
  beforeId: z.coerce.number({ error: 'Sayı giriniz' }).int().positive().optional(),
});

const idOf = (params: Record<string, string>) => userIdParam.parse(params.id);

/**
 * /api/admin/users (mounted behind requireRole('supervisor', 'admin') and the origin check): the users page's API.
 * Supervisors may read and change an agent's queues; everything else is the admins' (UserAdmin decides).
 */
export function adminUserRoutes(options: AdminUserRoutesOptions): Router {
  const router = Router();
  const { users } = options;

  router.get('/admin/users', async (_req, res) => {
    res.json({ items: await users.list() });
  });

  router.post('/admin/users', async (req, res) => {
    const body = createUserBody.parse(req.body);
    const created = await admin(() => users.create(currentUser(res), body));
    // Shown once to the admin; never stored or logged in the clear.
    res.status(201).json(created);
  });

  router.get('/admin/users/:id', async (req, res) => {
    res.json(await admin(() => users.get(idOf(req.params))));
  });

  router.patch('/admin/users/:id', async (req, res) => {
    const id = idOf(req.params);
    const body = updateUserBody.parse(req.body);
    res.json(await admin(() => users.update(currentUser(res), id, body)));
  });

  router.post('/admin/users/:id/password', async (req, res) => {
    const id = idOf(req.params);
    const body = resetPasswordBody.parse(req.body);
    res.json(await admin(() => users.resetPassword(currentUser(res), id, body?.password)));
  });

  router.post('/admin/users/:id/deactivate', async (req, res) => {
    const id = idOf(req.params);
    res.json(await admin(() => users.setActive(currentUser(res), id, false)));
  });

  router.post('/admin/users/:id/activate', async (req, res) => {
    const id = idOf(req.params);
    res.json(await admin(() => users.setActive(currentUser(res), id, true)));
  });

  router.get('/admin/users/:id/history', async (req, res) => {
    res.json({ items: await admin(() => users.history(idOf(req.params))) });
  });

  router.get('/admin/history', requireRole('admin'), async (req, res) => {
    const query = historyQuery.parse(req.query);
    res.json({ items: await options.history.list(query) });
  });

  return router;
}
