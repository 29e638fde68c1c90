import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, TEST_PASSWORD, type SignedIn, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const EVENT = 'Kayseri Kitap Fuarı';
const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical findings; evaluated through DevTools, so the page's CSP stays as served. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => (await (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe.run()).violations);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the field desk /saha in Chromium: requests taken offline reach the store exactly once', function () {
  this.timeout(90_000);
  let system: System;
  let staff: SignedIn;
  let page: Page;
  let errors: string[];

  const chromium = useChromium();

  beforeEach(async () => {
    // Batches of two: four requests take two batches, so a sync can be cut between them.
    system = await startSystem({ agents: 0, config: { channels: { field: { maxBatch: 2 } } } });
    staff = await signIn(system, 'agent', 'saha-ayse');
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  const waiting = (count: number) => page.waitForSelector(`[data-testid="outbox-count"][data-count="${count}"]`);
  const fieldTickets = () => system.app.db('tickets').where({ source: 'field' }).orderBy('id');

  /** Signed in, the worker controlling /saha (so a reload offline is served by it), the shift's event chosen. */
  async function openFieldDesk(): Promise<void> {
    await logInWithForm(page, system.app.url, 'saha-ayse', { next: '/saha', lands: '/saha', heading: 'Alo 153 Saha Masası Girişi', ready: true });
    await page.waitForSelector('[data-testid="offline-ready"][data-ready="true"]');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await page.fill('#event-input', EVENT);
    await page.click('[data-testid="event-start"]');
    await page.waitForSelector('[data-testid="request-form"]:visible');
  }

  async function takeRequest(description: string, expectWaiting: number): Promise<void> {
    await page.selectOption('#f-category', 'hayvan');
    await page.fill('#f-description', description);
    await page.selectOption('#f-district', 'Melikgazi');
    await page.fill('#f-name', 'Ayşe Demir');
    await page.fill('#f-number', '0532 123 45 67');
    await page.check('#f-kvkk');
    await page.click('[data-testid="request-save"]');
    await waiting(expectWaiting);
  }

  it('takes 3 requests offline, reloads offline from the service worker with the 3 still waiting, takes a 4th and stores all 4 once the network is back', async () => {
    await openFieldDesk();
    await page.context().setOffline(true);
    await page.waitForFunction(() => !navigator.onLine);
    for (const [index, text] of ['Yaralı kedi fuar girişinde', 'Sokak köpeği çocukları korkutuyor', 'Kuş yuvası düştü'].entries()) await takeRequest(text, index + 1);

    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).to.equal(true);
    await page.waitForSelector('body[data-ready="true"]');
    await waiting(3);
    expect(await page.locator('[data-testid="outbox-list"] li').count()).to.equal(3);
    expect(await page.textContent('[data-testid="event-current"]')).to.include(EVENT);
    expect(await page.textContent('[data-testid="net-status"]')).to.include('Çevrimdışı');
    // The topics came from the worker's copy of the catalogue.
    await takeRequest('Başıboş at yolda', 4);
    expect(await fieldTickets()).to.have.length(0);

    await page.context().setOffline(false);
    await waiting(0);
    const stored = await fieldTickets();
    expect(stored).to.have.length(4);
    expect(stored.map((ticket) => ticket.description as string).sort()).to.deep.equal(['Başıboş at yolda', 'Kuş yuvası düştü', 'Sokak köpeği çocukları korkutuyor', 'Yaralı kedi fuar girişinde']);
    for (const ticket of stored) {
      expect(ticket).to.include({ source: 'field', field_event: EVENT, owner_user_id: staff.userId, category_code: 'hayvan', caller_number: '05321234567' });
      expect(String(ticket.submission_key)).to.match(/^field:[0-9a-f-]{36}$/);
    }
    expect(new Set(stored.map((ticket) => ticket.submission_key)).size).to.equal(4);
    // Each ticket's number is shown for the citizen.
    const shown = await page.$$eval('[data-testid="sent-list"] li', (items) => items.map((item) => item.getAttribute('data-ticket')));
    expect(shown.sort()).to.deep.equal(stored.map((ticket) => String(ticket.number)).sort());
    expect(await page.locator('[data-testid="outbox-list"] li').count()).to.equal(0);
    expect(errors.filter((error) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(error))).to.deep.equal([]);
  });

  it('retries a sync whose answer was lost after the server stored the batch: no request is stored twice', async () => {
    await openFieldDesk();
    await page.context().setOffline(true);
    for (const [index, text] of ['Park lambası yanmıyor kedi', 'Kedi ağaçta kaldı', 'Köpek havlıyor'].entries()) await takeRequest(text, index + 1);
    let posts = 0;
    await page.route('**/api/field/requests', async (route) => {
      posts += 1;
      if (posts > 1) return route.continue();
      // The first batch reaches the server and is stored; its answer never reaches the page.
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.context().setOffline(false);
    await page.waitForFunction(() => /yeniden denenecek/.test(document.querySelector('[data-testid="sync-status"]')?.textContent ?? ''));
    expect(await fieldTickets()).to.have.length(2);
    await waiting(3);
    await page.click('[data-testid="send-now"]');
    await waiting(0);
    const stored = await fieldTickets();
    expect(stored).to.have.length(3);
    expect(new Set(stored.map((ticket) => ticket.submission_key)).size).to.equal(3);
    expect(posts).to.equal(3);
    expect(await page.locator('[data-testid="sent-list"] li', { hasText: 'daha önce kaydedilmiş' }).count()).to.equal(2);
  });

  it('shows the supervisor a field ticket’s source with its event', async () => {
    await signIn(system, 'supervisor', 'nuray');
    await openFieldDesk();
    await takeRequest('Fuar alanında yaralı güvercin', 1);
    await waiting(0);
    const [ticket] = await fieldTickets();
    const board = await openScreen(chromium());
    try {
      await logInWithForm(board, system.app.url, 'nuray', { next: '/supervisor', ready: true });
      await board.fill('[data-testid="find-number"]', String(ticket?.seq));
      await board.click('[data-testid="find-submit"]');
      await board.waitForSelector(`[data-testid="ticket-title"]:has-text("${String(ticket?.number)}")`);
      expect(await board.locator('#ticket-facts dd').first().textContent()).to.equal(`Saha masası · ${EVENT}`);
    } finally {
      await board.context().close();
    }
  });

  it('works on a phone: no serious accessibility findings, field errors in Turkish, English on request', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openFieldDesk();
    await page.fill('#f-name', 'Ayşe Demir');
    await page.click('[data-testid="request-save"]');
    expect(await page.textContent('#e-category')).to.equal('Bu alan zorunludur.');
    expect(await page.textContent('#e-kvkk')).to.equal('Ad, telefon veya e-posta alındıysa KVKK aydınlatmasını işaretleyin.');
    expect(await page.getAttribute('#f-category', 'aria-invalid')).to.equal('true');
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('f-category');
    await waiting(0);
    expect(await seriousViolations(page)).to.deep.equal([]);
    await screenshot(page, 'field-desk-phone');
    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('#form-title')).to.equal('New request');
    expect(await page.textContent('[data-testid="send-now"]')).to.equal('Send now');
    expect(await seriousViolations(page)).to.deep.equal([]);
  });

  it('keeps the outbox when the session ended while offline, asks to sign in again and then sends it', async () => {
    await openFieldDesk();
    await page.context().setOffline(true);
    await takeRequest('Kayıp köpek ilanı', 1);
    await page.context().clearCookies();
    await page.context().setOffline(false);
    await page.waitForSelector('[data-testid="session-expired"]:visible');
    await waiting(1);
    expect(await fieldTickets()).to.have.length(0);

    await page.click('[data-testid="login-again"]');
    await page.waitForURL(`${system.app.url}/login?next=%2Fsaha`);
    await page.fill('#username', 'saha-ayse');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${system.app.url}/saha`);
    await waiting(0);
    const stored = await fieldTickets();
    expect(stored).to.have.length(1);
    expect(stored[0]).to.include({ description: 'Kayıp köpek ilanı', field_event: EVENT, owner_user_id: staff.userId });
  });
});
