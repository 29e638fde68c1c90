import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { toIstanbulInput } from '../../src/web/assets/wallboard-announcements-texts.js';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const HOUR = 3_600_000;
const FIXTURES = path.join(import.meta.dirname, '..', 'fixtures', 'wav');

describe('wallboard: live announcements and survey averages in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    const soundsDir = path.join(mkdtempSync(path.join(tmpdir(), 'alo153-duyuru-')), 'duyuru');
    system = await startSystem({ agents: 0, config: { announcements: { soundsDir, flushMs: 20 } } });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
    await signIn(system, 'supervisor', 'nuray');
    await logInWithForm(page, system.app.url, 'nuray', { next: '/wallboard' });
    await page.waitForSelector('[data-testid="ann-list"][data-ready="true"]');
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  const item = (id: number) => page.locator(`[data-testid="ann-list"] li[data-id="${id}"]`);

  it('lets a supervisor set a spoken announcement for the Ulaşım branch and see its counts move live', async () => {
    await page.click('[data-testid="announce-open"]');
    await page.fill('[data-testid="ann-text"]', 'Talas ilçesinde yarın planlı su kesintisi yapılacaktır.');
    await page.selectOption('[data-testid="ann-scope"]', 'ulasim');
    await page.fill('[data-testid="ann-until"]', toIstanbulInput(Date.now() + 2 * HOUR));
    await page.click('[data-testid="ann-save"]');
    await page.waitForSelector('[data-testid="ann-message"][data-tone="ok"]');
    expect(await page.textContent('[data-testid="ann-message"]')).to.equal('Duyuru kaydedildi');
    const [stored] = system.app.announcements.list();
    expect(stored).to.include({ scope: 'ulasim', source: 'text', version: 1 });
    expect(system.app.announcements.source.active(new Date()).map((a) => a.scope)).to.deep.equal(['ulasim']);
    await page.click('#ann-close');

    const row = item(stored!.id);
    await row.waitFor();
    expect(await row.locator('.ann-status').textContent()).to.equal('Yayında');
    expect(await row.locator('.ann-meta').textContent()).to.contain('Ulaşım menüsünden önce');
    expect(await row.locator('[data-testid="ann-played"]').textContent()).to.equal('0');

    // Two callers heard it: one hung up satisfied, one went on to the menu (the IVR reports through the port).
    system.app.announcements.outcomes.record({ announcementId: stored!.id, callId: 'a', outcome: 'served', at: new Date() });
    system.app.announcements.outcomes.record({ announcementId: stored!.id, callId: 'b', outcome: 'continued', at: new Date() });
    await page.waitForFunction((id) => document.querySelector(`[data-testid="ann-list"] li[data-id="${id}"] [data-testid="ann-played"]`)?.textContent === '2', stored!.id, { timeout: 10_000 });
    expect(await row.locator('[data-testid="ann-served"]').textContent()).to.equal('1');
    expect(await row.locator('[data-testid="ann-continued"]').textContent()).to.equal('1');

    // End it now from the dialog: the board says so and the IVR stops playing it.
    await page.click('[data-testid="announce-open"]');
    await page.click(`[data-testid="ann-manage"] li[data-id="${stored!.id}"] button:has-text("Şimdi bitir")`);
    await page.waitForFunction((id) => document.querySelector(`[data-testid="ann-list"] li[data-id="${id}"] .ann-status`)?.textContent === 'Bitti', stored!.id, { timeout: 10_000 });
    expect(system.app.announcements.source.active(new Date())).to.deep.equal([]);
    await page.click('#ann-close');
    await page.click('[data-testid="lang-toggle"]');
    expect(await row.locator('.ann-status').textContent()).to.equal('Ended');
    await screenshot(page, 'wallboard-announcements');
    expect(errors).to.deep.equal([]);
  });

  it('refuses a 44.1 kHz stereo upload with the reason under the form', async () => {
    await page.click('[data-testid="announce-open"]');
    await page.check('input[name="kind"][value="upload"]');
    await page.setInputFiles('[data-testid="ann-file"]', path.join(FIXTURES, 'bad-44k-stereo.wav'));
    await page.fill('[data-testid="ann-until"]', toIstanbulInput(Date.now() + HOUR));
    await page.click('[data-testid="ann-save"]');
    await page.waitForSelector('[data-testid="ann-message"][data-tone="error"]');
    expect(await page.textContent('[data-testid="ann-message"]')).to.equal('8 kHz mono olmalı, dosya 44.1 kHz stereo');
    await page.setInputFiles('[data-testid="ann-file"]', path.join(FIXTURES, 'good-8k-mono.wav'));
    await page.click('[data-testid="ann-save"]');
    await page.waitForSelector('[data-testid="ann-message"][data-tone="ok"]');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="ann-list"] li[data-id]').length === 1, undefined, { timeout: 10_000 });
    expect(await page.locator('[data-testid="ann-list"] .ann-text').textContent()).to.equal('Ses kaydı');
    // Chromium logs the refused upload's 422 itself; nothing else went wrong on the page.
    expect(errors.filter((line) => !line.includes('status of 422'))).to.deep.equal([]);
  });

  it('shows the survey average and count per queue and per agent', async () => {
    const now = new Date().toISOString();
    const calls = [
      { id: 'c1', queue: 'alo153-genel', agent: 'PJSIP/agent1', agent_name: 'Ayşe Yılmaz', score: 5 },
      { id: 'c2', queue: 'alo153-genel', agent: 'PJSIP/agent2', agent_name: 'Mehmet Kaya', score: 2 },
      { id: 'c3', queue: 'alo153-ulasim', agent: 'PJSIP/agent1', agent_name: 'Ayşe Yılmaz', score: 4 },
    ];
    for (const call of calls) {
      await system.app.db('calls').insert({ id: call.id, channel_id: `ch-${call.id}`, started_at: now, ivr_path: '[]', queue: call.queue, agent: call.agent, agent_name: call.agent_name, created_at: now, updated_at: now });
    }
    for (const call of calls) system.app.survey.writer.record(`ch-${call.id}`, call.score);
    await system.app.survey.writer.drain();
    await page.waitForFunction(() => document.querySelector('[data-testid="survey-rows"] tr[data-kind="total"] .survey-count')?.textContent === '3', undefined, { timeout: 10_000 });
    const rows = page.locator('[data-testid="survey-rows"]');
    expect(await rows.locator('tr[data-kind="total"] .survey-average').textContent()).to.equal('3,7');
    expect(await rows.locator('tr[data-key="alo153-genel"] td').allTextContents()).to.deep.equal(['3,5', '2']);
    expect(await rows.locator('tr[data-key="PJSIP/agent1"] th').textContent()).to.equal('Ayşe Yılmaz');
    expect(await rows.locator('tr[data-key="PJSIP/agent1"] td').allTextContents()).to.deep.equal(['4,5', '2']);
    expect(await rows.locator('tr[data-key="PJSIP/agent2"] td').allTextContents()).to.deep.equal(['2,0', '1']);
    // The same figures over HTTP for supervisors.
    const token = (await signIn(system, 'supervisor', 'sefe2')).token;
    const response = await fetch(`${system.app.url}/api/figures/survey`, { headers: { authorization: `Bearer ${token}` } });
    const body = (await response.json()) as { total: { count: number; average: number } };
    expect(body.total).to.deep.equal({ count: 3, average: 3.67 });
    await screenshot(page, 'wallboard-survey');
    expect(errors).to.deep.equal([]);
  });
});
