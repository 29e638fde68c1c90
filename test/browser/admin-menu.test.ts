import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

describe('/yonetim/menu: the IVR menu editor in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  before(async () => {
    system = await startSystem({ agents: 0 });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
    await signIn(system, 'admin', 'ipek');
    await logInWithForm(page, system.app.url, 'ipek', { next: '/yonetim/menu', ready: true });
  });

  after(async () => {
    await page?.context().close();
    await system?.stop();
  });

  const text = (selector: string) => page.locator(selector).innerText();
  const menuVersion = async () => ((await (await fetch(`${system.app.url}/api/admin/ivr`, { headers: { cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') } })).json()) as { version: number }).version;

  it('edits an option in the form, previews it as a tree, refuses a bad field beside it, applies, lists and restores versions', async () => {
    expect(await text('[data-testid="menu-current"]')).to.equal('Şu an kullanılan: config/ivr.json (sürüm 0)');
    expect(await text('[data-testid="menu-tree"]')).to.contain('2 — Çevre ve temizlik → kuyruk alo153-cevre, kategori cevre');

    // A label left empty is refused by the engine's schema, with the Turkish reason under that field.
    await page.fill('[data-testid="option-main-2-label"]', '');
    await page.click('[data-testid="menu-apply"]');
    await page.waitForSelector('[data-error-for="menus.main.options.2.label"]:not([hidden])');
    expect(await text('[data-error-for="menus.main.options.2.label"]')).to.equal('Her seçeneğin bir adı olmalı');
    expect(await page.getAttribute('[data-testid="option-main-2-label"]', 'aria-invalid')).to.equal('true');
    expect(await text('[data-testid="menu-status"]')).to.contain('Menü uygulanmadı');
    expect(await menuVersion()).to.equal(0);

    // The label and the target changed: the preview follows before anything is applied.
    await page.fill('[data-testid="option-main-2-label"]', 'Çevre, temizlik ve gürültü');
    await page.selectOption('[data-testid="option-main-2-target"]', 'alo153-genel');
    await page.waitForFunction(() => document.querySelector('[data-testid="menu-tree"]')?.textContent?.includes('2 — Çevre, temizlik ve gürültü → kuyruk alo153-genel, kategori cevre'));

    // The tree is one tab stop walked with the arrow keys.
    await page.focus('[data-testid="menu-tree"] [role="treeitem"][tabindex="0"]');
    const focused = () => page.evaluate(() => document.activeElement?.firstElementChild?.textContent ?? '');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).to.equal('0 — Müşteri temsilcisi → kuyruk alo153-genel, kategori genel');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).to.match(/^1 — Ulaşım → ulasim menüsü/);
    await page.keyboard.press('ArrowLeft');
    expect(await page.getAttribute('[data-testid="menu-tree"] [data-menu="ulasim"]', 'aria-expanded')).to.equal('false');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).to.equal('2 — Çevre, temizlik ve gürültü → kuyruk alo153-genel, kategori cevre');
    await page.keyboard.press('End');
    expect(await focused()).to.equal('8 — Başvuru durumu → başvuru durumu');

    await page.click('[data-testid="menu-apply"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="menu-status"]')?.textContent?.startsWith('Sürüm 1 uygulandı'));
    expect(await menuVersion()).to.equal(1);
    expect(await text('[data-testid="menu-current"]')).to.equal('Şu an kullanılan: sürüm 1');
    const rows = await page.locator('[data-testid="menu-versions"] tbody tr').allInnerTexts();
    expect(rows).to.have.length(2);
    expect(rows[0]).to.contain('1 (kullanımda)').and.contain('Uygulandı').and.contain('ipek');
    expect(rows[1]).to.contain('İlk sürüm (config/ivr.json)');
    await screenshot(page, 'admin-menu-applied');

    await page.click('[data-testid="restore-0"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="menu-status"]')?.textContent === 'Sürüm 0 geri yüklendi (yeni sürüm 2).');
    expect(await menuVersion()).to.equal(2);
    expect(await page.inputValue('[data-testid="option-main-2-label"]')).to.equal('Çevre ve temizlik');
    expect(await page.locator('[data-testid="menu-versions"] tbody tr').first().innerText()).to.contain('Sürüm 0 geri yüklendi').and.contain('ipek');

    await page.click('[data-testid="lang-toggle"]');
    expect(await text('[data-testid="menu-current"]')).to.equal('In use: version 2');
    expect(errors).to.deep.equal([]);
  });
});
