import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ROLES, type Role } from './roles.js';

export interface TokenClaims {
  sub: number;
  role: Role;
  /** The user's token_version when signed; a mismatch later means the session was revoked. */
  ver: number;
  /** Epoch ms. */
  iat: number;
  /** Epoch ms. */
  exp: number;
}

export type TokenVerification = { ok: true; claims: TokenClaims } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' };

export interface TokenSignerOptions {
  secret: string;
  ttlMs: number;
  now?: () => number;
}

export const TOKEN_SECRET_MIN_LENGTH = 32;
const VERSION = 'v1';
const MAC_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const epochMs = z.number().int().nonnegative();

const claimsSchema = z.strictObject({
  sub: z.number().int().positive(),
  role: z.enum(ROLES),
  ver: z.number().int().nonnegative(),
  iat: epochMs,
  exp: epochMs,
});

/**
 * Stateless session tokens: `v1.<base64url(JSON claims)>.<base64url(HMAC-SHA256(secret, "v1." + payload))>`.
 * Only one format and one algorithm exist, so nothing in the token chooses how it is checked.
 */
export class TokenSigner {
  private readonly secret: string;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: TokenSignerOptions) {
    if (options.secret.length < TOKEN_SECRET_MIN_LENGTH) throw new Error(`token secret must be at least ${TOKEN_SECRET_MIN_LENGTH} characters`);
    if (!Number.isInteger(options.ttlMs) || options.ttlMs <= 0) throw new Error('token ttlMs must be a positive integer');
    this.secret = options.secret;
    this.ttlMs = options.ttlMs;
    this.now = options.now ?? Date.now;
  }

  sign(claims: { sub: number; role: Role; ver: number }): { token: string; expiresAt: number } {
    const iat = this.now();
    const full: TokenClaims = { sub: claims.sub, role: claims.role, ver: claims.ver, iat, exp: iat + this.ttlMs };
    const payload = Buffer.from(JSON.stringify(claimsSchema.parse(full)), 'utf8').toString('base64url');
    const signed = `${VERSION}.${payload}`;
    return { token: `${signed}.${this.mac(signed).toString('base64url')}`, expiresAt: full.exp };
  }

  verify(token: string): TokenVerification {
    const parts = token.split('.');
    if (parts.length !== 3) return { ok: false, reason: 'malformed' };
    const [version, payload, macText] = parts as [string, string, string];
    if (version !== VERSION || !BASE64URL.test(payload) || !BASE64URL.test(macText)) return { ok: false, reason: 'malformed' };
    const given = Buffer.from(macText, 'base64url');
    // Re-encoding must give back the same text, or one signature would have several spellings.
    if (given.toString('base64url') !== macText) return { ok: false, reason: 'malformed' };
    const expected = this.mac(`${VERSION}.${payload}`);
    if (given.length !== MAC_BYTES || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    // Only a payload we signed ourselves is ever parsed.
    const claims = parseClaims(payload);
    if (!claims) return { ok: false, reason: 'malformed' };
    if (claims.exp <= this.now()) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private mac(signed: string): Buffer {
    return createHmac('sha256', this.secret).update(signed, 'utf8').digest();
  }
}

function parseClaims(payload: string): TokenClaims | undefined {
  try {
    const parsed = claimsSchema.safeParse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
