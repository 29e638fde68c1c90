import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { LimitWindow } from './web-config.js';

export type PairAdmission =
  | { allowed: true; /** Gives both points back: the request turned out not to count (invalid, a repeat). */ giveBack(): Promise<void>; giveBackSecond(): Promise<void> }
  | { allowed: false; retryAfterMs: number; /** Which window refused: the first or the second key's. */ by: 'first' | 'second' };

/**
 * Two windows a request must both pass (an address and a phone number; an address and a ticket number), on
 * rate-limiter-flexible's memory store: each consume counts at once, before anything is awaited, so concurrent
 * requests see each other and a burst cannot slip past. A request one window refuses gives its point back to
 * the other, so a refused flood from one address does not use up the phone's or the ticket's allowance.
 * (One process; rate-limiter-flexible's Redis or PostgreSQL stores count the same way across nodes.)
 */
export class PairLimiter {
  private readonly first: RateLimiterMemory;
  private readonly second: RateLimiterMemory;

  constructor(name: string, first: LimitWindow, second: LimitWindow) {
    this.first = new RateLimiterMemory({ keyPrefix: `${name}-1`, points: first.points, duration: first.durationS });
    this.second = new RateLimiterMemory({ keyPrefix: `${name}-2`, points: second.points, duration: second.durationS });
  }

  async admit(firstKey: string, secondKey: string): Promise<PairAdmission> {
    const counted = [this.first.consume(firstKey), this.second.consume(secondKey)] as const;
    const [a, b] = await Promise.allSettled(counted);
    if (a.status === 'fulfilled' && b.status === 'fulfilled') {
      return {
        allowed: true,
        giveBack: async () => {
          await Promise.all([giveBack(this.first, firstKey), giveBack(this.second, secondKey)]);
        },
        giveBackSecond: () => giveBack(this.second, secondKey),
      };
    }
    const refusal = (result: PromiseSettledResult<RateLimiterRes>): number | undefined => {
      if (result.status === 'fulfilled') return undefined;
      if (!(result.reason instanceof RateLimiterRes)) throw result.reason;
      return Math.max(1, result.reason.msBeforeNext);
    };
    const firstWait = refusal(a);
    const secondWait = refusal(b);
    if (a.status === 'fulfilled') await giveBack(this.first, firstKey);
    if (b.status === 'fulfilled') await giveBack(this.second, secondKey);
    const retryAfterMs = Math.max(firstWait ?? 0, secondWait ?? 0);
    return { allowed: false, retryAfterMs, by: firstWait !== undefined ? 'first' : 'second' };
  }
}

/** Returns one point; a key left at zero (its window ended meanwhile) is dropped rather than kept as credit. */
async function giveBack(limiter: RateLimiterMemory, key: string): Promise<void> {
  const left = await limiter.reward(key, 1);
  if (left.consumedPoints <= 0) await limiter.delete(key);
}
