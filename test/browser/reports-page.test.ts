import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { istanbulToday } from '../../src/web/assets/reports-period.js';
import { seedTicket } from '../support/seed-tickets.js';
import { startSystem, TEST_PASSWORD, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

/** A call as the call path leaves it, at an Istanbul wall-clock time of March 2025 (UTC+3 all year). */
interface SeedCall {
  at: string;
  queue: string;
  outcome: 'answered' | 'abandoned-in-queue' | 'abandoned-in-ivr';
}

async function seedCall(system: System, call: SeedCall): Promise<void> {
  const id = randomUUID();
  const startedAt = new Date(`${call.at}+03:00`).toISOString();
  const answered = call.outcome === 'answered';
  await system.app.db('calls').insert({
    id,
    channel_id: `ch-${id}`,
    started_at: startedAt,
    ivr_path: '[]',
    queue: call.queue,
    outcome: call.outcome,
    agent: answered ? 'PJSIP/agent1' : null,
    wait_s: answered ? 12 : null,
    talk_s: answered ? 95 : null,
    created_at: startedAt,
    updated_at: startedAt,
  });
}

describe('reports page /raporlar in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    await system.app.auth.users.create({ username: 'nuray', displayName: 'Nuray Süpervizör', role: 'supervisor', password: TEST_PASSWORD });
    await system.app.auth.users.create({ username: 'zeynep', displayName: 'Zeynep Temsilci', role: 'agent', password: TEST_PASSWORD, phoneInterface: 'PJSIP/agent1' });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  /** The figure of a one-row table's column, as the page shows it. */
  const cell = (table: string, key: string): Promise<string> => page.locator(`[data-testid="rep-table-${table}"] tbody [data-key="${key}"]`).first().innerText();
  /** The browser logs every 4xx answer as a console error; the refused period's 400 is the one this test asks for. */
  const unexpected = (): string[] => errors.filter((error) => !error.includes('status of 400'));

  it('shows the seeded calls of a chosen month in its table and heat map, narrows them by queue, exports CSV with a BOM and switches to English', async () => {
    // Wednesday 12 March 2025, 10:00–10:59 in Istanbul: four calls; Friday 14 March 15:05: one more.
    for (const minute of ['05', '20', '35']) await seedCall(system, { at: `2025-03-12T10:${minute}:00`, queue: 'alo153-ulasim', outcome: 'answered' });
    await seedCall(system, { at: '2025-03-12T10:40:00', queue: 'alo153-cevre', outcome: 'abandoned-in-queue' });
    await seedCall(system, { at: '2025-03-14T15:05:00', queue: 'alo153-cevre', outcome: 'answered' });
    // April is another month: not in March's figures.
    await seedCall(system, { at: '2025-04-01T09:00:00', queue: 'alo153-ulasim', outcome: 'answered' });
    await seedTicket(system.app.db, { year: 2025, seq: 11, source: 'phone', createdAt: new Date('2025-03-12T08:00:00Z') });
    await seedTicket(system.app.db, { year: 2025, seq: 12, source: 'cimer', createdAt: new Date('2025-03-13T08:00:00Z') });

    await logInWithForm(page, system.app.url, 'nuray', { next: '/raporlar', ready: true });
    expect(await page.locator('nav.admin-nav a[aria-current="page"]').innerText()).to.equal('Raporlar');
    // The default is this month, where nothing was seeded.
    expect(await page.isChecked('input[name="period"][value="month"]')).to.equal(true);
    await page.waitForSelector('[data-testid="rep-empty-calls"]');
    expect(await page.innerText('[data-testid="rep-empty-calls"]')).to.equal('Bu dönemde kayıt yok');

    await page.fill('[data-testid="rep-date"]', '2025-03-12');
    await page.waitForSelector('[data-testid="rep-table-totals"]');
    expect(await page.innerText('[data-testid="rep-range"]')).to.contain('1 Mart 2025 Cumartesi – 31 Mart 2025 Pazartesi');
    expect(await cell('totals', 'offered')).to.equal('5');
    expect(await cell('totals', 'answered')).to.equal('4');
    expect(await cell('totals', 'abandonedInQueue')).to.equal('1');
    expect(await cell('totals', 'asa')).to.equal('00:12');
    expect(await cell('totals', 'talk')).to.equal('01:35');
    expect(await page.locator('[data-testid="rep-table-totals"] caption').innerText()).to.equal('Çağrı özeti');
    expect(await page.locator('[data-testid="rep-table-totals"] thead th[scope="col"]').count()).to.be.greaterThan(5);

    // The heat map: Wednesday (3) at 10:00 is the busiest cell; its title says so.
    const wednesday10 = page.locator('[data-testid="rep-chart-heatmap"] rect[data-day="3"][data-hour="10"]');
    expect(await wednesday10.getAttribute('data-value')).to.equal('4');
    expect(await wednesday10.getAttribute('class')).to.equal('heat-5');
    expect(await wednesday10.locator('title').textContent()).to.equal('Çar 10:00 — 4');
    expect(await page.locator('[data-testid="rep-chart-heatmap"] rect[data-day="5"][data-hour="15"]').getAttribute('class')).to.equal('heat-2');
    expect(await page.locator('[data-testid="rep-chart-heatmap"] rect[data-day="1"][data-hour="10"]').getAttribute('class')).to.equal('heat-0');
    const heatmap = page.locator('[data-testid="rep-chart-heatmap"] svg[role="img"]');
    expect(await heatmap.locator('desc').textContent()).to.contain('En yoğun: Çar 10:00 (4). Toplam 5.');
    // Queues by their site names, in the by-queue table and its bar chart.
    expect(await page.locator('[data-testid="rep-table-by-queue"] tbody th[scope="row"]').allInnerTexts()).to.have.members(['Ulaşım', 'Çevre ve Temizlik']);
    await screenshot(page, 'reports-calls');

    // A filter narrows the figures; the export links carry it.
    await page.selectOption('[data-testid="rep-filter-queue"]', 'alo153-ulasim');
    await page.waitForFunction(() => document.querySelector('[data-testid="rep-table-totals"] tbody [data-key="offered"]')?.textContent === '3');
    expect(await cell('totals', 'abandonedInQueue')).to.equal('0');
    const csvHref = await page.getAttribute('[data-testid="rep-csv-totals"]', 'href');
    expect(csvHref).to.equal('/api/reports/calls/totals.csv?period=month&date=2025-03-12&queue=alo153-ulasim&lang=tr');
    expect(new URL(page.url()).searchParams.get('queue')).to.equal('alo153-ulasim');
    expect(await page.getAttribute('[data-testid="rep-listing-calls-csv"]', 'href')).to.equal('/api/reports/listings/calls.csv?period=month&date=2025-03-12&queue=alo153-ulasim&lang=tr');

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="rep-csv-totals"]')]);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).to.deep.equal([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).to.contain('Gelen çağrı');
    expect(csv.split('\r\n')[1]?.split(',')[0]).to.equal('3');

    // English: headers, captions and the tabs change; the figures stay.
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForSelector('[data-testid="rep-table-totals"] caption:has-text("Call totals")');
    expect(await page.locator('[data-testid="rep-table-totals"] thead [data-key="offered"]').innerText()).to.equal('Offered');
    expect(await page.innerText('[data-testid="tab-requests"]')).to.equal('Requests');
    expect(await page.getAttribute('[data-testid="rep-csv-totals"]', 'href')).to.contain('lang=en');
    expect(await cell('totals', 'offered')).to.equal('3');

    // The requests tab, by keyboard from the tab list: the two seeded tickets, one by phone and one from CİMER.
    await page.click('[data-testid="rep-clear"]');
    await page.focus('[data-testid="tab-calls"]');
    await page.keyboard.press('ArrowRight');
    expect(await page.getAttribute('[data-testid="tab-requests"]', 'aria-selected')).to.equal('true');
    await page.waitForSelector('[data-testid="rep-table-total"]');
    expect(await cell('total', 'opened')).to.equal('2');
    expect(await page.locator('[data-testid="rep-table-by-source"] tbody th[scope="row"]').allInnerTexts()).to.have.members(['Phone', 'CİMER']);
    await screenshot(page, 'reports-requests');
    expect(unexpected()).to.deep.equal([]);
  });

  it('states the year in words on the yearly summary tab, opened from a shared address, and steps to the year before', async () => {
    for (const minute of ['05', '20', '35']) await seedCall(system, { at: `2025-03-12T10:${minute}:00`, queue: 'alo153-ulasim', outcome: 'answered' });
    await seedCall(system, { at: '2025-06-02T11:00:00', queue: 'alo153-cevre', outcome: 'abandoned-in-queue' });
    await seedTicket(system.app.db, { year: 2025, seq: 21, source: 'phone', createdAt: new Date('2025-03-12T08:00:00Z') });
    await seedTicket(system.app.db, { year: 2025, seq: 22, source: 'phone', createdAt: new Date('2025-05-12T08:00:00Z') });
    await seedTicket(system.app.db, { year: 2025, seq: 23, source: 'cimer', createdAt: new Date('2025-07-13T08:00:00Z') });

    await logInWithForm(page, system.app.url, 'nuray', { next: '/raporlar?period=year&date=2025-05-01&report=summary', ready: true });
    expect(await page.getAttribute('[data-testid="tab-summary"]', 'aria-selected')).to.equal('true');
    // A refused report shows its reason by the period picker: that reason is this test's failure message.
    await page.waitForSelector('[data-testid="rep-statement"], [data-testid="rep-error"]:not([hidden])');
    expect(await page.locator('[data-testid="rep-error"]:not([hidden])').allInnerTexts()).to.deep.equal([]);
    const statement = await page.innerText('[data-testid="rep-statement"] p');
    expect(statement).to.contain("2025 yılında Alo 153'e 4 çağrı geldi; 3 çağrı cevaplandı (%75).");
    expect(statement).to.contain('3 başvuru açıldı');
    expect(statement).to.contain('Kanala göre başvurular: Telefon (2), CİMER (1).');
    await screenshot(page, 'reports-summary');

    // The previous period: 2024, where nothing was seeded.
    await page.click('[data-testid="rep-prev"]');
    await page.waitForSelector('[data-testid="rep-empty-summary"]');
    expect(await page.inputValue('[data-testid="rep-date"]')).to.equal('2024-01-01');
    expect(unexpected()).to.deep.equal([]);
  });

  it('shows the server’s Turkish message next to the period when it refuses the period', async () => {
    await logInWithForm(page, system.app.url, 'nuray', { next: '/raporlar', ready: true });
    await page.waitForSelector('[data-testid="rep-empty-calls"]');
    await page.check('input[name="period"][value="custom"]');
    // Özel starts from the month on screen.
    await page.waitForFunction(() => (document.querySelector('[data-testid="rep-from"]') as HTMLInputElement | null)?.value !== '');
    expect(await page.inputValue('[data-testid="rep-from"]')).to.equal(`${istanbulToday().slice(0, 8)}01`);
    await page.fill('[data-testid="rep-from"]', '2020-01-01');
    await page.fill('[data-testid="rep-to"]', '2025-01-01');
    await page.waitForSelector('[data-testid="rep-error"]:has-text("731")');
    expect(await page.innerText('[data-testid="rep-error"]')).to.equal('Özel dönem en çok 731 gün (iki yıl) olabilir.');
    // Put right, the message goes.
    await page.fill('[data-testid="rep-from"]', '2024-06-01');
    await page.waitForSelector('[data-testid="rep-error"]', { state: 'hidden' });
    expect(unexpected()).to.deep.equal([]);
  });

  it('refuses the page to an agent', async () => {
    await logInWithForm(page, system.app.url, 'zeynep', { lands: '/desk' });
    const response = await page.goto(`${system.app.url}/raporlar`);
    expect(response?.status()).to.equal(403);
    expect(await page.innerText('body')).to.contain('Bu sayfayı görüntüleme yetkiniz yok');
    const api = await page.evaluate(async () => (await fetch('/api/reports/calls?period=month&date=2025-03-01')).status);
    expect(api).to.equal(403);
  });
});
