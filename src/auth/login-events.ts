import type { Logger } from '../logging/logger.js';

export interface LoginCounters {
  /** Wrong passwords and unknown usernames. */
  loginFailures: number;
  /** Username + address pairs locked out (counted once per lock-out, when its first attempt is refused). */
  lockouts: number;
  /** Attempts refused during a lock-out. */
  refused: number;
  /** Attempts that waited because their address had failed too often. */
  slowed: number;
  /** Attempts refused because the password-hash queue was full. */
  busy: number;
  /** Stored hashes re-made at the current scrypt parameters after a successful login. */
  hashUpgrades: number;
}

export interface LoginLimitsDescription {
  maxFailures: number;
  windowMs: number;
  freeFailures: number;
}

const BUSY_LOG_INTERVAL_MS = 10_000;

/**
 * What operators read about logins: every failure at info, every lock-out and every address that starts
 * being slowed at warn with the reason, never a password. Refusals during a lock-out are only counted
 * (and logged at debug): an attacker hammering a locked pair would otherwise write a line per request.
 */
export class LoginEvents {
  readonly counters: LoginCounters = { loginFailures: 0, lockouts: 0, refused: 0, slowed: 0, busy: 0, hashUpgrades: 0 };
  private busySinceLog = 0;
  private lastBusyLogAt = -Infinity;

  constructor(
    private readonly logger: Logger,
    private readonly limits: LoginLimitsDescription,
    private readonly nowMs: () => number = Date.now,
  ) {}

  failed(username: string, client: string, outcome: 'wrong-password' | 'unknown-user'): void {
    this.counters.loginFailures += 1;
    this.logger.info('login failed', { username, client, outcome });
  }

  inactive(username: string, client: string): void {
    this.logger.info('login failed', { username, client, outcome: 'inactive' });
  }

  refused(username: string, client: string, retryAfterMs: number, lockedNow: boolean): void {
    this.counters.refused += 1;
    if (!lockedNow) {
      this.logger.debug('login refused during lock-out', { username, client, retryAfterSeconds: Math.ceil(retryAfterMs / 1000) });
      return;
    }
    this.counters.lockouts += 1;
    this.logger.warn('login locked out', {
      username,
      client,
      outcome: 'locked-out',
      reason: `${this.limits.maxFailures} failed or unfinished logins for this username from this address within ${this.windowText()}`,
      retryAfterSeconds: Math.ceil(retryAfterMs / 1000),
    });
  }

  slowed(username: string, client: string, delayMs: number, firstSlowed: boolean): void {
    this.counters.slowed += 1;
    const fields = { username, client, delayMs };
    if (firstSlowed) this.logger.warn('login slowed down for address', { ...fields, reason: `more than ${this.limits.freeFailures} failed logins from this address within ${this.windowText()}` });
    else this.logger.debug('login slowed down for address', fields);
  }

  busy(username: string, client: string): void {
    this.counters.busy += 1;
    this.busySinceLog += 1;
    const now = this.nowMs();
    if (now - this.lastBusyLogAt < BUSY_LOG_INTERVAL_MS) return;
    this.logger.warn('login refused: password-hash queue full', { username, client, refusedSinceLastLine: this.busySinceLog });
    this.lastBusyLogAt = now;
    this.busySinceLog = 0;
  }

  succeeded(username: string, client: string, role: string): void {
    this.logger.info('login succeeded', { username, client, outcome: 'ok', role });
  }

  upgraded(username: string, from: string, to: string): void {
    this.counters.hashUpgrades += 1;
    this.logger.info('password hash upgraded', { username, from, to });
  }

  upgradeFailed(username: string, error: unknown): void {
    this.logger.warn('password hash upgrade failed; the old hash stays valid', { username, error: (error as Error).message });
  }

  private windowText(): string {
    const minutes = this.limits.windowMs / 60_000;
    return Number.isInteger(minutes) ? `${minutes} min` : `${Math.round(this.limits.windowMs / 1000)} s`;
  }
}
