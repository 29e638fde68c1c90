import { expect } from 'chai';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startApplicationsApp, type ApplicationsApp } from './channels-cimer-app.js';

const NOW = new Date('2026-12-03T09:00:00.000Z');
const DAY = 86_400_000;

type Body = Record<string, unknown>;
type Ticket = Record<string, unknown> & { number: string; version: number };

const entry = (overrides: Body = {}): Body => ({
  source: 'cimer',
  externalRef: '2600012345',
  appliedAt: '01.12.2026 10:15',
  callerName: 'Ayşe Yılmaz',
  callerNumber: '0532 123 45 67',
  email: 'Ayse@Example.com',
  address: 'Cumhuriyet Mah. 5. Sok. No:3',
  district: 'Melikgazi',
  categoryCode: 'cevre',
  description: 'Sokağımızda çöpler üç gündür toplanmıyor.',
  ...overrides,
});

describe(`channels: CİMER / Açık Kapı applications at the Beyaz Masa (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let app: ApplicationsApp;

  beforeEach(async () => {
    test = await createTestDatabase();
    app = await startApplicationsApp(test, () => NOW);
  });
  afterEach(async () => {
    await app.http.close();
    await test.destroy();
  });

  const count = async () => Number(((await test.db('tickets').count({ n: '*' }).first()) as { n: number | string }).n);
  const enter = (body: Body, who = 'ayse') => app.http.call<{ created: boolean; ticket: Ticket; fields?: Record<string, { code: string }> }>('POST', '/api/applications', who, body);
  const act = async (who: string, number: string, body: Body) => {
    const current = await app.http.call<Ticket>('GET', `/api/tickets/${number}`, 'sefa');
    return app.http.call<Ticket & { reason?: string; fields?: Record<string, { code: string }> }>('POST', `/api/tickets/${number}/actions`, who, { version: current.body.version, ...body });
  };

  it('opens the application forwarded to its category’s department, with its deadline 15 days from the application date', async () => {
    const reply = await enter(entry());
    expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
    expect(reply.body.created).to.equal(true);
    const ticket = reply.body.ticket;
    expect(ticket).to.include({ source: 'cimer', externalRef: '2600012345', status: 'forwarded', departmentCode: 'cevre', callerNumber: '05321234567', email: 'ayse@example.com', district: 'Melikgazi' });
    // 01.12.2026 10:15 in Istanbul (+03:00).
    expect(ticket.appliedAt).to.equal('2026-12-01T07:15:00.000Z');
    expect(ticket.dueAt).to.equal(new Date(Date.parse('2026-12-01T07:15:00.000Z') + 15 * DAY).toISOString());
    expect(ticket.createdAt).to.equal(NOW.toISOString());
  });

  it('opens the existing ticket for a number entered again (200, created false), also for two entries at once', async () => {
    const [a, b] = await Promise.all([enter(entry()), enter(entry({ description: 'ikinci giriş' }), 'sefa')]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 201]);
    expect(a.body.ticket.number).to.equal(b.body.ticket.number);
    expect([a.body.created, b.body.created].sort()).to.deep.equal([false, true]);
    const again = await enter(entry({ externalRef: ' 2600012345 ', description: 'üçüncü giriş' }));
    expect(again.status).to.equal(200);
    expect(again.body).to.deep.include({ created: false });
    expect(again.body.ticket.number).to.equal(a.body.ticket.number);
    expect(await count()).to.equal(1);
    // The applicant's data shown from the stored application is a read in the access log.
    expect(app.reads.filter((read) => read.kind === 'ticket-read').map((read) => read.tickets)).to.deep.include([a.body.ticket.number]);
    // The same digits are another application at Açık Kapı.
    const other = await enter(entry({ source: 'acik-kapi' }));
    expect(other.status).to.equal(201);
    expect(await count()).to.equal(2);
  });

  it('refuses a bad application field by field and stores nothing', async () => {
    const reply = await enter(entry({ externalRef: '12AB', appliedAt: '04.12.2026 12:00', callerName: '  ', callerNumber: '12', email: 'ayse@', categoryCode: 'uzay', district: 'Paris', extra: 1 }));
    expect(reply.status).to.equal(400);
    expect(reply.body.fields).to.have.keys(['extra']);
    const fields = (await enter(entry({ externalRef: '12AB', appliedAt: '04.12.2026 12:00', callerName: '  ', callerNumber: '12', email: 'ayse@', categoryCode: 'uzay', district: 'Paris' }))).body.fields ?? {};
    const codes = Object.fromEntries(Object.entries(fields).map(([field, problem]) => [field, problem.code]));
    expect(codes).to.deep.equal({
      externalRef: 'invalid-number', appliedAt: 'in-the-future', callerName: 'required', callerNumber: 'invalid-phone', email: 'invalid-email', categoryCode: 'unknown-category', district: 'invalid-district',
    });
    const old = await enter(entry({ appliedAt: '2025-11-01' }));
    expect(old.body.fields?.appliedAt?.code).to.equal('too-old');
    const impossible = await enter(entry({ appliedAt: '31.11.2026' }));
    expect(impossible.body.fields?.appliedAt?.code).to.equal('invalid-date');
    const typed = await enter(entry({ description: 42 }));
    expect(typed.body.fields?.description?.code).to.equal('invalid-type');
    expect(await count()).to.equal(0);
  });

  it('lets department users neither enter, list nor import applications', async () => {
    expect((await enter(entry(), 'cevre')).status).to.equal(403);
    expect((await app.http.call('GET', '/api/applications', 'cevre')).status).to.equal(403);
    expect((await app.upload('cevre', 'Başvuru No\n1', 'text/csv')).status).to.equal(403);
    expect((await app.http.call('POST', '/api/applications', null, entry())).status).to.equal(401);
  });

  it('gives the answered application’s reply text, and "CİMER’e cevap girildi" closes it informed on the day entered', async () => {
    const { number } = (await enter(entry())).body.ticket;
    const early = await app.http.call<{ replyText: string | null; allowed: string[] }>('GET', `/api/applications/${number}`, 'ayse');
    expect(early.body.replyText).to.equal(null);
    expect(early.body.allowed).not.to.include('portal-reply');
    expect((await act('ayse', number, { action: 'portal-reply', enteredAt: NOW.toISOString() })).status).to.equal(409);
    expect((await act('cevre', number, { action: 'answer', text: 'Mahallenizin çöpleri 4 Aralık’tan itibaren her gün toplanacaktır.' })).status).to.equal(200);

    const answered = await app.http.call<{ replyText: string; allowed: string[] }>('GET', `/api/applications/${number}`, 'ayse');
    expect(answered.body.allowed).to.include('portal-reply');
    const text = answered.body.replyText;
    expect(text.startsWith('Sayın Ayşe Yılmaz,')).to.equal(true);
    expect(text).to.include('01.12.2026 tarihinde CİMER üzerinden yaptığınız 2600012345 numaralı başvurunuz Çevre Koruma ve Kontrol Dairesi Başkanlığı tarafından incelenmiştir.');
    expect(text).to.include('Mahallenizin çöpleri 4 Aralık’tan itibaren her gün toplanacaktır.');
    expect(text.trimEnd().endsWith('Kayseri Büyükşehir Belediyesi — Beyaz Masa')).to.equal(true);
    // Opening the application on /basvurular is a read of the applicant's data, by the user who opened it.
    expect(app.reads.filter((read) => read.detail?.via === 'applications').map((read) => [read.kind, read.user.username, read.tickets])).to.deep.equal([['ticket-read', 'ayse', [number]], ['ticket-read', 'ayse', [number]]]);

    // Department users never enter it into the portal.
    expect((await act('cevre', number, { action: 'portal-reply', enteredAt: NOW.toISOString() })).status).to.equal(403);
    const future = await act('ayse', number, { action: 'portal-reply', enteredAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.status).to.equal(400);
    expect(future.body.fields?.enteredAt?.code).to.equal('in-the-future');
    const enteredAt = '2026-12-03T08:30:00.000Z';
    const closed = await act('ayse', number, { action: 'portal-reply', enteredAt });
    expect(closed.status, JSON.stringify(closed.body)).to.equal(200);
    expect(closed.body).to.include({ status: 'closed', closeReason: 'replied-in-portal', informedAt: enteredAt });
    const history = (await app.http.call<{ events: { kind: string; data: Body }[] }>('GET', `/api/tickets/${number}`, 'ayse')).body.events;
    expect(history.at(-1)).to.deep.include({ kind: 'portal-replied' });
    expect(history.at(-1)?.data).to.include({ enteredAt, from: 'answered', to: 'closed' });
  });

  it('refers an application elsewhere with its note (required), closing it; a phone ticket has neither action', async () => {
    const { number } = (await enter(entry({ forward: false }))).body.ticket;
    expect((await app.http.call<Ticket>('GET', `/api/tickets/${number}`, 'ayse')).body.status).to.equal('open');
    const blank = await act('ayse', number, { action: 'refer', text: '   ' });
    expect(blank.status).to.equal(400);
    expect(blank.body.fields?.text?.code).to.equal('required');
    const referred = await act('ayse', number, { action: 'refer', text: 'Başvuru Karayolları Genel Müdürlüğünün görev alanındadır.' });
    expect(referred.status, JSON.stringify(referred.body)).to.equal(200);
    expect(referred.body).to.include({ status: 'closed', closeReason: 'referred-elsewhere' });

    const desk = await app.http.call<{ number: string }>('POST', '/api/tickets', 'ayse', { source: 'desk', outcome: 'draft', categoryCode: 'cevre', description: 'Masa kaydı' });
    expect(desk.status, JSON.stringify(desk.body)).to.equal(201);
    const refused = await act('ayse', desk.body.number, { action: 'refer', text: 'x' });
    expect(refused.status).to.equal(409);
    expect(refused.body.reason).to.equal('not-an-application');
    expect((await app.http.call<{ allowed: string[] }>('GET', `/api/tickets/${desk.body.number}/actions`, 'ayse')).body.allowed).not.to.include('refer');
  });

  it('lists the open applications nearest deadline first, without closed ones or other sources', async () => {
    const later = (await enter(entry({ externalRef: '2600000002', appliedAt: '02.12.2026' }))).body.ticket.number;
    const sooner = (await enter(entry({ externalRef: '2600000001', appliedAt: '25.11.2026' }))).body.ticket.number;
    const gone = (await enter(entry({ externalRef: '2600000003', appliedAt: '01.12.2026', forward: false }))).body.ticket.number;
    await act('ayse', gone, { action: 'refer', text: 'Valiliğe iade' });
    await app.http.call('POST', '/api/tickets', 'ayse', { source: 'desk', outcome: 'draft', categoryCode: 'cevre', description: 'Masa kaydı' });
    const list = await app.http.call<{ items: { number: string; externalRef: string; callerName: string }[]; more: boolean }>('GET', '/api/applications', 'ayse');
    expect(list.status).to.equal(200);
    expect(list.body.items.map((item) => item.number)).to.deep.equal([sooner, later]);
    expect(list.body.items[0]).to.include({ externalRef: '2600000001', callerName: 'Ayşe Yılmaz' });
    expect(list.body.more).to.equal(false);
    expect(app.reads.filter((read) => read.kind === 'search').at(-1)?.tickets).to.deep.equal([sooner, later]);
    const answered = await app.http.call<{ items: unknown[] }>('GET', '/api/applications?status=answered', 'ayse');
    expect(answered.body.items).to.deep.equal([]);
  });
});
