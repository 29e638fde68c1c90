import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

const HOUR = 3_600_000;

describe('wallboard: the Talepler section in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  let seq = 0;

  const chromium = useChromium();

  /** A request as the lifecycle leaves it (the figures read the table; how it got there does not matter here). */
  const addTicket = async (fields: Record<string, unknown>) => {
    seq += 1;
    const now = Date.now();
    await system.app.db('tickets').insert({
      number: `153-2026-9${String(seq).padStart(5, '0')}`, year: 2026, seq: 900_000 + seq, source: 'phone', status: 'forwarded', priority: 'normal',
      department_code: 'veteriner', created_at: new Date(now - 48 * HOUR).toISOString(), updated_at: new Date(now).toISOString(), version: 1,
      due_soon_at: new Date(now + 10 * HOUR).toISOString(), due_at: new Date(now + 20 * HOUR).toISOString(), ...fields,
    });
  };

  beforeEach(async () => {
    system = await startSystem({ agents: 0 });
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  it('shows per-department rows with the overdue count in red, and reloads when the escalations stream speaks', async () => {
    const now = Date.now();
    await addTicket({ due_soon_at: new Date(now - 5 * HOUR).toISOString(), due_at: new Date(now - HOUR).toISOString() });
    await addTicket({ status: 'answered', source: 'cimer', accepted_at: new Date(now - 120_000).toISOString(), accept_s: 12_000, answered_at: new Date(now - 60_000).toISOString(), answer_s: 3 * HOUR / 1000 + 20 * 60, answered_in_time: true });
    await addTicket({ department_code: 'zabita', due_soon_at: new Date(now - HOUR).toISOString() });

    await signIn(system, 'supervisor', 'nuray');
    await logInWithForm(page, system.app.url, 'nuray', { next: '/wallboard' });
    await page.waitForSelector('[data-testid="requests"][data-ready="true"]');

    const vet = page.locator('[data-testid="requests-rows"] tr[data-department="veteriner"]');
    expect(await page.locator('#requests-title').textContent()).to.contain('Talepler');
    expect(await vet.locator('th').textContent()).to.equal('Veteriner İşleri Dairesi Başkanlığı');
    expect(await vet.locator('[data-testid="requests-overdue"]').textContent()).to.equal('1');
    expect(await vet.locator('[data-testid="requests-overdue"]').getAttribute('class')).to.contain('is-bad');
    const cells = await vet.locator('td').allTextContents();
    // open, due soon, overdue, accept, answer, inform, in time, CİMER in time
    expect(cells).to.deep.equal(['2', '0', '1', '3 sa 20 dk', '3 sa 20 dk', '—', '%100', '%100']);
    const zabita = page.locator('[data-testid="requests-rows"] tr[data-department="zabita"]');
    expect(await zabita.locator('td').nth(1).getAttribute('class')).to.contain('is-warn');
    // The most overdue department comes first; the total closes the table.
    expect(await page.locator('[data-testid="requests-rows"] tr').first().getAttribute('data-department')).to.equal('veteriner');
    expect(await page.locator('[data-testid="requests-rows"] tr').last().locator('[data-testid="requests-overdue"]').textContent()).to.equal('1');

    // A second overdue request and the clock's word on `escalations`: the wall reloads without waiting a minute.
    await addTicket({ due_soon_at: new Date(now - 3 * HOUR).toISOString(), due_at: new Date(now - 2 * HOUR).toISOString() });
    system.app.hub.patch('escalations', { notifications: [{ id: 'x', kind: 'overdue', ticket: '153-2026-900004', department: 'veteriner', deadline: new Date(now - 2 * HOUR).toISOString(), at: new Date().toISOString() }] });
    await page.waitForFunction(() => document.querySelector('tr[data-department="veteriner"] [data-testid="requests-overdue"]')?.textContent === '2', undefined, { timeout: 10_000 });

    await page.click('[data-testid="lang-toggle"]');
    expect(await page.locator('#requests-title').textContent()).to.contain('Requests');
    expect(await vet.locator('td').nth(3).textContent()).to.equal('3 h 20 min');
    await screenshot(page, 'wallboard-requests');
    expect(errors).to.deep.equal([]);
  });
});
