import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface AddressSlowdown {
  /** Failed logins from one address in the window that cost nothing extra. */
  freeFailures: number;
  /** Added to the wait of each further attempt from that address... */
  delayMs: number;
  /** ...up to this. */
  maxDelayMs: number;
}

export interface LoginLimiterOptions {
  /** Failed or unfinished logins per username + address before that pair is locked out. */
  maxFailures: number;
  /** The counting window, and how long a lock-out lasts. */
  windowMs: number;
  /** Per address alone: a slowdown, never a lock-out (a call centre sits behind one NAT address). */
  perAddress?: AddressSlowdown;
}

export const DEFAULT_ADDRESS_SLOWDOWN: AddressSlowdown = { freeFailures: 20, delayMs: 250, maxDelayMs: 3000 };

/** How one counted attempt ended. Only the first call counts; later ones are ignored. */
export interface LoginAttempt {
  /** Wrong password or unknown username: the attempt stays counted for the pair and for the address. */
  failed(): Promise<void>;
  /** The right password: the pair's failures are forgotten, the address gets only this attempt back. */
  succeeded(): Promise<void>;
  /** Ended without a verdict (deactivated account, database error): the attempt is given back. */
  withdrawn(): Promise<void>;
}

export type LoginAdmission =
  | { allowed: false; retryAfterMs: number; /** This refusal is the one that started the lock-out. */ lockedNow: boolean }
  | { allowed: true; delayMs: number; /** This attempt is the first one the address has to wait for. */ slowedNow: boolean; attempt: LoginAttempt };

/**
 * Login limits on rate-limiter-flexible's memory store (one process). An attempt is counted when it is
 * admitted, before its password is checked, so attempts still in flight count: a burst cannot all slip
 * past the limit while the first hashes are running. Its Redis or PostgreSQL stores, which count atomically
 * the same way, are what several alo153 nodes would share.
 *
 * Memory stays bounded without a key cap of its own: a key is only created by an attempt the caller has
 * admitted through the HashGate, and each admitted attempt costs one password hash, so at most
 * (hash rate × window) keys exist; each expires with its window.
 */
export class LoginLimiter {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly slowdown: AddressSlowdown;
  private readonly pairs: RateLimiterMemory;
  private readonly addresses: RateLimiterMemory;

  constructor(options: LoginLimiterOptions) {
    if (!Number.isInteger(options.maxFailures) || options.maxFailures < 1) throw new Error('maxFailures must be a positive integer');
    if (!(options.windowMs > 0)) throw new Error('windowMs must be positive');
    this.maxFailures = options.maxFailures;
    this.windowMs = options.windowMs;
    this.slowdown = options.perAddress ?? DEFAULT_ADDRESS_SLOWDOWN;
    const seconds = options.windowMs / 1000;
    this.pairs = new RateLimiterMemory({ keyPrefix: 'login-pair', points: options.maxFailures, duration: seconds, blockDuration: seconds });
    this.addresses = new RateLimiterMemory({ keyPrefix: 'login-address', points: this.slowdown.freeFailures, duration: seconds });
  }

  /** Counts the attempt at once, then says whether it may go on and how long it must wait first. */
  async admit(username: string, address: string): Promise<LoginAdmission> {
    const pairKey = JSON.stringify([username, address]);
    // Both counts are taken before anything is awaited, so concurrent attempts see each other.
    const pairCounted = this.pairs.consume(pairKey);
    const addressCounted = this.addresses.penalty(address);
    try {
      await pairCounted;
    } catch (refusal) {
      await addressCounted;
      await this.giveBack(this.addresses, address);
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return { allowed: false, retryAfterMs: Math.max(1, refusal.msBeforeNext), lockedNow: refusal.consumedPoints === this.maxFailures + 1 };
    }
    const fromAddress = await addressCounted;
    const beyondFree = fromAddress.consumedPoints - this.slowdown.freeFailures;
    const delayMs = beyondFree > 0 ? Math.min(this.slowdown.maxDelayMs, beyondFree * this.slowdown.delayMs) : 0;
    return { allowed: true, delayMs, slowedNow: beyondFree === 1 && delayMs > 0, attempt: this.attempt(pairKey, address) };
  }

  private attempt(pairKey: string, address: string): LoginAttempt {
    let settled = false;
    const once = (settle: () => Promise<void>) => async (): Promise<void> => {
      if (settled) return;
      settled = true;
      await settle();
    };
    return {
      failed: once(async () => {}),
      succeeded: once(async () => {
        await this.pairs.delete(pairKey);
        await this.giveBack(this.addresses, address);
      }),
      withdrawn: once(async () => {
        await this.giveBack(this.pairs, pairKey);
        await this.giveBack(this.addresses, address);
      }),
    };
  }

  /** Returns one point; a key left at zero or below (its window ended meanwhile) is dropped rather than kept as credit. */
  private async giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
    const left = await limiter.reward(key, 1);
    if (left.consumedPoints <= 0) await limiter.delete(key);
  }
}
