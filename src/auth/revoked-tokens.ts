import { createHash } from 'node:crypto';

/**
 * Tokens ended by a logout before they expire. Kept in memory only until their expiry, so the set
 * stays small; a restart forgets it (as documented: a stolen token from before the restart still
 * works until it expires, unless the user's password is changed, which revokes every token).
 */
export class RevokedTokens {
  private readonly revoked = new Map<string, number>();
  private readonly listeners: Array<(token: string) => void> = [];

  constructor(private readonly now: () => number = Date.now) {}

  revoke(token: string, expiresAt: number): void {
    this.sweep();
    this.revoked.set(this.key(token), expiresAt);
    for (const listener of this.listeners) listener(token);
  }

  has(token: string): boolean {
    const until = this.revoked.get(this.key(token));
    return until !== undefined && until > this.now();
  }

  /** Told of every logout (the socket server closes that token's sockets). */
  onRevoke(listener: (token: string) => void): void {
    this.listeners.push(listener);
  }

  private key(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, until] of this.revoked) if (until <= now) this.revoked.delete(key);
  }
}
