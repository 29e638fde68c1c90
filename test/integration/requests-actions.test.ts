import { expect } from 'chai';
import { KnexTicketStore } from '../../src/calls/call-store.js';
import { createTestLogger } from '../../src/logging/logger.js';
import { KnexCatalogue } from '../../src/requests/catalogue/catalogue.js';
import { createRequests, shippedLifecycleConfig, type Requests } from '../../src/requests/create-requests.js';
import { readInbox } from '../../src/requests/read/inbox.js';
import { createTestDatabase, testEngine, type TestDatabase } from '../support/db.js';
import { startTestHttpApp, type TestHttpApp } from '../support/http-app.js';

type Body = Record<string, unknown>;

describe(`requests: the action API (${testEngine()})`, function () {
  this.timeout(30_000);
  let test: TestDatabase;
  let http: TestHttpApp;
  let requests: Requests;

  before(async () => {
    test = await createTestDatabase();
    const logger = createTestLogger();
    const catalogue = new KnexCatalogue(test.db);
    requests = createRequests({ db: test.db, config: shippedLifecycleConfig(), logger, catalogue });
    http = await startTestHttpApp({
      db: test.db,
      logger,
      accounts: [
        { username: 'ayse', role: 'agent' },
        { username: 'nuray', role: 'supervisor' },
        { username: 'cevre1', role: 'department', department: 'cevre' },
        { username: 'cevre2', role: 'department', department: 'cevre' },
        { username: 'zabita1', role: 'department', department: 'zabita' },
      ],
      deps: {
        tickets: new KnexTicketStore(test.db, { writer: requests.writer }),
        catalogue,
        requests: { service: requests.service, inbox: (query) => readInbox(test.db, query) },
      },
    });
  });

  after(async () => {
    await http.close();
    await test.destroy();
  });

  const call = (method: string, path: string, who: string, body?: unknown, headers?: Record<string, string>) => http.call(method, path, who, body, headers);
  const act = (number: string, body: Body, who: string) => call('POST', `/api/tickets/${number}/actions`, who, body);

  /** A ticket the desk forwarded to `department`: its number and version. */
  const forwarded = async (department = 'cevre'): Promise<{ number: string; version: number }> => {
    const desk = { kind: 'user' as const, userId: http.users.ayse!.id, username: 'ayse', role: 'agent' as const, department: null };
    const ticket = await requests.service.create({ source: 'desk', createdAt: new Date() }, desk, [
      { name: 'edit', fields: { description: 'Konteyner taşıyor', callerName: 'Fatma Yılmaz' } },
      { name: 'forward', department, text: null },
    ]);
    return { number: ticket.number, version: ticket.version };
  };

  it('lets the department accept and answer its ticket, each step with the version it saw', async () => {
    const { number, version } = await forwarded();
    const accepted = await act(number, { action: 'accept', version, text: 'Ekip yönlendirildi' }, 'cevre1');
    expect(accepted.status, JSON.stringify(accepted.body)).to.equal(200);
    expect(accepted.body).to.include({ number, status: 'in_progress' });
    const answered = await act(number, { action: 'answer', version: Number(accepted.body.version), text: 'Konteyner boşaltıldı.' }, 'cevre1');
    expect(answered.status).to.equal(200);
    expect(answered.body).to.include({ status: 'answered', answer: 'Konteyner boşaltıldı.' });
  });

  it('refuses an action the state does not allow with 409, the state and what is allowed', async () => {
    const { number, version } = await forwarded();
    const accepted = await act(number, { action: 'accept', version }, 'cevre1');
    const again = await act(number, { action: 'accept', version: Number(accepted.body.version) }, 'cevre1');
    expect(again.status).to.equal(409);
    expect(again.body).to.include({ error: 'action not allowed', action: 'accept', status: 'in_progress' });
    expect(again.body.allowed).to.deep.equal(['answer', 'return', 'transfer', 'ask']);
    expect((again.body.current as Body).number).to.equal(number);
  });

  it('lets exactly one of two users answering at once win; the other gets 409 with the new state', async () => {
    const { number, version } = await forwarded();
    const replies = await Promise.all([
      act(number, { action: 'answer', version, text: 'Birinci cevap' }, 'cevre1'),
      act(number, { action: 'answer', version, text: 'İkinci cevap' }, 'cevre2'),
    ]);
    expect(replies.map((reply) => reply.status).sort()).to.deep.equal([200, 409]);
    const loser = replies.find((reply) => reply.status === 409)!;
    expect(loser.body.error).to.equal('ticket changed');
    expect((loser.body.current as Body).status).to.equal('answered');
    const events: unknown[] = await test.db('ticket_events').join('tickets', 'tickets.id', 'ticket_events.ticket_id').where({ 'tickets.number': number, kind: 'answered' });
    expect(events).to.have.length(1);
  });

  it("answers 404 to a department acting on, or asking about, another department's ticket", async () => {
    const { number, version } = await forwarded('cevre');
    const reply = await act(number, { action: 'accept', version }, 'zabita1');
    expect(reply.status).to.equal(404);
    expect((await call('GET', `/api/tickets/${number}/actions`, 'zabita1')).status).to.equal(404);
    expect((await act('153-2026-999999', { action: 'accept', version: 1 }, 'cevre1')).status).to.equal(404);
    const stored: unknown = await test.db('tickets').where({ number }).first('status');
    expect(stored).to.deep.equal({ status: 'forwarded' });
  });

  it('answers 400 naming text for an answer over lifecycle.textMaxLength, and for a blank or missing one', async () => {
    const { number, version } = await forwarded();
    const max = shippedLifecycleConfig().textMaxLength;
    const long = await act(number, { action: 'answer', version, text: 'a'.repeat(max + 1) }, 'cevre1');
    expect(long.status).to.equal(400);
    expect((long.body.fields as Record<string, Body>).text?.code).to.equal('too-long');
    expect(Object.keys(long.body.fields as Body)).to.deep.equal(['text']);
    const blank = await act(number, { action: 'answer', version, text: '   ' }, 'cevre1');
    expect((blank.body.fields as Record<string, Body>).text?.code).to.equal('required');
    const missing = await act(number, { action: 'answer', version }, 'cevre1');
    expect((missing.body.fields as Record<string, Body>).text?.code).to.equal('required');
    expect((await act(number, { action: 'answer', version, text: 'a'.repeat(max) }, 'cevre1')).status).to.equal(200);
  });

  it('answers 409 with the ticket as it is now to a stale version', async () => {
    const { number, version } = await forwarded();
    await act(number, { action: 'accept', version }, 'cevre1');
    const stale = await act(number, { action: 'answer', version, text: 'Eski sürümle cevap' }, 'cevre2');
    expect(stale.status).to.equal(409);
    expect(stale.body.error).to.equal('ticket changed');
    expect(stale.body.current).to.include({ number, status: 'in_progress', version: version + 1 });
  });

  it('refuses by role: agents may not accept or answer, departments may not forward or inform', async () => {
    const { number, version } = await forwarded();
    const refusals = [
      await act(number, { action: 'accept', version }, 'ayse'),
      await act(number, { action: 'answer', version, text: 'x' }, 'ayse'),
      await act(number, { action: 'forward', version, department: 'zabita' }, 'cevre1'),
      await act(number, { action: 'inform', version }, 'cevre1'),
      await act(number, { action: 'reassign', version, ownerUserId: http.users.nuray!.id }, 'ayse'),
    ];
    expect(refusals.map((reply) => reply.status)).to.deep.equal([403, 403, 403, 403, 403]);
    // A refusal by role is decided before the ticket is read: another department learns nothing from it.
    expect((await act('153-2026-999999', { action: 'forward', version: 1, department: 'cevre' }, 'zabita1')).status).to.equal(403);
    const supervisor = await act(number, { action: 'accept', version }, 'nuray');
    expect(supervisor.status).to.equal(200);
  });

  it('answers every malformed body with 400 and the field at fault', async () => {
    const { number, version } = await forwarded();
    const cases: [Body, string, string][] = [
      [{ action: 'fly', version }, 'action', 'unknown-action'],
      [{ action: 'accept' }, 'version', 'invalid-version'],
      [{ action: 'accept', version: 0 }, 'version', 'invalid-version'],
      [{ action: 'accept', version, colour: 'red' }, 'colour', 'unknown-field'],
      [{ action: 'accept', version, department: 'cevre' }, 'department', 'not-used'],
      [{ action: 'transfer', version, department: 'yok-boyle', text: 'bizim değil' }, 'department', 'unknown-department'],
      [{ action: 'transfer', version, department: 'cevre', text: 'aynı birim' }, 'department', 'same-department'],
      [{ action: 'transfer', version, text: 'nereye?' }, 'department', 'required'],
      [{ action: 'transfer', version, department: 'Zabıta!', text: 'x' }, 'department', 'unknown-department'],
      [{ action: 'answer', version, text: 42 }, 'text', 'invalid-type'],
      [{ action: 'answer', version, text: 'bad\u0000byte' }, 'text', 'invalid-text'],
      [{ action: 'attempt', version, outcome: 'call-later', callBackAt: 'yarın' }, 'callBackAt', 'invalid-date'],
      [{ action: 'attempt', version, outcome: 'call-later', callBackAt: '2020-01-01T10:00:00+03:00' }, 'callBackAt', 'in-the-past'],
      [{ action: 'attempt', version, outcome: 'maybe' }, 'outcome', 'invalid-outcome'],
      [{ action: 'inform', version, channel: 'fax' }, 'channel', 'invalid-channel'],
      [{ action: 'reassign', version, ownerUserId: 987654 }, 'ownerUserId', 'unknown-user'],
    ];
    for (const [body, field, code] of cases) {
      const who = body.action === 'transfer' || body.action === 'answer' ? 'cevre1' : 'nuray';
      const reply = await act(number, body, who);
      expect(reply.status, JSON.stringify(body)).to.equal(400);
      expect((reply.body.fields as Record<string, Body>)[field]?.code, JSON.stringify(reply.body)).to.equal(code);
    }
    const raw = await fetch(`${http.base}/api/tickets/${number}/actions`, { method: 'POST', headers: { authorization: `Bearer ${http.tokens.cevre1}`, 'content-type': 'application/json' }, body: '[1,2]' });
    expect(raw.status).to.equal(400);
    expect((await call('GET', `/api/tickets/${number}/actions`, 'cevre1')).body.version).to.equal(version);
  });

  it('refuses a POST from another origin before it reaches the lifecycle', async () => {
    const { number, version } = await forwarded();
    const reply = await call('POST', `/api/tickets/${number}/actions`, 'cevre1', { action: 'accept', version }, { origin: 'http://evil.example' });
    expect(reply.status).to.equal(403);
    expect((await call('GET', `/api/tickets/${number}/actions`, 'cevre1')).body.status).to.equal('forwarded');
  });

  it("tells each user what they may do now (GET …/actions), and lists the lifecycle's codes", async () => {
    const { number } = await forwarded();
    expect((await call('GET', `/api/tickets/${number}/actions`, 'cevre1')).body).to.include({ number, status: 'forwarded' });
    expect((await call('GET', `/api/tickets/${number}/actions`, 'cevre1')).body.allowed).to.deep.equal(['accept', 'answer', 'return', 'transfer', 'ask']);
    expect((await call('GET', `/api/tickets/${number}/actions`, 'ayse')).body.allowed).to.deep.equal(['edit', 'forward']);
    const lifecycle = await call('GET', '/api/lifecycle', 'cevre1');
    expect(lifecycle.body.statuses).to.include.members(['forwarded', 'in_progress', 'answered', 'closed']);
    expect(lifecycle.body.closeReasons).to.deep.equal(['resolved-on-call', 'informed', 'unreachable', 'replied-in-portal', 'referred-elsewhere']);
    expect((lifecycle.body.actions as Body[]).find((action) => action.name === 'accept')).to.deep.equal({ name: 'accept', in: ['forwarded'], by: ['department', 'supervisor'] });
    // CİMER / Açık Kapı only.
    expect((lifecycle.body.actions as Body[]).find((action) => action.name === 'portal-reply')).to.deep.equal({ name: 'portal-reply', in: ['answered'], by: ['desk', 'supervisor'], sources: ['cimer', 'acik-kapi'] });
  });
});
