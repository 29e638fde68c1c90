import { expect } from 'chai';
import { createReadDatabase } from '../../src/storage/read-database.js';
import { createDatabase } from '../../src/storage/database.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

describe(`storage: the reports' read connection (${testEngine()})`, function () {
  this.timeout(20_000);
  let test: TestDatabase;

  before(async () => {
    test = await createTestDatabase();
  });
  after(async () => {
    await test.destroy();
  });

  it('on SQLite, reads beside the main connection: a write commits while a long read holds its snapshot', async function () {
    if (testEngine() !== 'sqlite') this.skip();
    const reads = createReadDatabase(test.db);
    try {
      expect(reads.db).not.to.equal(test.db);
      await test.db('departments').insert({ code: 'okuma', name: 'Okuma Birimi' });
      await test.db('categories').insert({ code: 'okuma-1', name: 'Okuma', parent_code: null, department_code: 'okuma' });
      let writeDone = false;
      await reads.db.transaction(async (trx) => {
        const before = (await trx('categories').count({ n: '*' }))[0]?.n;
        // The main connection writes while the read transaction is open; it must not wait for it.
        const write = test.db.raw("update categories set name = 'Okuma (yeni)' where code = 'okuma-1'").then(() => (writeDone = true));
        await Promise.race([write, new Promise((resolve) => setTimeout(resolve, 2000))]);
        expect(writeDone, 'the write committed during the read').to.equal(true);
        // The read still sees its snapshot.
        expect((await trx('categories').count({ n: '*' }))[0]?.n).to.equal(before);
        expect((await trx('categories').where({ code: 'okuma-1' }).first('name'))?.name).to.equal('Okuma');
      });
      expect((await reads.db('categories').where({ code: 'okuma-1' }).first('name'))?.name).to.equal('Okuma (yeni)');
    } finally {
      await reads.close();
    }
  });

  it('on SQLite, refuses to write', async function () {
    if (testEngine() !== 'sqlite') this.skip();
    const reads = createReadDatabase(test.db);
    try {
      const error = await reads.db.raw("update departments set name = 'x'").then(() => null, (caught: unknown) => caught);
      expect(String(error)).to.match(/readonly|query_only|SQLITE_READONLY/i);
    } finally {
      await reads.close();
    }
  });

  it('gives PostgreSQL and an in-memory SQLite the database itself', async () => {
    if (testEngine() === 'postgres') {
      const reads = createReadDatabase(test.db);
      expect(reads.db).to.equal(test.db);
      await reads.close();
      expect((await test.db.raw('select 1 as one')).rows[0].one).to.equal(1);
      return;
    }
    const memory = createDatabase({ sqliteFile: ':memory:' });
    try {
      expect(createReadDatabase(memory).db).to.equal(memory);
    } finally {
      await memory.destroy();
    }
  });
});
