import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, waitFor, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

/** Today on the Istanbul calendar as a date input and a list export write it. */
function istanbulToday(): { input: string; turkish: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Istanbul', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date()).map((part) => [part.type, part.value]));
  return { input: `${parts.year}-${parts.month}-${parts.day}`, turkish: `${parts.day}.${parts.month}.${parts.year}` };
}

describe('CİMER / Açık Kapı applications in Chromium (/basvurular)', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();
  const today = istanbulToday();

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    await signIn(system, 'agent', 'zeynep');
    page = await openScreen(chromium());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.app.url });
    errors = collectPageErrors(page);
    await logInWithForm(page, system.app.url, 'zeynep', { next: '/basvurular', ready: true });
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  /** The browser logs every 4xx answer as a console error; the refused entry's 400 is the one these tests ask for. */
  const unexpected = (): string[] => errors.filter((error) => !error.includes('status of 400'));
  const stored = (externalRef: string) => system.app.db('tickets').where({ external_ref: externalRef }).first('number', 'status', 'close_reason', 'informed_at', 'applied_at');

  async function enter(number: string): Promise<void> {
    await page.selectOption('[data-testid="entry-source"]', 'cimer');
    await page.fill('[data-testid="entry-number"]', number);
    await page.fill('[data-testid="entry-date"]', today.input);
    await page.fill('[data-testid="entry-time"]', '00:05');
    await page.fill('[data-testid="entry-name"]', 'Ayşe Yılmaz');
    await page.fill('[data-testid="entry-phone"]', '0532 123 45 67');
    await page.selectOption('[data-testid="entry-district"]', 'Melikgazi');
    await page.selectOption('[data-testid="entry-category"]', 'cevre');
    await page.fill('[data-testid="entry-text"]', 'Sokağımızda çöpler üç gündür toplanmıyor.');
    await page.click('[data-testid="entry-submit"]');
  }

  it('enters an application, refuses a bad number in Turkish, and opens the stored one for a number entered again', async () => {
    await enter('26-ABC');
    await page.waitForSelector('#entry-form [data-error-for="externalRef"]:not([hidden])');
    expect(await page.textContent('#entry-form [data-error-for="externalRef"]')).to.contain('Başvuru numarası geçersiz');
    expect(await page.getAttribute('[data-testid="entry-number"]', 'aria-invalid')).to.equal('true');

    await enter('2600012345');
    await page.waitForSelector('[data-testid="entry-status"]:has-text("kayıt açıldı")');
    const ticket = await stored('2600012345');
    expect(ticket).to.include({ status: 'forwarded' });
    await page.waitForSelector(`[data-testid="detail-title"]:has-text("${ticket.number}")`);
    await page.waitForSelector(`[data-testid="list-rows"] tr[data-number="${ticket.number}"]`);
    expect(await page.locator('[data-testid="detail-facts"]').innerText()).to.contain('CİMER 2600012345');

    await enter('2600012345');
    await page.waitForSelector('[data-testid="entry-status"]:has-text("zaten kayıtlı")');
    expect(await page.textContent('[data-testid="entry-status"]')).to.contain(ticket.number);
    expect(Number(((await system.app.db('tickets').count({ n: '*' }).first()) as { n: number | string }).n)).to.equal(1);

    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('h1')).to.equal('CİMER / Açık Kapı applications');
    expect(await page.textContent('[data-testid="entry-submit"]')).to.equal('Save the application');
    expect(unexpected()).to.deep.equal([]);
  });

  it('imports a CSV list and shows the report row by row, with each refused row’s reason', async () => {
    const csv = [
      'Başvuru No;Başvuru Tarihi;Ad Soyad;Telefon;İlçe;Konu;Başvuru Metni',
      `2600070001;${today.turkish} 00:01;Mehmet Demir;;Talas;hayvan;Parkta yaralı bir köpek var.`,
      `2600070002;31.02.2026;Ali Veli;;;cevre;Tarihi yanlış`,
      `2600070003;${today.turkish};=HYPERLINK("http://evil.example");;;cevre;Formül`,
    ].join('\n');
    await page.setInputFiles('[data-testid="import-file"]', { name: 'cimer-liste.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.click('[data-testid="import-submit"]');
    await page.waitForFunction(() => !document.querySelector("[data-testid=import-status]")?.textContent?.includes("aktarılıyor") && document.querySelector("[data-testid=import-status]")?.textContent !== "");
    expect(await page.textContent("[data-testid=import-status]")).to.equal("1 yeni, 0 güncellendi, 0 değişmedi, 2 alınmadı.");
    const rows = await page.$$eval('[data-testid="import-rows"] tr', (lines) => lines.map((line) => (line as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    expect(rows).to.have.length(3);
    expect(rows[0]).to.match(/^2 Yeni kayıt 2600070001 153-\d{4}-\d{6}/);
    expect(rows[1]).to.contain('Alınmadı').and.contain('Başvuru Tarihi: Geçersiz tarih');
    expect(rows[2]).to.contain('Ad Soyad: Hücre bir tablo formülü gibi başlıyor');
    await page.waitForSelector('[data-testid="list-rows"] tr');
    expect(await page.locator('[data-testid="list-rows"]').innerText()).to.contain('CİMER 2600070001');

    // The same file again: nothing new.
    await page.setInputFiles('[data-testid="import-file"]', { name: 'cimer-liste.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.click('[data-testid="import-submit"]');
    await page.waitForSelector('[data-testid="import-status"]:has-text("0 yeni, 0 güncellendi, 1 değişmedi, 2 alınmadı.")');
    expect(Number(((await system.app.db('tickets').count({ n: '*' }).first()) as { n: number | string }).n)).to.equal(1);
    expect(errors).to.deep.equal([]);
  });

  it('gives an answered application’s reply text to copy, and "CİMER’e cevap girildi" closes it', async () => {
    await enter('2600012399');
    await page.waitForSelector('[data-testid="entry-status"]:has-text("kayıt açıldı")');
    const { number } = await stored('2600012399');
    expect(await page.isHidden('[data-testid="reply"]')).to.equal(true);
    await system.app.requests.service.act(number, { name: 'answer', text: 'Mahallenizin çöpleri yarından itibaren her gün toplanacaktır.' }, { kind: 'user', userId: 99, username: 'cevre', role: 'department', department: 'cevre' });

    await page.check('[data-testid="list-answered"]');
    await page.click(`[data-testid="list-rows"] tr[data-number="${number}"] button`);
    await page.waitForSelector('[data-testid="reply"]:not([hidden])');
    const text = await page.inputValue('[data-testid="reply-text"]');
    expect(text.startsWith('Sayın Ayşe Yılmaz,')).to.equal(true);
    expect(text).to.contain(`${today.turkish} tarihinde CİMER üzerinden yaptığınız 2600012399 numaralı başvurunuz`);
    expect(text).to.contain('Mahallenizin çöpleri yarından itibaren her gün toplanacaktır.');
    await page.click('[data-testid="reply-copy"]');
    await page.waitForSelector('[data-testid="reply-copied"]:has-text("kopyalandı")');
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(text);

    await page.click('[data-testid="portal-submit"]');
    await page.waitForSelector('[data-testid="detail-saved"]:has-text("Kaydedildi.")');
    await waitFor(async () => (await stored('2600012399')).status === 'closed', 5000, 'the application to close');
    const closed = await stored('2600012399');
    expect(closed.close_reason).to.equal('replied-in-portal');
    expect(Math.abs(Date.parse(closed.informed_at as string) - Date.now())).to.be.below(10 * 60_000);
    expect(await page.textContent('[data-testid="detail-status"]')).to.equal('Kapandı');
    expect(await page.isHidden('[data-testid="portal-form"]')).to.equal(true);
    expect(await page.locator('[data-testid="detail-history"]').innerText()).to.contain('Cevap başvuru portalına (CİMER / Açık Kapı) girildi');
    await screenshot(page, 'basvurular-closed');
    expect(errors).to.deep.equal([]);
  });
});
