import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import type { RequestActor } from '../../src/requests/lifecycle.js';
import { startSystem, type System } from '../support/system.js';
import { collectPageErrors, screenshot, useChromium } from './browser.js';

const AXE_SOURCE = readFileSync(path.resolve('node_modules/axe-core/axe.min.js'), 'utf8');
const PLACE = { latitude: 38.6912, longitude: 35.5531 };
const agent: RequestActor = { kind: 'user', userId: 1, username: 'ayse.agent', role: 'agent', department: null };
const vet: RequestActor = { kind: 'user', userId: 2, username: 'veli.vet', role: 'department', department: 'veteriner' };

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** A phone: 390×844, Turkish, Istanbul time, the location shared when asked. */
async function openPhone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'tr-TR', timezoneId: 'Europe/Istanbul', geolocation: PLACE, permissions: ['geolocation'] });
  return context.newPage();
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // addScriptTag would be an inline script, which the pages' CSP (script-src 'self') rightly refuses; evaluating
  // through DevTools is not subject to it, so the CSP under test stays as served.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** A request through the public API, as the form sends it. */
async function sendRequest(base: string): Promise<{ number: string }> {
  const form = (await (await fetch(`${base}/api/public/form`)).json()) as { token: string };
  const response = await fetch(`${base}/api/public/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ submissionKey: crypto.randomUUID(), formToken: form.token, categoryCode: 'hayvan', district: 'Talas', description: 'Yaralı kedi, parkın girişinde', name: 'Zeynep Kaya', phone: '05321234567', kvkkConsent: true }),
  });
  expect(response.status).to.equal(201);
  return (await response.json()) as { number: string };
}

const focused = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.id ?? '');

async function tabTo(page: Page, id: string): Promise<void> {
  for (let i = 0; i < 40 && (await focused(page)) !== id; i += 1) await page.keyboard.press('Tab');
  expect(await focused(page)).to.equal(id);
}

/** Arrow keys on a closed select until it holds `value`. */
async function choose(page: Page, id: string, value: string): Promise<void> {
  await tabTo(page, id);
  for (let i = 0; i < 60 && (await page.inputValue(`#${id}`)) !== value; i += 1) await page.keyboard.press('ArrowDown');
  expect(await page.inputValue(`#${id}`)).to.equal(value);
}

describe('public pages in Chromium: the request form and the status page on a phone, keyboard only', function () {
  this.timeout(90_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    // The fill-time rule is the HTTP tests'; a keyboard robot may be faster than any person.
    system = await startSystem({ agents: 0, config: { channels: { web: { minFillSeconds: 0 } } } });
    page = await openPhone(chromium());
    errors = collectPageErrors(page);
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `public-pages-${this.currentTest.title.slice(0, 40).replace(/\W+/g, '-')}`);
    await page?.context().close();
    await system?.stop();
  });

  it('fills and sends the form with the keyboard: fields in order, errors summarised and linked, the number announced and focused, English on the toggle', async () => {
    await page.goto(`${system.app.url}/basvuru`);
    await page.waitForSelector('body[data-ready="true"]');
    expect(await page.getAttribute('html', 'lang')).to.equal('tr');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).to.equal(true);
    expect(await seriousViolations(page)).to.deep.equal([]);

    // Focus order: the page's reading order, the honeypot never.
    // (SMS is off in this system, so its box is not offered.)
    const expected = ['skip-link', 'lang-toggle', 'categoryCode', 'description', 'district', 'neighbourhood', 'address', 'location-use', 'name', 'phone', 'email', 'kvkk-text', 'kvkkConsent', 'submit'];
    const order: string[] = [];
    for (const _ of expected) {
      await page.keyboard.press('Tab');
      order.push(await focused(page));
    }
    expect(order).to.deep.equal(expected);

    // Sending it empty: the summary takes the focus and its links lead to the fields.
    await page.keyboard.press('Enter');
    await page.waitForSelector('#error-summary:not([hidden])');
    expect(await focused(page)).to.equal('error-summary');
    expect(await page.textContent('#error-summary-heading')).to.equal('Formda düzeltilmesi gereken 6 alan var');
    expect(await page.getAttribute('#phone', 'aria-invalid')).to.equal('true');
    expect(await page.textContent('#kvkkConsent-error')).to.match(/aydınlatma metnini/);
    expect(await seriousViolations(page)).to.deep.equal([]);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).to.equal('Bir konu seçin.');
    await page.keyboard.press('Enter');
    expect(await focused(page)).to.equal('categoryCode');

    await choose(page, 'categoryCode', 'hayvan');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Parkta yaralı bir köpek var <script>alert(1)</script>');
    await choose(page, 'district', 'Talas');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mevlana');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Mevlana Parkı girişi');
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('location-use');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /Konum eklendi: 38\.69120, 35\.55310/.test(document.getElementById('location-status')?.textContent ?? ''));
    await tabTo(page, 'name');
    await page.keyboard.type('Zeynep Kaya');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0532 123 45 67');
    await page.keyboard.press('Tab');
    await page.keyboard.type('zeynep@example.com');
    await tabTo(page, 'kvkkConsent');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    expect(await focused(page)).to.equal('submit');
    await page.keyboard.press('Enter');

    await page.waitForSelector('#result:not([hidden])');
    expect(await focused(page)).to.equal('result');
    const number = (await page.textContent('[data-testid="ticket-number"]')) ?? '';
    expect(number).to.match(/^153-\d{4}-\d{6}$/);
    expect(await page.textContent('#live')).to.include(number);
    const ticket = (await system.app.db('tickets').where({ number }).first()) as Record<string, unknown>;
    expect(ticket).to.include({ source: 'web', category_code: 'hayvan', district: 'Talas', caller_number: '05321234567', email: 'zeynep@example.com', latitude: PLACE.latitude, longitude: PLACE.longitude });
    expect(ticket.description).to.equal('Parkta yaralı bir köpek var <script>alert(1)</script>');
    expect(ticket.kvkk_consent_at).to.be.a('string');
    expect(await seriousViolations(page)).to.deep.equal([]);

    await page.keyboard.press('Shift+Tab');
    await tabTo(page, 'lang-toggle');
    await page.keyboard.press('Enter');
    expect(await page.textContent('#result-heading')).to.equal('Your request has been received');
    expect(await page.getAttribute('html', 'lang')).to.equal('en');
    expect(await page.textContent('#lang-toggle')).to.equal('Türkçe');
    expect(errors).to.deep.equal([]);
  });

  it('words the errors in English after the toggle, and takes a refused location permission as no location', async () => {
    const context = await chromium().newContext({ viewport: { width: 390, height: 844 }, locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
    const denied = await context.newPage();
    const deniedErrors = collectPageErrors(denied);
    try {
      await denied.goto(`${system.app.url}/basvuru`);
      await denied.waitForSelector('body[data-ready="true"]');
      await denied.click('#lang-toggle');
      expect(await denied.textContent('h1')).to.equal('Request form');
      expect(await denied.textContent('#kvkk-title')).to.equal('Information notice on the protection of personal data');
      await denied.click('#location-use');
      await denied.waitForFunction(() => /without a location/.test(document.getElementById('location-status')?.textContent ?? ''));
      expect(await denied.textContent('#location-status')).to.equal('Location permission was not given. You can send the request without a location.');
      await denied.fill('#phone', '12');
      await denied.click('#submit');
      await denied.waitForSelector('#error-summary:not([hidden])');
      expect(await denied.textContent('#error-summary-heading')).to.equal('There are 6 fields to correct');
      expect(await denied.textContent('#phone-error')).to.equal('Write a valid Turkish phone number (e.g. 0532 123 45 67).');
      await denied.click('#lang-toggle');
      expect(await denied.textContent('#phone-error')).to.equal('Geçerli bir telefon numarası yazın (ör. 0532 123 45 67).');
      expect(deniedErrors).to.deep.equal([]);
    } finally {
      await context.close();
    }
  });

  it('shows the status timeline for the number and the last four digits, the relayed answer as text, and one answer for a wrong pair', async () => {
    const ticket = await sendRequest(system.app.url);
    const service = system.app.requests.service;
    await service.act(ticket.number, { name: 'forward', department: 'veteriner', text: 'İç not' }, agent);
    await service.act(ticket.number, { name: 'answer', text: 'Kedi tedavi edildi. <img src=x onerror=alert(1)>' }, vet);
    await service.act(ticket.number, { name: 'inform', text: null, channel: 'phone' }, agent);

    await page.goto(`${system.app.url}/durum`);
    await page.waitForSelector('body[data-ready="true"]');
    await tabTo(page, 'number');
    await page.keyboard.type(ticket.number);
    await page.keyboard.press('Tab');
    await page.keyboard.type('0000');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status-message:not([hidden])');
    expect(await page.textContent('#status-message')).to.match(/eşleşen bir başvuru bulunamadı/);
    expect(await focused(page)).to.equal('status-message');

    await tabTo(page, 'lastFour');
    await page.fill('#lastFour', '');
    await page.keyboard.type('4567');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#status-result:not([hidden])');
    expect(await focused(page)).to.equal('status-result');
    const steps = await page.$$eval('#status-steps li span', (items) => items.map((item) => item.textContent));
    expect(steps).to.deep.equal([
      'Başvurunuz alındı',
      "Başvurunuz Veteriner İşleri Dairesi Başkanlığı'na iletildi",
      'Birim başvurunuzu cevapladı',
      'Cevap size iletildi; başvurunuz sonuçlandı',
    ]);
    expect(await page.textContent('#status-now')).to.equal('Şu anki durum: Sonuçlandı');
    expect(await page.textContent('#status-answer-text')).to.equal('Kedi tedavi edildi. <img src=x onerror=alert(1)>');
    expect(await page.$$('#status-answer-text img')).to.have.length(0);
    expect(await page.textContent('#status-result')).not.to.include('İç not');
    expect(await seriousViolations(page)).to.deep.equal([]);

    await page.click('#lang-toggle');
    expect(await page.$$eval('#status-steps li span', (items) => items.map((item) => item.textContent))).to.deep.equal([
      'Your request was received',
      'Your request was passed to Veteriner İşleri Dairesi Başkanlığı',
      'The department answered your request',
      'You were told the answer; your request is settled',
    ]);
    // The wrong pair's 404 is the answer under test; Chromium logs every 4xx fetch as a console error.
    expect(errors.filter((error) => !/status of 404/.test(error))).to.deep.equal([]);
  });
});
