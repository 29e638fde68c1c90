import type { Request, RequestHandler, Response } from 'express';
import type { AuthService } from '../auth/auth-service.js';
import { ROLES, type Role } from '../auth/roles.js';
import type { UserView } from '../auth/user-store.js';
import { HttpError } from './errors.js';

export const SESSION_COOKIE = 'alo153_session';

type AuthFailure = 'malformed' | 'bad-signature' | 'expired' | 'revoked';

/** Bearer header first (API clients), else the session cookie (browsers). */
export function tokenFromRequest(req: Request): string | undefined {
  const authorization = req.headers.authorization;
  if (authorization) {
    const bearer = /^Bearer +(\S+) *$/i.exec(authorization);
    if (bearer?.[1]) return bearer[1];
  }
  return readCookie(req.headers.cookie, SESSION_COOKIE);
}

/** One cookie's value from a Cookie header (also used for the socket.io handshake). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const raw = pair.slice(separator + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw) || undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isUserView(value: unknown): value is UserView {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { id?: unknown; role?: unknown };
  return typeof candidate.id === 'number' && ROLES.some((role) => role === candidate.role);
}

function userOf(res: Response): UserView | undefined {
  const value: unknown = res.locals.user;
  return isUserView(value) ? value : undefined;
}

function failureOf(res: Response): AuthFailure | undefined {
  const value: unknown = res.locals.authFailure;
  return value === 'malformed' || value === 'bad-signature' || value === 'expired' || value === 'revoked' ? value : undefined;
}

/** Identifies the caller when a valid token came along; never rejects by itself (see requireRole). */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, res, next) => {
    // Routers apply this themselves to work standalone; an app that already did must not pay twice.
    if (userOf(res) || failureOf(res)) return next();
    const result = await auth.authenticate(tokenFromRequest(req));
    if (result.ok) {
      res.locals.user = result.user;
      res.locals.tokenExpiresAt = result.expiresAt;
    } else if (result.reason !== 'missing') {
      res.locals.authFailure = result.reason;
    }
    next();
  };
}

/** What every API but the password change answers a user signed in with an admin's one-time password. */
export const PASSWORD_CHANGE_REQUIRED = 'password-change-required';

/**
 * The authenticated user; 401 when there is none (use after `authenticate`); 403 `password-change-required`
 * while the user still has an admin's one-time password (every route reads its user here, so none slips through).
 */
export function currentUser(res: Response): UserView {
  const user = currentUserWithOneTimePassword(res);
  if (user.mustChangePassword) {
    throw new HttpError(403, 'Yeni bir parola belirlemeniz gerekiyor / you must choose a new password first', { code: PASSWORD_CHANGE_REQUIRED });
  }
  return user;
}

/** The authenticated user even with a one-time password: only the password change (and the session's own view) use this. */
export function currentUserWithOneTimePassword(res: Response): UserView {
  const user = userOf(res);
  if (!user) throw unauthenticated(res);
  return user;
}

function unauthenticated(res: Response): HttpError {
  const reason = failureOf(res);
  return new HttpError(401, 'authentication required', reason ? { reason } : undefined);
}

/** API guard: 401 without a valid session, 403 for a role not listed; no roles means any signed-in user. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = currentUser(res);
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new HttpError(403, `forbidden: ${user.role} may not ${req.method} ${req.baseUrl}${req.path}`);
    }
    next();
  };
}

/** Page guard: sends a browser without a session to the login page and back here afterwards. */
export function requirePageRole(...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const user = userOf(res);
    if (!user) {
      res.redirect(302, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    // Signed in with an admin's one-time password: the login page shows the change form first.
    if (user.mustChangePassword) {
      res.redirect(302, `/login?change=1&next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (roles.length > 0 && !roles.includes(user.role)) {
      res
        .status(403)
        .type('text/plain; charset=utf-8')
        .send('403 — Bu sayfayı görüntüleme yetkiniz yok.\n403 — You are not allowed to view this page.\n');
      return;
    }
    next();
  };
}
