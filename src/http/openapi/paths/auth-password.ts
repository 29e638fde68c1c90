import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { passwordChangeBody } from '../../routes/auth-password.js';
import { addOperation } from '../operation.js';
import { User } from '../shapes.js';

/** src/http/routes/auth-password.ts */
export function registerAuthPasswordPaths(registry: OpenAPIRegistry): void {
  addOperation(registry, {
    method: 'post',
    path: '/api/auth/password',
    tag: 'auth',
    summary: "Change one's own password (the one route open with an admin's one-time password); answers a new session",
    description: 'Every other session of the user ends. 403 code wrong-password; 400 same-password or weak-password.',
    access: { roles: [] },
    body: { schema: passwordChangeBody },
    replies: [{ status: 200, description: 'Changed: a new token (also as the cookie)', schema: z.object({ token: z.string(), expiresAt: z.number().int(), user: User }) }],
  });
}
