import { expect } from 'chai';
import type { Page } from 'playwright-core';
import type { TicketCreateForm } from '../../src/requests/ticket-form.js';
import { toDbTime } from '../../src/storage/time.js';
import { signIn, startSystem, TEST_PASSWORD, type System } from '../support/system.js';
import { collectPageErrors, openScreen, screenshot, useChromium } from './browser.js';

const MARKUP = '<img src=x onerror="window.__xss=1"> Kentkart bakiyesi yüklendi ama kartta görünmüyor.';

describe('department staff on the desk in Chromium', function () {
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

  async function createTicket(form: Partial<TicketCreateForm>): Promise<string> {
    const ticket = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', ...form }, agent);
    return ticket.number;
  }

  async function logIn(): Promise<void> {
    await page.goto(`${system.app.url}/login`);
    await page.fill('#username', 'ulasim-birim');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${system.app.url}/desk`);
    await page.waitForSelector('body[data-ready="true"]');
  }

  const rowIds = (): Promise<string[]> =>
    page.$$eval('[data-testid="department-tickets"] tr', (rows) => rows.map((row) => row.getAttribute('data-testid') ?? ''));

  it('lists only what was forwarded to the department, as text, and opens a ticket read-only with its history', async () => {
    const forwarded = await createTicket({ district: 'Talas', neighbourhood: 'Mevlana', description: MARKUP });
    const draft = await createTicket({ outcome: 'draft', description: 'Henüz yönlendirilmedi.' });
    await createTicket({ categoryCode: 'cevre', departmentCode: 'cevre', description: 'Çöp konteyneri taşıyor.' });

    await logIn();
    expect(await page.textContent('[data-testid="department-name"]')).to.equal('Kayseri Ulaşım A.Ş.');
    expect(await page.inputValue('[data-testid="department-status"]')).to.equal('forwarded');
    expect(await rowIds()).to.deep.equal([`department-ticket-${forwarded}`]);
    expect(await page.isVisible('[data-testid="shift-start"]')).to.equal(false);
    expect(await page.isVisible('[data-testid="status-badge"]')).to.equal(false);
    expect(await page.isVisible('[data-testid="department-next"]')).to.equal(false);

    const row = page.locator(`[data-testid="department-ticket-${forwarded}"]`);
    expect(await row.locator('.dept-description').textContent()).to.equal(MARKUP);
    expect(await row.locator('.dept-place').textContent()).to.equal('Talas / Mevlana');
    expect(await row.locator('.dept-category').textContent()).to.equal('Ulaşım › Kentkart / seyahat kartı');
    expect(await row.locator('.dept-status').textContent()).to.equal('Birime yönlendirildi');
    expect(await row.locator('.dept-date').textContent()).to.match(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(await page.locator('[data-testid="department-tickets"] img').count()).to.equal(0);
    await screenshot(page, 'department');

    await row.click();
    await page.waitForSelector('[data-testid="panel-events"] .event');
    expect(await page.textContent('[data-testid="panel-title"]')).to.include(forwarded);
    const history = await page.$$eval('[data-testid="panel-events"] .event-kind', (kinds) => kinds.map((kind) => kind.textContent));
    expect(history).to.include.members(['Açıldı', 'Birime yönlendirildi']);
    expect(await page.isVisible('[data-testid="panel-edit"]')).to.equal(false);
    expect(await page.textContent('#panel-facts')).to.include(MARKUP);
    expect(await page.evaluate('window.__xss')).to.equal(undefined);
    await page.click('[data-testid="panel-close"]');

    await page.selectOption('[data-testid="department-status"]', 'all');
    await page.waitForFunction((expected) => document.querySelectorAll('[data-testid="department-tickets"] tr').length === expected, 2);
    expect(await rowIds()).to.deep.equal([`department-ticket-${draft}`, `department-ticket-${forwarded}`]);

    await page.fill('[data-testid="department-search"]', draft);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 1);
    expect(await rowIds()).to.deep.equal([`department-ticket-${draft}`]);

    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('#dept-title')).to.equal('Department tickets');
    expect(await page.textContent(`[data-testid="department-ticket-${draft}"] .dept-status`)).to.equal('Open');
    expect(errors).to.deep.equal([]);
  });

  it('shows the list 25 tickets at a time, newest first', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 27; i += 1) numbers.push(await createTicket({ description: `Kayıt ${i}` }));
    const newestFirst = numbers.reverse().map((number) => `department-ticket-${number}`);

    await logIn();
    expect(await rowIds()).to.deep.equal(newestFirst.slice(0, 25));
    expect(await page.textContent('[data-testid="department-summary"]')).to.equal('27 kayıttan 1–25');
    expect(await page.isDisabled('[data-testid="department-prev"]')).to.equal(true);
    await page.click('[data-testid="department-next"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 2);
    expect(await rowIds()).to.deep.equal(newestFirst.slice(25));
    expect(await page.textContent('[data-testid="department-page"]')).to.equal('Sayfa 2 / 2');
    expect(await page.isDisabled('[data-testid="department-next"]')).to.equal(true);
    await page.click('[data-testid="department-prev"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="department-tickets"] tr').length === 25);
    expect(errors).to.deep.equal([]);
  });

  it('highlights a CİMER ticket past its due date, and not one still within it', async () => {
    const late = await createTicket({ source: 'cimer', description: 'CİMER başvurusu: kart iadesi.' });
    const onTime = await createTicket({ source: 'cimer', description: 'CİMER başvurusu: hat önerisi.' });
    await system.app.db('tickets').where({ number: late }).update({ due_at: toDbTime(new Date(Date.now() - 2 * 86_400_000)) });

    await logIn();
    expect(await rowIds()).to.deep.equal([`department-ticket-${onTime}`, `department-ticket-${late}`]);
    const lateRow = page.locator(`[data-testid="department-ticket-${late}"]`);
    const onTimeRow = page.locator(`[data-testid="department-ticket-${onTime}"]`);
    expect(await lateRow.getAttribute('class')).to.include('dept-overdue');
    expect(await lateRow.locator('.dept-due').textContent()).to.match(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}Süresi geçti$/);
    expect(await onTimeRow.getAttribute('class')).to.not.include('dept-overdue');
    expect(await onTimeRow.locator('.dept-due').textContent()).to.match(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}$/);
    expect(errors).to.deep.equal([]);
  });
});
