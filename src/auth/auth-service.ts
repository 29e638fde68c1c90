import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logging/logger.js';
import { HashGate, type GatePass, type HashGateStats } from './hash-gate.js';
import { LoginEvents, type LoginCounters } from './login-events.js';
import type { LoginAdmission, LoginLimiter } from './login-limiter.js';
import { hashParameters, productionHasher, type PasswordHasher } from './passwords.js';
import type { RevokedTokens } from './revoked-tokens.js';
import type { TokenSigner } from './tokens.js';
import { normalizeUsername, type UserStore, type UserView, type UserWithPasswordHash } from './user-store.js';

export type AuthErrorCode = 'invalid-credentials' | 'rate-limited' | 'inactive' | 'busy';

const MESSAGES: Record<AuthErrorCode, string> = {
  'invalid-credentials': 'invalid username or password',
  'rate-limited': 'too many failed logins',
  inactive: 'account is deactivated',
  busy: 'too many logins at once',
};

export class AuthError extends Error {
  constructor(
    readonly code: AuthErrorCode,
    readonly retryAfterMs?: number,
  ) {
    super(MESSAGES[code]);
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
  /** Locks out a username + address; slows an address down. */
  limiter: LoginLimiter;
  logger: Logger;
  /** Bounds the password hashes computed at once; absent: 2 at once, 64 waiting. */
  gate?: HashGate;
  /** Absent: OWASP parameters. Tests inject cheaper ones in code; configuration never can. */
  hasher?: PasswordHasher;
  /** Tokens ended by logout; absent: logout only clears the cookie. */
  revoked?: RevokedTokens;
  now?: () => Date;
}

export type LoginStats = LoginCounters & HashGateStats;

const BUSY_RETRY_MS = 1000;

export class AuthService {
  private readonly users: UserStore;
  private readonly signer: TokenSigner;
  private readonly limiter: LoginLimiter;
  private readonly gate: HashGate;
  private readonly hasher: PasswordHasher;
  private readonly events: LoginEvents;
  private readonly now: () => Date;

  constructor(private readonly options: AuthServiceOptions) {
    this.users = options.users;
    this.signer = options.signer;
    this.limiter = options.limiter;
    this.gate = options.gate ?? new HashGate({ maxConcurrent: 2, maxWaiting: 64 });
    this.hasher = options.hasher ?? productionHasher;
    this.now = options.now ?? (() => new Date());
    this.events = new LoginEvents(options.logger, {
      maxFailures: options.limiter.maxFailures,
      windowMs: options.limiter.windowMs,
      freeFailures: options.limiter.slowdown.freeFailures,
    });
  }

  /** Failed logins, lock-outs, slowed and refused attempts since start, and the hashes running and waiting now. */
  get loginStats(): LoginStats {
    return { ...this.events.counters, ...this.gate.stats };
  }

  async login(username: string, password: string, clientKey: string): Promise<LoginResult> {
    const name = normalizeUsername(username);
    // Room and counts are taken before the first await: attempts still in flight are limited like finished ones.
    const pass = this.gate.admit();
    if (!pass) {
      this.events.busy(name, clientKey);
      throw new AuthError('busy', BUSY_RETRY_MS);
    }
    try {
      const admission = await this.limiter.admit(name, clientKey);
      if (!admission.allowed) {
        this.events.refused(name, clientKey, admission.retryAfterMs, admission.lockedNow);
        throw new AuthError('rate-limited', admission.retryAfterMs);
      }
      return await this.checkAndSignIn(name, password, clientKey, admission, pass);
    } finally {
      pass.leave();
    }
  }

  private async checkAndSignIn(name: string, password: string, clientKey: string, admission: LoginAdmission & { allowed: true }, pass: GatePass): Promise<LoginResult> {
    const { attempt } = admission;
    try {
      if (admission.delayMs > 0) {
        this.events.slowed(name, clientKey, admission.delayMs, admission.slowedNow);
        await sleep(admission.delayMs);
      }
      const user = await this.users.findByUsername(name);
      // An unknown username costs one full hash too, so response times do not tell which accounts exist.
      const passwordMatches = await pass.run(() => this.hasher.verify(password, user?.passwordHash ?? this.hasher.dummyHash));
      if (!user || !passwordMatches) {
        await attempt.failed();
        this.events.failed(name, clientKey, user ? 'wrong-password' : 'unknown-user');
        throw new AuthError('invalid-credentials');
      }
      // Told only after the right password, so a guesser cannot learn which accounts are disabled.
      if (!user.active) {
        await attempt.withdrawn();
        this.events.inactive(name, clientKey);
        throw new AuthError('inactive');
      }
      await attempt.succeeded();
      if (this.hasher.needsUpgrade(user.passwordHash)) await this.upgradeHash(user, password, pass);
      const at = this.now();
      await this.users.recordLogin(user.id, at);
      const { token, expiresAt } = this.signer.sign({ sub: user.id, role: user.role, ver: user.tokenVersion });
      this.events.succeeded(name, clientKey, user.role);
      const { passwordHash: _passwordHash, ...view } = user;
      return { token, expiresAt, user: { ...view, lastLoginAt: at } };
    } catch (error) {
      await attempt.withdrawn();
      throw error;
    }
  }

  /** Re-hashes at the current parameters; the login goes on with the old hash if this fails. */
  private async upgradeHash(user: UserWithPasswordHash, password: string, pass: GatePass): Promise<void> {
    try {
      const upgraded = await pass.run(() => this.hasher.hash(password));
      if (await this.users.replacePasswordHash(user.id, user.passwordHash, upgraded)) {
        this.events.upgraded(user.username, hashParameters(user.passwordHash), hashParameters(upgraded));
      }
    } catch (error) {
      this.events.upgradeFailed(user.username, error);
    }
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
