import { passwordProblem, productionHasher, type PasswordHasher } from './passwords.js';
import type { TokenSigner } from './tokens.js';
import type { KnexUserStore, UserView } from './user-store.js';

export type PasswordChangeRefusal = 'wrong-password' | 'same-password' | 'weak-password';

export class PasswordChangeError extends Error {
  constructor(
    readonly reason: PasswordChangeRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'PasswordChangeError';
  }
}

export interface PasswordChangeOptions {
  users: Pick<KnexUserStore, 'findByUsername' | 'findById' | 'changeOwnPassword'>;
  signer: TokenSigner;
  /** Absent: OWASP parameters. Tests inject cheaper ones in code. */
  hasher?: PasswordHasher;
}

/**
 * A signed-in user chooses their own password (after an admin's reset, or any time): the current one is checked
 * again, the new one must pass passwordProblem and differ from it; every other session ends (token_version) and
 * this one goes on with a new token.
 */
export class PasswordChange {
  private readonly hasher: PasswordHasher;

  constructor(private readonly options: PasswordChangeOptions) {
    this.hasher = options.hasher ?? productionHasher;
  }

  async change(user: UserView, current: string, next: string): Promise<{ token: string; expiresAt: number; user: UserView }> {
    const stored = await this.options.users.findByUsername(user.username);
    if (!stored || !(await this.hasher.verify(current, stored.passwordHash))) {
      throw new PasswordChangeError('wrong-password', 'Mevcut parola yanlış / the current password is wrong');
    }
    const problem = passwordProblem(next);
    if (problem) throw new PasswordChangeError('weak-password', problemInTurkish(next) ?? problem);
    if (next.normalize('NFC') === current.normalize('NFC')) throw new PasswordChangeError('same-password', 'Yeni parola eskisiyle aynı olamaz / the new password must differ from the current one');
    await this.options.users.changeOwnPassword(user.id, next);
    const changed = await this.options.users.findById(user.id);
    if (!changed) throw new Error(`user ${user.id} vanished`);
    const { token, expiresAt } = this.options.signer.sign({ sub: changed.id, role: changed.role, ver: changed.tokenVersion });
    return { token, expiresAt, user: changed };
  }
}

/** passwordProblem's rules, worded for the Turkish screens (the English text stays for API clients). */
export function problemInTurkish(password: string): string | null {
  const problem = passwordProblem(password);
  if (problem === null) return null;
  if (problem.includes('at least') && problem.includes('long')) return `Parola en az ${problem.match(/\d+/)?.[0] ?? ''} karakter olmalı / ${problem}`;
  if (problem.includes('at most')) return `Parola en çok ${problem.match(/\d+/)?.[0] ?? ''} karakter olabilir / ${problem}`;
  return `Parola en az ${problem.match(/\d+/)?.[0] ?? ''} farklı karakter içermeli / ${problem}`;
}
