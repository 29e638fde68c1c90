import { expect } from 'chai';
import { hashPassword, PasswordHasher, passwordProblem, productionHasher, verifyPassword } from '../../src/auth/passwords.js';
import { TEST_HASHER } from '../support/test-hasher.js';

describe('auth: passwords', () => {
  it("hashes at OWASP's scrypt parameters (N=2^17, r=8, p=1) with a random salt, and verifies only the right password", async () => {
    const first = await hashPassword('Kayseri-153-hat');
    expect(first).to.match(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{86}==$/);
    expect(productionHasher.dummyHash).to.match(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('Kayseri-153-hat', first)).to.equal(true);
    expect(await verifyPassword('kayseri-153-hat', first)).to.equal(false);
    const second = await TEST_HASHER.hash('Kayseri-153-hat');
    const third = await TEST_HASHER.hash('Kayseri-153-hat');
    expect(second).to.not.equal(third);
    expect(await verifyPassword('Kayseri-153-hat', second)).to.equal(true);
    expect(await verifyPassword('', second)).to.equal(false);
  });

  it('verifies a hash made with older parameters and marks it for upgrade, but never a stronger or malformed one', async () => {
    const old = await new PasswordHasher({ cost: 16384, blockSize: 8, parallelism: 1 }).hash('Talas-153-hat');
    expect(old).to.match(/^scrypt\$16384\$8\$1\$/);
    expect(await productionHasher.verify('Talas-153-hat', old)).to.equal(true);
    expect(productionHasher.needsUpgrade(old)).to.equal(true);
    expect(TEST_HASHER.needsUpgrade(await TEST_HASHER.hash('Talas-153-hat')), 'current parameters').to.equal(false);
    expect(TEST_HASHER.needsUpgrade(old), 'stronger than the hasher').to.equal(false);
    expect(productionHasher.needsUpgrade('plain-text-password')).to.equal(false);
  });

  it('refuses to hash with parameters it could not verify', () => {
    expect(() => new PasswordHasher({ cost: 2 ** 18, blockSize: 8, parallelism: 1 })).to.throw(/bounds/);
    expect(() => new PasswordHasher({ cost: 100_000, blockSize: 8, parallelism: 1 })).to.throw(/power-of-two/);
    expect(() => new PasswordHasher({ cost: 1024, blockSize: 8, parallelism: 9 })).to.throw(/bounds/);
  });

  it('verifies Turkish passwords whatever their Unicode normal form', async () => {
    const composed = 'Şifre-çok-güçlü-İ';
    const stored = await TEST_HASHER.hash(composed);
    expect(await verifyPassword(composed.normalize('NFD'), stored)).to.equal(true);
  });

  it('answers false, never throws, for malformed or hostile stored values', async () => {
    const good = await TEST_HASHER.hash('correct horse battery');
    const [, , , , salt, key] = good.split('$');
    const cases = [
      '',
      'plain-text-password',
      'bcrypt$2b$10$abc',
      good.replace('scrypt$', 'scrypt2$'),
      good.slice(0, -10),
      `${good}$extra`,
      `scrypt$1023$8$1$${salt}$${key}`,
      `scrypt$262144$8$1$${salt}$${key}`,
      `scrypt$131072$16$1$${salt}$${key}`,
      `scrypt$1048576$8$1$${salt}$${key}`,
      `scrypt$1024$8$99$${salt}$${key}`,
      `scrypt$1024$-8$1$${salt}$${key}`,
      `scrypt$1024$8$1$!!notbase64!!$${key}`,
      `scrypt$1024$8$1$${salt}$QUJD`,
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
