import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { signIn, startSystem, type System } from '../support/system.js';
import { collectPageErrors, logInWithForm, openScreen, screenshot, useChromium } from './browser.js';

describe('administration of users at /yonetim, in Chromium', function () {
  this.timeout(90_000);
  let system: System;
  let adminPage: Page;
  let userPage: Page;
  let errors: string[];
  const chromium = useChromium();

  beforeEach(async () => {
    system = await startSystem();
    adminPage = await openScreen(chromium());
    userPage = await openScreen(chromium());
    errors = [...collectPageErrors(adminPage), ...collectPageErrors(userPage)];
    await signIn(system, 'admin', 'yonetici');
    await logInWithForm(adminPage, system.app.url, 'yonetici', { next: '/yonetim', ready: true });
  });

  afterEach(async () => {
    await adminPage?.context().close();
    await userPage?.context().close();
    await system.stop();
  });

  const oneTimePassword = async (): Promise<string> => {
    const shown = adminPage.locator('[data-testid="one-time-password"]');
    await shown.waitFor();
    return (await shown.textContent()) ?? '';
  };

  /** The user signs in with the password an admin handed over; the login page asks for their own before the desk. */
  const firstLogin = async (username: string, password: string, own: string): Promise<void> => {
    await userPage.goto(`${system.app.url}/login`);
    await userPage.fill('#username', username);
    await userPage.fill('#password', password);
    await userPage.click('#login-form button[type=submit]');
    await userPage.locator('[data-testid="password-change-form"]').waitFor();
    expect(await userPage.locator('#login-form').isHidden()).to.equal(true);
    await userPage.fill('#new-password', own);
    await userPage.fill('#repeat-password', own);
    await userPage.click('[data-testid="password-change-form"] button[type=submit]');
    await userPage.waitForURL(`${system.app.url}/desk`);
    await userPage.waitForSelector('body[data-ready="true"]');
  };

  it('creates an agent, resets the password; the agent must choose a new one at login; deactivation logs the open desk out', async () => {
    await adminPage.fill('[data-testid="field-username"]', 'gulsen');
    await adminPage.fill('[data-testid="field-displayName"]', 'Gülşen Çağlar');
    await adminPage.selectOption('[data-testid="field-role"]', 'agent');
    await adminPage.fill('[data-testid="field-phoneInterface"]', 'PJSIP/agent21');
    await adminPage.click('[data-testid="user-add"]');
    const first = await oneTimePassword();
    expect(first).to.match(/^[A-Za-z2-9]{14}$/);
    await adminPage.locator('[data-testid="user-gulsen"]').waitFor();
    expect(await adminPage.locator('[data-testid="user-gulsen"] [data-testid="user-state"]').textContent()).to.equal('Etkin (parola değiştirmeli)');

    // Lost before first use: the admin resets it, and only the new one works.
    await adminPage.click('[data-testid="edit-gulsen"]');
    await adminPage.locator('[data-testid="user-reset"]').waitFor();
    const before = first;
    await adminPage.click('[data-testid="user-reset"]');
    await adminPage.waitForFunction((old) => {
      const shown = document.querySelector('[data-testid="one-time-password"]')?.textContent;
      return Boolean(shown) && shown !== old;
    }, before);
    const second = await oneTimePassword();
    await adminPage.locator('[data-testid="user-history"] [data-testid="history-row"]').nth(1).waitFor();
    expect(await adminPage.locator('[data-testid="user-history"] [data-testid="history-row"]').first().textContent()).to.include('parola sıfırlandı');

    await firstLogin('gulsen', second, 'gulsenin-parolasi');
    await screenshot(userPage, 'admin-users-desk-after-change');

    await adminPage.click('[data-testid="user-deactivate"]');
    await userPage.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('ended') === 'deactivated', { timeout: 5000 });
    expect(await userPage.locator('[data-testid="login-error"]').textContent()).to.equal('Hesabınız devre dışı bırakıldı; oturumunuz kapatıldı.');
    await adminPage.locator('[data-testid="user-activate"]').waitFor();
    expect(await adminPage.locator('[data-testid="user-gulsen"] [data-testid="user-state"]').textContent()).to.equal('Devre dışı');
    await screenshot(adminPage, 'admin-users');
    expect(errors).to.deep.equal([]);
  });

  it('sends a page opened with a one-time password to the change form, then back to the page', async () => {
    const created = await system.app.admin.users.create({ id: 1, username: 'yonetici', role: 'admin' }, { username: 'murat', displayName: 'Murat Öz', role: 'agent', password: 'gecici-parola-9' });
    expect(created.user.mustChangePassword).to.equal(true);
    await userPage.goto(`${system.app.url}/login`);
    await userPage.fill('#username', 'murat');
    await userPage.fill('#password', 'gecici-parola-9');
    await userPage.click('#login-form button[type=submit]');
    await userPage.locator('[data-testid="password-change-form"]').waitFor();
    // Not changed yet: the desk sends the browser back to the form, which now asks for the current password too.
    await userPage.goto(`${system.app.url}/desk`);
    await userPage.waitForURL((url) => url.pathname === '/login' && url.searchParams.get('change') === '1');
    await userPage.locator('[data-testid="password-change-form"]').waitFor();
    await userPage.fill('#current-password', 'gecici-parola-9');
    await userPage.fill('#new-password', 'kisa');
    await userPage.fill('#repeat-password', 'kisa');
    await userPage.click('[data-testid="password-change-form"] button[type=submit]');
    await userPage.locator('[data-testid="password-change-error"]').waitFor();
    expect(await userPage.locator('[data-testid="password-change-error"]').textContent()).to.match(/^Parola en az 10 karakter olmalı/);
    await userPage.fill('#new-password', 'muratin-parolasi');
    await userPage.fill('#repeat-password', 'muratin-parolasi');
    await userPage.click('[data-testid="password-change-form"] button[type=submit]');
    await userPage.waitForURL(`${system.app.url}/desk`);
    expect(errors).to.deep.equal([]);
  });

  it('renames a queue at /yonetim/kuyruklar and an open wallboard shows the new label without a reload', async () => {
    await signIn(system, 'supervisor', 'nuray');
    await logInWithForm(userPage, system.app.url, 'nuray', { next: '/wallboard', ready: true });
    const tileName = userPage.locator('[data-testid="tile-alo153-kentkart"] .tile-name');
    await tileName.waitFor();
    expect(await tileName.textContent()).to.equal('Kentkart');
    await adminPage.goto(`${system.app.url}/yonetim/kuyruklar`);
    await adminPage.waitForSelector('body[data-ready="true"]');
    const form = adminPage.locator('[data-testid="labels-alo153-kentkart"]');
    await form.locator('input[name="tr"]').fill('Kentkart ve Seyahat Kartı');
    await form.locator('button[type=submit]').click();
    await adminPage.locator('[data-testid="queues-status"]').waitFor();
    await userPage.waitForFunction(() => document.querySelector('[data-testid="tile-alo153-kentkart"] .tile-name')?.textContent === 'Kentkart ve Seyahat Kartı', undefined, { timeout: 5000 });
    await screenshot(adminPage, 'admin-queues');
    expect(errors).to.deep.equal([]);
  });
});
