import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';
import { AuthService } from './auth-service.js';
import { LoginLimiter } from './login-limiter.js';
import { RevokedTokens } from './revoked-tokens.js';
import { TokenSigner } from './tokens.js';
import { KnexUserStore } from './user-store.js';

export interface AuthParts {
  users: KnexUserStore;
  revoked: RevokedTokens;
  signer: TokenSigner;
  service: AuthService;
}

/** Users, token signer and login limiter from `config.auth`. Production refuses an empty secret earlier (config/production.ts). */
export async function createAuth(config: AppConfig['auth'], db: Knex, logger: Logger, seedUsers?: (users: KnexUserStore) => Promise<void>): Promise<AuthParts> {
  let secret = config.secret;
  if (secret === '') {
    secret = randomBytes(48).toString('base64url');
    logger.warn('auth.secret is not set: using a random key, so every session ends when alo153 restarts (set ALO153_AUTH_SECRET)');
  }
  const users = new KnexUserStore(db);
  const signer = new TokenSigner({ secret, ttlMs: config.tokenTtlMinutes * 60_000 });
  const limiter = new LoginLimiter({ maxFailures: config.login.maxFailures, windowMs: config.login.windowMinutes * 60_000 });
  const revoked = new RevokedTokens();
  const service = new AuthService({ users, signer, limiter, logger, revoked });
  await seedUsers?.(users);
  if ((await users.count()) === 0) {
    logger.warn('no users yet: create the first admin with `npm run user -- add --username admin --role admin --name "Ad Soyad"` (password on stdin)');
  }
  return { users, revoked, signer, service };
}
