import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type FormTokenCheck =
  | { ok: true; issuedAt: Date }
  | { ok: false; reason: 'invalid' | 'expired' }
  /** Sent sooner than the minimum fill time: `waitMs` until it would be accepted. */
  | { ok: false; reason: 'too-soon'; waitMs: number };

export interface FormTokenOptions {
  /** The server's secret (auth.secret); the token key is derived from it, so a session token never verifies as one. */
  secret: string;
  minFillMs: number;
  maxAgeMs: number;
}

const VERSION = 'f1';
/** A clock a few seconds apart between two nodes must not refuse a token issued "in the future". */
const CLOCK_SKEW_MS = 30_000;

/**
 * The public form's token: the time the form was handed out, signed (HMAC-SHA256), so the server can tell how
 * long the form was open without remembering anything. It proves a fill time, not a single use: repeats are
 * bounded by the per-address and per-phone limits.
 */
export class FormTokens {
  private readonly key: Buffer;

  constructor(private readonly options: FormTokenOptions) {
    if (options.secret.length === 0) throw new Error('form tokens need a secret');
    this.key = createHmac('sha256', options.secret).update('alo153 public form token').digest();
  }

  issue(now: Date): string {
    const body = `${VERSION}.${now.getTime().toString(36)}.${randomBytes(9).toString('base64url')}`;
    return `${body}.${this.mac(body)}`;
  }

  check(token: string, now: Date): FormTokenCheck {
    const parts = token.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) return { ok: false, reason: 'invalid' };
    const [version, issued, nonce, mac] = parts as [string, string, string, string];
    const expected = Buffer.from(this.mac(`${version}.${issued}.${nonce}`));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
    const issuedAtMs = Number.parseInt(issued, 36);
    if (!Number.isSafeInteger(issuedAtMs)) return { ok: false, reason: 'invalid' };
    const age = now.getTime() - issuedAtMs;
    if (age < -CLOCK_SKEW_MS || age > this.options.maxAgeMs) return { ok: false, reason: 'expired' };
    if (age < this.options.minFillMs) return { ok: false, reason: 'too-soon', waitMs: this.options.minFillMs - age };
    return { ok: true, issuedAt: new Date(issuedAtMs) };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}
