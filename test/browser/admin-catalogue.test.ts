import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { istanbulYear } from '../../src/requests/ticket-numbers.js';
import { seedTicket } from '../support/seed-tickets.js';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

describe('/yonetim/katalog: the catalogue editor in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  before(async () => {
    system = await startSystem({ agents: 0 });
    const number = await seedTicket(system.app.db, { year: istanbulYear(new Date()), seq: 5, createdAt: new Date() });
    await system.app.db('tickets').where({ number }).update({ category_code: 'kaybis' });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
    await signIn(system, 'admin', 'levent');
    await logInWithForm(page, system.app.url, 'levent', { next: '/yonetim/katalog', ready: true });
  });

  after(async () => {
    await page?.context().close();
    await system?.stop();
  });

  const catalogue = async () => (await (await fetch(`${system.app.url}/api/catalogue`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json()) as { categories: { code: string; children: { code: string }[] }[]; pauseReasons: { code: string }[] };

  it('adds a sub-category, refuses to delete a used one with the reason, edits break reasons and an SMS text with its part count', async () => {
    await page.fill('[data-testid="category-new-code"]', 'su-ariza');
    await page.fill('[data-testid="category-new-name"]', 'Su arızası');
    await page.selectOption('[data-testid="category-new-parent"]', 'su');
    await page.selectOption('[data-testid="category-new-department"]', 'kaski');
    await page.click('[data-testid="category-add"]');
    await page.waitForSelector('[data-testid="categories"] tr[data-code="su-ariza"]');
    expect((await catalogue()).categories.find((c) => c.code === 'su')?.children.map((c) => c.code)).to.deep.equal(['su-ariza']);

    await page.click('[data-testid="category-delete-kaybis"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="categories-status"]')?.getAttribute('data-tone') === 'bad');
    expect(await page.innerText('[data-testid="categories-status"]')).to.contain('"KAYBİS bisiklet" kategorisi silinemez: 1 başvuru bu kategoride');

    await page.click('[data-testid="reason-add"]');
    await page.fill('[data-testid="reason-4-code"]', 'namaz');
    await page.fill('[data-testid="reason-4-tr"]', 'Namaz');
    await page.fill('[data-testid="reason-4-en"]', 'Prayer');
    await page.click('[data-testid="reasons-save"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="reasons-status"]')?.getAttribute('data-tone') === 'ok');
    expect((await catalogue()).pauseReasons.map((r) => r.code)).to.deep.equal(['mola', 'yemek', 'eğitim', 'toplantı', 'namaz']);

    const count = '[data-testid="sms-count-opened.short"]';
    expect(await page.innerText(count)).to.match(/^1 parça/);
    await page.fill('[data-testid="sms-opened.short"]', `Alo 153: Talebiniz {ticketNumber} numarasıyla kaydedildi. ${'Teşekkür ederiz. '.repeat(8)}`);
    await page.waitForFunction((selector) => !document.querySelector(selector)?.textContent?.startsWith('1 parça'), count);
    await page.fill('[data-testid="sms-opened.short"]', 'Alo 153: talebiniz alındı.');
    await page.waitForSelector('[data-error-for="texts.opened.short"]:not([hidden])');
    expect(await page.innerText('[data-error-for="texts.opened.short"]')).to.equal('{ticketNumber} metinde olmalı');

    const history = await page.locator('[data-testid="catalogue-history"] tbody tr').allInnerTexts();
    expect(history[0]).to.contain('Mola nedenleri').and.contain('levent');
    expect(history[1]).to.contain('Kategori su-ariza').and.contain('Eklendi');
    await screenshot(page, 'admin-catalogue');
    // The refused delete is a 409 answer the page shows; Chromium logs the response itself as a failed resource.
    expect(errors.filter((error) => !error.includes('status of 409'))).to.deep.equal([]);
  });
});
