import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { istanbulYear } from '../../src/requests/ticket-numbers.js';
import { seedTicket } from '../support/seed-tickets.js';
import { signIn, startSystem, TEST_PASSWORD, waitFor, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const HOUR = 3_600_000;

describe('supervisor workspace in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  let agent: { userId: number; username: string; role: 'agent' };
  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    await system.app.auth.users.create({ username: 'nuray', displayName: 'Nuray Süpervizör', role: 'supervisor', password: TEST_PASSWORD });
    const signedIn = await signIn(system, 'agent', 'zeynep');
    agent = { userId: signedIn.userId, username: signedIn.username, role: 'agent' };
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  const logIn = (): Promise<void> => logInWithForm(page, system.app.url, 'nuray', { next: '/supervisor', ready: true });
  const history = (): Promise<string> => page.locator('[data-testid="ticket-history"]').innerText();
  /** The browser logs every 4xx answer as a console error; the refused transfer's 400 is the one this test asks for. */
  const unexpected = (): string[] => errors.filter((error) => !error.includes('status of 400'));

  it('finds a ticket by its short number, re-routes it to another department and reopens a closed one', async () => {
    const forwarded = await system.app.editor.create({ source: 'desk', outcome: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', description: 'Kart bakiyesi görünmüyor' }, agent);
    const closed = await system.app.editor.create({ source: 'desk', outcome: 'resolved-on-call', categoryCode: 'genel', description: 'Bilgi verildi', resolution: 'Çalışma saatleri söylendi' }, agent);
    await logIn();

    await page.fill('[data-testid="find-number"]', String(forwarded.seq));
    await page.click('[data-testid="find-submit"]');
    await page.waitForSelector(`[data-testid="ticket-title"]:has-text("${forwarded.number}")`);
    expect(await page.locator('[data-testid="find-results"] li').count()).to.equal(1);

    const offered = await page.$$eval('[data-testid="action-name"] option', (options) => options.map((option) => (option as HTMLOptionElement).value));
    const reroute = offered.includes('transfer') ? 'transfer' : 'forward';
    expect(offered).to.include(reroute);
    await page.selectOption('[data-testid="action-name"]', reroute);
    // A transfer without a reason is refused field by field, in Turkish.
    await page.selectOption('[data-testid="action-department"]', 'cevre');
    if (reroute === 'transfer') {
      await page.click('[data-testid="action-submit"]');
      await page.waitForSelector('#action-form [data-error-for="text"]:not([hidden])');
      expect(await page.textContent('#action-form [data-error-for="text"]')).to.equal('Bu alan zorunlu.');
    }
    await page.fill('[data-testid="action-text"]', 'Konteyner konusu çevre biriminin');
    await page.click('[data-testid="action-submit"]');
    await page.waitForSelector('[data-testid="ticket-saved"]:has-text("Kaydedildi.")');
    expect(await history()).to.contain('Çevre Koruma ve Kontrol Dairesi Başkanlığı');
    expect((await system.app.store.getTicket(forwarded.number))?.departmentCode).to.equal('cevre');

    await page.fill('[data-testid="find-number"]', `${closed.year}-${closed.seq}`);
    await page.click('[data-testid="find-submit"]');
    await page.waitForSelector(`[data-testid="ticket-title"]:has-text("${closed.number}")`);
    await page.selectOption('[data-testid="action-name"]', 'reopen');
    await page.fill('[data-testid="action-text"]', 'Vatandaş yeniden aradı, sorun sürüyor');
    await page.click('[data-testid="action-submit"]');
    await page.waitForSelector('[data-testid="ticket-saved"]:has-text("Kaydedildi.")');
    expect(await history()).to.contain('Vatandaş yeniden aradı, sorun sürüyor');
    expect((await system.app.store.getTicket(closed.number))?.status).to.not.equal('closed');
    expect(await page.textContent('[data-testid="ticket-status"]')).to.not.equal('Kapandı');
    await screenshot(page, 'supervisor-workspace');
    expect(unexpected()).to.deep.equal([]);
  });

  it('shows an overdue CİMER item under its department and updates live when another item becomes overdue', async () => {
    const now = Date.now();
    const year = istanbulYear(new Date(now));
    const cimer = await seedTicket(system.app.db, { year, seq: 901, source: 'cimer', status: 'in_progress', department: 'cevre', createdAt: new Date(now - 96 * HOUR), dueAt: new Date(now - HOUR), dueSoonAt: new Date(now - 20 * HOUR) });
    await logIn();
    await page.waitForSelector(`[data-testid="esc-item-${cimer}"]`);
    expect(await page.textContent(`[data-testid="esc-item-${cimer}"]`)).to.contain('CİMER');
    expect(await page.textContent('[data-testid="esc-row-cevre"] th')).to.equal('Çevre Koruma ve Kontrol Dairesi Başkanlığı');
    expect(await page.textContent('[data-testid="esc-cevre-overdue"]')).to.equal('1');

    // Not overdue yet: it becomes so by time alone, and the next tick of the clock pushes it.
    const dueAt = Date.now() + 300;
    const late = await seedTicket(system.app.db, { year, seq: 902, source: 'phone', status: 'forwarded', department: 'kaski', createdAt: new Date(now - 24 * HOUR), dueAt: new Date(dueAt), dueSoonAt: new Date(now - HOUR) });
    await waitFor(() => Date.now() > dueAt + 20, 2000, 'the deadline to pass');
    await system.app.escalations.tick();
    await page.waitForSelector(`[data-testid="esc-item-${late}"]`);
    expect(await page.textContent('[data-testid="esc-kaski-overdue"]')).to.equal('1');

    await page.click(`[data-testid="esc-item-${cimer}"]`);
    await page.waitForSelector(`[data-testid="ticket-title"]:has-text("${cimer}")`);
    await screenshot(page, 'supervisor-escalations');
    expect(errors).to.deep.equal([]);
  });
});
