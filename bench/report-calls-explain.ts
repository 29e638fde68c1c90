/** EXPLAIN of the calls report's query on a bench database: `tsx bench/report-calls-explain.ts sqlite|pg <schema or file> [filters JSON]`. */
import { createDatabase } from '../src/storage/database.js';
import { callPredicate, rawRows, type Bindings } from '../src/reports/calls/call-filter.js';
import { callsSql, wrapUpSql } from '../src/reports/calls/calls-sql.js';
import { istanbulTime } from '../src/queues/istanbul-time.js';

const [engine = 'sqlite', where = '/tmp/rc/bench-1200000.sqlite', extra] = process.argv.slice(2);
const pg = engine === 'pg';
const db = createDatabase(pg ? { url: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test', sqliteFile: ':unused:', searchPath: [where] } : { sqliteFile: where });
const from = istanbulTime(2025, 1, 1);
const to = istanbulTime(2026, 1, 1);
const predicate = await callPredicate(db, { from, to, ...(extra ? (JSON.parse(extra) as object) : {}) });
const bindings: Bindings = { ...predicate.bindings, sl: 20 };
const sql = callsSql(predicate.where, wrapUpSql({ default: 10, perQueue: {} }, bindings));
for (const row of await rawRows(db, `${pg ? 'explain (analyze, buffers)' : 'explain query plan'} ${sql}`, bindings)) console.log(Object.values(row as object).join(' '));
await db.destroy();
