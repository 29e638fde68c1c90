import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import { toDbTime } from '../../src/storage/time.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type SignedIn, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const DAY = 86_400_000;
const CITIZEN = '05321234567';
const ULASIM: RequestActor = { kind: 'user', userId: 99, username: 'ulasim-birim', role: 'department', department: 'kayseri-ulasim' };

/** The lifecycle's clocks on the screens: a CİMER deadline missed, and a citizen who cannot be reached. */
describe('the request lifecycle end to end in Chromium: deadlines, unreachable citizens, replies', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  let agent: SignedIn;

  const chromium = useChromium();

  beforeEach(async () => {
    // The deadline clock looks every 200 ms instead of every minute; unreachable = 3 tries over 2 days (shipped).
    system = await startSystem({ agents: 0, config: { lifecycle: { escalationCheckMs: 200 } } });
    agent = await signIn(system, 'agent', 'zeynep', 'PJSIP/agent7');
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  const logIn = (username: string, next: string): Promise<void> => logInWithForm(page, system.app.url, username, { next });

  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${system.app.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  const answered = async (status: 'answer' | 'ask' = 'answer'): Promise<string> => {
    const opened = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', callerNumber: CITIZEN, description: 'Kart bakiyesi görünmüyor.' }, { userId: agent.userId, username: agent.username, role: 'agent' });
    await system.app.requests.service.act(opened.number, status === 'answer' ? { name: 'answer', text: 'Bakiye tanımlandı.' } : { name: 'ask', text: 'Kart numaranız nedir?' }, ULASIM);
    return opened.number;
  };
  const item = (number: string) => page.locator(`[data-testid="relay-item-${number}"]`);
  const openRelay = async () => {
    await logIn('zeynep', '/desk');
    await page.waitForSelector('body[data-ready="true"]');
    await page.click('[data-testid="tab-relay"]');
  };
  /** The "controlled clock" of the unreachable rule: the first try moved back, as if it had been days ago. */
  const firstTryDaysAgo = (number: string, days: number) =>
    system.app.db('tickets').where({ number }).update({ first_attempt_at: toDbTime(new Date(Date.now() - days * DAY - 60_000)) });

  it('flags a forwarded CİMER application that passed its 15 days: overdue note, GET /api/escalations and the supervisor screen', async () => {
    const created = await api(agent.token, 'POST', '/api/tickets', { source: 'cimer', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', callerNumber: CITIZEN, description: 'CİMER başvurusu: kart bakiyesi.' });
    expect(created.status).to.equal(201);
    const number = String(created.body.number);
    const dueAt = Date.parse(String(created.body.dueAt));
    expect(Math.round((dueAt - Date.parse(String(created.body.createdAt))) / DAY), 'CİMER: 15 calendar days').to.equal(15);

    // A past creation time: the application came 16 days ago and nobody at the department answered.
    const shift = (iso: unknown) => (typeof iso === 'string' ? toDbTime(new Date(Date.parse(iso) - 16 * DAY)) : null);
    const row = (await system.app.db('tickets').where({ number }).first()) as Record<string, unknown>;
    await system.app.db('tickets').where({ number }).update({ created_at: shift(row.created_at), forwarded_at: shift(row.forwarded_at), due_at: shift(row.due_at), due_soon_at: shift(row.due_soon_at), ack_due_at: shift(row.ack_due_at) });

    await waitFor(async () => (await system.app.store.getTicket(number))!.events.some((event) => event.kind === 'overdue'), 10_000, 'the overdue note');
    const note = (await system.app.store.getTicket(number))!.events.find((event) => event.kind === 'overdue')!;
    expect(note.actor).to.equal('system:deadline');

    const supervisor = await signIn(system, 'supervisor', 'nuray');
    const escalations = await api(supervisor.token, 'GET', '/api/escalations?kind=overdue');
    expect(escalations.status).to.equal(200);
    const items = escalations.body.items as Array<{ number: string; source: string; kinds: string[]; departmentCode: string }>;
    expect(items.find((each) => each.number === number)).to.deep.include({ source: 'cimer', departmentCode: 'kayseri-ulasim' });
    expect(items.find((each) => each.number === number)!.kinds).to.include('overdue');
    expect(JSON.stringify(escalations.body)).not.to.include(CITIZEN);

    await logIn('nuray', '/supervisor');
    await page.locator('[data-testid="escalations"] [data-kind="overdue"]').click();
    await page.locator(`[data-testid="esc-item-${number}"]`).waitFor();
    // The clock's notice reached the supervisor's screen too (in the stream's snapshot: it was told before the page opened).
    const notice = page.locator(`[data-testid="deadline-notice-overdue-${number}"]`);
    await notice.waitFor();
    expect(await notice.textContent()).to.match(new RegExp(`^${number}: süresi geçti \\(Kayseri Ulaşım A\\.Ş\\.; son gün `));
    await screenshot(page, 'lifecycle-escalations');

    // … and the department's inbox, for the department's own staff.
    await system.app.auth.users.create({ username: 'ulasim-birim', displayName: 'Ulaşım Birimi', role: 'department', password: TEST_PASSWORD, department: 'kayseri-ulasim' });
    await logIn('ulasim-birim', '/desk');
    const departmentNotice = page.locator(`[data-testid="dept-notices"] [data-testid="deadline-notice-overdue-${number}"]`);
    await departmentNotice.waitFor();
    expect(await departmentNotice.textContent()).to.include(`${number}: süresi geçti`);
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('closes a ticket as unreachable after three failed tries spread over two days, with each try in the history', async () => {
    const number = await answered();
    await openRelay();
    await item(number).waitFor();
    for (const [attempt, daysAgo] of [[1, 1], [2, 2]] as const) {
      await item(number).locator('[data-testid="relay-unreachable"]').click();
      await page.waitForFunction(([n, a]) => document.querySelector(`[data-testid="relay-item-${n}"] [data-testid="relay-attempts"]`)?.textContent === `Deneme: ${a}`, [number, attempt] as const);
      await firstTryDaysAgo(number, daysAgo);
      // Re-read after the clock moved: the item carries the new version.
      await system.app.relay.patchTicket(number);
    }
    await item(number).locator('[data-testid="relay-unreachable"]').click();
    await item(number).waitFor({ state: 'detached' });
    const closed = (await system.app.store.getTicket(number))!;
    expect(closed).to.include({ status: 'closed', closeReason: 'unreachable', contactAttempts: 3 });
    const tries = closed.events.filter((event) => event.kind === 'contact-attempt').map((event) => event.data);
    expect(tries.map((data) => [data.outcome, data.attempt])).to.deep.equal([['not-reachable', 1], ['not-reachable', 2], ['not-reachable', 3]]);
    expect(closed.events.at(-1)!.kind).to.equal('closed-unreachable');

    await page.click('[data-testid="tab-desk"]');
    await page.fill('#search', number);
    await page.locator('[data-testid="search-results"] button, [data-testid="search-results"] li').first().click();
    await page.waitForSelector('[data-testid="panel-events"] .history-line');
    const story = (await page.$$eval('[data-testid="panel-events"] .history-what', (nodes) => nodes.map((node) => node.textContent ?? ''))).join('\n');
    for (const n of [1, 2, 3]) expect(story).to.include(`Arama denemesi: ulaşılamadı (${n}.)`);
    expect(story).to.include('Vatandaşa ulaşılamadı; kayıt kapandı');
  });

  it('moves a citizen who asked to be called later to "Daha sonra aranacaklar", and refuses a time in the past in Turkish', async () => {
    const number = await answered();
    await openRelay();
    await item(number).waitFor();
    const istanbul = (epoch: number) => new Date(epoch + 3 * 3_600_000).toISOString().slice(0, 16);
    await item(number).locator('[data-testid="relay-call-later-at"]').fill(istanbul(Date.now() - 3_600_000));
    await item(number).locator('[data-testid="relay-call-later"]').click();
    await page.waitForFunction((n) => /ileride olmalı/.test(document.querySelector(`[data-testid="relay-item-${n}"] [data-testid="relay-item-error"]`)?.textContent ?? ''), number);

    await item(number).locator('[data-testid="relay-call-later-at"]').fill(istanbul(Date.now() + 2 * 3_600_000));
    await item(number).locator('[data-testid="relay-call-later"]').click();
    await page.locator(`[data-testid="relay-later"] [data-testid="relay-item-${number}"]`).waitFor();
    expect(await item(number).locator('.relay-callback').textContent()).to.match(/için aranmak istedi$/);
    expect(await page.textContent('[data-testid="relay-counts"]')).to.include('1 sonra aranacak');
    const ticket = (await system.app.store.getTicket(number))!;
    expect(ticket.callBackAt).to.be.instanceOf(Date);
    expect(ticket.contactAttempts).to.equal(1);
  });

  it('passes the citizen\'s reply to a department question back to the department', async () => {
    const number = await answered('ask');
    await openRelay();
    await item(number).waitFor();
    expect(await item(number).locator('[data-testid="relay-text"]').textContent()).to.equal('Kart numaranız nedir?');
    expect(await item(number).locator('[data-testid="relay-informed"]').isVisible()).to.equal(false);
    await item(number).locator('[data-testid="relay-reply"]').click();
    expect(await item(number).locator('[data-testid="relay-item-error"]').textContent()).to.equal('Vatandaşın cevabını yazın.');
    await item(number).locator('[data-testid="relay-reply-text"]').fill('Kart no 1234 5678');
    await item(number).locator('[data-testid="relay-reply"]').click();
    await item(number).waitFor({ state: 'detached' });
    const ticket = (await system.app.store.getTicket(number))!;
    expect(ticket.status).to.equal('in_progress');
    expect(ticket.events.at(-1)).to.deep.include({ kind: 'citizen-replied', actor: 'user:zeynep' });
  });
});
