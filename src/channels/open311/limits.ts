import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Open311Config } from './config.js';

/**
 * Open311's limits on rate-limiter-flexible's memory store: POSTs per API key, reads per API key (their own
 * points: a client polls its list far more often than it files requests), and every request per client
 * address (unknown keys cost a lookup each; public reads have no key). A point is taken before anything is
 * awaited, so N concurrent requests of one key see each other: exactly `points` pass. Several nodes would
 * share its Redis or PostgreSQL store instead.
 */
export class Open311Limits {
  private readonly perKey: RateLimiterMemory;
  private readonly perKeyReads: RateLimiterMemory;
  private readonly perAddress: RateLimiterMemory;

  constructor(config: Pick<Open311Config, 'perKey' | 'perKeyReads' | 'perAddress'>) {
    this.perKey = new RateLimiterMemory({ keyPrefix: 'open311-key', points: config.perKey.points, duration: config.perKey.durationS });
    this.perKeyReads = new RateLimiterMemory({ keyPrefix: 'open311-key-reads', points: config.perKeyReads.points, duration: config.perKeyReads.durationS });
    this.perAddress = new RateLimiterMemory({ keyPrefix: 'open311-address', points: config.perAddress.points, duration: config.perAddress.durationS });
  }

  /** Undefined when the request may go on, else the seconds until it may (Retry-After). */
  key(keyId: number): Promise<number | undefined> {
    return take(this.perKey, String(keyId));
  }

  keyReads(keyId: number): Promise<number | undefined> {
    return take(this.perKeyReads, String(keyId));
  }

  address(address: string): Promise<number | undefined> {
    return take(this.perAddress, address);
  }
}

async function take(limiter: RateLimiterMemory, key: string): Promise<number | undefined> {
  try {
    await limiter.consume(key);
    return undefined;
  } catch (refusal) {
    if (!(refusal instanceof RateLimiterRes)) throw refusal;
    return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
  }
}
