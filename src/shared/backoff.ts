export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Injected for tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * Full-jitter exponential backoff: attempt n waits a random time in [base/2, base], base = min(cap, initial·2^n).
 * Jitter keeps many alo153 instances (or a restarted Asterisk's clients) from reconnecting in lockstep.
 */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const random = options.random ?? Math.random;
  const base = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.min(attempt, 30));
  return Math.round(base / 2 + (random() * base) / 2);
}
