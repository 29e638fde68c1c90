import { Router } from 'express';
import { z } from 'zod';
import type { AuthService } from '../../auth/auth-service.js';
import { PasswordChangeError, type PasswordChange } from '../../auth/password-change.js';
import { authenticate, currentUserWithOneTimePassword, SESSION_COOKIE } from '../auth-middleware.js';
import { HttpError } from '../errors.js';

export interface PasswordRoutesOptions {
  auth: AuthService;
  passwords: PasswordChange;
  cookieSecure: boolean;
}

export const passwordChangeBody = z.strictObject({
  currentPassword: z.string({ error: 'Mevcut parolayı giriniz' }).min(1, 'Mevcut parolayı giriniz').max(200, 'Parola en çok 200 karakter olabilir'),
  newPassword: z.string({ error: 'Yeni parolayı giriniz' }).min(1, 'Yeni parolayı giriniz').max(200, 'Parola en çok 200 karakter olabilir'),
});

const STATUS = { 'wrong-password': 403, 'same-password': 400, 'weak-password': 400 } as const;

/**
 * POST /api/auth/password: the signed-in user's own new password; the one API a user with an admin's one-time
 * password may call. Answers with a new session (cookie and token): every other session of the user has ended.
 */
export function passwordRoutes(options: PasswordRoutesOptions): Router {
  const router = Router();
  router.post('/auth/password', authenticate(options.auth), async (req, res) => {
    const user = currentUserWithOneTimePassword(res);
    const body = passwordChangeBody.parse(req.body);
    try {
      const { token, expiresAt, user: changed } = await options.passwords.change(user, body.currentPassword, body.newPassword);
      const maxAgeSeconds = Math.max(0, Math.floor((expiresAt - Date.now()) / 1000));
      res.setHeader('Set-Cookie', `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${options.cookieSecure ? '; Secure' : ''}`);
      res.json({ token, expiresAt, user: changed });
    } catch (error) {
      if (error instanceof PasswordChangeError) {
        const field = error.reason === 'wrong-password' ? 'currentPassword' : 'newPassword';
        throw new HttpError(STATUS[error.reason], error.message, { code: error.reason, field });
      }
      throw error;
    }
  });
  return router;
}
