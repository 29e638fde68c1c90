import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 64;

export interface ScryptParams {
  /** N, a power of two */
  cost: number;
  /** r */
  blockSize: number;
  /** p */
  parallelism: number;
}

/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB and about half a second per hash). */
export const OWASP_SCRYPT: ScryptParams = { cost: 2 ** 17, blockSize: 8, parallelism: 1 };

// Stored hashes carry their own parameters so they can be raised later; these bounds keep a
// tampered row from making one verification eat the server's memory or CPU.
const MAX_SCRYPT_MEMORY = 128 * 1024 * 1024;
const MAX_PARALLELISM = 4;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;
const PASSWORD_MIN_DISTINCT = 4;

function deriveKey(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

function scryptMemory(cost: number, blockSize: number): number {
  return 128 * cost * blockSize;
}

function scryptOptions({ cost, blockSize, parallelism }: ScryptParams): ScryptOptions {
  return { N: cost, r: blockSize, p: parallelism, maxmem: scryptMemory(cost, blockSize) + 1024 * 1024 };
}

interface StoredHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parseStoredHash(stored: string): StoredHash | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6) return undefined;
  const [scheme, costText, blockSizeText, parallelismText, saltText, keyText] = parts as [string, string, string, string, string, string];
  if (scheme !== SCHEME || !BASE64.test(saltText) || !BASE64.test(keyText)) return undefined;
  const [cost, blockSize, parallelism] = [costText, blockSizeText, parallelismText].map((text) => (/^[1-9]\d{0,7}$/.test(text) ? Number(text) : NaN)) as [
    number,
    number,
    number,
  ];
  const costIsPowerOfTwo = cost > 1 && (cost & (cost - 1)) === 0;
  if (!costIsPowerOfTwo || !(parallelism <= MAX_PARALLELISM) || !(scryptMemory(cost, blockSize) <= MAX_SCRYPT_MEMORY)) return undefined;
  const salt = Buffer.from(saltText, 'base64');
  const key = Buffer.from(keyText, 'base64');
  // Canonical base64 and the full key length: a truncated hash would otherwise still verify (scrypt output is a prefix stream).
  if (salt.toString('base64') !== saltText || key.toString('base64') !== keyText) return undefined;
  if (salt.length < SALT_BYTES || key.length !== KEY_BYTES) return undefined;
  return { cost, blockSize, parallelism, salt, key };
}

function work({ cost, blockSize, parallelism }: ScryptParams): number {
  return cost * blockSize * parallelism;
}

/**
 * Hashes new passwords at `params`; verifies any stored hash at the parameters it carries.
 * Production always uses OWASP_SCRYPT: cheaper parameters are injected in code by tests only, never read from config.
 */
export class PasswordHasher {
  readonly params: ScryptParams;
  /** A well-formed hash nobody's password matches: an unknown username then costs one full hash, like a wrong password. */
  readonly dummyHash: string;

  constructor(params: ScryptParams = OWASP_SCRYPT) {
    const costIsPowerOfTwo = Number.isInteger(params.cost) && params.cost > 1 && (params.cost & (params.cost - 1)) === 0;
    if (!costIsPowerOfTwo || scryptMemory(params.cost, params.blockSize) > MAX_SCRYPT_MEMORY || params.parallelism > MAX_PARALLELISM) {
      throw new Error('scrypt parameters must be a power-of-two cost within the verifiable bounds');
    }
    this.params = { ...params };
    const { cost, blockSize, parallelism } = this.params;
    this.dummyHash = [SCHEME, cost, blockSize, parallelism, randomBytes(SALT_BYTES).toString('base64'), randomBytes(KEY_BYTES).toString('base64')].join('$');
  }

  /** `scrypt$131072$8$1$<salt b64>$<hash b64>` */
  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await deriveKey(password, salt, KEY_BYTES, scryptOptions(this.params));
    const { cost, blockSize, parallelism } = this.params;
    return [SCHEME, cost, blockSize, parallelism, salt.toString('base64'), key.toString('base64')].join('$');
  }

  /** Never throws: a malformed stored value simply does not match. */
  async verify(password: string, stored: string): Promise<boolean> {
    const parsed = parseStoredHash(stored);
    if (!parsed) return false;
    try {
      const candidate = await deriveKey(password, parsed.salt, parsed.key.length, scryptOptions(parsed));
      return timingSafeEqual(candidate, parsed.key);
    } catch {
      return false;
    }
  }

  /** True for a well-formed hash made with other, not stronger, parameters: re-hash it after the next successful login. */
  needsUpgrade(stored: string): boolean {
    const parsed = parseStoredHash(stored);
    if (!parsed) return false;
    const same = parsed.cost === this.params.cost && parsed.blockSize === this.params.blockSize && parsed.parallelism === this.params.parallelism;
    return !same && work(parsed) <= work(this.params);
  }
}

/** `N=16384,r=8,p=1` from a stored hash, for logs: never its salt or key. */
export function hashParameters(stored: string): string {
  const [, cost, blockSize, parallelism] = stored.split('$');
  return `N=${cost},r=${blockSize},p=${parallelism}`;
}

export const productionHasher = new PasswordHasher(OWASP_SCRYPT);

export function hashPassword(password: string): Promise<string> {
  return productionHasher.hash(password);
}

/** Never throws: a malformed stored value simply does not match. */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return productionHasher.verify(password, stored);
}

/** Why a new password is refused (English), or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (characters.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (new Set(characters).size < PASSWORD_MIN_DISTINCT) return `password must contain at least ${PASSWORD_MIN_DISTINCT} different characters`;
  return null;
}
