import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { pressOnPrompt, RETURNING_OFFER } from '../../src/simulator/prompt-keys.js';
import { signIn, startSystem, TEST_PASSWORD, type System } from '../support/system.js';
import { collectPageErrors, openScreen, screenshot, useChromium } from './browser.js';

const tile = (page: Page, name: string, field: string) => page.locator(`[data-testid="tile-${name}"] [data-field="${field}"]`);
const agentRow = (page: Page, iface: string) => page.locator(`[data-testid="agent-${iface}"]`);

describe('wallboard in Chromium', function () {
  this.timeout(60000);
  let system: System;
  let page: Page;
  let errors: string[];

  const chromium = useChromium();

  beforeEach(async () => {
    // Agents answer 100 ms (real) after the ring and talk for 20 s: two callers keep both busy, a third waits.
    system = await startSystem({ agents: 2, agentAnswerAfterMs: 10_000, agentTalkMs: 2_000_000 });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  async function logInAsSupervisor(): Promise<void> {
    const supervisor = await signIn(system, 'supervisor', 'nuray');
    expect(supervisor.username).to.equal('nuray');
    await page.goto(`${system.app.url}/wallboard`);
    expect(new URL(page.url()).pathname).to.equal('/login');
    await page.fill('#username', 'nuray');
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${system.app.url}/wallboard`);
    await page.waitForSelector('body[data-ready="true"]');
  }

  // Ulaşım, Kentkart by what she hears: from her second call on, her first ticket (still open) is offered before the
  // main menu and she asks for a new request (2); keys timed from the answer would fall into the offer.
  const keys = { [RETURNING_OFFER]: '2', 'sound:alo153/main-menu': '1', 'sound:alo153/menu-ulasim': '2' };
  const queueCall = () => system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', onPrompt: pressOnPrompt(keys), hangupAfterMs: 3_000_000 });

  it('shows a supervisor the waiting count, an agent\'s state and the answered count change as calls arrive', async () => {
    await logInAsSupervisor();
    expect(await page.locator('[data-testid="banner"]').isHidden()).to.equal(true);
    expect(await tile(page, 'total', 'answered').textContent()).to.equal('0');

    queueCall();
    await page.locator('[data-testid="agent-PJSIP/agent1"][data-state="on-call"], [data-testid="agent-PJSIP/agent2"][data-state="on-call"]').first().waitFor();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="answered"]')?.textContent === '1');
    queueCall();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="answered"]')?.textContent === '2');
    expect(await agentRow(page, 'PJSIP/agent1').getAttribute('data-state')).to.equal('on-call');
    expect(await agentRow(page, 'PJSIP/agent2').getAttribute('data-state')).to.equal('on-call');

    queueCall();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-alo153-kentkart"] [data-field="waiting"]')?.textContent === '1');
    expect(await tile(page, 'total', 'waiting').textContent()).to.equal('1');
    const firstWait = await tile(page, 'total', 'longest-wait').textContent();
    await page.waitForFunction((before) => document.querySelector('[data-testid="tile-total"] [data-field="longest-wait"]')?.textContent !== before, firstWait, { timeout: 3000 });
    expect(await tile(page, 'total', 'offered').textContent()).to.equal('3');
    await screenshot(page, 'wallboard-live');
    expect(errors).to.deep.equal([]);
  });

  it('shows the drop banner while AMI is cut and exact figures again once it is restored, without a reload', async () => {
    await logInAsSupervisor();
    queueCall();
    queueCall();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="answered"]')?.textContent === '2');
    const third = queueCall();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="waiting"]')?.textContent === '1');
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));

    system.sim.setAmiAvailable(false);
    const banner = page.locator('[data-testid="banner"]');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).to.match(/Santral bağlantısı \(AMI\) koptu/);
    third.hangup(); // unseen by alo153 while AMI is cut
    await screenshot(page, 'wallboard-ami-down');

    system.sim.setAmiAvailable(true);
    await banner.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="waiting"]')?.textContent === '0');
    expect(await tile(page, 'total', 'answered').textContent()).to.equal('2');
    expect(await agentRow(page, 'PJSIP/agent1').getAttribute('data-state')).to.equal('on-call');
    expect(navigations).to.deep.equal([]);
    expect(errors).to.deep.equal([]);
  });

  it('shows the server-drop banner while alo153 refuses the screen, and recovers on its own', async () => {
    await logInAsSupervisor();
    const engine = system.app.realtime.io.engine as unknown as { opts: { allowRequest?: (req: unknown, callback: (error: string | null, ok: boolean) => void) => void } };
    engine.opts.allowRequest = (_req, callback) => callback('alo153 restarting', false);
    system.app.realtime.io.disconnectSockets(true);
    const banner = page.locator('[data-testid="banner"]');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).to.match(/Sunucu bağlantısı koptu/);
    await screenshot(page, 'wallboard-server-down');

    delete engine.opts.allowRequest;
    await banner.waitFor({ state: 'hidden', timeout: 40000 });
    queueCall();
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"] [data-field="answered"]')?.textContent === '1');
    // The refused handshakes show up as failed requests in the console; nothing else may.
    expect(errors.filter((error) => !/WebSocket|ERR_|40[03]/.test(error))).to.deep.equal([]);
  });

  it('switches to English without a reload and shows PBX text as text, never as markup', async () => {
    await logInAsSupervisor();
    await system.app.ami.action({ Action: 'QueuePause', Interface: 'PJSIP/agent1', Paused: 'true', Reason: '<img src=x onerror="window.__xss=1">' });
    const reason = agentRow(page, 'PJSIP/agent1').locator('[data-field="reason"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="agent-PJSIP/agent1"]')?.getAttribute('data-state') === 'paused');
    expect(await reason.textContent()).to.equal('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).to.equal(undefined);
    expect(await agentRow(page, 'PJSIP/agent1').locator('img').count()).to.equal(0);

    expect(await page.locator('[data-testid="agent-PJSIP/agent1"] [data-field="state"]').textContent()).to.equal('Molada');
    await page.click('[data-testid="lang-toggle"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="agent-PJSIP/agent1"] [data-field="state"]')?.textContent === 'Paused');
    expect(await page.locator('html').getAttribute('lang')).to.equal('en');
    await screenshot(page, 'wallboard-english');
    expect(errors).to.deep.equal([]);
  });

  it('refuses a wrong password on the login page and sends an agent to the desk instead of the wallboard', async () => {
    await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    await page.goto(`${system.app.url}/login?next=/wallboard`);
    await page.fill('#username', 'ajan7');
    await page.fill('#password', 'yanlış-parola-000');
    await page.click('button[type=submit]');
    await page.locator('[data-testid="login-error"]').waitFor({ state: 'visible' });
    expect(await page.locator('[data-testid="login-error"]').textContent()).to.match(/hatalı/i);
    await page.fill('#password', TEST_PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForURL(`${system.app.url}/desk`);
    const wallboard = await page.goto(`${system.app.url}/wallboard`);
    expect(wallboard?.status()).to.equal(403);
    // Expected refusals of this test (401 wrong password, 403 wallboard), not page errors.
    expect(errors.filter((error) => !/401|403/.test(error))).to.deep.equal([]);
  });
});
