import { expect } from 'chai';
import { dueQuery } from '../../src/requests/deadlines/deadline-due.js';
import { backlogSql, inTimeSql, medianSql } from '../../src/requests/read/figures-sql.js';
import { lifecycleFigures, type FiguresRow } from '../../src/requests/read/lifecycle-figures.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';

// The period 1–2 December 2026 (Istanbul), as period-query.ts reads from=2026-12-01&to=2026-12-02.
const FROM = '2026-11-30T21:00:00.000Z';
const TO = '2026-12-02T21:00:00.000Z';
const NOW = '2026-12-03T09:00:00.000Z';
const IN = '2026-12-01T10:00:00.000Z';
const BEFORE = '2026-11-29T10:00:00.000Z';
const PAST = '2026-12-02T09:00:00.000Z';
const LATER = '2026-12-10T09:00:00.000Z';

interface Row {
  department: string | null;
  source: string;
  status: string;
  accept?: [string, number];
  answer?: [string, number, boolean];
  inform?: [string, number];
  dueSoonAt?: string;
  dueAt?: string;
}

/** A hand-made set: even and odd counts, both edges of the period, rows the backlog must leave out. */
const ROWS: Row[] = [
  { department: 'veteriner', source: 'phone', status: 'closed', accept: [IN, 100], answer: [IN, 1000, true], inform: [IN, 50] },
  { department: 'veteriner', source: 'cimer', status: 'answered', accept: [IN, 300], answer: [IN, 3000, false], dueAt: PAST },
  { department: 'veteriner', source: 'web', status: 'in_progress', accept: [IN, 200], dueSoonAt: BEFORE, dueAt: PAST },
  { department: 'veteriner', source: 'cimer', status: 'answered', accept: [IN, 400], answer: [IN, 2000, true], dueAt: LATER },
  { department: 'veteriner', source: 'phone', status: 'in_progress', accept: [BEFORE, 999], dueSoonAt: PAST, dueAt: LATER },
  { department: 'zabita', source: 'cimer', status: 'closed', accept: [IN, 60], answer: [IN, 600, true], inform: [IN, 120] },
  { department: 'zabita', source: 'phone', status: 'closed', accept: [FROM, 120], answer: [IN, 1200, false], inform: [IN, 240] },
  { department: 'zabita', source: 'phone', status: 'abandoned', dueAt: PAST },
  { department: 'zabita', source: 'phone', status: 'closed', accept: [TO, 9999] },
  { department: null, source: 'desk', status: 'open', dueSoonAt: BEFORE, dueAt: PAST },
];

const row = (overrides: Partial<FiguresRow>): FiguresRow => ({
  open: 0, dueSoon: 0, overdue: 0, accepted: 0, acceptMedianS: null, answered: 0, answerMedianS: null, informed: 0, informMedianS: null,
  answeredInTime: 0, inTimeShare: null, cimer: { answered: 0, answeredInTime: 0, inTimeShare: null }, ...overrides,
});

