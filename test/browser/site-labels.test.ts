import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, useChromium } from './browser.js';

const DESK_PHONE = 'PJSIP/agent7';
const SITE_ORDER = ['alo153-ulasim', 'alo153-kentkart', 'alo153-cevre', 'alo153-hayvan', 'alo153-otopark', 'alo153-sosyal', 'alo153-genel'];

describe('screens in Chromium: site labels, page links, sign-in headings', function () {
  this.timeout(60000);
  let system: System;
  let agentPage: Page;
  let boardPage: Page;
  let errors: string[];

  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    system.sim.addAgent({ interface: DESK_PHONE, name: 'Zeynep Kılıç', answerAfterMs: 10_000, talkMs: 6_000_000 });
    await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    await signIn(system, 'supervisor', 'nuray');
    agentPage = await openScreen(chromium());
    boardPage = await openScreen(chromium());
    errors = [...collectPageErrors(agentPage), ...collectPageErrors(boardPage)];
  });

  afterEach(async () => {
    await agentPage?.context().close();
    await boardPage?.context().close();
    await system.stop();
  });

  const logIn = (page: Page, username: string, next: string, heading: string): Promise<void> => logInWithForm(page, system.app.url, username, { next, heading, ready: true });

  const tileNames = (page: Page, selector: string): Promise<string[]> => page.$$eval(selector, (tiles) => tiles.map((tile) => tile.getAttribute('data-testid') ?? ''));

  it('shows break reasons by their labels and queues by label in the site order, in Turkish and English', async () => {
    await logIn(agentPage, 'zeynep', '/desk', 'Alo 153 Temsilci Girişi');
    await agentPage.click('[data-testid="shift-start"]');
    await agentPage.waitForFunction(() => /Hazır/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));
    // The desk's break buttons and queue strip come from the catalogue.
    expect(await agentPage.$$eval('.break-buttons button', (buttons) => buttons.map((button) => button.textContent))).to.deep.equal(['Mola', 'Yemek', 'Eğitim', 'Toplantı']);
    // The desk joins the queues one QueueAdd at a time: wait for all of them.
    await agentPage.waitForFunction((count) => document.querySelectorAll('.queue-tile').length === count, SITE_ORDER.length);
    expect(await tileNames(agentPage, '.queue-tile')).to.deep.equal(SITE_ORDER.map((queue) => `queue-${queue}`));
    await agentPage.click('.break-buttons button[data-reason="eğitim"]');
    await agentPage.waitForFunction(() => /Eğitim/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));

    await logIn(boardPage, 'nuray', '/wallboard', 'Alo 153 Yönetici Girişi');
    const reason = boardPage.locator(`[data-testid="agent-${DESK_PHONE}"] [data-field="reason"]`);
    await boardPage.waitForFunction((iface) => document.querySelector(`[data-testid="agent-${iface}"] [data-field="reason"]`)?.textContent === 'Eğitim', DESK_PHONE);
    await boardPage.waitForSelector('[data-testid="tile-alo153-ulasim"] .tile-name:text("Ulaşım")');
    expect(await tileNames(boardPage, '#tiles > article')).to.deep.equal(['tile-total', ...SITE_ORDER.map((queue) => `tile-${queue}`)]);

    await boardPage.click('[data-testid="lang-toggle"]');
    expect(await reason.textContent()).to.equal('Training');
    expect(await boardPage.textContent('[data-testid="tile-alo153-ulasim"] .tile-name')).to.equal('Transport');
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('links the wallboard, the desk and the supervisor workspace for supervisors; an agent sees neither link', async () => {
    await logIn(agentPage, 'zeynep', '/desk', 'Alo 153 Temsilci Girişi');
    expect(await agentPage.locator('[data-testid="nav-wallboard"]').isHidden()).to.equal(true);
    expect(await agentPage.locator('[data-testid="nav-supervisor"]').isHidden()).to.equal(true);

    await logIn(boardPage, 'nuray', '/wallboard', 'Alo 153 Yönetici Girişi');
    await boardPage.click('[data-testid="nav-desk"]');
    await boardPage.waitForURL(`${system.app.url}/desk`);
    await boardPage.waitForSelector('[data-testid="nav-wallboard"]:visible');
    await boardPage.click('[data-testid="nav-wallboard"]');
    await boardPage.waitForURL(`${system.app.url}/wallboard`);
    // The supervisor workspace is one click from both.
    await boardPage.click('[data-testid="nav-supervisor"]');
    await boardPage.waitForURL(`${system.app.url}/supervisor`);
    await boardPage.waitForSelector('body[data-ready="true"]');
  });

  it('names the page on the sign-in form: a neutral heading without one, English too', async () => {
    await agentPage.goto(`${system.app.url}/login`);
    expect(await agentPage.textContent('h1')).to.equal('Alo 153 Girişi');
    await agentPage.goto(`${system.app.url}/login?next=/wallboard`);
    await agentPage.click('[data-testid="lang-toggle"]');
    expect(await agentPage.textContent('h1')).to.equal('Alo 153 supervisor sign-in');
    await agentPage.goto(`${system.app.url}/login?next=/desk`);
    expect(await agentPage.textContent('h1')).to.equal('Alo 153 agent sign-in');
  });

  it('ends the shift at once, without asking, when the agent is not on a call', async () => {
    await logIn(agentPage, 'zeynep', '/desk', 'Alo 153 Temsilci Girişi');
    await agentPage.click('[data-testid="shift-start"]');
    await agentPage.waitForSelector('[data-testid="shift-end"]:not([hidden])');
    await agentPage.waitForFunction(() => /Hazır/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));
    await agentPage.click('[data-testid="shift-end"]');
    await agentPage.waitForSelector('[data-testid="shift-start"]:not([hidden])');
    expect(await agentPage.locator('[data-testid="end-confirm"]').isVisible()).to.equal(false);
  });
});
