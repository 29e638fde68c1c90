import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, waitFor, type SignedIn, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const DESK_PHONE = 'PJSIP/agent7';
const badge = '[data-testid="status-badge"]';

/** m:ss, as the pop says a wait ("0:42"). */
const mss = (seconds: number): string => `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

describe('agent desk in Chromium: during a call', function () {
  this.timeout(60000);
  let system: System;
  let page: Page;
  let errors: string[];
  let agent: SignedIn;

  const chromium = useChromium();

  beforeEach(async () => {
    // The softphone rings 100 ms (real) and then talks for a minute: the call outlasts the test.
    system = await startSystem({ agents: 0, wrapUpS: 1 });
    system.sim.addAgent({ interface: DESK_PHONE, name: 'Zeynep Kılıç', answerAfterMs: 10_000, talkMs: 6_000_000 });
    agent = await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
    await logInWithForm(page, system.app.url, 'zeynep', { next: '/desk', heading: 'Alo 153 Temsilci Girişi' });
    await page.click('[data-testid="shift-start"]');
    await page.waitForFunction((selector) => /Hazır/.test(document.querySelector(selector)?.textContent ?? ''), badge);
    system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    await page.waitForSelector('[data-testid="pop-ticket"]:not(:empty)');
    await page.waitForFunction((selector) => /Görüşmede/.test(document.querySelector(selector)?.textContent ?? ''), badge);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  /** The element hit at the centre of `selector` is that element or inside it: nothing lies over it. */
  async function hitAtCentre(selector: string): Promise<boolean> {
    const box = await page.locator(selector).boundingBox();
    if (!box) return false;
    return page.evaluate(({ selector: target, x, y }) => {
      const expected = document.querySelector(target);
      const hit = document.elementFromPoint(x, y);
      return expected !== null && hit !== null && (hit === expected || expected.contains(hit));
    }, { selector, x: box.x + box.width / 2, y: box.y + box.height / 2 });
  }

  it("shows how long the caller waited in the queue, as the server measured it, in both languages", async () => {
    const waitS = system.app.pops.currentFor(agent.userId)?.waitS;
    expect(waitS).to.be.a('number');
    await page.waitForFunction(() => /^Bekleme: \d+:\d\d$/.test(document.querySelector('[data-testid="pop-wait"]')?.textContent ?? ''));
    expect(await page.textContent('[data-testid="pop-wait"]')).to.equal(`Bekleme: ${mss(waitS!)}`);
    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('[data-testid="pop-wait"]')).to.equal(`Waited: ${mss(waitS!)}`);
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('keeps every header button clickable while the ticket panel is open', async () => {
    await page.click('[data-testid="pop-ticket"]');
    await page.waitForSelector('[data-testid="ticket-panel"]:not([hidden])');
    await page.waitForSelector('.break-buttons button[data-reason]');
    await screenshot(page, 'desk-panel-open');
    const buttons = ['[data-testid="lang-toggle"]', '[data-testid="session-logout"]', '[data-testid="shift-end"]', ...(await page.$$eval('.break-buttons button[data-reason]', (found) => found.map((button) => `.break-buttons button[data-reason="${button.getAttribute('data-reason')}"]`)))];
    expect(buttons).to.have.length(7);
    for (const selector of buttons) {
      // Playwright's actionability check (visible, stable, enabled, receives events) without clicking...
      await page.locator(selector).click({ trial: true, timeout: 2000 });
      // ...and the point a click lands on belongs to the button.
      expect(await hitAtCentre(selector), selector).to.equal(true);
    }
    // The panel's own close button is not under the header either.
    await page.click('[data-testid="panel-close"]');
    expect(await page.locator('[data-testid="ticket-panel"]').isHidden()).to.equal(true);
  });

  it('says a break chosen during the call starts when the call ends, and lets the agent cancel it', async () => {
    await page.click('.break-buttons button[data-reason="yemek"]');
    await page.waitForSelector('[data-testid="break-queued"]:not([hidden])');
    expect(await page.textContent('#break-queued-text')).to.equal('Mola çağrı bitince başlayacak: Yemek');
    expect(await page.getAttribute('.break-buttons button[data-reason="yemek"]', 'aria-pressed')).to.equal('true');
    await page.click('[data-testid="lang-toggle"]');
    expect(await page.textContent('#break-queued-text')).to.equal('Break starts when the call ends: Lunch');
    await page.click('[data-testid="break-queued-cancel"]');
    await page.waitForSelector('[data-testid="break-queued"][hidden]', { state: 'attached' });
    const state = system.app.presence.state({ id: agent.userId, username: 'zeynep', displayName: 'Zeynep', phoneInterface: DESK_PHONE, queues: null });
    expect(state).to.deep.include({ paused: false, boardState: 'on-call' });
  });

  it('asks in the page before ending the shift on a call: cancel and Escape keep the shift, confirm ends it', async () => {
    const dialog = page.getByRole('dialog', { name: 'Vardiya bitirilsin mi?' });
    const stillOnShift = () => system.app.presence.state({ id: agent.userId, username: 'zeynep', displayName: 'Zeynep', phoneInterface: DESK_PHONE, queues: null }).loggedIn;

    await page.click('[data-testid="shift-end"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).to.include('Görüşmedesiniz');
    // The safe answer has the focus.
    expect(await page.evaluate(() => document.activeElement?.id)).to.equal('end-confirm-no');
    await page.click('[data-testid="end-confirm-no"]');
    await dialog.waitFor({ state: 'hidden' });
    expect(stillOnShift()).to.equal(true);

    await page.click('[data-testid="shift-end"]');
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(stillOnShift()).to.equal(true);
    expect(await page.locator('[data-testid="shift-end"]').isVisible()).to.equal(true);

    await page.click('[data-testid="shift-end"]');
    await page.click('[data-testid="end-confirm-yes"]');
    await page.waitForSelector('[data-testid="shift-start"]:not([hidden])');
    await waitFor(() => !stillOnShift(), 5000, 'the agent out of the queues');
  });
});
