import { expect } from 'chai';
import { ChannelIntake } from '../../src/channels/intake.js';
import { createWebChannel } from '../../src/channels/web/create-web-channel.js';
import type { StatusChannelConfig, WebChannelConfig } from '../../src/channels/web/web-config.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import type { LifecycleTask, RequestActor } from '../../src/requests/lifecycle.js';
import { toTicketView } from '../../src/requests/ticket-rows.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

const WEB: WebChannelConfig = { minFillSeconds: 5, tokenMaxAgeMinutes: 30, perAddress: { points: 50, durationS: 3600 }, perPhone: { points: 50, durationS: 3600 }, kvkkFile: 'config/kvkk-web.json' };
const STATUS: StatusChannelConfig = { perAddress: { points: 100, durationS: 600 }, perTicket: { points: 100, durationS: 3600 } };
const agent: RequestActor = { kind: 'user', userId: 1, username: 'ayse.agent', role: 'agent', department: null };
const vet: RequestActor = { kind: 'user', userId: 2, username: 'veli.vet', role: 'department', department: 'veteriner' };

interface Raw {
  status: number;
  headers: Headers;
  text: string;
  body: Record<string, unknown>;
}

describe(`channels: the public web form and status page over HTTP (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let requests: Requests;
  let clock: number;
  let log: ReturnType<typeof capturingLogger>;
  let tasks: { number: string; task: LifecycleTask }[];
  let keySeq = 0;

  async function start(web: Partial<WebChannelConfig> = {}, status: Partial<StatusChannelConfig> = {}): Promise<void> {
    await http?.close();
    const catalogue = new KnexCatalogue(test.db);
    requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger: log.logger, catalogue, tasks: { run: async (_trx, ticket, task) => void tasks.push({ number: ticket.number, task }) } });
    const intake = new ChannelIntake({ db: test.db, service: requests.service, catalogue });
    const publicChannels = createWebChannel({
      config: { web: { ...WEB, ...web }, status: { ...STATUS, ...status } },
      secret: 'web-channel-test-secret-0123456789abcdef',
      db: test.db,
      intake,
      catalogue,
      smsEnabled: true,
      rootDir: process.cwd(),
      webDir: 'src/web',
      logger: log.logger,
      now: () => new Date(clock),
    });
    http = await startTestHttpApp({ db: test.db, logger: log.logger, accounts: [], deps: { publicChannels, trustProxy: true } });
  }

  beforeEach(async () => {
    test = await createTestDatabase();
    log = capturingLogger();
    tasks = [];
    clock = Date.parse('2026-12-03T09:00:00.000Z');
    await start();
  });
  afterEach(async () => {
    await http?.close();
    await test.destroy();
  });

  async function raw(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Raw> {
    const init: RequestInit = { method, headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers } };
    if (body !== undefined) init.body = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(`${http.base}${path}`, init);
    const text = await response.text();
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    return { status: response.status, headers: response.headers, text, body: parsed };
  }

  /** A form token handed out now, with the clock moved past the minimum fill time. */
  async function token(afterSeconds = 6): Promise<string> {
    const form = await raw('GET', '/api/public/form');
    clock += afterSeconds * 1000;
    return String(form.body.token);
  }

  function request(formToken: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
    keySeq += 1;
    return {
      submissionKey: `00000000-0000-4000-8000-${String(keySeq).padStart(12, '0')}`,
      formToken,
      website: '',
      categoryCode: 'hayvan',
      district: 'Talas',
      neighbourhood: 'Mevlana',
      address: 'Mevlana Parkı girişi',
      latitude: 38.6912,
      longitude: 35.5531,
      description: 'Parkta yaralı bir köpek var, yürüyemiyor.',
      name: 'Zeynep Kaya',
      phone: '0532 123 45 67',
      email: 'zeynep@example.com',
      smsConsent: true,
      kvkkConsent: true,
      ...overrides,
    };
  }

  const ticketCount = async (): Promise<number> => Number(((await test.db('tickets').count({ n: '*' }).first()) as { n: number | string }).n);
  const submit = (body: unknown, headers: Record<string, string> = {}): Promise<Raw> => raw('POST', '/api/public/requests', body, headers);
  const status = (number: string, lastFour: string, headers: Record<string, string> = {}): Promise<Raw> => raw('POST', '/api/public/status', { number, lastFour }, headers);

  it('hands out the form: a token, the catalogue’s categories and districts and the KVKK notice in Turkish and English, never cached', async () => {
    const form = await raw('GET', '/api/public/form');
    expect(form.status).to.equal(200);
    expect(form.headers.get('cache-control')).to.equal('no-store');
    expect(form.body.token).to.be.a('string');
    expect(form.body).to.include({ minFillSeconds: 5, sms: true });
    const categories = form.body.categories as Array<{ code: string; children: Array<{ code: string }> }>;
    expect(categories.map((category) => category.code)).to.include.members(['hayvan', 'ulasim', 'genel']);
    expect(categories.find((category) => category.code === 'ulasim')?.children.map((child) => child.code)).to.include('kentkart');
    expect(form.body.districts).to.include('Talas');
    const kvkk = form.body.kvkk as { tr: { title: string }; en: { title: string } };
    expect(kvkk.tr.title).to.match(/aydınlatma/i);
    expect(kvkk.en.title).to.match(/information notice/i);
  });

  it('serves /basvuru and /durum without a login, under the CSP, with no Permissions-Policy that would forbid the location', async () => {
    for (const [path, title] of [['/basvuru', 'Başvuru formu'], ['/durum', 'Başvuru durumu']] as const) {
      const page = await raw('GET', path);
      expect(page.status, path).to.equal(200);
      expect(page.text).to.include(title);
      expect(page.headers.get('content-security-policy')).to.include("script-src 'self'");
      expect(page.headers.get('cache-control')).to.equal('no-store');
      expect(page.headers.get('permissions-policy') ?? '').not.to.match(/geolocation=\(\)/);
    }
  });

  it('opens a web ticket with the e-mail, the location and the KVKK consent time, asks for the opened SMS, and stores a script as text', async () => {
    const description = 'Yaralı köpek <script>alert("x")</script> & <b>acil</b>';
    const reply = await submit(request(await token(), { description }));
    expect(reply.status).to.equal(201);
    expect(reply.body).to.include({ created: true, sms: true });
    const number = String(reply.body.number);
    expect(number).to.match(/^153-\d{4}-\d{6}$/);
    const ticket = toTicketView(await test.db('tickets').where({ number }).first());
    expect(ticket).to.include({ source: 'web', status: 'open', categoryCode: 'hayvan', departmentCode: 'veteriner', district: 'Talas', neighbourhood: 'Mevlana', callerName: 'Zeynep Kaya', callerNumber: '05321234567', email: 'zeynep@example.com', latitude: 38.6912, longitude: 35.5531, description });
    expect(ticket.kvkkConsentAt).to.be.instanceOf(Date);
    const events = (await test.db('ticket_events').where({ kind: 'opened' }).select('actor')) as Array<{ actor: string }>;
    expect(events.map((event) => event.actor)).to.deep.equal(['system:web']);
    expect(tasks).to.deep.equal([{ number, task: { kind: 'sms', template: 'opened' } }]);
    // Logs name the ticket, never the full phone number or the e-mail.
    expect(log.raw()).to.include(number);
    expect(log.raw()).not.to.include('5321234567');
    expect(log.raw()).not.to.include('zeynep@example.com');
  });

  it('refuses a form sent sooner than the minimum fill time, with a forged or an expired token, and stores nothing', async () => {
    const early = await submit(request(await token(2)));
    expect(early.status).to.equal(400);
    expect(early.body).to.include({ error: 'too-soon', retryAfterS: 3 });
    expect(early.body.message).to.match(/saniye sonra/);
    const good = await token(0);
    const forged = `${good.slice(0, -3)}${good.endsWith('AAA') ? 'BBB' : 'AAA'}`;
    clock += 10_000;
    expect((await submit(request(forged))).body).to.include({ error: 'form-invalid' });
    expect((await submit(request('f1.zzz.abc.def'))).body).to.include({ error: 'form-invalid' });
    clock += 31 * 60_000;
    const expired = await submit(request(good));
    expect(expired.status).to.equal(400);
    expect(expired.body).to.include({ error: 'form-expired' });
    expect(expired.body.message).to.match(/süresi doldu/);
    expect(await ticketCount()).to.equal(0);
  });

  it('refuses a filled honeypot with a generic answer, stores nothing and logs it', async () => {
    const reply = await submit(request(await token(), { website: 'http://spam.example' }));
    expect(reply.status).to.equal(400);
    expect(reply.body.error).to.equal('refused');
    expect(reply.body.message).to.match(/alınamadı/);
    expect(await ticketCount()).to.equal(0);
    expect(log.lines().some((line) => line.message === 'web submission refused: honeypot filled')).to.equal(true);
  });

  it('answers each wrong field with its code and a Turkish message, opens nothing and uses up no allowance', async () => {
    await start({ perAddress: { points: 1, durationS: 3600 } });
    const formToken = await token();
    const reply = await submit(request(formToken, { categoryCode: '', description: 'kısa', phone: '12345', email: 'yok@', kvkkConsent: false, name: '   ', latitude: 38.7, longitude: null }));
    expect(reply.status).to.equal(422);
    const fields = reply.body.fields as Record<string, { code: string; message: string }>;
    expect(Object.fromEntries(Object.entries(fields).map(([field, problem]) => [field, problem.code]))).to.deep.equal({
      categoryCode: 'required',
      description: 'too-short',
      phone: 'invalid-phone',
      email: 'invalid-email',
      kvkkConsent: 'consent-required',
      name: 'required',
      latitude: 'invalid-location',
    });
    expect(fields.phone?.message).to.equal('Geçerli bir telefon numarası yazın (ör. 0532 123 45 67).');
    expect(fields.kvkkConsent?.message).to.match(/aydınlatma metnini/);
    // The catalogue's checks come back the same way.
    const unknown = await submit(request(formToken, { categoryCode: 'yok-boyle', district: 'Paris' }));
    expect(unknown.status).to.equal(422);
    expect(unknown.body.fields).to.deep.equal({ categoryCode: { code: 'unknown-category', message: 'Listeden bir konu seçin.' }, district: { code: 'invalid-district', message: 'Listeden bir ilçe seçin.' } });
    expect(await ticketCount()).to.equal(0);
    // perAddress is 1: the refused submissions gave their points back.
    expect((await submit(request(formToken))).status).to.equal(201);
  });

  it('refuses an oversized body (413), another content type (415) and another origin (403)', async () => {
    const formToken = await token();
    const big = await submit(request(formToken, { address: 'x'.repeat(20_000) }));
    expect(big.status).to.equal(413);
    const plain = await raw('POST', '/api/public/requests', JSON.stringify(request(formToken)), { 'content-type': 'text/plain' });
    expect(plain.status).to.equal(415);
    const form = await raw('POST', '/api/public/requests', 'categoryCode=hayvan', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).to.equal(415);
    const foreign = await submit(request(formToken), { origin: 'https://evil.example' });
    expect(foreign.status).to.equal(403);
    expect(await ticketCount()).to.equal(0);
  });

  it('returns the same ticket for a double submit of one form fill, also when both arrive at once', async () => {
    const body = request(await token());
    const [a, b] = await Promise.all([submit(body), submit(body)]);
    expect([a.status, b.status].sort()).to.deep.equal([200, 201]);
    expect(a.body.number).to.equal(b.body.number);
    const again = await submit({ ...body, description: 'başka bir metin, yine de aynı form' });
    expect(again.status).to.equal(200);
    expect(again.body).to.include({ number: a.body.number, created: false });
    expect(await ticketCount()).to.equal(1);
  });

  it('limits submissions per address under concurrent requests: 429 with Retry-After and a Turkish time to try again', async () => {
    await start({ perAddress: { points: 3, durationS: 3600 } });
    const formToken = await token();
    const replies = await Promise.all(Array.from({ length: 8 }, (_, i) => submit(request(formToken, { phone: `0532 555 00 ${String(10 + i)}` }), { 'x-forwarded-for': '203.0.113.7' })));
    expect(replies.filter((reply) => reply.status === 201)).to.have.length(3);
    const limited = replies.filter((reply) => reply.status === 429);
    expect(limited).to.have.length(5);
    for (const reply of limited) {
      expect(Number(reply.headers.get('retry-after'))).to.be.within(1, 3600);
      expect(reply.body.error).to.equal('too-many');
      expect(reply.body.message).to.match(/^Kısa sürede çok fazla başvuru gönderildi\. Lütfen saat \d{2}:\d{2} \(yaklaşık \d+ dakika sonra\) yeniden deneyin\.$/);
    }
    expect(await ticketCount()).to.equal(3);
    // Another address is not held back by this one.
    expect((await submit(request(formToken), { 'x-forwarded-for': '198.51.100.9' })).status).to.equal(201);
  });

  it('limits submissions per phone number whatever the address, under concurrent requests', async () => {
    await start({ perPhone: { points: 2, durationS: 3600 } });
    const formToken = await token();
    const replies = await Promise.all(Array.from({ length: 6 }, (_, i) => submit(request(formToken, { phone: i % 2 ? '+90 532 123 45 67' : '05321234567' }), { 'x-forwarded-for': `192.0.2.${i + 1}` })));
    expect(replies.map((reply) => reply.status).sort()).to.deep.equal([201, 201, 429, 429, 429, 429]);
    expect(await ticketCount()).to.equal(2);
  });

  describe('the status page', () => {
    async function opened(): Promise<string> {
      const reply = await submit(request(await token()));
      expect(reply.status).to.equal(201);
      return String(reply.body.number);
    }

    it('shows a request’s citizen steps and the answer once relayed, never staff names, notes or personal data', async () => {
      const number = await opened();
      const first = await status(number, '4567');
      expect(first.status).to.equal(200);
      expect(first.headers.get('cache-control')).to.equal('no-store');
      expect(first.body).to.deep.include({ number, status: 'received', category: 'Yaralı veya sahipsiz hayvan', answer: null });
      expect((first.body.steps as Array<{ step: string }>).map((step) => step.step)).to.deep.equal(['received']);

      await requests.service.act(number, { name: 'forward', department: 'veteriner', text: 'İç not: muhtar aradı' }, agent);
      await requests.service.act(number, { name: 'accept', text: null }, vet);
      await requests.service.act(number, { name: 'note', kind: 'sms-delivered', data: { messageId: 'm1' } }, { kind: 'system', name: 'sms' });
      await requests.service.act(number, { name: 'answer', text: 'Köpek tedaviye alındı. <img src=x onerror=alert(1)>' }, vet);
      const answered = await status(number, '4567');
      expect(answered.body).to.include({ status: 'answered', answer: null });
      expect((answered.body.steps as Array<{ step: string }>).map((step) => step.step)).to.deep.equal(['received', 'forwarded', 'in-progress', 'answered']);

      await requests.service.act(number, { name: 'inform', text: 'Vatandaş arandı', channel: 'phone' }, agent);
      const closed = await status(`${number.slice(4, 8)}-${Number(number.slice(9))}`, '4567');
      expect(closed.status).to.equal(200);
      expect(closed.body.status).to.equal('closed');
      expect((closed.body.answer as { text: string }).text).to.equal('Köpek tedaviye alındı. <img src=x onerror=alert(1)>');
      const steps = closed.body.steps as Array<{ step: string; department?: string; reason?: string }>;
      expect(steps.map((step) => step.step)).to.deep.equal(['received', 'forwarded', 'in-progress', 'answered', 'closed']);
      expect(steps[1]?.department).to.equal('Veteriner İşleri Dairesi Başkanlığı');
      expect(steps[4]?.reason).to.equal('informed');
      for (const secret of ['İç not', 'muhtar', 'Vatandaş arandı', 'ayse.agent', 'veli.vet', 'Zeynep', '0532', '5321234567', 'zeynep@example.com', 'Mevlana', 'yaralı bir köpek', 'm1']) {
        expect(closed.text, secret).not.to.include(secret);
      }
    });

    it('gives a wrong pair the very same answer as a request that does not exist', async () => {
      const number = await opened();
      const wrong = await status(number, '0000');
      const missing = await status('153-2026-999999', '4567');
      const noPhone = await status(number, '1234');
      expect(wrong.status).to.equal(404);
      expect([missing.status, noPhone.status]).to.deep.equal([404, 404]);
      expect(wrong.text).to.equal(missing.text);
      expect(noPhone.text).to.equal(missing.text);
      expect(wrong.body.error).to.equal('not-found');
      expect(log.raw()).not.to.include('"0000"');
      const malformed = await status('153-abc', '12');
      expect(malformed.status).to.equal(422);
      expect(Object.keys(malformed.body.fields as object).sort()).to.deep.equal(['lastFour', 'number']);
    });

    it('limits guesses per ticket number from any number of addresses, under concurrent requests', async () => {
      const number = await opened();
      const other = await opened();
      await start({}, { perTicket: { points: 3, durationS: 3600 } });
      const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => status(number, String(1000 + i), { 'x-forwarded-for': `198.51.100.${i + 1}` })));
      expect(guesses.map((reply) => reply.status).sort()).to.deep.equal([404, 404, 404, 429, 429, 429]);
      const limited = guesses.find((reply) => reply.status === 429)!;
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 3600);
      expect(limited.body.message).to.match(/^Kısa sürede çok fazla sorgulama yapıldı\. Lütfen saat \d{2}:\d{2} /);
      // The right pair is held back too (the number is what is limited), another number is not.
      expect((await status(number, '4567', { 'x-forwarded-for': '203.0.113.50' })).status).to.equal(429);
      expect((await status(other, '4567', { 'x-forwarded-for': '203.0.113.50' })).status).to.equal(200);
    });

    it('limits lookups per address across ticket numbers, under concurrent requests', async () => {
      await start({}, { perAddress: { points: 4, durationS: 600 } });
      const replies = await Promise.all(Array.from({ length: 7 }, (_, i) => status(`2026-${i + 1}`, '4567', { 'x-forwarded-for': '203.0.113.9' })));
      expect(replies.map((reply) => reply.status).sort()).to.deep.equal([404, 404, 404, 404, 429, 429, 429]);
      expect((await status('2026-1', '4567', { 'x-forwarded-for': '203.0.113.10' })).status).to.equal(404);
    });
  });
});
