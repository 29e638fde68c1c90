import { expect } from 'chai';
import { callerNumberVariants } from '../../src/requests/phone-numbers.js';
import { KnexQueueOutcomeRecorder } from '../../src/calls/queue-outcomes.js';
import { TicketChangedError, TicketEditor, TicketNotFoundError, type Actor } from '../../src/requests/ticket-editor.js';
import { TicketValidationError, type TicketFieldErrors, type TicketForm } from '../../src/requests/ticket-form.js';
import { historyQuery } from '../../src/requests/read/ticket-search.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import type { TicketView } from '../../src/requests/ticket-store-type.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { rejection } from '../support/rejection.js';

const T0 = Date.parse('2026-11-28T09:00:00.000Z');
const DAY_MS = 24 * 3_600_000;

async function fieldCodes(promise: Promise<unknown>): Promise<Record<string, string>> {
  const error = await rejection(promise);
  expect(error).to.be.instanceOf(TicketValidationError);
  const fields: TicketFieldErrors = (error as TicketValidationError).fields;
  for (const entry of Object.values(fields)) expect(entry.message).to.be.a('string').and.not.equal('');
  return Object.fromEntries(Object.entries(fields).map(([field, entry]) => [field, entry.code]));
}

describe(`tickets: the desk's editor, search and history (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let clock: number;
  let store: KnexTicketStore;
  let editor: TicketEditor;
  let ayse: Actor;
  let mehmet: Actor;
  let calls = 0;

  const addUser = async (username: string, role: Actor['role'], phoneInterface: string | null): Promise<Actor> => {
    const [row] = (await test.db('users')
      .insert({ username, display_name: username, role, password_hash: 'not-a-login', phone_interface: phoneInterface, created_at: 'x', updated_at: 'x' })
      .returning('id')) as { id: number | string }[];
    return { userId: Number(row?.id), username, role };
  };

  /** A ticket as the call path opens it; returns its number. */
  const callTicket = async (callerNumber = '05321234567', channel = `1795888883.${++calls}`): Promise<string> => {
    const at = new Date(clock);
    const result = await store.openCallTicket({ callId: `call-${channel}`, channelId: channel, callerNumber, callerName: '', startedAt: at, answeredAt: at });
    return result.ticketNumber;
  };

  const ticket = async (number: string) => {
    const found = await store.getTicket(number);
    if (!found) throw new Error(`no ticket ${number}`);
    return found;
  };

  beforeEach(async () => {
    test = await createTestDatabase({ pool: { min: 0, max: 10 } });
    clock = T0;
    store = new KnexTicketStore(test.db, { now: () => new Date(clock) });
    editor = new TicketEditor(test.db, { now: () => new Date(clock) });
    ayse = await addUser('ayse', 'agent', 'PJSIP/agent1');
    mehmet = await addUser('mehmet', 'agent', 'PJSIP/agent2');
  });

  afterEach(async () => {
    await test.destroy();
  });

  describe('update', () => {
    it('saves what changed with one updated event naming who, when and what, and files the category under its department', async () => {
      const number = await callTicket();
      clock += 60_000;
      const saved = await editor.update(number, { version: 1, changes: { categoryCode: 'kentkart', district: 'Talas', neighbourhood: 'Mevlana', description: 'Kart bakiyesi yüklenmedi', priority: 'high' } }, ayse);
      expect(saved).to.include({ version: 2, categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', district: 'Talas', priority: 'high', status: 'open', updatedBy: 'ayse' });
      expect(saved.updatedAt).to.deep.equal(new Date(clock));
      const events = (await ticket(number)).events;
      expect(events.map((event) => event.kind)).to.deep.equal(['opened', 'updated']);
      const updated = events[1];
      expect(updated?.actor).to.equal('user:ayse');
      expect(updated?.at).to.deep.equal(new Date(clock));
      expect(updated?.data).to.deep.equal({
        version: 2,
        changes: {
          categoryCode: { from: null, to: 'kentkart' },
          departmentCode: { from: null, to: 'kayseri-ulasim' },
          district: { from: null, to: 'Talas' },
          neighbourhood: { from: null, to: 'Mevlana' },
          description: { from: null, to: 'Kart bakiyesi yüklenmedi' },
          priority: { from: 'normal', to: 'high' },
        },
      });
    });

    it('resolves on the call: status, time and a resolved event', async () => {
      const number = await callTicket();
      clock += 120_000;
      const saved = await editor.update(number, { version: 1, changes: { categoryCode: 'su', resolution: 'Arıza kaydı KASKİ ekibine iletildi, yarın onarılacak.', outcome: 'resolved-on-call' } }, ayse);
      expect(saved).to.include({ status: 'closed', closeReason: 'resolved-on-call', version: 2, resolution: 'Arıza kaydı KASKİ ekibine iletildi, yarın onarılacak.' });
      expect(saved.resolvedAt).to.deep.equal(new Date(clock));
      expect(saved.forwardedAt).to.equal(null);
      const events = (await ticket(number)).events;
      expect(events.map((event) => [event.kind, event.actor])).to.deep.equal([['opened', 'system:ivr'], ['updated', 'user:ayse'], ['resolved', 'user:ayse']]);
      expect(events[2]?.data).to.deep.include({ from: 'open', to: 'closed', text: 'Arıza kaydı KASKİ ekibine iletildi, yarın onarılacak.' });
    });

    it('forwards to a department with a forwarded event', async () => {
      const number = await callTicket();
      clock += 90_000;
      const saved = await editor.update(number, { version: 1, changes: { categoryCode: 'cevre', departmentCode: 'zabita', description: 'Kaldırım işgali', outcome: 'forwarded' } }, ayse);
      expect(saved).to.include({ status: 'forwarded', departmentCode: 'zabita', categoryCode: 'cevre' });
      expect(saved.forwardedAt).to.deep.equal(new Date(clock));
      const forwarded = (await ticket(number)).events.find((event) => event.kind === 'forwarded');
      expect(forwarded?.data).to.deep.equal({ from: 'open', to: 'forwarded', department: 'zabita', version: 2 });
    });

    it('answers with a code per field and changes nothing when the form is invalid', async () => {
      const number = await callTicket();
      const invalid = { callerNumber: '12ab', description: 'x'.repeat(4001), priority: 'acil', bogus: 1 } as unknown as TicketForm;
      expect(await fieldCodes(editor.update(number, { version: 1, changes: invalid }, ayse))).to.deep.equal({
        callerNumber: 'invalid-phone',
        description: 'too-long',
        priority: 'invalid-priority',
        bogus: 'unknown-field',
      });
      expect(await fieldCodes(editor.update(number, { version: 1, changes: { callerNumber: '123 45' } }, ayse))).to.deep.equal({ callerNumber: 'invalid-phone' });
      // Categories, departments and districts (config/site.json) are checked against the catalogue once the form parses.
      expect(await fieldCodes(editor.update(number, { version: 1, changes: { categoryCode: 'yok-boyle', departmentCode: 'yok', district: 'Ankara' } }, ayse))).to.deep.equal({
        categoryCode: 'unknown-category',
        departmentCode: 'unknown-department',
        district: 'invalid-district',
      });
      expect(await fieldCodes(editor.update(number, { version: 1, changes: { outcome: 'forwarded' } }, ayse))).to.deep.equal({
        departmentCode: 'required',
        categoryCode: 'required',
        description: 'required',
      });
      expect(await fieldCodes(editor.update(number, { version: 1, changes: { categoryCode: 'su', outcome: 'resolved-on-call' } }, ayse))).to.deep.equal({ resolution: 'required' });
      expect(await fieldCodes(editor.update(number, { version: 0, changes: {} }, ayse))).to.deep.equal({ version: 'invalid-version' });
      const unchanged = await ticket(number);
      expect(unchanged.version).to.equal(1);
      expect(unchanged.events).to.have.length(1);
    });

    it('keeps only the digits of a typed phone number, with the 0 or 90 as typed, and clears blank fields', async () => {
      const number = await callTicket();
      const first = await editor.update(number, { version: 1, changes: { callerNumber: '+90 (532) 123-45-67', neighbourhood: 'Gesi' } }, ayse);
      expect(first.callerNumber).to.equal('905321234567');
      const second = await editor.update(number, { version: 2, changes: { callerNumber: '0532 123 45 67', neighbourhood: '   ' } }, ayse);
      expect(second).to.include({ callerNumber: '05321234567', neighbourhood: null });
    });

    it('writes nothing and bumps nothing when nothing changed', async () => {
      const number = await callTicket();
      const saved = await editor.update(number, { version: 1, changes: { description: 'Çöp toplanmadı' } }, ayse);
      clock += 5_000;
      const again = await editor.update(number, { version: 2, changes: { description: 'Çöp toplanmadı', priority: 'normal', outcome: 'draft' } }, ayse);
      expect(again).to.deep.equal(saved);
      expect((await ticket(number)).events).to.have.length(2);
    });

    it('lets exactly one of two saves with the same version win; the other gets the ticket as it is now', async () => {
      const number = await callTicket();
      const results = await Promise.allSettled([
        editor.update(number, { version: 1, changes: { description: 'Ayşe yazdı' } }, ayse),
        editor.update(number, { version: 1, changes: { description: 'Mehmet yazdı' } }, mehmet),
      ]);
      const won = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      const lost = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      expect(won).to.have.length(1);
      expect(lost).to.have.length(1);
      expect(lost[0]).to.be.instanceOf(TicketChangedError);
      const current: TicketView = (lost[0] as TicketChangedError).current;
      expect(current).to.deep.equal(won[0]);
      expect(current.version).to.equal(2);
      expect((await ticket(number)).events.filter((event) => event.kind === 'updated')).to.have.length(1);
    });

    it('loses to a save that commits between its read and its write (PostgreSQL; SQLite runs one transaction at a time)', async function () {
      if (test.engine !== 'postgres') this.skip();
      const number = await callTicket();
      const other = await test.db.transaction();
      try {
        await other('tickets').where({ number }).update({ description: 'başka ajan', version: 2 });
        const saving = editor.update(number, { version: 1, changes: { description: 'benim' } }, ayse).then(() => undefined, (error: unknown) => error);
        // The save has read version 1 and now waits for the other transaction's row lock.
        for (let waited = 0; waited < 100; waited += 1) {
          const [row] = (await test.db.raw(`select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()`)).rows as { waiting: number }[];
          if ((row?.waiting ?? 0) > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await other.commit();
        const error = await saving;
        expect(error).to.be.instanceOf(TicketChangedError);
        expect((error as TicketChangedError).current).to.include({ version: 2, description: 'başka ajan' });
      } finally {
        if (!other.isCompleted()) await other.rollback();
      }
    });

    it('refuses a stale version with the current ticket, and an unknown ticket', async () => {
      const number = await callTicket();
      await editor.update(number, { version: 1, changes: { description: 'ilk' } }, ayse);
      const stale = await rejection(editor.update(number, { version: 1, changes: { address: 'Sahabiye Mah.' } }, mehmet));
      expect(stale).to.be.instanceOf(TicketChangedError);
      expect((stale as TicketChangedError).current).to.include({ version: 2, description: 'ilk', address: null });
      expect(await rejection(editor.update('153-2026-999999', { version: 1, changes: {} }, ayse))).to.be.instanceOf(TicketNotFoundError);
    });
  });

  describe('create', () => {
    it('opens a walk-in ticket owned by the agent, with an opened and an updated event', async () => {
      const created = await editor.create({ source: 'acik-kapi', callerName: 'Hasan Çelik', callerNumber: '0532 111 22 33', categoryCode: 'hayvan', description: 'Yaralı köpek' }, ayse);
      expect(created).to.include({ number: '153-2026-000001', source: 'acik-kapi', ownerUserId: ayse.userId, callerNumber: '05321112233', departmentCode: 'veteriner', status: 'open' });
      // The category's rule (an injured animal: 4 hours) is stricter than the default.
      expect(created.dueAt?.getTime()).to.equal(created.createdAt.getTime() + 4 * 3_600_000);
      const events = (await ticket(created.number)).events;
      expect(events.map((event) => [event.kind, event.actor])).to.deep.equal([['opened', 'user:ayse'], ['updated', 'user:ayse']]);
      expect(events[0]?.data).to.deep.equal({ source: 'acik-kapi' });
    });

    it('gives a CİMER ticket a due date 15 days after it was opened, and defaults to the desk', async () => {
      const cimer = await editor.create({ source: 'cimer', description: 'CİMER başvurusu' }, ayse);
      expect(cimer.dueAt?.getTime()).to.equal(cimer.createdAt.getTime() + 15 * DAY_MS);
      const desk = await editor.create({}, ayse);
      expect(desk).to.include({ source: 'desk', version: 1 });
      // The default: 5 working days (28.11.2026 is a Saturday: from Monday, due the next Saturday 00:00).
      expect(desk.dueAt?.toISOString()).to.equal('2026-12-04T21:00:00.000Z');
    });

    it('rolls the number back with a rejected form, so numbers stay gap-free', async () => {
      expect(await fieldCodes(editor.create({ outcome: 'forwarded' }, ayse))).to.have.keys('departmentCode', 'categoryCode', 'description');
      expect(await fieldCodes(editor.create({ source: 'fax' } as unknown as TicketForm, ayse))).to.deep.equal({ source: 'invalid-source' });
      expect((await editor.create({}, ayse)).number).to.equal('153-2026-000001');
    });

    it('numbers desk and call tickets from one gap-free series under concurrency', async () => {
      const writes: Promise<string>[] = [];
      for (let index = 0; index < 15; index += 1) {
        writes.push(editor.create({ description: `masa ${index}` }, index % 2 === 0 ? ayse : mehmet).then((created) => created.number));
        writes.push(callTicket(`0532000${String(index).padStart(4, '0')}`));
      }
      const numbers = await Promise.all(writes);
      const seqs = numbers.map((number) => Number(number.slice(-6))).sort((a, b) => a - b);
      expect(seqs).to.deep.equal(Array.from({ length: 30 }, (_, index) => index + 1));
    });
  });

  describe('ownership', () => {
    it('sets the owner once without bumping the version, and knows who handled a ticket', async () => {
      const number = await callTicket();
      await editor.assignOwner(number, ayse.userId);
      await editor.assignOwner(number, mehmet.userId);
      const owned = await ticket(number);
      expect(owned).to.include({ ownerUserId: ayse.userId, version: 1 });
      expect(owned.events.filter((event) => event.kind === 'reassigned')).to.have.length(1);
      expect(await editor.isHandledBy(number, { id: ayse.userId, phoneInterface: null })).to.equal(true);
      expect(await editor.isHandledBy(number, { id: mehmet.userId, phoneInterface: 'PJSIP/agent2' })).to.equal(false);
      expect(await rejection(editor.assignOwner('153-2026-999999', ayse.userId))).to.be.instanceOf(TicketNotFoundError);
    });

    it('counts the agent whose phone took the call as handling its ticket', async () => {
      const number = await callTicket('05321234567', 'chan-1');
      await new KnexQueueOutcomeRecorder(test.db).recordQueueOutcome('chan-1', { kind: 'agent-answered', at: new Date(clock), queue: 'alo153-genel', agent: 'PJSIP/agent2', agentName: 'Mehmet', waitS: 3 });
      expect(await editor.isHandledBy(number, { id: mehmet.userId, phoneInterface: 'PJSIP/agent2' })).to.equal(true);
      expect(await editor.isHandledBy(number, { id: ayse.userId, phoneInterface: 'PJSIP/agent1' })).to.equal(false);
    });
  });

  describe('search and history', () => {
    it('finds desk-typed and PBX-spelled numbers of one subscriber, and filters by text, status, department, owner and page', async () => {
      const fromCall = await callTicket('+905321234567');
      clock += 1000;
      const typed = await editor.create({ callerNumber: '0 (532) 123 45 67', address: 'Talas Cd. %50 indirim_yazısı', categoryCode: 'zabita', description: 'Seyyar satıcı', outcome: 'forwarded' }, ayse);
      clock += 1000;
      const other = await editor.create({ callerNumber: '05329999999', neighbourhood: 'Kocasinan KÖŞK', categoryCode: 'su', resolution: 'Bilgi verildi', outcome: 'resolved-on-call' }, mehmet);
      const list = (query: Omit<Parameters<KnexTicketStore['listTickets']>[0], 'limit' | 'offset'>, limit = 10, offset = 0) =>
        store.listTickets({ limit, offset, ...query }).then((page) => ({ numbers: page.items.map((item) => item.number), total: page.total }));
      expect(await list({ phone: '5321234567' })).to.deep.equal({ numbers: [typed.number, fromCall], total: 2 });
      expect(await list({ q: '%50' })).to.deep.equal({ numbers: [typed.number], total: 1 });
      expect(await list({ q: 'indirim_' })).to.deep.equal({ numbers: [typed.number], total: 1 });
      expect(await list({ q: 'KOCASINAN' })).to.deep.equal({ numbers: [other.number], total: 1 });
      expect(await list({ q: 'KÖŞK' })).to.deep.equal({ numbers: [other.number], total: 1 });
      expect(await list({ q: 'seyyar' })).to.deep.equal({ numbers: [typed.number], total: 1 });
      expect(await list({ status: 'closed' })).to.deep.equal({ numbers: [other.number], total: 1 });
      expect(await list({ department: 'zabita' })).to.deep.equal({ numbers: [typed.number], total: 1 });
      expect(await list({ owner: mehmet.userId })).to.deep.equal({ numbers: [other.number], total: 1 });
      expect(await list({ number: typed.number })).to.deep.equal({ numbers: [typed.number], total: 1 });
      expect(await list({}, 1, 1)).to.deep.equal({ numbers: [typed.number], total: 3 });
    });

    it('gives the screen pop at most 10 of the caller\'s tickets, newest first, without the current one', async () => {
      const numbers: string[] = [];
      for (let index = 0; index < 12; index += 1) {
        clock += 60_000;
        numbers.push(index % 3 === 0 ? (await editor.create({ callerNumber: '0532 123 45 67' }, ayse)).number : await callTicket(index % 3 === 1 ? '+905321234567' : '5321234567'));
      }
      const current = numbers[11] ?? '';
      const history = await store.history('05321234567', current);
      expect(history.map((entry) => entry.number)).to.deep.equal(numbers.slice(1, 11).reverse());
    });

    it('looks the history up on the caller_number index', async () => {
      const query = historyQuery(test.db, callerNumberVariants('05321234567'), '153-2026-000001', 10).toSQL();
      let plan: string;
      if (test.engine === 'postgres') {
        plan = await test.db.transaction(async (trx) => {
          // An empty table is cheaper to scan; forbidding that shows whether the index can serve the query at all.
          await trx.raw('set local enable_seqscan = off');
          const result = (await trx.raw(`explain ${query.sql}`, [...query.bindings])) as { rows: { 'QUERY PLAN': string }[] };
          return result.rows.map((row) => row['QUERY PLAN']).join('\n');
        });
      } else {
        const rows = (await test.db.raw(`explain query plan ${query.sql}`, [...query.bindings])) as { detail: string }[];
        plan = rows.map((row) => row.detail).join('\n');
      }
      expect(plan).to.contain('tickets_caller_number_index');
    });
  });
});
