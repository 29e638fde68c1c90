import { PassThrough } from 'node:stream';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { runUserCli } from '../../src/auth/user-cli.js';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, useChromium } from './browser.js';

describe('screens whose session the server ends, in Chromium', function () {
  this.timeout(60_000);
  let system: System;
  let page: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem();
    page = await openScreen(chromium());
    errors = collectPageErrors(page);
  });

  afterEach(async () => {
    await page?.context().close();
    await system.stop();
  });

  const logIn = (username: string, lands: string): Promise<void> => logInWithForm(page, system.app.url, username, { lands, ready: true });

  /** The user CLI's own code on the server's database: no event reaches the server, only its periodic check. */
  const cli = async (...args: string[]): Promise<void> => {
    const output: string[] = [];
    const code = await runUserCli(args, { stdin: new PassThrough(), stdout: (line) => output.push(line), env: { ALO153_NEW_PASSWORD: 'yeni-parola-153' }, db: system.app.db });
    expect(code, output.join('\n')).to.equal(0);
  };

  it('takes a wallboard whose supervisor is deactivated to the login page, which says why', async () => {
    await signIn(system, 'supervisor', 'nuray');
    await logIn('nuray', '/wallboard');
    await page.waitForFunction(() => document.querySelector('[data-testid="tile-total"]') !== null);
    await cli('deactivate', '--username', 'nuray');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('ended') === 'deactivated', { timeout: 10_000 });
    expect(new URL(page.url()).searchParams.get('next')).to.equal('/wallboard');
    await page.locator('[data-testid="login-error"]').waitFor();
    expect(await page.locator('[data-testid="login-error"]').textContent()).to.equal('Hesabınız devre dışı bırakıldı; oturumunuz kapatıldı.');
    expect(errors).to.deep.equal([]);
  });

  it('takes a desk whose agent\'s password changed to the login page, which asks for the new one', async () => {
    await signIn(system, 'agent', 'ajan7', 'PJSIP/agent7');
    await logIn('ajan7', '/desk');
    await cli('passwd', '--username', 'ajan7');
    await page.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('ended') === 'password-changed', { timeout: 10_000 });
    expect(await page.locator('[data-testid="login-error"]').textContent()).to.equal('Parolanız değiştirildi; yeni parolanızla tekrar giriş yapın.');
    expect(errors).to.deep.equal([]);
  });
});
