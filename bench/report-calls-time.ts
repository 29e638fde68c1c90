/**
 * A quick timing of the calls report over a year of seeded calls (not the benchmark: see bench/report-calls-seed.ts):
 * `tsx bench/report-calls-time.ts sqlite|pg [calls]`. The SQLite file (/tmp/rc/bench-<calls>.sqlite) or the
 * PostgreSQL schema (rc_bench_<calls>) is seeded once and kept for the next runs.
 */
import { existsSync, mkdirSync } from 'node:fs';
import knex, { type Knex } from 'knex';
import { seedInboxTickets } from './inbox-seed.js';
import { seedReportCalls } from './report-calls-seed.js';
import { istanbulTime } from '../src/queues/istanbul-time.js';
import { createAgentsReport } from '../src/reports/agents/agents-report.js';
import { createCallsReport } from '../src/reports/calls/calls-report.js';
import type { ReportFilters } from '../src/reports/report-types.js';
import { createDatabase, migrateLatest } from '../src/storage/database.js';

const engine = process.argv[2] ?? 'sqlite';
const calls = Number(process.argv[3] ?? 1_200_000);
const url = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const from = istanbulTime(2025, 1, 1);
const to = istanbulTime(2026, 1, 1);

async function open(): Promise<{ db: Knex; fresh: boolean }> {
  if (engine !== 'pg') {
    mkdirSync('/tmp/rc', { recursive: true });
    const file = `/tmp/rc/bench-${calls}.sqlite`;
    const fresh = !existsSync(file);
    return { db: createDatabase({ sqliteFile: file }), fresh };
  }
  const schema = `rc_bench_${calls}`;
  const admin = knex({ client: 'pg', connection: url });
  const found = (await admin.raw('select 1 from information_schema.schemata where schema_name = ?', [schema])) as { rows: unknown[] };
  const fresh = found.rows.length === 0;
  if (fresh) await admin.raw('create schema ??', [schema]);
  await admin.destroy();
  return { db: createDatabase({ url, sqliteFile: ':unused:', searchPath: [schema] }), fresh };
}

const { db, fresh } = await open();
await migrateLatest(db);
if (fresh) {
  console.log('tickets ms', Math.round((await seedInboxTickets(db, { tickets: 400_000, open: 20_000, nowMs: Date.now(), dueSoonRatio: 0.75 })).seedMs));
  console.log('calls ms', Math.round((await seedReportCalls(db, { calls, fromMs: from, toMs: to, tickets: 400_000 })).seedMs));
}
const wrapUpS = { default: 10, perQueue: {} };
const reports = { calls: createCallsReport(db, { serviceLevelSeconds: 20, wrapUpS }), agents: createAgentsReport(db, { wrapUpS }) };
const cases: Array<[keyof typeof reports, ReportFilters]> = [
  ['calls', { from, to }],
  ['calls', { from, to, queue: 'alo153-kentkart' }],
  ['calls', { from, to, category: 'ulasim' }],
  ['calls', { from, to, agent: 'bench-agent3' }],
  ['agents', { from, to }],
  ['agents', { from, to, queue: 'alo153-kentkart' }],
];
for (const [id, filters] of cases) {
  const times: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    await reports[id].build(filters);
    times.push(Math.round(performance.now() - started));
  }
  console.log(id, Object.keys(filters).slice(2).join(',') || '(year)', 'ms', times.join(' '));
}
await db.destroy();
