import { expect } from 'chai';
import { LoginLimiter } from '../../src/auth/login-limiter.js';

describe('auth: login limiter', () => {
  let clock: number;
  const limiter = (maxFailures = 3, maxKeys?: number): LoginLimiter => new LoginLimiter({ maxFailures, windowMs: 60_000, maxKeys, now: () => clock });

  beforeEach(() => {
    clock = 1_000_000;
  });

  it('blocks a key after maxFailures failures and says when to retry', () => {
    const limits = limiter(3);
    limits.fail('ali|10.0.0.1');
    clock += 10_000;
    limits.fail('ali|10.0.0.1');
    expect(limits.check('ali|10.0.0.1')).to.deep.equal({ allowed: true });
    limits.fail('ali|10.0.0.1');
    expect(limits.check('ali|10.0.0.1')).to.deep.equal({ allowed: false, retryAfterMs: 50_000 });
    expect(limits.check('veli|10.0.0.1')).to.deep.equal({ allowed: true });
  });

  it('slides the window: the oldest failure leaving it allows one more try', () => {
    const limits = limiter(2);
    limits.fail('k');
    clock += 30_000;
    limits.fail('k');
    expect(limits.check('k').allowed).to.equal(false);
    clock += 30_000;
    expect(limits.check('k')).to.deep.equal({ allowed: true });
    limits.fail('k');
    expect(limits.check('k')).to.deep.equal({ allowed: false, retryAfterMs: 30_000 });
  });

  it('forgets a key after a success', () => {
    const limits = limiter(2);
    limits.fail('k');
    limits.fail('k');
    limits.succeed('k');
    expect(limits.check('k')).to.deep.equal({ allowed: true });
  });

  it('keeps at most maxKeys keys, dropping the least recently failed', () => {
    const limits = limiter(1, 3);
    for (const key of ['a', 'b', 'c']) limits.fail(key);
    limits.fail('a');
    limits.fail('d');
    expect(limits.check('b').allowed, 'b evicted').to.equal(true);
    for (const key of ['a', 'c', 'd']) expect(limits.check(key).allowed, key).to.equal(false);
  });

  it('stays bounded under a flood of distinct keys', () => {
    const limits = limiter(5, 100);
    for (let i = 0; i < 10_000; i += 1) {
      limits.fail(`user${i}|1.2.3.4`);
      limits.check(`probe${i}`);
    }
    expect(limits.trackedKeys).to.equal(100);
    clock += 60_000;
    expect(limits.check('user9999|1.2.3.4')).to.deep.equal({ allowed: true });
    expect(limits.trackedKeys).to.equal(99);
  });

  it('scales to an independent limiter with a multiple of the failures', () => {
    const limits = limiter(2);
    const wide = limits.scaled(4);
    expect(wide.maxFailures).to.equal(8);
    for (let i = 0; i < 7; i += 1) wide.fail('10.0.0.1');
    expect(wide.check('10.0.0.1').allowed).to.equal(true);
    expect(limits.check('10.0.0.1').allowed).to.equal(true);
    wide.fail('10.0.0.1');
    expect(wide.check('10.0.0.1')).to.deep.equal({ allowed: false, retryAfterMs: 60_000 });
  });
});
