import type { FieldErrors } from '../../requests/field-errors.js';
import { ISTANBUL } from '../../queues/istanbul-time.js';

/**
 * A public page's request refused, with a machine `code`, a Turkish `message` for people and API clients (the
 * pages word the code in the chosen language) and, for waits, how many seconds (also sent as Retry-After).
 */
export class PublicRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: { fields?: FieldErrors; retryAfterS?: number } = {},
  ) {
    super(message);
    this.name = 'PublicRefusal';
  }

  body(): Record<string, unknown> {
    return { error: this.code, message: this.message, ...this.extra };
  }
}

const clock = new Intl.DateTimeFormat('tr-TR', { timeZone: ISTANBUL, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "14:05'ten sonra (yaklaşık 12 dakika)": when a limit lets the next request through, on the Istanbul clock. */
export function turkishRetryTime(now: Date, retryAfterMs: number): string {
  const at = clock.format(new Date(now.getTime() + retryAfterMs));
  const minutes = Math.ceil(retryAfterMs / 60_000);
  return minutes <= 1 ? `${at} (yaklaşık bir dakika sonra)` : `${at} (yaklaşık ${minutes} dakika sonra)`;
}

/** 429 for a limit: Retry-After in whole seconds, at least one. */
export function tooMany(now: Date, retryAfterMs: number, what: string): PublicRefusal {
  const retryAfterS = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new PublicRefusal(429, 'too-many', `${what} Lütfen saat ${turkishRetryTime(now, retryAfterMs)} yeniden deneyin.`, { retryAfterS });
}
