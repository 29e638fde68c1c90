import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import type { AppConfig } from '../config/schema.js';
import type { Logger } from '../logging/logger.js';
import { AuthService } from './auth-service.js';
import { HashGate } from './hash-gate.js';
import { LoginLimiter } from './login-limiter.js';
import { productionHasher, type PasswordHasher } from './passwords.js';
import { RevokedTokens } from './revoked-tokens.js';
import { TokenSigner } from './tokens.js';
import { KnexUserStore } from './user-store.js';

export interface AuthParts {
  users: KnexUserStore;
  revoked: RevokedTokens;
  signer: TokenSigner;
  service: AuthService;
}

export interface CreateAuthOptions {
  /** Tests only, in code: cheaper scrypt parameters so suites that create many users stay fast. Never from config. */
  passwordHasher?: PasswordHasher;
}

// About 15 s of queue at two hashes of half a second each: beyond that a login is refused at once rather than left to time out.
const WAITING_PER_HASH_SLOT = 32;
const LIBUV_DEFAULT_THREADS = 4;

/** Users, token signer, login limits and the password-hash gate from `config.auth`. Production refuses an empty secret earlier (config/production.ts). */
export async function createAuth(
  config: AppConfig['auth'],
  db: Knex,
  logger: Logger,
  seedUsers?: (users: KnexUserStore) => Promise<void>,
  options: CreateAuthOptions = {},
): Promise<AuthParts> {
  let secret = config.secret;
  if (secret === '') {
    secret = randomBytes(48).toString('base64url');
    logger.warn('auth.secret is not set: using a random key, so every session ends when alo153 restarts (set ALO153_AUTH_SECRET)');
  }
  const hasher = options.passwordHasher ?? productionHasher;
  const { login } = config;
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || LIBUV_DEFAULT_THREADS;
  if (login.maxConcurrentHashes >= threads) {
    logger.warn('auth.login.maxConcurrentHashes leaves no libuv thread for SQLite: lower it or raise UV_THREADPOOL_SIZE', { maxConcurrentHashes: login.maxConcurrentHashes, threads });
  }
  const users = new KnexUserStore(db, { hasher });
  const signer = new TokenSigner({ secret, ttlMs: config.tokenTtlMinutes * 60_000 });
  const limiter = new LoginLimiter({ maxFailures: login.maxFailures, windowMs: login.windowMinutes * 60_000, perAddress: login.perAddress });
  const gate = new HashGate({ maxConcurrent: login.maxConcurrentHashes, maxWaiting: login.maxConcurrentHashes * WAITING_PER_HASH_SLOT });
  const revoked = new RevokedTokens();
  const service = new AuthService({ users, signer, limiter, gate, hasher, logger, revoked });
  await seedUsers?.(users);
  if ((await users.count()) === 0) {
    logger.warn('no users yet: create the first admin with `npm run user -- add --username admin --role admin --name "Ad Soyad"` (password on stdin)');
  }
  return { users, revoked, signer, service };
}
