import { randomInt } from 'node:crypto';
import { passwordProblem } from '../../auth/passwords.js';

// No 0/O, 1/l/I: read aloud or copied from a screen by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password an admin hands over: 14 characters (about 80 bits), always within passwordProblem's rules. */
export function oneTimePassword(length = 14): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i += 1) password += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblem(password) === null) return password;
  }
}