describe(`requests: lifecycle figures in SQL (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;

  before(async () => {
    test = await createTestDatabase();
    await test.db('tickets').insert(
      ROWS.map((item, index) => ({
        number: `153-2026-${String(index + 1).padStart(6, '0')}`, year: 2026, seq: index + 1, source: item.source, status: item.status, priority: 'normal',
        department_code: item.department, created_at: BEFORE, updated_at: BEFORE, version: 1,
        due_soon_at: item.dueSoonAt ?? item.dueAt ?? LATER, due_at: item.dueAt ?? LATER,
        accepted_at: item.accept?.[0] ?? null, accept_s: item.accept?.[1] ?? null,
        answered_at: item.answer?.[0] ?? null, answer_s: item.answer?.[1] ?? null, answered_in_time: item.answer?.[2] ?? null,
        informed_at: item.inform?.[0] ?? null, inform_s: item.inform?.[1] ?? null,
      })),
    );
  });

  after(async () => {
    await test.destroy();
  });

  it('gives the medians, shares and backlog per department, per source and in total', async () => {
    const figures = await lifecycleFigures(test.db, { from: new Date(FROM), to: new Date(TO), now: new Date(NOW) });
    expect(figures.byDepartment).to.deep.equal([
      { department: 'veteriner', ...row({ open: 4, dueSoon: 1, overdue: 1, accepted: 4, acceptMedianS: 250, answered: 3, answerMedianS: 2000, informed: 1, informMedianS: 50, answeredInTime: 2, inTimeShare: 2 / 3, cimer: { answered: 2, answeredInTime: 1, inTimeShare: 0.5 } }) },
      { department: 'zabita', ...row({ accepted: 2, acceptMedianS: 90, answered: 2, answerMedianS: 900, informed: 2, informMedianS: 180, answeredInTime: 1, inTimeShare: 0.5, cimer: { answered: 1, answeredInTime: 1, inTimeShare: 1 } }) },
      { department: null, ...row({ open: 1, overdue: 1 }) },
    ]);
    expect(figures.bySource).to.deep.equal([
      { source: 'cimer', ...row({ open: 2, accepted: 3, acceptMedianS: 300, answered: 3, answerMedianS: 2000, informed: 1, informMedianS: 120, answeredInTime: 2, inTimeShare: 2 / 3, cimer: { answered: 3, answeredInTime: 2, inTimeShare: 2 / 3 } }) },
      { source: 'desk', ...row({ open: 1, overdue: 1 }) },
      { source: 'phone', ...row({ open: 1, dueSoon: 1, accepted: 2, acceptMedianS: 110, answered: 2, answerMedianS: 1100, informed: 2, informMedianS: 145, answeredInTime: 1, inTimeShare: 0.5 }) },
      { source: 'web', ...row({ open: 1, overdue: 1, accepted: 1, acceptMedianS: 200 }) },
    ]);
    expect(figures.total).to.deep.equal(
      row({ open: 5, dueSoon: 1, overdue: 2, accepted: 6, acceptMedianS: 160, answered: 5, answerMedianS: 1200, informed: 3, informMedianS: 120, answeredInTime: 3, inTimeShare: 0.6, cimer: { answered: 3, answeredInTime: 2, inTimeShare: 2 / 3 } }),
    );
  });

  it('gives an empty period nulls, not zeros, for its medians and shares', async () => {
    const figures = await lifecycleFigures(test.db, { from: new Date('2026-01-01T00:00:00.000Z'), to: new Date('2026-01-02T00:00:00.000Z'), now: new Date(NOW) });
    expect(figures.total).to.deep.equal(row({ open: 5, dueSoon: 1, overdue: 2 }));
  });

  it('reads the clock and the period through their indexes, not the table', async () => {
    const engine = test.engine === 'postgres' ? 'pg' : 'sqlite';
    const plan = async (sql: string, bindings: readonly (string | number)[] | Record<string, string>): Promise<string> => {
      if (engine === 'sqlite') {
        return ((await test.db.raw(`explain query plan ${sql}`, bindings)) as { detail: string }[]).map((step) => step.detail).join('\n');
      }
      // Ten rows are cheaper to read whole: forbid the sequential scan to see what the planner can use.
      return test.db.transaction(async (trx) => {
        await trx.raw('set local enable_seqscan = off');
        return ((await trx.raw(`explain ${sql}`, bindings)) as { rows: Record<string, string>[] }).rows.map((step) => step['QUERY PLAN']).join('\n');
      });
    };
    const range = { from: FROM, to: TO };
    const indexes: [string, string][] = [
      [dueQuery('due-soon', new Date(NOW), null, 100, engine).sql, 'tickets_clock_due_soon_idx'],
      [dueQuery('overdue', new Date(NOW), { passedAt: new Date(PAST), id: 1 }, 100, engine).sql, 'tickets_clock_overdue_idx'],
      [dueQuery('ack-overdue', new Date(NOW), null, 100, engine).sql, 'tickets_clock_ack_idx'],
      [medianSql(engine, 'accept'), 'tickets_accepted_figures_idx'],
      [medianSql(engine, 'answer'), 'tickets_answered_figures_idx'],
      [medianSql(engine, 'inform'), 'tickets_informed_figures_idx'],
      [inTimeSql(), 'tickets_answered_figures_idx'],
    ];
    for (const [sql, index] of indexes) {
      const bindings = sql.includes(':from') ? range : dueBindings(sql);
      const text = await plan(sql, bindings);
      expect(text, sql).to.include(index);
      expect(text, sql).not.to.match(/SCAN tickets(?! USING)|Seq Scan on tickets/);
    }
    expect(await plan(backlogSql(), { now: NOW })).not.to.match(/SCAN tickets(?! USING)|Seq Scan on tickets/);
  });
});

/** Placeholder values for a clock query's `?`s (the plan does not depend on them). */
function dueBindings(sql: string): (string | number)[] {
  const count = sql.split('?').length - 1;
  return Array.from({ length: count }, (_, index) => (index === count - 1 ? 100 : index === count - 2 && count > 2 ? 1 : NOW));
}
