import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, waitFor, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const DESK_PHONE = 'PJSIP/agent7';

describe('agent desk in Chromium', function () {
  this.timeout(60000);
  let system: System;
  let agentPage: Page;
  let boardPage: Page;
  let errors: string[];

  const chromium = useChromium();

  beforeEach(async () => {
    // Only the desk user's softphone takes calls: it rings 100 ms (app_queue gives up at 150), then talks 2 s;
    // the board shows 1 s of wrap-up.
    system = await startSystem({ agents: 0, wrapUpS: 1 });
    system.sim.addAgent({ interface: DESK_PHONE, name: 'Zeynep Kılıç', answerAfterMs: 10_000, talkMs: 200_000 });
    agentPage = await openScreen(chromium());
    boardPage = await openScreen(chromium());
    errors = collectPageErrors(agentPage);
  });

  afterEach(async () => {
    await agentPage?.context().close();
    await boardPage?.context().close();
    await system.stop();
  });

  const logIn = (page: Page, username: string, next: string): Promise<void> => logInWithForm(page, system.app.url, username, { next });

  it('takes a Kentkart call from ready to a forwarded ticket, while the wallboard follows the agent', async () => {
    const agent = await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    await signIn(system, 'supervisor', 'nuray');

    await logIn(agentPage, 'zeynep', '/desk');
    await agentPage.click('[data-testid="shift-start"]');
    await agentPage.waitForFunction(() => /Hazır/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));

    // The supervisor's wallboard records every state the desk agent's row shows.
    await logIn(boardPage, 'nuray', '/wallboard');
    await boardPage.waitForSelector(`[data-testid="agent-${DESK_PHONE}"][data-state="ready"]`);
    // A string, not a function: tsx would wrap a function's inner arrows in a helper the page lacks.
    await boardPage.evaluate(`(() => {
      const seen = ['ready'];
      window.seenStates = seen;
      new MutationObserver(() => {
        const state = document.querySelector('[data-testid="agent-${DESK_PHONE}"]')?.getAttribute('data-state');
        if (state && seen[seen.length - 1] !== state) seen.push(state);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-state'], childList: true });
    })()`);
    const seenStates = async (): Promise<string[]> => (await boardPage.evaluate('window.seenStates')) as string[];

    system.sim.placeCall({ callerNumber: '05321234567', callerName: 'Gülşen Çağlar', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    await agentPage.waitForSelector('[data-testid="pop-ticket"]:not(:empty)');
    expect(await agentPage.textContent('[data-testid="pop-ivr"]')).to.equal('Ulaşım → Kentkart / seyahat kartı');
    const ticketNumber = (await agentPage.textContent('[data-testid="pop-ticket"]'))!.trim();
    expect(ticketNumber).to.match(/^153-\d{4}-000001$/);
    expect(await agentPage.textContent('[data-testid="pop-number"]')).to.equal('05321234567');
    await agentPage.waitForFunction(() => (document.querySelector('#f-category') as HTMLSelectElement | null)?.value === 'ulasim');
    await screenshot(agentPage, 'desk-pop');

    await agentPage.selectOption('#f-district', 'Talas');
    await agentPage.fill('#f-neighbourhood', 'Mevlana');
    await agentPage.fill('#f-description', 'Kentkart bakiyesi yüklendi ama kartta görünmüyor. <script>alert(1)</script>');
    await agentPage.check('input[name="outcome"][value="forwarded"]');
    await agentPage.click('#f-save');
    await agentPage.waitForFunction(() => /153-/.test(document.querySelector('[data-testid="form-status"]')?.textContent ?? ''));

    // The pop writes the owner after sending the pop: under load the agent's save can land first.
    await waitFor(async () => (await system.app.store.findTicket(ticketNumber))?.ownerUserId !== null, 5000, 'the ticket owner written');
    const stored = await system.app.store.getTicket(ticketNumber);
    expect(stored).to.deep.include({ status: 'forwarded', categoryCode: 'kentkart', departmentCode: 'kayseri-ulasim', district: 'Talas', neighbourhood: 'Mevlana', ownerUserId: agent.userId });
    expect(stored!.description).to.equal('Kentkart bakiyesi yüklendi ama kartta görünmüyor. <script>alert(1)</script>');
    const kinds = stored!.events.map((event) => `${event.kind}:${event.actor}`);
    expect(kinds).to.include.members(['updated:user:zeynep', 'forwarded:user:zeynep']);
    expect(kinds.some((kind) => kind.startsWith('reassigned:system:desk'))).to.equal(true);

    // The call ends on the phone; the board must have shown ringing, on call, wrap-up and ready again.
    await waitFor(async () => {
      const seen = await seenStates();
      return seen.length > 3 && seen[seen.length - 1] === 'ready';
    }, 20000, 'the agent ready again on the wallboard');
    expect(await seenStates()).to.deep.equal(['ready', 'ringing', 'on-call', 'wrap-up', 'ready']);
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });

  it('keeps what the agent typed when the ticket changed meanwhile, and saves it on the new version', async () => {
    await signIn(system, 'agent', 'zeynep', DESK_PHONE);
    await logIn(agentPage, 'zeynep', '/desk');
    await agentPage.click('[data-testid="shift-start"]');
    await agentPage.waitForFunction(() => /Hazır/.test(document.querySelector('[data-testid="status-badge"]')?.textContent ?? ''));
    const call = system.sim.placeCall({ callerNumber: '05329876543', callerName: '<img src=x onerror="window.__xss=1">', script: [{ afterMs: 3000, digit: '1' }, { afterMs: 3000, digit: '2' }], hangupAfterMs: 3_000_000 });
    await agentPage.waitForSelector('[data-testid="pop-ticket"]:not(:empty)');
    const ticketNumber = (await agentPage.textContent('[data-testid="pop-ticket"]'))!.trim();
    await agentPage.waitForFunction(() => (document.querySelector('#f-category') as HTMLSelectElement | null)?.value === 'ulasim');
    // Markup from the PBX is text on the desk, never run.
    expect(await agentPage.textContent('[data-testid="pop-name"]')).to.equal('<img src=x onerror="window.__xss=1">');
    expect(await agentPage.evaluate('window.__xss')).to.equal(undefined);
    await agentPage.fill('#f-description', 'Vatandaş kartının çalındığını söylüyor.');

    // A supervisor edits the same ticket first; the caller hangs up while the agent is typing.
    const current = (await system.app.store.getTicket(ticketNumber))!;
    await system.app.editor.update(ticketNumber, { version: current.version, changes: { priority: 'high', outcome: 'draft' } }, { userId: 999, username: 'nuray', role: 'supervisor' });
    call.hangup();
    await agentPage.click('#f-save');
    await agentPage.waitForSelector('[data-testid="form-alert"]:not([hidden])');
    expect(await agentPage.inputValue('#f-description')).to.equal('Vatandaş kartının çalındığını söylüyor.');
    await agentPage.click('#f-save');
    await agentPage.waitForFunction(() => /153-/.test(document.querySelector('[data-testid="form-status"]')?.textContent ?? ''));
    const saved = await system.app.store.getTicket(ticketNumber);
    expect(saved).to.deep.include({ description: 'Vatandaş kartının çalındığını söylüyor.', priority: 'high' });
  });
});
