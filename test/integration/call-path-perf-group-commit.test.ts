import { expect } from 'chai';
import { GroupCommit, type WriteOutcome } from '../../src/calls/call-writes/group-commit.js';
import { isConnectionError } from '../../src/storage/db-errors.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

describe(`group commit (${testEngine()})`, () => {
  let test: TestDatabase;
  let begins: number;
  let seen: string[][];

  beforeEach(async () => {
    test = await createTestDatabase({ migrate: false });
    begins = 0;
    seen = [];
    test.db.on('query', (query: { sql: string }) => {
      if (/^begin/i.test(query.sql)) begins += 1;
    });
  });

  afterEach(async () => {
    await test.destroy();
  });

  /** Upper-cases each write inside the transaction; a write named `fail` throws `failure` (the whole batch fails). */
  const commit = (failure: Error = new Error('CHECK constraint failed'), split?: (error: unknown) => boolean) =>
    new GroupCommit<string>({
      db: test.db,
      maxBatch: 4,
      ...(split ? { split } : {}),
      execute: async (trx, writes): Promise<WriteOutcome[]> => {
        seen.push([...writes]);
        await trx.raw('select 1');
        if (writes.includes('fail')) throw failure;
        return writes.map((write) => (write === 'absent' ? { ok: false, error: new Error(`no ${write}`) } : { ok: true, value: write.toUpperCase() }));
      },
    });

  it('runs writes submitted together in one transaction, at most maxBatch each, and settles each with its own result', async () => {
    const group = commit();
    const results = await Promise.allSettled(['a', 'b', 'absent', 'c', 'd', 'e'].map((write) => group.submit<string>(write)));
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).to.deep.equal(['A', 'B', 'no absent', 'C', 'D', 'E']);
    expect(seen).to.deep.equal([['a', 'b', 'absent', 'c'], ['d', 'e']]);
    expect(begins).to.equal(2);
    expect(group.stats).to.deep.equal({ batches: 2, writes: 6, splits: 0 });
  });

  it('runs a failed batch again one write per transaction, so only the write that fails is rejected', async () => {
    const group = commit();
    const results = await Promise.allSettled(['a', 'fail', 'b'].map((write) => group.submit<string>(write)));
    expect(results.map((result) => result.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).to.have.property('message', 'CHECK constraint failed');
    expect(seen).to.deep.equal([['a', 'fail', 'b'], ['a'], ['fail'], ['b']]);
    expect(begins).to.equal(4);
    expect(group.stats.splits).to.equal(1);
  });

  it('gives every write of a failed batch the error, without a try each, when `split` says the database is away', async () => {
    const away = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const group = commit(away, (error) => !isConnectionError(error));
    const results = await Promise.allSettled(['a', 'fail', 'b'].map((write) => group.submit<string>(write)));
    expect(results.map((result) => (result.status === 'rejected' ? (result.reason as Error).message : 'fulfilled'))).to.deep.equal([away.message, away.message, away.message]);
    expect(seen).to.have.length(1);
    expect(group.stats.splits).to.equal(0);
  });

  it('tells a database that is away from a statement it refused', () => {
    const away = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }),
      new Error('Connection terminated unexpectedly'),
    ];
    const refused = [
      Object.assign(new Error('duplicate key value violates unique constraint "calls_pkey"'), { code: '23505' }),
      Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: calls.id'), { code: 'SQLITE_CONSTRAINT' }),
      new TypeError("Cannot read properties of undefined (reading 'path')"),
      'a string',
    ];
    expect(away.map(isConnectionError)).to.deep.equal(away.map(() => true));
    expect(refused.map(isConnectionError)).to.deep.equal(refused.map(() => false));
  });
});
