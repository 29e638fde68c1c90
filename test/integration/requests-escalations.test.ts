import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { EscalationPublisher } from '../../src/requests/read/escalation-publisher.js';
import { EscalationReader, type EscalationItem } from '../../src/requests/read/escalations.js';
import type { RequestChange } from '../../src/requests/request-service.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';
import { seedTicket } from '../support/seed-tickets.js';

const T0 = new Date('2026-12-03T09:00:00.000Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (ms: number) => new Date(T0.getTime() + ms);

describe(`requests: escalation view (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let clock = T0;

  before(async () => {
    test = await createTestDatabase();
    http = await startTestHttpApp({
      db: test.db,
      logger: createTestLogger(),
      accounts: [{ username: 'nuray', role: 'supervisor' }, { username: 'ayse', role: 'agent' }],
      deps: { escalations: { reader: new EscalationReader(test.db), now: () => clock } },
    });
    // At T0: cevre has two overdue (one a CİMER item) and one due soon, kaski one overdue forwarded item whose
    // acknowledgement is late too; the closed one and the one not yet due soon count nowhere.
    const seed = (seq: number, fields: Omit<Parameters<typeof seedTicket>[1], 'year' | 'seq' | 'createdAt'>) => seedTicket(test.db, { year: 2026, seq, createdAt: at(-48 * HOUR), ...fields });
    await seed(1, { status: 'in_progress', department: 'cevre', source: 'cimer', dueAt: at(-2 * HOUR), dueSoonAt: at(-14 * HOUR) });
    await seed(2, { status: 'answered', department: 'cevre', dueAt: at(-1 * HOUR), dueSoonAt: at(-13 * HOUR) });
    await seed(3, { status: 'in_progress', department: 'cevre', dueAt: at(3 * HOUR), dueSoonAt: at(-1 * HOUR) });
    await seed(4, { status: 'forwarded', department: 'kaski', dueAt: at(-30 * MIN), dueSoonAt: at(-5 * HOUR), ackDueAt: at(-20 * HOUR) });
    await seed(5, { status: 'closed', department: 'cevre', dueAt: at(-5 * HOUR), dueSoonAt: at(-10 * HOUR) });
    await seed(6, { status: 'forwarded', department: 'zabita', dueAt: at(40 * HOUR), dueSoonAt: at(10 * HOUR), ackDueAt: at(2 * HOUR) });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  interface EscalationPage {
    items: EscalationItem[];
    nextCursor: string | null;
    counts: { departments: Array<Record<string, unknown>>; total: Record<string, number> };
  }
  const get = (query: string, who = 'nuray') => http.call<EscalationPage>('GET', `/api/escalations?${query}`, who);

  it('counts each kind per department at the controlled clock', async () => {
    clock = T0;
    const { status, body } = await get('kind=overdue');
    expect(status).to.equal(200);
    expect(body.counts.departments).to.deep.equal([
      { departmentCode: 'cevre', dueSoon: 1, overdue: 2, ackOverdue: 0 },
      { departmentCode: 'kaski', dueSoon: 0, overdue: 1, ackOverdue: 1 },
    ]);
    expect(body.counts.total).to.deep.equal({ dueSoon: 1, overdue: 3, ackOverdue: 1 });
  });

  it('lists the oldest deadline first, filters by department and pages by cursor', async () => {
    clock = T0;
    const all = await get('kind=overdue&limit=2');
    expect(all.body.items.map((item) => item.number)).to.deep.equal(['153-2026-000001', '153-2026-000002']);
    expect(all.body.items[0]).to.deep.include({ source: 'cimer', departmentCode: 'cevre', kinds: ['overdue'] });
    expect(all.body.items[0]).to.not.have.any.keys('callerNumber', 'callerName', 'address');
    const next = await get(`kind=overdue&limit=2&cursor=${all.body.nextCursor ?? ''}`);
    expect(next.body.items.map((item) => item.number)).to.deep.equal(['153-2026-000004']);
    expect(next.body.nextCursor).to.equal(null);
    expect((await get('kind=overdue&department=kaski')).body.items.map((item) => item.number)).to.deep.equal(['153-2026-000004']);
    expect((await get('kind=due-soon')).body.items.map((item) => item.number)).to.deep.equal(['153-2026-000003']);
    expect((await get('kind=ack-overdue')).body.items.map((item) => item.kinds)).to.deep.equal([['overdue', 'ack-overdue']]);
  });

  it('moves items between kinds as the clock alone passes their moments', async () => {
    clock = at(3 * HOUR);
    const { body } = await get('kind=ack-overdue');
    expect(body.items.map((item) => item.number)).to.deep.equal(['153-2026-000004', '153-2026-000006']);
    expect(body.counts.total).to.deep.equal({ dueSoon: 0, overdue: 4, ackOverdue: 2 });
  });

  it('refuses agents, a made-up cursor and an unknown kind', async () => {
    expect((await get('kind=overdue', 'ayse')).status).to.equal(403);
    expect((await get('cursor=abc')).status).to.equal(400);
    expect((await get('kind=late')).status).to.equal(400);
  });

  it('pushes an item on the tick that takes it past 75 % and again past 100 % of its deadline', async () => {
    const patches: Array<{ set: Record<string, unknown>; remove: readonly string[] }> = [];
    let now = at(10 * HOUR);
    const number = await seedTicket(test.db, { year: 2026, seq: 7, status: 'in_progress', department: 'kaski', createdAt: at(10 * HOUR), dueAt: at(14 * HOUR), dueSoonAt: at(13 * HOUR) });
    const publisher = new EscalationPublisher({
      reader: new EscalationReader(test.db),
      hub: { patch: (_stream, set, remove = []) => patches.push({ set: { ...set }, remove }) },
      changes: { onChange: () => () => undefined },
      logger: createTestLogger(),
      tickMs: 3_600_000,
      now: () => now,
    });
    const itemsPushed = () => patches.flatMap((patch) => Object.entries(patch.set).filter(([key]) => key.startsWith('item:'))) as Array<[string, EscalationItem]>;
    now = at(12 * HOUR + 59 * MIN);
    await publisher.tick();
    expect(itemsPushed()).to.deep.equal([]);
    now = at(13 * HOUR + 1 * MIN);
    await publisher.tick();
    expect(itemsPushed().map(([key, item]) => [key, item.kinds])).to.deep.equal([[`item:${number}`, ['due-soon']]]);
    const counts = patches.map((patch) => patch.set.counts).filter(Boolean).pop() as { total: Record<string, number> };
    expect(counts.total.dueSoon, "this one and seq 6 (zabita)").to.equal(2);
    patches.length = 0;
    now = at(13 * HOUR + 30 * MIN);
    await publisher.tick();
    expect(itemsPushed()).to.deep.equal([]);
    now = at(14 * HOUR);
    await publisher.tick();
    expect(itemsPushed().map(([key, item]) => [key, item.kinds])).to.deep.equal([[`item:${number}`, ['overdue']]]);
    publisher.stop();
  });

  it('sets an item when a change makes it an escalation and removes it when the change ends it', async () => {
    const patches: Array<{ set: Record<string, unknown>; remove: readonly string[] }> = [];
    let listener: ((change: RequestChange) => void) | undefined;
    const publisher = new EscalationPublisher({
      reader: new EscalationReader(test.db),
      hub: { patch: (_stream, set, remove = []) => patches.push({ set: { ...set }, remove }) },
      changes: { onChange: (l) => ((listener = l), () => undefined) },
      logger: createTestLogger(),
      tickMs: 3_600_000,
      countsDelayMs: 60_000,
      now: () => T0,
    });
    publisher.start();
    const ticket = (await new KnexTicketStore(test.db).getTicket('153-2026-000004'))!;
    listener?.({ before: null, after: ticket, actor: { kind: 'system', name: 'desk' }, actions: ['forward'], tasks: [] });
    expect(Object.keys(patches.at(-1)?.set ?? {})).to.deep.equal(['item:153-2026-000004']);
    listener?.({ before: ticket, after: { ...ticket, status: 'closed' }, actor: { kind: 'system', name: 'desk' }, actions: ['resolve'], tasks: [] });
    expect(patches.at(-1)?.remove).to.deep.equal(['item:153-2026-000004']);
    publisher.stop();
  });
});
