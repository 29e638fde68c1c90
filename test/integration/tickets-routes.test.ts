import { expect } from 'chai';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { KnexQueueOutcomeRecorder } from '../../src/calls/queue-outcomes.js';
import { TicketEditor } from '../../src/requests/ticket-editor.js';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

type Body = Record<string, unknown>;

describe(`tickets: desk routes over HTTP (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let store: KnexTicketStore;
  let channel = 0;

  before(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    store = new KnexTicketStore(test.db);
    const catalogue = new KnexCatalogue(test.db);
    http = await startTestHttpApp({
      db: test.db,
      logger,
      accounts: [
        { username: 'ayse', role: 'agent', phoneInterface: 'PJSIP/agent1' },
        { username: 'mehmet', role: 'agent', phoneInterface: 'PJSIP/agent2' },
        { username: 'nuray', role: 'supervisor' },
        { username: 'cevreci', role: 'department', department: 'cevre' },
        { username: 'fen', role: 'department' },
      ],
      deps: { tickets: store, editor: new TicketEditor(test.db, { catalogue }), catalogue },
    });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  const call = (method: string, path: string, who: string | null, body?: unknown) => http.call(method, path, who, body);
  const get = (path: string, who: string | null) => call('GET', path, who);
  const post = (body: unknown, who: string) => call('POST', '/api/tickets', who, body);
  const patch = (number: string, body: unknown, who: string) => call('PATCH', `/api/tickets/${number}`, who, body);

  const created = async (body: Body, who: string): Promise<{ number: string; version: number }> => {
    const reply = await post(body, who);
    expect(reply.status, JSON.stringify(reply.body)).to.equal(201);
    return { number: String(reply.body.number), version: Number(reply.body.version) };
  };

  /** A ticket opened by a call that `agentInterface` answered. */
  const callTicket = async (agentInterface: string): Promise<string> => {
    channel += 1;
    const at = new Date();
    const { ticketNumber } = await store.openCallTicket({ callId: `call-${channel}`, channelId: `routes.${channel}`, callerNumber: '05321234567', callerName: '', startedAt: at, answeredAt: at });
    await new KnexQueueOutcomeRecorder(test.db).recordQueueOutcome(`routes.${channel}`, { kind: 'agent-answered', at, queue: 'alo153-genel', agent: agentInterface, agentName: 'Ajan', waitS: 2 });
    return ticketNumber;
  };

  it('creates a walk-in ticket for the agent, and answers an invalid form with 400 and a code per field', async () => {
    const reply = await post({ source: 'acik-kapi', callerNumber: '0532 111 22 33', categoryCode: 'hayvan', description: 'Yaralı kedi' }, 'ayse');
    expect(reply.status).to.equal(201);
    expect(reply.body).to.include({ source: 'acik-kapi', ownerUserId: http.users.ayse?.id, callerNumber: '05321112233', departmentCode: 'veteriner', updatedBy: 'ayse' });
    expect(reply.body.number).to.match(/^153-\d{4}-\d{6}$/);
    const invalid = await post({ callerNumber: 'bir iki üç', description: 'x'.repeat(4001), bogus: 1 }, 'ayse');
    expect(invalid.status).to.equal(400);
    expect(invalid.body.error).to.equal('invalid ticket');
    const fields = invalid.body.fields as Record<string, { code: string; message: string }>;
    expect(Object.fromEntries(Object.entries(fields).map(([field, error]) => [field, error.code]))).to.deep.equal({
      callerNumber: 'invalid-phone',
      description: 'too-long',
      bogus: 'unknown-field',
    });
    expect(fields.description?.message).to.contain('4000');
    const unknown = await post({ categoryCode: 'yok-boyle' }, 'nuray');
    expect(unknown.status).to.equal(400);
    expect(unknown.body.fields).to.deep.include({ categoryCode: { code: 'unknown-category', message: 'categoryCode is not a known category' } });
    // Districts are site data (config/site.json), checked like categories once the form parses.
    const outside = await post({ district: 'Ankara', neighbourhood: 'Kızılay' }, 'ayse');
    expect(outside.status).to.equal(400);
    expect(outside.body.fields).to.deep.equal({ district: { code: 'invalid-district', message: 'district is not one of the districts of Kayseri' } });
    expect((await post({}, 'cevreci')).status).to.equal(403);
  });

  it('saves a change with the loaded version and answers a stale one with 409 and the ticket as it is now', async () => {
    const { number } = await created({ description: 'Sokak lambası yanmıyor' }, 'ayse');
    const saved = await patch(number, { version: 2, changes: { district: 'Melikgazi', outcome: 'draft' } }, 'ayse');
    expect(saved.status, JSON.stringify(saved.body)).to.equal(200);
    expect(saved.body).to.include({ version: 3, district: 'Melikgazi' });
    const stale = await patch(number, { version: 2, changes: { district: 'Talas' } }, 'ayse');
    expect(stale.status).to.equal(409);
    expect(stale.body.error).to.equal('ticket changed');
    expect(stale.body.current).to.deep.include({ number, version: 3, district: 'Melikgazi', description: 'Sokak lambası yanmıyor' });
    const invalid = await patch(number, { version: 3, changes: { outcome: 'forwarded' } }, 'ayse');
    expect(invalid.status).to.equal(400);
    expect(Object.keys(invalid.body.fields as Body)).to.have.members(['departmentCode', 'categoryCode']);
    const noVersion = await patch(number, { changes: {} }, 'ayse');
    expect(noVersion.status).to.equal(400);
    expect(noVersion.body.fields).to.have.nested.property('version.code', 'invalid-version');
  });

  it('lets an agent edit only tickets they own or whose call they took; supervisors any; department users none', async () => {
    const { number: aysesTicket, version } = await created({ description: 'Ayşe açtı' }, 'ayse');
    expect((await patch(aysesTicket, { version, changes: { address: 'x' } }, 'mehmet')).status).to.equal(403);
    expect((await patch(aysesTicket, { version, changes: { address: 'x' } }, 'cevreci')).status).to.equal(403);
    expect((await patch(aysesTicket, { version, changes: { address: 'Cumhuriyet Meydanı' } }, 'nuray')).status).to.equal(200);
    const mehmetsCall = await callTicket('PJSIP/agent2');
    expect((await patch(mehmetsCall, { version: 1, changes: { description: 'Mehmet aldı' } }, 'ayse')).status).to.equal(403);
    expect((await patch(mehmetsCall, { version: 1, changes: { description: 'Mehmet aldı' } }, 'mehmet')).status).to.equal(200);
    expect((await patch('153-2026-999999', { version: 1, changes: {} }, 'ayse')).status).to.equal(404);
    expect((await patch('153-2026-999999', { version: 1, changes: {} }, 'nuray')).status).to.equal(404);
  });

  it('shows department users only their department\'s tickets', async () => {
    const cevre = (await created({ categoryCode: 'cevre', description: 'Çöp konteyneri taştı', outcome: 'forwarded' }, 'nuray')).number;
    const zabita = (await created({ categoryCode: 'zabita', description: 'Gürültü', outcome: 'forwarded' }, 'nuray')).number;
    for (const path of ['/api/tickets?limit=100', '/api/tickets?department=zabita&limit=100']) {
      const list = await get(path, 'cevreci');
      expect(list.status).to.equal(200);
      const items = list.body.items as { number: string; departmentCode: string }[];
      expect(items.map((item) => item.number), path).to.include(cevre).and.not.include(zabita);
      expect(new Set(items.map((item) => item.departmentCode)), path).to.deep.equal(new Set(['cevre']));
    }
    expect((await get(`/api/tickets/${cevre}`, 'cevreci')).status).to.equal(200);
    expect((await get(`/api/tickets/${zabita}`, 'cevreci')).status).to.equal(404);
    expect((await get('/api/tickets', 'fen')).body).to.deep.include({ items: [], total: 0 });
    expect((await get(`/api/tickets/${cevre}`, 'fen')).status).to.equal(404);
    expect(((await get('/api/tickets?department=zabita', 'nuray')).body.items as { number: string }[]).map((item) => item.number)).to.include(zabita);
  });

  it('stores markup and quotes verbatim and gives them back unchanged', async () => {
    const markup = {
      callerName: '<img src=x onerror="alert(1)">',
      description: '<script>alert("153")</script> & ampersand &amp; \'tek\' "çift" </textarea>',
      address: "Robert'); DROP TABLE tickets;-- \\ %_",
      neighbourhood: '<b>Esentepe</b>',
    };
    const { number } = await created(markup, 'ayse');
    const resolution = '<a href="javascript:alert(1)">tıkla</a>\n\t satır';
    expect((await patch(number, { version: 2, changes: { resolution } }, 'ayse')).status).to.equal(200);
    const stored = await get(`/api/tickets/${number}`, 'ayse');
    expect(stored.body).to.include({ ...markup, resolution });
    const found = await get(`/api/tickets?q=${encodeURIComponent('DROP TABLE tickets;--')}`, 'ayse');
    expect((found.body.items as { number: string }[]).map((item) => item.number)).to.deep.equal([number]);
  });

  it('finds tickets by any spelling of the number and by number prefix', async () => {
    const { number } = await created({ callerNumber: '+90 (544) 765 43 21' }, 'ayse');
    for (const phone of ['05447654321', '544 765 43 21', '+905447654321']) {
      const found = await get(`/api/tickets?phone=${encodeURIComponent(phone)}`, 'ayse');
      expect((found.body.items as { number: string }[]).map((item) => item.number), phone).to.deep.equal([number]);
    }
    const prefix = await get(`/api/tickets?number=${number.slice(0, 9)}&limit=100`, 'ayse');
    expect((prefix.body.items as { number: string }[]).map((item) => item.number)).to.include(number);
    expect(prefix.body).to.include({ limit: 100, offset: 0 });
  });

  it('answers bad search parameters with 400, and treats a blank one as absent', async () => {
    const cases = ['limit=0', 'limit=101', 'limit=abc', 'offset=-1', 'bogus=1', 'status=lost', 'number=DROP', 'number=153-2026-12345678', "phone=1'%20OR%201=1", 'owner=-1', 'department=A%20B', `q=${'x'.repeat(201)}`, 'q=a&q=b'];
    for (const query of cases) {
      const reply = await get(`/api/tickets?${query}`, 'ayse');
      expect(reply.status, query).to.equal(400);
      expect(reply.body.error, query).to.equal('invalid request');
    }
    expect((await get('/api/tickets?q=&phone=&status=', 'ayse')).status).to.equal(200);
  });

  it('serves the catalogue to any signed-in user and to no one else', async () => {
    const reply = await get('/api/catalogue', 'cevreci');
    expect(reply.status).to.equal(200);
    const categories = reply.body.categories as { code: string; departmentCode: string; children: { code: string; departmentCode: string }[] }[];
    const ulasim = categories.find((category) => category.code === 'ulasim');
    expect(ulasim?.children.map((child) => child.code)).to.have.members(['ulasim-sefer', 'kentkart', 'kaybis']);
    expect(ulasim?.children.find((child) => child.code === 'kentkart')?.departmentCode).to.equal('kayseri-ulasim');
    expect(categories.map((category) => category.code)).to.not.include('kentkart');
    expect(reply.body.departments).to.deep.include({ code: 'zabita', name: 'Zabıta Dairesi Başkanlığı' });
    expect(reply.body.districts).to.have.length(16);
    expect((reply.body.districts as string[])[0]).to.equal('Melikgazi');
    expect(reply.body).to.deep.include({ priorities: ['low', 'normal', 'high', 'urgent'], neighbourhoods: {} });
    // Site data (config/site.json): break reasons with both labels, queues with labels in display order.
    expect(reply.body.pauseReasons).to.deep.equal([
      { code: 'mola', label: { tr: 'Mola', en: 'Break' } },
      { code: 'yemek', label: { tr: 'Yemek', en: 'Lunch' } },
      { code: 'eğitim', label: { tr: 'Eğitim', en: 'Training' } },
      { code: 'toplantı', label: { tr: 'Toplantı', en: 'Meeting' } },
    ]);
    const queues = reply.body.queues as { name: string; label: { tr: string; en: string }; order: number }[];
    expect(queues[0]).to.deep.equal({ name: 'alo153-ulasim', label: { tr: 'Ulaşım', en: 'Transport' }, order: 1 });
    expect(queues.map((queue) => `${queue.order}:${queue.name}`).slice(-1)).to.deep.equal(['7:alo153-genel']);
    expect((await get('/api/catalogue', null)).status).to.equal(401);
  });
});
