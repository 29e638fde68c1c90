import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { makeDialplanDir } from '../../src/simulator/pbx/fixture-dialplan.js';
import { signIn, startSystem, TEST_PASSWORD, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

/** The shipped queues.conf with the desk phone PJSIP/agent7 also a static member of alo153-genel. */
function queuesConfWithStaticAgent7(): string {
  const lastGenelMember = 'member => PJSIP/agent4,1,Ajan 4,PJSIP/agent4\n';
  return readFileSync('dialplans/queues.conf', 'utf8').replace(lastGenelMember, `${lastGenelMember}member => PJSIP/agent7,1,Masa 7,PJSIP/agent7\n`);
}

describe('desk in Chromium: a logout that leaves a static queue', function () {
  this.timeout(60000);
  let system: System;
  let agentPage: Page;
  let supervisorPage: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem({ dialplanDir: makeDialplanDir(queuesConfWithStaticAgent7()) });
    system.sim.addAgent({ interface: 'PJSIP/agent7', name: 'Masa 7', answerAfterMs: 10_000, talkMs: 200_000 });
    agentPage = await openScreen(chromium());
    supervisorPage = await openScreen(chromium());
    errors = collectPageErrors(agentPage);
  });

  afterEach(async () => {
    await agentPage?.context().close();
    await supervisorPage?.context().close();
    await system.stop();
  });

  const logIn = (page: Page, username: string): Promise<void> => logInWithForm(page, system.app.url, username, { next: '/desk' });

  it('says which queue the agent is still in after ending the shift, on the desk and in the supervisors\' overview', async () => {
    const user = await system.app.auth.users.create({ username: 'zeynep', displayName: 'Zeynep Kılıç', role: 'agent', password: TEST_PASSWORD, phoneInterface: 'PJSIP/agent7', queues: ['alo153-cevre', 'alo153-genel', 'alo153-hayvan'] });
    await signIn(system, 'supervisor', 'nuray');
    await logIn(agentPage, 'zeynep');
    // Only the static membership so far: the shift can be started, and the genel tile is flagged.
    await agentPage.waitForSelector('[data-testid="queue-alo153-genel"][data-static="true"]');
    await agentPage.waitForSelector('[data-testid="shift-start"]:not([hidden])');

    await agentPage.click('[data-testid="shift-start"]');
    await agentPage.waitForSelector('[data-testid="queue-alo153-hayvan"][data-static="false"]');
    await agentPage.click('[data-testid="shift-end"]');
    await agentPage.waitForSelector('[data-testid="action-error"]:not([hidden])');
    const notice = (await agentPage.textContent('[data-testid="action-error"]')) ?? '';
    expect(notice).to.contain('Genel').and.contain('sabit üye').and.not.contain('Hayvanlar').and.not.contain('Çevre');
    await agentPage.waitForFunction(() => document.querySelectorAll('[data-testid^="queue-alo153-"]').length === 1);
    expect(await agentPage.isVisible('[data-testid="queue-alo153-genel"] [data-testid="queue-static"]')).to.equal(true);
    expect(await agentPage.isVisible('[data-testid="shift-start"]')).to.equal(true);
    await screenshot(agentPage, 'desk-logout-static-left');

    await logIn(supervisorPage, 'nuray');
    const queuesCell = `[data-testid="agent-${user.id}"] .sup-queues`;
    await supervisorPage.waitForFunction((selector) => document.querySelector(selector)?.textContent === 'Genel (sabit)', queuesCell);
    expect(await supervisorPage.isDisabled(`[data-testid="agent-${user.id}"] [data-testid="logout-agent"]`)).to.equal(true);
    expect(errors.filter((error) => !/Failed to load resource/.test(error))).to.deep.equal([]);
  });
});
