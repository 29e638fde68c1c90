/**
 * Per-socket message limits. A plain token bucket rather than rate-limiter-flexible: the state lives
 * and dies with the socket (no key map to sweep, no timer per key), the decision is synchronous so a
 * flood of 25,000 packets is refused without creating 25,000 promises, and burst plus steady rate is
 * exactly a bucket (the library's memory limiter counts fixed windows). A socket is bound to one
 * process, so the library's shared stores would not help here either.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes one token; false when the socket is over its rate. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** At most one event per key per interval: a screen that asks for a snapshot again and again gets one a second. */
export class PerKeyInterval {
  private readonly lastAt = new Map<string, number>();

  constructor(
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  allow(key: string): boolean {
    const now = this.now();
    const last = this.lastAt.get(key);
    if (last !== undefined && now - last < this.intervalMs) return false;
    this.lastAt.set(key, now);
    return true;
  }
}
