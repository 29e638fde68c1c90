/**
 * Department inbox, escalation view and supervisor search on a large database: p50/p99 per page.
 *   npx tsx bench/inbox.ts --engine sqlite|postgres --tickets 1000000 [--open 100000] [--pages 200]
 * PostgreSQL: BENCH_DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test (a schema of its own, dropped after).
 * Seeds with bench/inbox-seed.ts, then runs each page `--pages` times, one after the other (no concurrency: the
 * figure is what one screen waits). Target: p99 <= 200 ms per page on both engines. Prints MET / NOT MET, never fails.
 */
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { migrateLatest } from '../src/storage/database.js';
import { readInbox } from '../src/requests/read/inbox.js';
import { EscalationReader } from '../src/requests/read/escalations.js';
import { decodeCursor } from '../src/requests/read/escalation-bounds.js';
import { searchTickets } from '../src/requests/read/ticket-search.js';
import { createBenchDatabase } from './bench-db.js';
import { seedInboxTickets } from './inbox-seed.js';
import { fixed, percentile, printTable, verdict } from './report.js';

export interface InboxBenchOptions {
  engine: 'sqlite' | 'postgres';
  tickets: number;
  open: number;
  pages: number;
}
export interface PageFigure {
  name: string;
  n: number;
  p50: number;
  p99: number;
  rows: number;
}
export interface InboxBenchResult {
  engine: string;
  tickets: number;
  seedMs: number;
  figures: PageFigure[];
  met: boolean;
}

const TARGET_P99_MS = 200;
const DEPARTMENTS = ['kayseri-ulasim', 'cevre', 'kaski', 'ulasim', 'sosyal', 'zabita', 'veteriner', 'beyaz-masa'];
const POSTGRES_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function measure(name: string, pages: number, run: (k: number) => Promise<number>): Promise<PageFigure> {
  await run(0); // one warm-up: the first touch of an index pays the disk, not the query.
  const ms: number[] = [];
  let rows = 0;
  for (let k = 1; k <= pages; k += 1) {
    const started = performance.now();
    rows += await run(k);
    ms.push(performance.now() - started);
  }
  return { name, n: pages, p50: percentile(ms, 50), p99: percentile(ms, 99), rows: Math.round(rows / pages) };
}

async function pagesOf(db: Knex, o: InboxBenchOptions, now: Date): Promise<PageFigure[]> {
  const escalations = new EscalationReader(db, () => now);
  const department = (k: number): string => DEPARTMENTS[k % DEPARTMENTS.length]!;
  const figures: PageFigure[] = [];
  const inboxCursors = new Map<string, string | null>();
  figures.push(
    await measure('inbox: a department, next page (keyset)', o.pages, async (k) => {
      const code = department(k);
      const cursor = inboxCursors.get(code) ?? null;
      const decoded = cursor ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { d: string | null; i: number } : undefined;
      const page = await readInbox(db, { department: code, limit: 50, ...(decoded ? { after: { dueAt: decoded.d, id: decoded.i } } : {}) }, now);
      inboxCursors.set(code, page.nextCursor);
      return page.items.length;
    }),
  );
  figures.push(await measure('escalations: counts per department', o.pages, async () => (await escalations.counts()).departments.length));
  for (const kind of ['due-soon', 'overdue', 'ack-overdue'] as const) {
    let cursor: string | null = null;
    figures.push(
      await measure(`escalations: ${kind}, next page (all departments)`, o.pages, async () => {
        const page = await escalations.page({ kind, limit: 50, ...(cursor ? { cursor: decodeCursor(cursor)! } : {}) });
        cursor = page.nextCursor;
        return page.items.length;
      }),
    );
    figures.push(await measure(`escalations: ${kind}, a department's first page`, o.pages, async (k) => (await escalations.page({ kind, department: department(k), limit: 50 })).items.length));
  }
  const phones = (await db('tickets').whereIn('id', Array.from({ length: o.pages + 1 }, (_, k) => 1 + ((k * 7919) % o.tickets))).select('caller_number')) as Array<{ caller_number: string }>;
  figures.push(await measure('search: short number (26)', o.pages, async (k) => (await searchTickets(db, { number: String(1 + ((k * 104_729) % 150_000)), limit: 50, offset: 0, now })).items.length));
  figures.push(
    await measure('search: phone (+90 spelling)', o.pages, async (k) => {
      const phone = phones[k % phones.length]?.caller_number ?? '05321234567';
      return (await searchTickets(db, { phone: `+90 ${phone.slice(1)}`, limit: 50, offset: 0, now })).items.length;
    }),
  );
  figures.push(await measure('search: overdue, pages 1-10', o.pages, async (k) => (await searchTickets(db, { overdue: true, limit: 50, offset: (k % 10) * 50, now })).items.length));
  figures.push(await measure('search: overdue in a department', o.pages, async (k) => (await searchTickets(db, { overdue: true, department: department(k), limit: 50, offset: 0, now })).items.length));
  return figures;
}

export async function runInboxBench(o: InboxBenchOptions, log: (line: string) => void = console.log): Promise<InboxBenchResult> {
  const bench = await createBenchDatabase(o.engine === 'postgres' ? POSTGRES_URL : undefined);
  try {
    await migrateLatest(bench.db);
    const now = new Date();
    log(`seeding ${o.tickets} tickets (${o.open} open) on ${bench.engine}…`);
    const seed = await seedInboxTickets(bench.db, { tickets: o.tickets, open: o.open, nowMs: now.getTime(), dueSoonRatio: 0.75 });
    log(`seeded in ${fixed(seed.seedMs / 1000)} s`);
    const figures = await pagesOf(bench.db, o, now);
    return { engine: bench.engine, tickets: o.tickets, seedMs: seed.seedMs, figures, met: figures.every((f) => f.p99 <= TARGET_P99_MS) };
  } finally {
    await bench.db.destroy();
    await bench.cleanUp();
  }
}

export function printInbox(result: InboxBenchResult, log: (line: string) => void = console.log): void {
  log(`\ninbox / escalations / search on ${result.engine}, ${result.tickets} tickets (seeded in ${fixed(result.seedMs / 1000)} s)`);
  printTable([
    ['page', 'n', 'p50 ms', 'p99 ms', 'rows', `p99 <= ${TARGET_P99_MS} ms`],
    ...result.figures.map((f) => [f.name, String(f.n), fixed(f.p50, 2), fixed(f.p99, 2), String(f.rows), verdict(f.p99 <= TARGET_P99_MS)]),
  ]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { engine: { type: 'string', default: 'sqlite' }, tickets: { type: 'string', default: '1000000' }, open: { type: 'string', default: '100000' }, pages: { type: 'string', default: '200' } } });
  const engine = values.engine === 'postgres' ? 'postgres' : values.engine === 'sqlite' ? 'sqlite' : undefined;
  const tickets = Number(values.tickets);
  const open = Math.min(Number(values.open), tickets);
  if (!engine || !Number.isInteger(tickets) || tickets < 1000 || tickets > 5_000_000 || !Number.isInteger(open) || open < 100) {
    console.error('usage: npx tsx bench/inbox.ts --engine sqlite|postgres --tickets 1000..5000000 [--open N] [--pages N]');
    process.exit(2);
  }
  printInbox(await runInboxBench({ engine, tickets, open, pages: Math.max(10, Number(values.pages) || 200) }));
}
