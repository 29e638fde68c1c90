import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { newUserSchema } from '../../../auth/user-store.js';
import { loginBody } from '../../routes/auth.js';
import { addOperation } from '../operation.js';
import { User } from '../shapes.js';

/** src/http/routes/auth.ts: sign-in, sign-out, who am I, the user list. */
export function registerAuthPaths(registry: OpenAPIRegistry): void {
  const tag = 'auth';
  addOperation(registry, {
    method: 'post',
    path: '/api/auth/login',
    tag,
    summary: 'Sign in: a session token in the body and as the HttpOnly cookie alo153_session',
    description: 'Failed logins are limited per address and per user (429 with Retry-After); 503 when the password hashing queue is full.',
    access: 'public',
    body: { schema: loginBody },
    replies: [{ status: 200, description: 'Signed in', schema: z.object({ token: z.string(), expiresAt: z.number().int().meta({ description: 'epoch ms' }), user: User }) }],
    errors: [401, 403, 429, 503],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/auth/logout',
    tag,
    summary: 'Sign out: revokes the token and clears the cookie',
    access: 'public',
    replies: [{ status: 204, description: 'Signed out (also without a session)' }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/auth/me',
    tag,
    summary: 'The signed-in user and when the session expires',
    access: { roles: [] },
    replies: [{ status: 200, description: 'The user', schema: z.object({ user: User, expiresAt: z.number().int() }) }],
  });
  addOperation(registry, {
    method: 'get',
    path: '/api/users',
    tag,
    summary: 'Every user',
    access: { roles: ['supervisor', 'admin'] },
    replies: [{ status: 200, description: 'The users', schema: z.object({ items: z.array(User) }) }],
  });
  addOperation(registry, {
    method: 'post',
    path: '/api/users',
    tag,
    summary: 'Create a user',
    access: { roles: ['admin'] },
    body: { schema: newUserSchema },
    replies: [{ status: 201, description: 'Created', schema: User }],
    errors: [409],
  });
}
