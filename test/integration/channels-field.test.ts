import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import { ChannelIntake } from '../../src/channels/intake.js';
import { DEFAULT_FIELD_CONFIG } from '../../src/channels/field/field-config.js';
import { FieldDesk } from '../../src/channels/field/field-desk.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig } from '../../src/requests/create-requests.js';
import { capturingLogger } from '../support/capturing-logger.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');
const EVENT = 'İletişim Küresi — Saat Kulesi';

interface RowResult {
  key: string | null;
  status: 'created' | 'duplicate' | 'refused';
  ticketNumber?: string;
  errors?: Record<string, { code: string; message: string }>;
}
interface BatchReply {
  results: RowResult[];
  created: number;
  duplicate: number;
  refused: number;
}

describe(`field desk: POST /api/field/requests stores an outbox batch row by row, each key once (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let app: TestHttpApp;
  let log: ReturnType<typeof capturingLogger>;

  const row = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    key: `field:${randomUUID()}`,
    takenAt: new Date(NOW.getTime() - 20 * 60_000).toISOString(),
    fieldEvent: EVENT,
    categoryCode: 'hayvan',
    description: 'Saat Kulesi önünde yaralı köpek',
    district: 'Melikgazi',
    callerName: 'Ayşe Demir',
    callerNumber: '0532 123 45 67',
    kvkkInformed: true,
    ...overrides,
  });
  const send = (requests: unknown, who: string | null = 'saha', headers: Record<string, string> = {}) => app.call<BatchReply>('POST', '/api/field/requests', who, { requests }, headers);
  const fieldTickets = () => test.db('tickets').where({ source: 'field' }).orderBy('id');

  beforeEach(async () => {
    test = await createTestDatabase();
    log = capturingLogger();
    const catalogue = new KnexCatalogue(test.db);
    const requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger: log.logger, catalogue, now: () => NOW, tasks: { run: async () => undefined } });
    const intake = new ChannelIntake({ db: test.db, service: requests.service, catalogue, now: () => NOW });
    const desk = new FieldDesk({ db: test.db, intake, logger: log.logger, now: () => NOW });
    app = await startTestHttpApp({
      db: test.db,
      logger: log.logger,
      accounts: [{ username: 'saha', role: 'agent' }, { username: 'nuray', role: 'supervisor' }, { username: 'fen', role: 'department', department: 'cevre' }],
      deps: { field: { desk, config: { ...DEFAULT_FIELD_CONFIG, maxBatch: 5, perUser: { points: 40, durationS: 60 } } }, webDir: 'src/web' },
    });
  });
  afterEach(async () => {
    await app?.close();
    await test.destroy();
  });

  it('stores the good rows of a batch with source field, the event, the time taken and the staff user, and reports the bad ones per field in Turkish', async () => {
    const good = row();
    const second = row({ callerName: null, callerNumber: null, kvkkInformed: false, district: null });
    const reply = await send([good, row({ categoryCode: 'yok', description: '  ' }), second, row({ callerNumber: '12ab', email: 'x@' }), 'not a row']);
    expect(reply.status).to.equal(200);
    expect(reply.body.results.map((result) => result.status)).to.deep.equal(['created', 'refused', 'created', 'refused', 'refused']);
    expect(reply.body).to.include({ created: 2, duplicate: 0, refused: 3 });
    expect(reply.body.results[1]?.errors).to.deep.equal({
      description: { code: 'required', message: 'Bu alan zorunludur.' },
    });
    expect(reply.body.results[3]?.errors?.callerNumber?.code).to.equal('invalid-phone');
    expect(reply.body.results[3]?.errors?.email?.code).to.equal('invalid-email');
    expect(reply.body.results[4]).to.deep.equal({ key: null, status: 'refused', errors: { key: { code: 'required', message: 'Bu alan zorunludur.' } } });

    const stored = await fieldTickets();
    expect(stored).to.have.length(2);
    expect(stored[0]).to.include({ number: reply.body.results[0]?.ticketNumber, field_event: EVENT, submission_key: good.key, owner_user_id: app.users.saha?.id, category_code: 'hayvan', department_code: 'veteriner', caller_number: '05321234567' });
    expect(new Date(String(stored[0]?.created_at)).toISOString()).to.equal(good.takenAt);
    // Informed when taken, not when synced.
    expect(new Date(String(stored[0]?.kvkk_consent_at)).toISOString()).to.equal(good.takenAt);
    expect(stored[1]?.kvkk_consent_at).to.equal(null);

    // The unknown category comes back from the catalogue check once the row's own fields pass.
    const unknown = await send([row({ categoryCode: 'yok', district: 'Paris' })]);
    expect(unknown.body.results[0]?.errors).to.deep.equal({
      categoryCode: { code: 'unknown-category', message: 'Listeden bir konu seçin.' },
      district: { code: 'invalid-district', message: 'Listeden bir ilçe seçin.' },
    });
    expect(await fieldTickets()).to.have.length(2);
  });

  it('answers a re-sent key with duplicate and the first ticket number, also within one batch and when it no longer validates', async () => {
    const first = row();
    const created = await send([first]);
    const number = created.body.results[0]?.ticketNumber;
    expect(number).to.be.a('string');
    const again = await send([first, { ...first, takenAt: '2020-01-01T00:00:00Z' }, row({ key: first.key, description: 'başka' })]);
    expect(again.body.results).to.deep.equal([0, 1, 2].map(() => ({ key: first.key, status: 'duplicate', ticketNumber: number })));
    const twice = row();
    const inOne = await send([twice, twice]);
    expect(inOne.body.results.map((result) => result.status)).to.deep.equal(['created', 'duplicate']);
    expect(inOne.body.results[1]?.ticketNumber).to.equal(inOne.body.results[0]?.ticketNumber);
    expect(await fieldTickets()).to.have.length(2);
  });

  it('stores each key once when two tablets send the same batch at the same moment', async () => {
    const rows = [row(), row(), row(), row()];
    const [a, b] = await Promise.all([send(rows), send(rows)]);
    expect(a.status).to.equal(200);
    expect(b.status).to.equal(200);
    for (const index of rows.keys()) {
      const pair = [a.body.results[index], b.body.results[index]];
      expect(pair.map((result) => result?.status).sort()).to.deep.equal(['created', 'duplicate']);
      expect(pair[0]?.ticketNumber).to.equal(pair[1]?.ticketNumber);
    }
    const stored = await fieldTickets();
    expect(stored.map((ticket) => ticket.submission_key as string).sort()).to.deep.equal(rows.map((entry) => String(entry.key)).sort());
  });

  it('refuses a time taken in the future, older than 7 days or without a zone, and a key that is not field:<uuid>', async () => {
    const reply = await send([
      row({ takenAt: new Date(NOW.getTime() + 5 * 60_000).toISOString() }),
      row({ takenAt: new Date(NOW.getTime() - 8 * 24 * 3600_000).toISOString() }),
      row({ takenAt: '2026-12-03 09:00' }),
      row({ key: 'web:1234' }),
      // A tablet a few seconds ahead is fine: stored at the server's time.
      row({ takenAt: new Date(NOW.getTime() + 20_000).toISOString() }),
    ]);
    expect(reply.body.results.map((result) => Object.values(result.errors ?? {}).map((error) => error.code)[0] ?? result.status)).to.deep.equal([
      'taken-in-future', 'taken-too-old', 'invalid-time', 'invalid-key', 'created',
    ]);
    const stored = await fieldTickets();
    expect(stored).to.have.length(1);
    expect(new Date(String(stored[0]?.created_at)).toISOString()).to.equal(NOW.toISOString());
  });

  it('asks for the KVKK notice once a name, number or e-mail is taken', async () => {
    const reply = await send([row({ kvkkInformed: false }), row({ callerName: null, callerNumber: null, email: 'a@b.com', kvkkInformed: false })]);
    expect(reply.body.results.map((result) => result.errors?.kvkkInformed?.code)).to.deep.equal(['consent-required', 'consent-required']);
  });

  it('lets agents, supervisors and admins in; refuses department staff and a request without a session', async () => {
    expect((await send([row()], 'nuray')).body.created).to.equal(1);
    const department = await send([row()], 'fen');
    expect(department.status).to.equal(403);
    const anonymous = await send([row()], null);
    expect(anonymous.status).to.equal(401);
    expect((await app.call('GET', '/api/field/events', 'fen')).status).to.equal(403);
    const events = await app.call<{ events: string[]; maxBatch: number }>('GET', '/api/field/events', 'saha');
    expect(events.body).to.deep.equal({ events: DEFAULT_FIELD_CONFIG.events, maxBatch: 5 });
    expect(await fieldTickets()).to.have.length(1);
  });

  it('refuses a batch another page started (origin check) and stores nothing', async () => {
    const foreign = await send([row()], 'saha', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(foreign.status).to.equal(403);
    expect(foreign.body).to.deep.include({ details: { code: 'cross-origin' } });
    const own = await send([row()], 'saha', { origin: app.base, 'sec-fetch-site': 'same-origin' });
    expect(own.status).to.equal(200);
    expect(await fieldTickets()).to.have.length(1);
  });

  it('refuses an oversized batch whole: more rows than maxBatch (400), a body over 64 kB (413), an empty or malformed one (400)', async () => {
    const tooMany = await send([row(), row(), row(), row(), row(), row()]);
    expect(tooMany.status).to.equal(400);
    expect(tooMany.body).to.deep.include({ details: { code: 'batch-too-large', maxBatch: 5 } });
    const huge = await send([row({ description: 'ş'.repeat(3900) }), row({ description: 'ş'.repeat(3900) }), row({ description: 'ş'.repeat(3900) }), row({ description: 'ş'.repeat(3900) }), row({ description: 'ş'.repeat(3900) })].map((entry) => ({ ...entry, address: 'ğ'.repeat(3000) })));
    expect(huge.status).to.equal(413);
    expect((await send([])).status).to.equal(400);
    expect((await app.call('POST', '/api/field/requests', 'saha', { requests: 'x' })).status).to.equal(400);
    expect((await app.call('POST', '/api/field/requests', 'saha', { requests: [row()], extra: 1 })).status).to.equal(400);
    expect(await fieldTickets()).to.have.length(0);
  });

  it('limits the rows one user sends per window (429 with Retry-After), counting concurrent batches together', async () => {
    // 40 rows per minute: nine batches of five at once, so at most eight get in.
    const replies = await Promise.all(Array.from({ length: 9 }, () => send([row(), row(), row(), row(), row()])));
    const statuses = replies.map((reply) => reply.status).sort();
    expect(statuses.filter((status) => status === 200)).to.have.length(8);
    expect(statuses.filter((status) => status === 429)).to.have.length(1);
    expect(replies.find((reply) => reply.status === 429)?.body).to.deep.include({ details: { code: 'rate-limited', retryAfterS: 60 } });
    expect(await fieldTickets()).to.have.length(40);
  });

  it('serves /saha to staff only, and its service worker and manifest to anyone, never cached without revalidation', async () => {
    const get = (path: string, who: string | null) => fetch(`${app.base}${path}`, { redirect: 'manual', headers: who === null ? {} : { authorization: `Bearer ${app.tokens[who] ?? ''}` } });
    const anonymous = await get('/saha', null);
    expect(anonymous.status).to.equal(302);
    expect(anonymous.headers.get('location')).to.equal('/login?next=%2Fsaha');
    expect((await get('/saha', 'fen')).status).to.equal(403);
    const shell = await get('/saha', 'saha');
    expect(shell.status).to.equal(200);
    expect(await shell.text()).to.include('<link rel="manifest" href="/saha.webmanifest">');
    const worker = await get('/saha-sw.js', null);
    expect(worker.status).to.equal(200);
    expect(worker.headers.get('content-type')).to.equal('text/javascript; charset=utf-8');
    expect(worker.headers.get('cache-control')).to.equal('no-cache');
    expect(await worker.text()).to.include("const SITE_DATA = ['/api/catalogue', '/api/field/events'];");
    const manifest = await get('/saha.webmanifest', null);
    expect(manifest.headers.get('content-type')).to.equal('application/manifest+json; charset=utf-8');
    expect(await manifest.json()).to.deep.include({ start_url: '/saha', scope: '/saha', display: 'standalone' });
    // The batch API's answers are no-store for every cache on the way.
    const reply = await fetch(`${app.base}/api/field/events`, { headers: { authorization: `Bearer ${app.tokens.saha ?? ''}` } });
    expect(reply.headers.get('cache-control')).to.equal('no-store');
  });

  it('logs a batch by counts and user id, never the citizen’s number or name', async () => {
    await send([row(), row({ categoryCode: 'yok' })]);
    const raw = log.raw();
    expect(raw).to.include('field batch stored');
    expect(raw).not.to.include('5321234567');
    expect(raw).not.to.include('Ayşe');
    const line = log.lines().find((entry) => entry.message === 'field batch stored');
    expect(line).to.include({ userId: app.users.saha?.id, rows: 2, created: 1, refused: 1 });
  });
});
