import { expect } from 'chai';
import { CallNotFoundError, DuplicateCallIdError } from '../../src/requests/errors.js';
import type { IvrPathStep } from '../../src/ivr/types.js';
import type { OpenCallTicket, TicketHistory, TicketStore } from '../../src/requests/ticket-store-type.js';

/** Behaviour every TicketStore shares; run on the knex store (both engines) and on the fake. */
export function describeTicketStoreContract(
  name: string,
  setup: () => Promise<{ store: TicketStore & TicketHistory; teardown(): Promise<void> }>,
): void {
  describe(`${name}: TicketStore behaviour`, () => {
    let store: TicketStore & TicketHistory;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await setup());
    });

    afterEach(async () => {
      await teardown();
    });

    const t0 = new Date('2026-11-28T09:00:00.000Z');
    const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
    const call = (index: number, overrides: Partial<OpenCallTicket> = {}): OpenCallTicket => ({
      callId: `call-${index}`,
      channelId: `1795888883.${index}`,
      callerNumber: `05321110${String(index).padStart(3, '0')}`,
      callerName: 'Ayşe Çağlar Öztürk',
      startedAt: at(index * 60),
      answeredAt: at(index * 60 + 1),
      ...overrides,
    });

    it('opens a call with a ticket, an opened event and typed views', async () => {
      const result = await store.openCallTicket(call(1, { linkedid: '1795888883.1' }));
      expect(result).to.deep.equal({ callId: 'call-1', ticketNumber: '153-2026-000001', created: true });
      const byId = await store.getCall('call-1');
      const byChannel = await store.getCallByChannel('1795888883.1');
      expect(byChannel).to.deep.equal(byId);
      expect(byId).to.include({ channelId: '1795888883.1', linkedid: '1795888883.1', callerName: 'Ayşe Çağlar Öztürk', ticketNumber: '153-2026-000001' });
      expect(byId?.startedAt).to.deep.equal(at(60));
      expect(byId?.answeredAt).to.deep.equal(at(61));
      expect(byId).to.include({ leftIvrAt: null, endedAt: null, queue: null, agent: null, agentName: null, waitS: null, talkS: null, outcome: null });
      expect(byId?.ivrPath).to.deep.equal([]);
      const ticket = await store.getTicket('153-2026-000001');
      expect(ticket?.callIds).to.deep.equal(['call-1']);
      expect(ticket?.calls).to.deep.equal([
        { id: 'call-1', startedAt: at(60), leftIvrAt: null, endedAt: null, queue: null, agent: null, agentName: null, agentConnectedAt: null, waitS: null, talkS: null, outcome: null },
      ]);
      expect(ticket).to.include({ year: 2026, seq: 1, source: 'phone', status: 'open', priority: 'normal', callerNumber: '05321110001', version: 1 });
      expect(ticket?.createdAt).to.deep.equal(at(61));
      expect(ticket?.events.map((event) => [event.kind, event.actor])).to.deep.equal([['opened', 'system:ivr']]);
      expect(ticket?.events[0]?.data).to.include({ callId: 'call-1', channelId: '1795888883.1' });
    });

    it('returns the first ids and writes nothing when a channel is opened again', async () => {
      await store.openCallTicket(call(1));
      const again = await store.openCallTicket(call(1, { callId: 'call-other' }));
      expect(again).to.deep.equal({ callId: 'call-1', ticketNumber: '153-2026-000001', created: false });
      expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
      expect(await store.getCall('call-other')).to.equal(undefined);
      expect((await store.getTicket('153-2026-000001'))?.events).to.have.length(1);
    });

    it('stores the IVR path and last step, replacing the previous progress', async () => {
      await store.openCallTicket(call(1));
      const path: IvrPathStep[] = [
        { at: at(62).toISOString(), menu: 'main', event: 'enter' },
        { at: at(65).toISOString(), menu: 'main', event: 'selected', digits: '1', target: 'ulasim' },
      ];
      await store.recordIvrProgress('1795888883.1', { path: path.slice(0, 1), lastStep: 'main' });
      await store.recordIvrProgress('1795888883.1', { path, lastStep: 'ulasim' });
      const stored = await store.getCall('call-1');
      expect(stored?.ivrPath).to.deep.equal(path);
      expect(stored?.lastStep).to.equal('ulasim');
    });

    it('records a hand-off on the call and files the ticket under the category and its department, once', async () => {
      await store.openCallTicket(call(1));
      const handOff = { queue: 'alo153-kentkart', categoryCode: 'kentkart', at: at(70), reason: 'selected' as const };
      await store.recordHandOff('1795888883.1', handOff);
      await store.recordHandOff('1795888883.1', handOff);
      const stored = await store.getCall('call-1');
      expect(stored?.queue).to.equal('alo153-kentkart');
      expect(stored?.queuedAt).to.deep.equal(at(70));
      const ticket = await store.getTicket('153-2026-000001');
      expect(ticket).to.include({ categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', version: 2, status: 'open' });
      const handOffs = ticket?.events.filter((event) => event.kind === 'handed-off') ?? [];
      expect(handOffs).to.have.length(1);
      expect(handOffs[0]?.data).to.deep.equal({ queue: 'alo153-kentkart', categoryCode: 'kentkart', reason: 'selected', version: 2 });
      expect(handOffs[0]?.at).to.deep.equal(at(70));
    });

    it('files a hand-off with an unknown category under genel and keeps the requested code', async () => {
      await store.openCallTicket(call(1));
      await store.recordHandOff('1795888883.1', { queue: 'alo153-genel', categoryCode: 'yok-boyle', at: at(70), reason: 'reconciled' });
      const ticket = await store.getTicket('153-2026-000001');
      expect(ticket).to.include({ categoryCode: 'genel', departmentCode: 'beyaz-masa' });
      const event = ticket?.events.find((candidate) => candidate.kind === 'handed-off');
      expect(event?.actor).to.equal('system:reconciler');
      expect(event?.data).to.include({ categoryCode: 'genel', requestedCategoryCode: 'yok-boyle' });
    });

    it('marks the ticket abandoned when the caller hangs up in the IVR, and keeps the first end', async () => {
      await store.openCallTicket(call(1));
      await store.recordCallEnd('1795888883.1', { endedAt: at(80), outcome: 'abandoned-in-ivr', lastStep: 'main' });
      await store.recordCallEnd('1795888883.1', { endedAt: at(99), outcome: 'failed', lastStep: 'other' });
      const stored = await store.getCall('call-1');
      expect(stored).to.include({ outcome: 'abandoned-in-ivr', lastStep: 'main' });
      expect(stored?.leftIvrAt, 'left the IVR').to.deep.equal(at(80));
      expect(stored?.endedAt, 'and ended there').to.deep.equal(at(80));
      const ticket = await store.getTicket('153-2026-000001');
      expect(ticket).to.include({ status: 'abandoned', version: 2 });
      expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'call-ended', 'status-changed']);
      expect(ticket?.events[2]?.data).to.include({ from: 'open', to: 'abandoned' });
    });

    it('keeps the ticket open when the call ends after the hand-off', async () => {
      await store.openCallTicket(call(1));
      await store.recordHandOff('1795888883.1', { queue: 'alo153-cevre', categoryCode: 'cevre', at: at(70), reason: 'selected' });
      await store.recordCallEnd('1795888883.1', { endedAt: at(75), outcome: 'handed-to-queue', lastStep: 'main' });
      const ticket = await store.getTicket('153-2026-000001');
      expect(ticket?.status).to.equal('open');
      expect(ticket?.events.map((event) => event.kind)).to.deep.equal(['opened', 'handed-off', 'call-ended']);
      expect(await store.openCallsWithoutEnd()).to.deep.equal([]);
      // The call goes on in app_queue: it left alo153 at 75 s, its real end is AMI's to tell.
      const stored = await store.getCall('call-1');
      expect(stored?.leftIvrAt).to.deep.equal(at(75));
      expect(stored?.endedAt).to.equal(null);
      expect(ticket?.calls[0]).to.deep.include({ id: 'call-1', outcome: 'handed-to-queue', queue: 'alo153-cevre', leftIvrAt: at(75), endedAt: null });
    });

    it('rejects writes for a channel that has no call', async () => {
      const attempts = [
        store.recordIvrProgress('nope', { path: [], lastStep: 'main' }),
        store.recordHandOff('nope', { queue: 'alo153-genel', categoryCode: 'genel', at: t0, reason: 'selected' }),
        store.recordCallEnd('nope', { endedAt: t0, outcome: 'failed', lastStep: 'main' }),
      ];
      for (const attempt of attempts) {
        const error = await attempt.then(() => undefined, (rejection: unknown) => rejection);
        expect(error).to.be.instanceOf(CallNotFoundError);
      }
    });

    it('refuses a call id that another channel already has, and keeps no ticket for it', async () => {
      await store.openCallTicket(call(1));
      const error = await store.openCallTicket(call(2, { callId: 'call-1' })).then(() => undefined, (rejection: unknown) => rejection);
      expect(error).to.be.instanceOf(DuplicateCallIdError);
      expect(await store.getCallByChannel('1795888883.2')).to.equal(undefined);
      expect((await store.listTickets({ limit: 10, offset: 0 })).total).to.equal(1);
    });

    it('lists tickets newest first with filters, pages and a total', async () => {
      for (const index of [1, 2, 3, 4, 5]) await store.openCallTicket(call(index, index === 4 ? { callerNumber: '05559998877' } : {}));
      await store.recordCallEnd('1795888883.2', { endedAt: at(200), outcome: 'abandoned-in-ivr', lastStep: 'main' });
      const firstPage = await store.listTickets({ limit: 2, offset: 0 });
      expect(firstPage.total).to.equal(5);
      expect(firstPage.items.map((ticket) => ticket.seq)).to.deep.equal([5, 4]);
      const lastPage = await store.listTickets({ limit: 2, offset: 4 });
      expect(lastPage.items.map((ticket) => ticket.seq)).to.deep.equal([1]);
      const abandoned = await store.listTickets({ limit: 10, offset: 0, status: 'abandoned' });
      expect(abandoned.items.map((ticket) => ticket.seq)).to.deep.equal([2]);
      expect(abandoned.total).to.equal(1);
      const byPhone = await store.listTickets({ limit: 10, offset: 0, phone: '05559998877' });
      expect(byPhone.items.map((ticket) => ticket.number)).to.deep.equal(['153-2026-000004']);
    });

    it('finds one subscriber under every spelling of the number, and no one else', async () => {
      const spellings = ['05321110001', '+905321110001', '5321110001', '905321110001'];
      for (const [index, callerNumber] of spellings.entries()) await store.openCallTicket(call(index + 1, { callerNumber }));
      await store.openCallTicket(call(9, { callerNumber: '05321110009' }));
      for (const typed of ['0532 111 00 01', '+90 (532) 111-00-01', '5321110001', '905321110001']) {
        const found = await store.listTickets({ limit: 10, offset: 0, phone: typed });
        expect(found.items.map((ticket) => ticket.seq), typed).to.deep.equal([4, 3, 2, 1]);
        expect(found.total, typed).to.equal(4);
      }
      expect((await store.listTickets({ limit: 10, offset: 0, phone: '153' })).total).to.equal(0);
    });

    it('finds tickets by whole number or by a prefix with the year', async () => {
      for (let index = 1; index <= 12; index += 1) await store.openCallTicket(call(index));
      const numbers = async (number: string) => (await store.listTickets({ limit: 20, offset: 0, number })).items.map((ticket) => ticket.seq);
      expect(await numbers('153-2026-000003')).to.deep.equal([3]);
      expect(await numbers('153-2026-00001')).to.deep.equal([12, 11, 10]);
      expect(await numbers('153-2026-')).to.have.length(12);
      expect(await numbers('153-2026')).to.have.length(12);
      expect(await numbers('153-2025-')).to.deep.equal([]);
      expect(await numbers('153-2026-000099')).to.deep.equal([]);
    });

    it('searches free text without case and takes % _ and \\ literally', async () => {
      const names = ['Ali %100 Veli', 'Ali_Veli', 'ALI VELI', 'Ayşe Kaya', 'C:\\yol\\Ali'];
      for (const [index, callerName] of names.entries()) await store.openCallTicket(call(index + 1, { callerName }));
      const named = async (q: string) => (await store.listTickets({ limit: 10, offset: 0, q })).items.map((ticket) => ticket.callerName);
      expect(await named('ali')).to.have.members(['Ali %100 Veli', 'Ali_Veli', 'ALI VELI', 'C:\\yol\\Ali']);
      expect(await named('%')).to.deep.equal(['Ali %100 Veli']);
      expect(await named('i_v')).to.deep.equal(['Ali_Veli']);
      expect(await named('\\yol')).to.deep.equal(['C:\\yol\\Ali']);
      expect(await named("' or 1=1 --")).to.deep.equal([]);
    });

    it('filters by department', async () => {
      for (const index of [1, 2, 3]) await store.openCallTicket(call(index));
      await store.recordHandOff('1795888883.2', { queue: 'alo153-cevre', categoryCode: 'cevre', at: at(300), reason: 'selected' });
      const cevre = await store.listTickets({ limit: 10, offset: 0, department: 'cevre' });
      expect(cevre.items.map((ticket) => ticket.seq)).to.deep.equal([2]);
      expect(cevre.total).to.equal(1);
    });

    it('gives a screen pop the caller\'s other tickets, newest first, at most the limit', async () => {
      for (let index = 1; index <= 13; index += 1) await store.openCallTicket(call(index, { callerNumber: index % 2 === 0 ? '+905321110001' : '05321110001' }));
      await store.openCallTicket(call(14, { callerNumber: '05329999999' }));
      const history = await store.history('5321110001', '153-2026-000013');
      expect(history.map((ticket) => ticket.number)).to.deep.equal([12, 11, 10, 9, 8, 7, 6, 5, 4, 3].map((seq) => `153-2026-${String(seq).padStart(6, '0')}`));
      expect(history[0]).to.deep.equal({
        number: '153-2026-000012', status: 'open', categoryCode: null, departmentCode: null, description: null,
        createdAt: at(12 * 60 + 1).toISOString(), updatedAt: at(12 * 60 + 1).toISOString(),
      });
      expect((await store.history('05321110001', null, 3)).map((ticket) => ticket.number)).to.deep.equal(['153-2026-000013', '153-2026-000012', '153-2026-000011']);
      expect(await store.history('05000000000', null)).to.deep.equal([]);
    });

    it('gives each ticket the ids of its own calls only', async () => {
      for (const index of [1, 2]) await store.openCallTicket(call(index));
      expect((await store.getTicket('153-2026-000001'))?.callIds).to.deep.equal(['call-1']);
      expect((await store.getTicket('153-2026-000002'))?.callIds).to.deep.equal(['call-2']);
    });

    it('lists the calls that have not left alo153, oldest first', async () => {
      for (const index of [3, 1, 2]) await store.openCallTicket(call(index));
      await store.recordCallEnd('1795888883.2', { endedAt: at(500), outcome: 'failed', lastStep: 'main' });
      const open = await store.openCallsWithoutEnd();
      expect(open.map((candidate) => candidate.id)).to.deep.equal(['call-1', 'call-3']);
    });

    it('answers undefined for unknown calls and tickets', async () => {
      expect(await store.getCall('missing')).to.equal(undefined);
      expect(await store.getCallByChannel('missing')).to.equal(undefined);
      expect(await store.getTicket('153-2026-999999')).to.equal(undefined);
    });
  });
}
