import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoginLimiter, type LoginAdmission, type LoginAttempt } from '../../src/auth/login-limiter.js';

function admitted(admission: LoginAdmission): { delayMs: number; attempt: LoginAttempt } {
  if (!admission.allowed) throw new Error(`expected the attempt to be admitted, was refused for ${admission.retryAfterMs} ms`);
  return admission;
}

describe('auth: login limiter', () => {
  const limiter = (maxFailures = 3, windowMs = 60_000, perAddress = { freeFailures: 100, delayMs: 0, maxDelayMs: 0 }): LoginLimiter =>
    new LoginLimiter({ maxFailures, windowMs, perAddress });

  it('counts attempts still in flight: of ten started at once for one username and address only maxFailures go on', async () => {
    const limits = limiter(3);
    const admissions = await Promise.all(Array.from({ length: 10 }, () => limits.admit('ali', '10.0.0.1')));
    expect(admissions.filter((admission) => admission.allowed)).to.have.length(3);
    const refused = admissions.filter((admission) => !admission.allowed);
    expect(refused).to.have.length(7);
    expect(refused.filter((admission) => admission.lockedNow), 'one refusal starts the lock-out').to.have.length(1);
    for (const admission of refused) expect(admission.retryAfterMs).to.be.within(55_000, 60_000);
  });

  it('locks out only the pair: the same username from another address and another username from the same address go on', async () => {
    const limits = limiter(2);
    for (let i = 0; i < 2; i += 1) await admitted(await limits.admit('ali', '10.0.0.1')).attempt.failed();
    expect((await limits.admit('ali', '10.0.0.1')).allowed).to.equal(false);
    expect((await limits.admit('ali', '10.0.0.2')).allowed).to.equal(true);
    expect((await limits.admit('veli', '10.0.0.1')).allowed).to.equal(true);
  });

  it('lets a locked-out pair try again once the window has passed', async () => {
    const limits = limiter(1, 300);
    await admitted(await limits.admit('ali', '10.0.0.1')).attempt.failed();
    const refused = await limits.admit('ali', '10.0.0.1');
    expect(refused.allowed).to.equal(false);
    await sleep(400);
    expect((await limits.admit('ali', '10.0.0.1')).allowed).to.equal(true);
  });

  it("forgets a pair's failures after a success", async () => {
    const limits = limiter(2);
    await admitted(await limits.admit('ali', '10.0.0.1')).attempt.failed();
    await admitted(await limits.admit('ali', '10.0.0.1')).attempt.succeeded();
    await admitted(await limits.admit('ali', '10.0.0.1')).attempt.failed();
    expect((await limits.admit('ali', '10.0.0.1')).allowed, 'one failure since the success').to.equal(true);
  });

  it('gives a withdrawn attempt back, and counts each attempt once however often it is settled', async () => {
    const limits = limiter(1);
    const first = admitted(await limits.admit('ali', '10.0.0.1')).attempt;
    await first.withdrawn();
    await first.withdrawn();
    const second = admitted(await limits.admit('ali', '10.0.0.1')).attempt;
    await second.failed();
    await second.withdrawn();
    expect((await limits.admit('ali', '10.0.0.1')).allowed, 'the failure stays counted').to.equal(false);
  });

  it('never refuses by address alone: beyond freeFailures each attempt waits delayMs more, up to maxDelayMs', async () => {
    const limits = limiter(3, 60_000, { freeFailures: 4, delayMs: 100, maxDelayMs: 350 });
    const delays: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      const { delayMs, attempt } = admitted(await limits.admit(`user${i}`, '10.0.0.9'));
      delays.push(delayMs);
      await attempt.failed();
    }
    expect(delays).to.deep.equal([0, 0, 0, 0, 100, 200, 300, 350, 350]);
    expect(admitted(await limits.admit('x', '10.0.0.8')).delayMs, 'another address').to.equal(0);
  });

  it('slows concurrent attempts from one address too, and a success gives the address back only that attempt', async () => {
    const limits = limiter(3, 60_000, { freeFailures: 2, delayMs: 100, maxDelayMs: 1000 });
    const burst = await Promise.all(Array.from({ length: 4 }, (_, i) => limits.admit(`user${i}`, '10.0.0.9')));
    expect(burst.map((admission) => admitted(admission).delayMs)).to.deep.equal([0, 0, 100, 200]);
    for (const admission of burst.slice(0, 3)) await admitted(admission).attempt.failed();
    await admitted(burst[3]!).attempt.succeeded();
    expect(admitted(await limits.admit('admin', '10.0.0.9')).delayMs, 'three failures stay counted').to.equal(200);
  });
});
