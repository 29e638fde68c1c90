import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const SCHEME = 'scrypt';
const COST = 16384;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 64;

// Stored hashes carry their own parameters so they can be raised later; these bounds keep a
// tampered row from making one verification eat the server's memory or CPU.
const MAX_SCRYPT_MEMORY = 64 * 1024 * 1024;
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

function scryptOptions(cost: number, blockSize: number, parallelism: number): ScryptOptions {
  return { N: cost, r: blockSize, p: parallelism, maxmem: scryptMemory(cost, blockSize) + 1024 * 1024 };
}

/** `scrypt$16384$8$1$<salt b64>$<hash b64>` */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, scryptOptions(COST, BLOCK_SIZE, PARALLELISM));
  return [SCHEME, COST, BLOCK_SIZE, PARALLELISM, salt.toString('base64'), key.toString('base64')].join('$');
}

interface StoredHash {
  cost: number;
  blockSize: number;
  parallelism: number;
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

/** Never throws: a malformed stored value simply does not match. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  try {
    const candidate = await deriveKey(password, parsed.salt, parsed.key.length, scryptOptions(parsed.cost, parsed.blockSize, parsed.parallelism));
    return timingSafeEqual(candidate, parsed.key);
  } catch {
    return false;
  }
}

/** Why a new password is refused (English), or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters long`;
  if (characters.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters long`;
  if (new Set(characters).size < PASSWORD_MIN_DISTINCT) return `password must contain at least ${PASSWORD_MIN_DISTINCT} different characters`;
  return null;
}
