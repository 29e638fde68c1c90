import { expect } from 'chai';
import type { Knex } from 'knex';
import { createTestLogger } from '../../src/logging/logger.js';
import { DeadlineClock, type DeadlineClockOptions, type DeadlineNotifier } from '../../src/requests/deadlines/deadline-clock.js';
import type { DeadlineNotification } from '../../src/requests/deadlines/deadline-notes.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import type { RequestAction, RequestActor } from '../../src/requests/lifecycle.js';
import { createDatabase } from '../../src/storage/database.js';
import { createTestDatabase, TEST_POSTGRES_URL, testEngine, type TestDatabase } from '../support/db.js';

// Monday 7 December 2026, 09:00 Istanbul: 'hayvan' (4 hours) is due at 13:00, due soon at 12:00.
const T0 = Date.parse('2026-12-07T06:00:00.000Z');
const HOUR = 3_600_000;
const sefa: RequestActor = { kind: 'user', userId: 1, username: 'sefa', role: 'supervisor', department: null };

interface Events {
  kind: string;
  actor: string;
  data: Record<string, unknown>;
}

describe(`requests: the deadline clock (${testEngine()})`, function () {
  this.timeout(60_000);
  let test: TestDatabase;
  let now: number;
  let requests: Requests;
  let told: DeadlineNotification[];

  const notifier: DeadlineNotifier = { notify: (notification) => told.push(notification) };
  const services = (db: Knex) => createRequests({ db, config: shippedLifecycleConfig(), logger: createTestLogger(), now: () => new Date(now) });
  const clockOn = (db: Knex, service: DeadlineClockOptions['service'] = services(db).service) =>
    new DeadlineClock({ db, service, notifier, logger: createTestLogger(), intervalMs: 60_000, now: () => new Date(now), batchSize: 2 });

  const open = async (categoryCode: string, then: RequestAction[] = [{ name: 'forward', department: 'veteriner', text: null }]): Promise<string> => {
    const ticket = await requests.service.create({ source: 'web', createdAt: new Date(now) }, sefa, [{ name: 'edit', fields: { categoryCode, departmentCode: 'veteriner' } }, ...then]);
    return ticket.number;
  };
  const events = async (number: string, kinds = ['due-soon', 'overdue', 'ack-overdue']): Promise<Events[]> => {
    const rows = (await test.db('ticket_events')
      .join('tickets', 'tickets.id', 'ticket_events.ticket_id')
      .where('tickets.number', number)
      .whereIn('kind', kinds)
      .orderBy('ticket_events.id')
      .select('kind', 'actor', 'data')) as { kind: string; actor: string; data: string }[];
    return rows.map((row) => ({ kind: row.kind, actor: row.actor, data: JSON.parse(row.data) as Record<string, unknown> }));
  };

  beforeEach(async () => {
    test = await createTestDatabase();
    now = T0;
    told = [];
    requests = services(test.db);
  });

  afterEach(async () => {
    await test.destroy();
  });

  it('tells each ticket once at 75 % of its deadline and once at 100 %, without moving its version', async () => {
    const numbers = [await open('hayvan'), await open('hayvan'), await open('hayvan')];
    const versions = await Promise.all(numbers.map(async (number) => (await test.db('tickets').where({ number }).first('version')) as { version: number }));
    const clock = clockOn(test.db, requests.service);

    now = T0 + 2 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0 });
    now = T0 + 3 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 3, overdue: 0 });
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0 });
    now = T0 + 4 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 3 });
    now = T0 + 5 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0 });

    const dueAt = new Date(T0 + 4 * HOUR).toISOString();
    for (const number of numbers) {
      expect(await events(number)).to.deep.equal([
        { kind: 'due-soon', actor: 'system:deadline', data: { dueAt, department: 'veteriner' } },
        { kind: 'overdue', actor: 'system:deadline', data: { dueAt, department: 'veteriner' } },
      ]);
    }
    const row = (await test.db('tickets').where({ number: numbers[0] }).first('due_soon_notified_at', 'overdue_notified_at', 'version')) as Record<string, unknown>;
    expect(row).to.deep.equal({ due_soon_notified_at: new Date(T0 + 3 * HOUR).toISOString(), overdue_notified_at: new Date(T0 + 4 * HOUR).toISOString(), version: versions[0]?.version });
    expect(told.map((item) => `${item.kind} ${item.ticket} ${item.department}`).sort()).to.deep.equal(
      numbers.flatMap((number) => [`due-soon ${number} veteriner`, `overdue ${number} veteriner`]).sort(),
    );
  });

  it('tells a missed acknowledgement only for tickets still waiting to be accepted, and no deadline once answered', async () => {
    const waiting = await open('genel');
    const accepted = await open('genel', [{ name: 'forward', department: 'veteriner', text: null }, { name: 'accept', text: null }]);
    const answered = await open('hayvan', [{ name: 'forward', department: 'veteriner', text: null }, { name: 'answer', text: 'Ekip gitti.' }]);
    const clock = clockOn(test.db, requests.service);
    // One working day after Monday 09:00 is Tuesday 09:00; 'hayvan' is long overdue by then, 'genel' not due soon.
    now = T0 + 24 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0, 'ack-overdue': 1 });
    expect((await events(waiting)).map((event) => event.kind)).to.deep.equal(['ack-overdue']);
    expect(await events(accepted)).to.deep.equal([]);
    expect(await events(answered)).to.deep.equal([]);
    expect(await clock.runOnce()).to.include({ 'ack-overdue': 0 });
  });

  it('tells again for a stricter deadline after a category change, not for one with the same deadline', async () => {
    const number = await open('genel');
    const clock = clockOn(test.db, requests.service);
    // genel: five working days, Monday 09:00 → next Monday 09:00; due soon at 75 % of that span.
    now = T0 + 6 * 24 * HOUR;
    expect(await clock.runOnce()).to.include({ 'due-soon': 1, overdue: 0 });
    await requests.service.act(number, { name: 'edit', fields: { categoryCode: 'zabita', departmentCode: 'veteriner' } }, sefa);
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0 });
    await requests.service.act(number, { name: 'edit', fields: { categoryCode: 'hayvan', departmentCode: 'veteriner' } }, sefa);
    expect(await clock.runOnce()).to.include({ 'due-soon': 1, overdue: 1 });
    // Back to the old deadline: told again once (the mark was reset), and never in a loop.
    await requests.service.act(number, { name: 'edit', fields: { categoryCode: 'genel', departmentCode: 'veteriner' } }, sefa);
    expect(await clock.runOnce()).to.include({ 'due-soon': 1, overdue: 0 });
    expect(await clock.runOnce()).to.include({ 'due-soon': 0, overdue: 0 });
    const dues = (await events(number, ['due-soon', 'overdue'])).map((event) => `${event.kind} ${String(event.data.dueAt)}`);
    const genelDue = new Date(T0 + 7 * 24 * HOUR).toISOString();
    const hayvanDue = new Date(T0 + 4 * HOUR).toISOString();
    expect(dues).to.deep.equal([`due-soon ${genelDue}`, `due-soon ${hayvanDue}`, `overdue ${hayvanDue}`, `due-soon ${genelDue}`]);
  });

  it('reads due tickets in batches until none is left (more than one batch per kind)', async () => {
    for (let index = 0; index < 5; index += 1) await open('hayvan');
    now = T0 + 4 * HOUR;
    expect(await clockOn(test.db, requests.service).runOnce()).to.deep.equal({ 'due-soon': 5, overdue: 5, 'ack-overdue': 0, skipped: 0 });
  });

  it('tells once when two alo153 processes run their clocks on one PostgreSQL database at the same time', async function () {
    if (test.engine !== 'postgres') this.skip();
    const schema = ((await test.db.raw('select current_schema() as name')) as { rows: { name: string }[] }).rows[0]?.name ?? '';
    const other = createDatabase({ url: TEST_POSTGRES_URL, sqliteFile: ':unused:', searchPath: [schema] });
    try {
      for (let index = 0; index < 6; index += 1) await open('hayvan');
      // Each write takes a little while, so the two runs overlap for certain.
      const slow = (db: Knex) => {
        const { service } = services(db);
        return { act: async (...args: Parameters<typeof service.act>) => (await new Promise((resolve) => setTimeout(resolve, 20)), service.act(...args)) };
      };
      const clocks = [clockOn(test.db, slow(test.db)), clockOn(other, slow(other))];
      now = T0 + 4 * HOUR;
      const runs = await Promise.all([clocks[0]?.runOnce(), clocks[1]?.runOnce(), clocks[0]?.runOnce(), clocks[1]?.runOnce()]);
      expect(runs.filter((run) => run === null).length, 'runs that found the other node holding the lock').to.be.greaterThan(0);
      const again = await Promise.all(clocks.map((clock) => clock.runOnce()));
      expect(again.every((run) => run === null || (run['due-soon'] === 0 && run.overdue === 0))).to.equal(true);
      expect(told.filter((item) => item.kind === 'due-soon')).to.have.length(6);
      expect(told.filter((item) => item.kind === 'overdue')).to.have.length(6);
      const stored = (await test.db('ticket_events').whereIn('kind', ['due-soon', 'overdue']).count({ n: '*' })) as { n: string | number }[];
      expect(Number(stored[0]?.n)).to.equal(12);
    } finally {
      await other.destroy();
    }
  });
});
