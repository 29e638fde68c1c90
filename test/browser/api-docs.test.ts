import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, useChromium } from './browser.js';

describe('the API reference page /api-docs in Chromium', function () {
  this.timeout(60000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  before(async () => {
    system = await startSystem({ agents: 0 });
    await signIn(system, 'admin', 'bt-birimi');
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
    await logInWithForm(page, system.app.url, 'bt-birimi', { next: '/api-docs', ready: true });
  });

  after(async () => {
    await page?.context().close();
    await system.stop();
  });

  const visibleOperations = (): Promise<string[]> => page.$$eval('[data-testid^="op-"]', (items) => items.map((item) => item.getAttribute('data-testid') ?? ''));

  it('lists every operation of the document under Turkish headings, and in English on the toggle', async () => {
    const doc = (await page.evaluate(async () => (await fetch('/api/openapi.json')).json())) as { paths: Record<string, Record<string, unknown>> };
    const count = Object.values(doc.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
    expect(await visibleOperations()).to.have.length(count);
    expect(await page.textContent('h1')).to.equal('API başvuru belgesi');
    await page.click('[data-testid="op-post-/api/tickets/{number}/actions"] summary');
    const body = page.locator('[data-testid="op-post-/api/tickets/{number}/actions"] .api-op-body');
    expect(await body.textContent()).to.contain('Kimler çağırabilir').and.contain('İstek gövdesi').and.contain('version').and.contain('153-');
    await page.click('#lang-toggle');
    expect(await page.textContent('h1')).to.equal('API reference');
    expect(await page.locator('[data-testid="op-post-/api/tickets/{number}/actions"] .api-op-body').textContent()).to.contain('Request body');
    await page.click('#lang-toggle');
    expect(errors).to.deep.equal([]);
  });

  it('narrows the list to the operations matching the filter', async () => {
    await page.fill('[data-testid="api-filter"]', 'open311 keys');
    expect((await visibleOperations()).sort()).to.deep.equal(['op-delete-/api/open311/keys/{id}', 'op-get-/api/open311/keys', 'op-post-/api/open311/keys']);
    await page.fill('[data-testid="api-filter"]', '');
    expect((await visibleOperations()).length).to.be.greaterThan(50);
    expect(errors).to.deep.equal([]);
  });
});
