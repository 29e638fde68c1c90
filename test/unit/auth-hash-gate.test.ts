import { expect } from 'chai';
import { HashGate, type GatePass } from '../../src/auth/hash-gate.js';

interface Held {
  started: boolean;
  release(): void;
  fail(error: Error): void;
}

/** A task that runs until the test releases it. */
function holdable(): { held: Held; work: () => Promise<string> } {
  let release = (): void => {};
  let fail = (_error: Error): void => {};
  const held: Held = { started: false, release: () => release(), fail: (error) => fail(error) };
  const work = (): Promise<string> => {
    held.started = true;
    return new Promise<string>((resolve, reject) => {
      release = () => resolve('done');
      fail = reject;
    });
  };
  return { held, work };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function pass(gate: HashGate): GatePass {
  const admitted = gate.admit();
  if (!admitted) throw new Error('gate unexpectedly full');
  return admitted;
}

describe('auth: password-hash gate', () => {
  it('runs at most maxConcurrent hashes at once and the rest in arrival order', async () => {
    const gate = new HashGate({ maxConcurrent: 2, maxWaiting: 10 });
    const tasks = Array.from({ length: 5 }, () => holdable());
    const results = tasks.map(({ work }) => pass(gate).run(work));
    await tick();
    expect(tasks.map(({ held }) => held.started)).to.deep.equal([true, true, false, false, false]);
    expect(gate.stats).to.deep.equal({ hashing: 2, waiting: 3 });
    tasks[1]!.held.release();
    await tick();
    expect(tasks.map(({ held }) => held.started)).to.deep.equal([true, true, true, false, false]);
    tasks[0]!.held.release();
    tasks[2]!.held.release();
    await tick();
    expect(tasks.map(({ held }) => held.started)).to.deep.equal([true, true, true, true, true]);
    for (const { held } of tasks) held.release();
    expect(await Promise.all(results)).to.deep.equal(['done', 'done', 'done', 'done', 'done']);
  });

  it('refuses admission once maxConcurrent + maxWaiting logins are inside, and admits again when one leaves', () => {
    const gate = new HashGate({ maxConcurrent: 1, maxWaiting: 2 });
    const passes = [gate.admit(), gate.admit(), gate.admit()];
    expect(passes.every(Boolean)).to.equal(true);
    expect(gate.admit()).to.equal(undefined);
    passes[0]!.leave();
    passes[0]!.leave();
    const again = gate.admit();
    expect(again).to.not.equal(undefined);
    expect(gate.admit(), 'leaving twice frees one place only').to.equal(undefined);
  });

  it('frees the hash slot when a hash fails', async () => {
    const gate = new HashGate({ maxConcurrent: 1, maxWaiting: 1 });
    const first = holdable();
    const second = holdable();
    const failing = pass(gate).run(first.work);
    const next = pass(gate).run(second.work);
    await tick();
    first.held.fail(new Error('scrypt failed'));
    expect(await failing.catch((error: Error) => error.message)).to.equal('scrypt failed');
    await tick();
    expect(second.held.started).to.equal(true);
    second.held.release();
    expect(await next).to.equal('done');
    expect(gate.stats.hashing).to.equal(0);
  });
});
