import { PasswordHasher } from '../../src/auth/passwords.js';

/**
 * scrypt at N=2^10 (about 2 ms) instead of OWASP's 2^17 (about half a second): suites that create dozens
 * of users stay fast. Injected in code (startAlo153, createAuth, KnexUserStore, AuthService); no config key can.
 */
export const TEST_HASHER = new PasswordHasher({ cost: 2 ** 10, blockSize: 8, parallelism: 1 });
