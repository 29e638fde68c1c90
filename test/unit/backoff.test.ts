import { expect } from 'chai';
import { backoffDelay } from '../../src/shared/backoff.js';

describe('jittered reconnect backoff', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30000 };

  it('retries the first time within the initial delay', () => {
    expect(backoffDelay(0, { ...options, random: () => 1 })).to.equal(500);
    expect(backoffDelay(0, { ...options, random: () => 0 })).to.equal(250);
  });

  it('never waits longer than the cap, however many attempts failed', () => {
    for (const attempt of [10, 100, 10_000]) expect(backoffDelay(attempt, { ...options, random: () => 1 })).to.equal(30000);
  });

  it('spreads retries so clients do not reconnect in lockstep', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(5, options)));
    expect(delays.size).to.be.greaterThan(10);
  });
});
