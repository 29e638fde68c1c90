import { Router, type Response } from 'express';
import { z } from 'zod';
import { AuthError, type AuthService } from '../../auth/auth-service.js';
import { newUserSchema, UnknownDepartmentError, UserExistsError, type UserStore } from '../../auth/user-store.js';
import { authenticate, currentUser, requireRole, SESSION_COOKIE, tokenFromRequest } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface AuthRoutesOptions {
  auth: AuthService;
  users: UserStore;
  /** Adds `Secure` to the session cookie (set when served over HTTPS). */
  cookieSecure: boolean;
}

export const loginBody = z.strictObject({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(200),
});

function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return `${SESSION_COOKIE}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`;
}

function loginFailure(error: AuthError, res: Response): HttpError {
  switch (error.code) {
    case 'rate-limited': {
      const retryAfterSeconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      res.setHeader('Retry-After', String(retryAfterSeconds));
      return new HttpError(429, 'too many failed logins, try again later', { retryAfterSeconds });
    }
    case 'busy': {
      // Not 429: nothing this client did is being limited; the hash queue is full for everyone for a moment.
      const retryAfterSeconds = Math.max(1, Math.ceil((error.retryAfterMs ?? 1000) / 1000));
      res.setHeader('Retry-After', String(retryAfterSeconds));
      return new HttpError(503, 'too many logins at once, try again in a moment', { retryAfterSeconds });
    }
    case 'inactive':
      return new HttpError(403, 'account is deactivated');
    case 'invalid-credentials':
      return new HttpError(401, 'invalid username or password');
  }
}

/** Mounted under /api. Applies `authenticate` itself, so it works without app-wide middleware. */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { auth, users, cookieSecure } = options;
  const router = Router();
  const identify = authenticate(auth);

  router.post('/auth/login', async (req, res) => {
    const body = loginBody.parse(req.body);
    try {
      const { token, expiresAt, user } = await auth.login(body.username, body.password, req.ip ?? 'unknown');
      const maxAgeSeconds = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
      res.setHeader('Set-Cookie', sessionCookie(token, maxAgeSeconds, cookieSecure));
      res.setHeader('Cache-Control', 'no-store');
      res.json({ token, expiresAt, user });
    } catch (error) {
      throw error instanceof AuthError ? loginFailure(error, res) : error;
    }
  });

  router.post('/auth/logout', (req, res) => {
    auth.logout(tokenFromRequest(req));
    res.setHeader('Set-Cookie', sessionCookie('', 0, cookieSecure));
    res.status(204).end();
  });

  router.get('/auth/me', identify, requireRole(), (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ user: currentUser(res), expiresAt: res.locals.tokenExpiresAt as unknown });
  });

  router.get('/users', identify, requireRole('supervisor', 'admin'), async (_req, res) => {
    res.json({ items: await users.list() });
  });

  router.post('/users', identify, requireRole('admin'), async (req, res) => {
    const input = newUserSchema.parse(req.body);
    try {
      res.status(201).json(await users.create(input));
    } catch (error) {
      if (error instanceof UserExistsError) throw new HttpError(409, error.message, { field: error.field });
      if (error instanceof UnknownDepartmentError) throw new HttpError(400, error.message, { field: 'department' });
      throw error;
    }
  });

  return router;
}
