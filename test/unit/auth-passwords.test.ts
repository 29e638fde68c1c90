import { expect } from 'chai';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/auth/passwords.js';

describe('auth: passwords', () => {
  it('hashes with scrypt parameters and a random salt, and verifies only the right password', async () => {
    const first = await hashPassword('Kayseri-153-hat');
    const second = await hashPassword('Kayseri-153-hat');
    expect(first).to.match(/^scrypt\$16384\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(first).to.not.equal(second);
    expect(await verifyPassword('Kayseri-153-hat', first)).to.equal(true);
    expect(await verifyPassword('Kayseri-153-hat', second)).to.equal(true);
    expect(await verifyPassword('kayseri-153-hat', first)).to.equal(false);
    expect(await verifyPassword('', first)).to.equal(false);
  });

  it('verifies Turkish passwords whatever their Unicode normal form', async () => {
    const composed = 'Şifre-çok-güçlü-İ';
    const stored = await hashPassword(composed);
    expect(await verifyPassword(composed.normalize('NFD'), stored)).to.equal(true);
  });

  it('answers false, never throws, for malformed or hostile stored values', async () => {
    const good = await hashPassword('correct horse battery');
    const [, , , , salt, key] = good.split('$');
    const cases = [
      '',
      'plain-text-password',
      'bcrypt$2b$10$abc',
      good.replace('scrypt$', 'scrypt2$'),
      good.slice(0, -10),
      `${good}$extra`,
      `scrypt$16383$8$1$${salt}$${key}`,
      `scrypt$1048576$8$1$${salt}$${key}`,
      `scrypt$16384$8$99$${salt}$${key}`,
      `scrypt$16384$-8$1$${salt}$${key}`,
      `scrypt$16384$8$1$!!notbase64!!$${key}`,
      `scrypt$16384$8$1$${salt}$QUJD`,
    ];
    for (const stored of cases) {
      expect(await verifyPassword('correct horse battery', stored), stored).to.equal(false);
    }
  });

  it('refuses short, overlong and repetitive passwords with an English reason', () => {
    expect(passwordProblem('kısa-1')).to.match(/at least 10 characters/);
    expect(passwordProblem('x'.repeat(201))).to.match(/at most 200 characters/);
    expect(passwordProblem('abcabcabcabc')).to.match(/at least 4 different characters/);
    expect(passwordProblem('ğğğğğğğğğğ')).to.match(/different characters/);
    expect(passwordProblem('abcdabcdab')).to.equal(null);
    expect(passwordProblem('x'.repeat(196) + 'abcd')).to.equal(null);
  });

  it('counts characters, not UTF-16 units, so nine emoji are too short', () => {
    expect(passwordProblem('😀😁😂🤣😃😄😅😆😉')).to.match(/at least 10/);
  });
});
