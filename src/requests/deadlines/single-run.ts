import type { Knex } from 'knex';

/**
 * Runs a job on one node only. PostgreSQL: several alo153 processes may share the database, so each run takes
 * a transaction-scoped advisory lock first (pg_try_advisory_xact_lock) and skips when another node holds it;
 * the lock goes with the transaction, so a crashed node never leaves it taken. The lock's key is the job's
 * class and the schema, so deployments in two schemas of one database do not hold each other up. SQLite: the
 * database is a file one process owns, and its single connection must stay free for the job's own writes.
 */
export type SingleRun = <T>(job: () => Promise<T>) => Promise<{ ran: true; value: T } | { ran: false }>;

/** The advisory lock's first key (int4): "alo153 deadline clock" in four ASCII bytes, 'a153'. */
export const DEADLINE_CLOCK_LOCK = 0x61313533;

export function singleRun(db: Knex, lockClass: number): SingleRun {
  if (db.client.config.client !== 'pg') {
    return async (job) => ({ ran: true, value: await job() });
  }
  return (job) =>
    db.transaction(async (trx) => {
      const result = (await trx.raw('select pg_try_advisory_xact_lock(?::int4, hashtext(current_schema())) as locked', [lockClass])) as { rows: { locked: boolean }[] };
      if (result.rows[0]?.locked !== true) return { ran: false as const };
      // The job writes through its own transactions (other pool connections); this one only holds the lock.
      return { ran: true as const, value: await job() };
    });
}
