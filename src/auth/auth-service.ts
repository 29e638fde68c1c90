import { randomBytes } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { LoginLimiter } from './login-limiter.js';
import { verifyPassword } from './passwords.js';
import type { RevokedTokens } from './revoked-tokens.js';
import type { TokenSigner } from './tokens.js';
import { normalizeUsername, type UserStore, type UserView } from './user-store.js';

export type AuthErrorCode = 'invalid-credentials' | 'rate-limited' | 'inactive';

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly retryAfterMs?: number,
  ) {
    super(code === 'rate-limited' ? 'too many failed logins' : code === 'inactive' ? 'account is deactivated' : 'invalid username or password');
    this.name = 'AuthError';
  }
}

export interface LoginResult {
  token: string;
  expiresAt: number;
  user: UserView;
}

export type Authentication =
  | { ok: true; user: UserView; expiresAt: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'bad-signature' | 'expired' | 'revoked' };

export interface AuthServiceOptions {
  users: UserStore;
  signer: TokenSigner;
  /** Limits failures per username and address; per address alone it allows CLIENT_LIMIT_FACTOR times as many. */
  limiter: LoginLimiter;
  logger: Logger;
  /** Tokens ended by logout; absent: logout only clears the cookie. */
  revoked?: RevokedTokens;
  now?: () => Date;
}

const CLIENT_LIMIT_FACTOR = 4;

// A well-formed hash nobody's password matches: an unknown username then costs one full scrypt, like a wrong password.
const DUMMY_HASH = `scrypt$16384$8$1$${randomBytes(16).toString('base64')}$${randomBytes(64).toString('base64')}`;

export class AuthService {
  private readonly users: UserStore;
  private readonly signer: TokenSigner;
  private readonly userLimiter: LoginLimiter;
  private readonly clientLimiter: LoginLimiter;
  private readonly logger: Logger;
  private readonly now: () => Date;

  constructor(private readonly options: AuthServiceOptions) {
    this.users = options.users;
    this.signer = options.signer;
    this.userLimiter = options.limiter;
    this.clientLimiter = options.limiter.scaled(CLIENT_LIMIT_FACTOR);
    this.logger = options.logger;
    this.now = options.now ?? (() => new Date());
  }

  async login(username: string, password: string, clientKey: string): Promise<LoginResult> {
    const name = normalizeUsername(username);
    const userKey = `${name}|${clientKey}`;
    const blocked = [this.userLimiter.check(userKey), this.clientLimiter.check(clientKey)].flatMap((decision) => (decision.allowed ? [] : [decision.retryAfterMs]));
    if (blocked.length > 0) {
      const retryAfterMs = Math.max(...blocked);
      this.logger.warn('login refused', { username: name, client: clientKey, outcome: 'rate-limited', retryAfterMs });
      throw new AuthError('rate-limited', retryAfterMs);
    }

    const user = await this.users.findByUsername(name);
    const passwordMatches = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !passwordMatches) {
      this.userLimiter.fail(userKey);
      this.clientLimiter.fail(clientKey);
      this.logger.info('login failed', { username: name, client: clientKey, outcome: user ? 'wrong-password' : 'unknown-user' });
      throw new AuthError('invalid-credentials');
    }
    // Told only after the right password, so a guesser cannot learn which accounts are disabled.
    if (!user.active) {
      this.logger.info('login failed', { username: name, client: clientKey, outcome: 'inactive' });
      throw new AuthError('inactive');
    }

    // The address counter is left alone: one valid account must not let an address reset its budget for guessing others.
    this.userLimiter.succeed(userKey);
    const at = this.now();
    await this.users.recordLogin(user.id, at);
    const { token, expiresAt } = this.signer.sign({ sub: user.id, role: user.role, ver: user.tokenVersion });
    this.logger.info('login succeeded', { username: name, client: clientKey, outcome: 'ok', role: user.role });
    const { passwordHash: _passwordHash, ...view } = user;
    return { token, expiresAt, user: { ...view, lastLoginAt: at } };
  }

  /** Ends one session (logout): the token is refused from now on and its sockets are closed. */
  logout(token: string | undefined): void {
    if (!token) return;
    const verified = this.signer.verify(token);
    if (verified.ok) this.options.revoked?.revoke(token, verified.claims.exp);
  }

  async authenticate(token: string | undefined): Promise<Authentication> {
    if (!token) return { ok: false, reason: 'missing' };
    const verified = this.signer.verify(token);
    if (!verified.ok) return verified;
    if (this.options.revoked?.has(token)) return { ok: false, reason: 'revoked' };
    const user = await this.users.findById(verified.claims.sub);
    if (!user || !user.active || user.tokenVersion !== verified.claims.ver) return { ok: false, reason: 'revoked' };
    return { ok: true, user, expiresAt: verified.claims.exp };
  }
}
