import express, { Router, type RequestHandler } from 'express';
import path from 'node:path';
import { requirePageRole } from '../auth-middleware.js';

/** The CSP and the other security headers come from the app (security-headers.ts); pages show personal data too. */
const pageHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * The login page, the wallboard (supervisors and admins), the desk (agents; supervisors see every desk;
 * department staff read their department's tickets there) and their assets from `webDir`.
 */
export function pageRoutes(webDir: string): Router {
  const router = Router();
  const root = path.resolve(webDir);
  const page = (file: string): RequestHandler => (_req, res) => res.sendFile(path.join(root, file));
  // Agents and department staff work at the desk, supervisors watch the wallboard; nobody logged in yet goes to the login page.
  router.get('/', (_req, res) => {
    const role = (res.locals as { user?: { role: string } }).user?.role;
    res.redirect(302, role === 'agent' || role === 'department' ? '/desk' : role ? '/wallboard' : '/login');
  });
  router.get('/login', pageHeaders, page('login.html'));
  router.get('/wallboard', pageHeaders, requirePageRole('supervisor', 'admin'), page('wallboard.html'));
  router.get('/desk', pageHeaders, requirePageRole('agent', 'supervisor', 'admin', 'department'), page('desk.html'));
  router.get('/supervisor', pageHeaders, requirePageRole('supervisor', 'admin'), page('supervisor.html'));
  // Reports: period figures, charts and exports (src/web/raporlar.html).
  router.get('/raporlar', pageHeaders, requirePageRole('supervisor', 'admin'), page('raporlar.html'));
  // CİMER / Açık Kapı applications: the Beyaz Masa's agents and supervisors.
  router.get('/basvurular', pageHeaders, requirePageRole('agent', 'supervisor', 'admin'), page('basvurular.html'));
  // The field desk: its shell works offline (saha-sw.js). The worker and the manifest hold no personal data and
  // are open: the browser re-checks the worker (and fetches a manifest without cookies) after a session expired.
  router.get('/saha', pageHeaders, requirePageRole('agent', 'supervisor', 'admin'), page('saha.html'));
  // Users and queues (admins; supervisors change agents' queues and penalties there).
  router.get('/yonetim', pageHeaders, requirePageRole('supervisor', 'admin'), page('yonetim.html'));
  router.get('/yonetim/kuyruklar', pageHeaders, requirePageRole('supervisor', 'admin'), page('yonetim-kuyruklar.html'));
  // The IVR menu and the catalogue editors (admins).
  router.get('/yonetim/menu', pageHeaders, requirePageRole('admin'), page('yonetim-menu.html'));
  router.get('/yonetim/katalog', pageHeaders, requirePageRole('admin'), page('yonetim-katalog.html'));
  router.get('/saha-sw.js', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('text/javascript; charset=utf-8').sendFile(path.join(root, 'saha-sw.js'));
  });
  router.get('/saha.webmanifest', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.type('application/manifest+json; charset=utf-8').sendFile(path.join(root, 'saha.webmanifest'));
  });
  router.use('/assets', pageHeaders, express.static(path.join(root, 'assets'), { index: false, fallthrough: true, maxAge: 0 }));
  return router;
}
