import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TicketCreateForm } from '../../src/requests/ticket-form.js';
import { toDbTime } from '../../src/storage/time.js';
import { signIn, startSystem, TEST_PASSWORD, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const MARKUP = '<img src=x onerror="window.__xss=1"> Kentkart bakiyesi yüklendi ama kartta görünmüyor.';
const INTERNAL_KEYS = /callId|lastStep|userId|channelId|attemptId|version|dedupe|user:|system:/;

describe('department inbox in Chromium', function () {
  this.timeout(60000);
  let system: System;
  let page: Page;
  let errors: string[];
  let agent: { userId: number; username: string; role: 'agent' };

  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    await system.app.auth.users.create({ username: 'ulasim-birim', displayName: 'Ulaşım Birimi', role: 'department', password: TEST_PASSWORD, department: 'kayseri-ulasim' });
    const signedIn = await signIn(system, 'agent', 'zeynep');
    agent = { userId: signedIn.userId, username: signedIn.username, role: 'agent' };
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  async function forward(form: Partial<TicketCreateForm> = {}): Promise<string> {
    const ticket = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', description: 'Kart bakiyesi görünmüyor', ...form }, agent);
    return ticket.number;
  }

  async function logIn(): Promise<void> {
    await logInWithForm(page, system.app.url, 'ulasim-birim', { ready: true });
  }

  const rowIds = (): Promise<string[]> => page.$$eval('[data-testid="department-tickets"] tr', (rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));
  const row = (number: string) => page.locator(`[data-testid="department-ticket-${number}"]`);
  const historyLines = (): Promise<string[]> => page.$$eval('[data-testid="dept-history"] li', (items) => items.map((item) => item.textContent ?? ''));

  it('shows a forwarded request with its clock, accepts and answers it, and the request leaves the inbox', async () => {
    const number = await forward({ description: MARKUP });
    // Facts the history must tell without their internal keys: a callback's talk time and an IVR hand-off.
    await system.app.requests.service.act(number, { name: 'note', kind: 'callback-attempt', data: { attemptId: 7, outcome: 'answered', talkS: 80, agentUserId: 3, channelId: 'chan-1' } }, { kind: 'system', name: 'callback' });
    await system.app.requests.service.act(number, { name: 'note', kind: 'handed-off', data: { callId: 'c-123', lastStep: 'menu-main', queue: 'alo153-ulasim' } }, { kind: 'system', name: 'ivr' });

    await logIn();
    expect(await page.textContent('[data-testid="department-name"]')).to.equal('Kayseri Ulaşım A.Ş.');
    expect(await rowIds()).to.deep.equal([`department-ticket-${number}`]);
    expect(await row(number).locator('.dept-clock').textContent()).to.match(/^(\d+ gün )?(\d+ sa )?(\d+ dk )?kaldı$/);
    expect(await row(number).locator('.dept-ack').textContent()).to.match(/^İşleme alma: .+ kaldı$/);
    expect(await row(number).locator('.dept-description').textContent()).to.equal(MARKUP);
    expect(await row(number).locator('.dept-status').textContent()).to.equal('Birime iletildi');
    await screenshot(page, 'department-inbox');

    await row(number).click();
    await page.waitForSelector('[data-testid="dept-action-accept"]');
    const history = await historyLines();
    expect(history.join('\n')).to.include("Kayseri Ulaşım A.Ş.'ye iletildi (durum: Açık → Birime iletildi)");
    expect(history.join('\n')).to.include('Geri arama: cevaplandı, 1 dk 20 sn');
    expect(history.join('\n')).to.include('Sistem (IVR)');
    expect(history.join('\n')).to.not.match(INTERNAL_KEYS);
    expect(await page.locator('[data-testid="dept-actions"] button, .dept-actions button').allTextContents()).to.deep.equal([
      'İşleme al', 'Cevapla', 'İade et — bizim birimimiz değil', 'Başka birime aktar', 'Vatandaşa soru sor',
    ]);

    await page.click('[data-testid="dept-action-accept"]');
    await page.fill('[data-testid="dept-action-text"]', 'Ekip yönlendirildi');
    await page.click('[data-testid="dept-action-submit"]');
    await page.waitForFunction(() => !document.querySelector('[data-testid="dept-action-accept"]') && document.querySelector('[data-testid="dept-action-answer"]'));
    await page.waitForFunction((n) => document.querySelector(`[data-testid="department-ticket-${n}"] .dept-status`)?.textContent === 'İşleme alındı', number);
    expect((await historyLines()).join('\n')).to.include('İşleme alındı: Ekip yönlendirildi');
    await screenshot(page, 'department-request');

    await page.click('[data-testid="dept-action-answer"]');
    await page.fill('[data-testid="dept-action-text"]', 'Bakiye kartınıza yüklendi.');
    await page.click('[data-testid="dept-action-submit"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 0);
    expect(await page.isHidden('[data-testid="dept-detail"]')).to.equal(true);
    expect(await page.textContent('[data-testid="department-updated"]')).to.equal('Cevap kaydedildi; çağrı merkezi vatandaşa iletecek.');
    const stored: unknown = await system.app.db('tickets').where({ number }).first('status', 'answer');
    expect(stored).to.deep.equal({ status: 'answered', answer: 'Bakiye kartınıza yüklendi.' });
    expect(await page.evaluate('window.__xss')).to.equal(undefined);
    expect(errors).to.deep.equal([]);
  });

  it('shows a request forwarded while the page is open, highlighted, in deadline order', async () => {
    const first = await forward();
    await logIn();
    expect(await rowIds()).to.deep.equal([`department-ticket-${first}`]);
    const second = await forward({ categoryCode: 'kentkart', description: 'Yeni gelen talep' });
    await system.app.db('tickets').where({ number: second }).update({ due_at: toDbTime(new Date(Date.now() + 3600_000)) });
    // The stream's entry comes from the service's change; a later change publishes the moved deadline too.
    await system.app.requests.service.act(second, { name: 'note', kind: 'due-soon', data: {} }, { kind: 'system', name: 'deadline' });
    await page.waitForFunction((n) => document.querySelector('[data-testid="department-tickets"] tr')?.getAttribute('data-testid') === `department-ticket-${n}`, second);
    expect(await rowIds()).to.deep.equal([`department-ticket-${second}`, `department-ticket-${first}`]);
    expect(await row(second).getAttribute('class')).to.include('dept-new');
    expect(await row(second).locator('.dept-new-mark').textContent()).to.equal('Yeni');
    expect(await page.textContent('[data-testid="department-updated"]')).to.equal(`Yeni talep geldi: ${second}`);
    expect(await row(first).getAttribute('class')).to.not.include('dept-new');
    expect(errors).to.deep.equal([]);
  });

  it('marks overdue requests red with "Süresi geçti" and due-soon ones amber; toggles to English', async () => {
    const late = await forward({ description: 'Geciken' });
    const soon = await forward({ description: 'Yaklaşan' });
    await system.app.db('tickets').where({ number: late }).update({ due_at: toDbTime(new Date(Date.now() - 2 * 86_400_000 - 3 * 3600_000)) });
    await system.app.db('tickets').where({ number: soon }).update({ due_soon_at: toDbTime(new Date(Date.now() - 60_000)) });
    await logIn();
    expect(await rowIds()).to.deep.equal([`department-ticket-${late}`, `department-ticket-${soon}`]);
    expect(await row(late).getAttribute('class')).to.include('dept-overdue');
    expect(await row(late).locator('.dept-clock').textContent()).to.equal('Süresi geçti (2 gün 3 sa)');
    expect(await row(soon).getAttribute('class')).to.include('dept-soon');
    expect(await row(soon).getAttribute('class')).to.not.include('dept-overdue');

    await row(late).click();
    await page.waitForSelector('[data-testid="dept-action-accept"]');
    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('#dept-title')).to.equal('Department inbox');
    expect(await row(late).locator('.dept-clock').textContent()).to.equal('Overdue by 2 d 3 h');
    expect(await row(soon).locator('.dept-status').textContent()).to.equal('Forwarded');
    expect(await page.textContent('[data-testid="dept-action-return"]')).to.equal('Return — not our department');
    expect((await historyLines()).join('\n')).to.include('Forwarded to Kayseri Ulaşım A.Ş.');
    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('[data-testid="dept-action-return"]')).to.equal('İade et — bizim birimimiz değil');
    expect(errors).to.deep.equal([]);
  });

  it('keeps the typed text and says what changed on a 409, marks the field on a 400, and offers a reload', async () => {
    const number = await forward();
    await logIn();
    await row(number).click();
    await page.click('[data-testid="dept-action-answer"]');
    await page.fill('[data-testid="dept-action-text"]', 'x'.repeat(4001));
    await page.click('[data-testid="dept-action-submit"]');
    await page.waitForSelector('[data-testid="dept-error-text"]:not([hidden])');
    expect(await page.textContent('[data-testid="dept-error-text"]')).to.equal('Metin çok uzun: en fazla 4000 karakter.');

    // Someone else accepts it meanwhile: the page's version is stale.
    await system.app.requests.service.act(number, { name: 'accept', text: null }, { kind: 'user', userId: 1, username: 'diger', role: 'department', department: 'kayseri-ulasim' });
    await page.fill('[data-testid="dept-action-text"]', 'Bakiye yüklendi.');
    await page.click('[data-testid="dept-action-submit"]');
    await page.waitForSelector('[data-testid="dept-action-error"]:not([hidden])');
    expect(await page.textContent('[data-testid="dept-action-error"]')).to.equal('Bu talep siz bakarken değişti: şimdi İşleme alındı.');
    expect(await page.inputValue('[data-testid="dept-action-text"]')).to.equal('Bakiye yüklendi.');
    await page.click('[data-testid="dept-reload"]');
    await page.waitForSelector('[data-testid="dept-action-error"]', { state: 'hidden' });
    expect(await page.inputValue('[data-testid="dept-action-text"]')).to.equal('Bakiye yüklendi.');
    await page.click('[data-testid="dept-action-submit"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 0);
    // The 400 and the 409 are answers the page shows; Chromium logs them as failed loads anyway.
    expect(errors.filter((error) => !/Failed to load resource: .*(400|409)/.test(error))).to.deep.equal([]);
  });

  it('shows 50 requests a page and finds one by its short number', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 51; i += 1) numbers.push(await forward({ description: `Kayıt ${i}` }));
    await logIn();
    expect(await rowIds()).to.have.length(50);
    expect(await page.textContent('[data-testid="department-summary"]')).to.equal('51 kayıttan 1–50');
    await page.click('[data-testid="department-next"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 1);
    expect(await page.textContent('[data-testid="department-page"]')).to.equal('Sayfa 2 / 2');
    await page.click('[data-testid="department-prev"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 50);

    const wanted = numbers[7]!;
    await page.fill('[data-testid="department-search"]', String(Number(wanted.slice(-6))));
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 1);
    expect(await rowIds()).to.deep.equal([`department-ticket-${wanted}`]);
    expect(errors).to.deep.equal([]);
  });
});
