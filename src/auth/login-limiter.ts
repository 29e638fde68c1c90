export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  /** Keys remembered at most; beyond it the least recently failed key is forgotten. */
  maxKeys?: number;
  now?: () => number;
}

export type LimiterDecision = { allowed: true } | { allowed: false; retryAfterMs: number };

const DEFAULT_MAX_KEYS = 10_000;

/**
 * Counts failed logins per key in a sliding window, in memory (one server process).
 * Only the newest `maxFailures` timestamps of a key matter: once that many fall inside the
 * window the key is blocked until the oldest of them leaves it.
 */
export class LoginLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** Map order is least recently failed first, which makes eviction cheap. */
  private readonly failures = new Map<string, number[]>();

  constructor(options: LoginLimiterOptions) {
    if (!Number.isInteger(options.maxFailures) || options.maxFailures < 1) throw new Error('maxFailures must be a positive integer');
    if (!(options.windowMs > 0)) throw new Error('windowMs must be positive');
    const maxKeys = options.maxKeys ?? DEFAULT_MAX_KEYS;
    if (!Number.isInteger(maxKeys) || maxKeys < 1) throw new Error('maxKeys must be a positive integer');
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.maxKeys = maxKeys;
    this.now = options.now ?? Date.now;
  }

  /** An independent limiter with the same window, memory bound and clock, allowing `factor` times the failures. */
  scaled(factor: number): LoginLimiter {
    return new LoginLimiter({ maxFailures: this.maxFailures * factor, windowMs: this.windowMs, maxKeys: this.maxKeys, now: this.now });
  }

  /** How many keys are remembered now (never more than maxKeys). */
  get trackedKeys(): number {
    return this.failures.size;
  }

  check(key: string): LimiterDecision {
    const recent = this.recentFailures(key);
    if (recent.length < this.maxFailures) return { allowed: true };
    const oldest = recent[recent.length - this.maxFailures] ?? this.now();
    return { allowed: false, retryAfterMs: Math.max(1, oldest + this.windowMs - this.now()) };
  }

  fail(key: string): void {
    const recent = this.recentFailures(key);
    recent.push(this.now());
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.maxFailures));
    for (const oldestKey of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(oldestKey);
    }
  }

  succeed(key: string): void {
    this.failures.delete(key);
  }

  private recentFailures(key: string): number[] {
    const stored = this.failures.get(key);
    if (!stored) return [];
    const windowStart = this.now() - this.windowMs;
    const recent = stored.filter((at) => at > windowStart);
    if (recent.length === 0) this.failures.delete(key);
    else if (recent.length !== stored.length) this.failures.set(key, recent);
    return recent;
  }
}
