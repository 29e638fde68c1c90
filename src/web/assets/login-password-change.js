/**
 * The login page's second step: an account signed in with an admin's one-time password (every API but
 * POST /api/auth/password answers 403 `password-change-required` until then) chooses its own password here.
 * After a plain sign-in the current password is already known; after a redirect (`?change=1`) it is asked again.
 */

import { addTexts, t } from './i18n.js';

addTexts({
  tr: {
    'login.change.heading': 'Yeni parolanızı belirleyin',
    'login.change.note': 'Yönetici size tek kullanımlık bir parola verdi. Devam etmek için kendi parolanızı belirleyin (en az 10 karakter).',
    'login.change.current': 'Mevcut (tek kullanımlık) parola',
    'login.change.new': 'Yeni parola',
    'login.change.repeat': 'Yeni parola (tekrar)',
    'login.change.submit': 'Parolayı değiştir',
    'login.change.mismatch': 'Yeni parolalar aynı değil.',
    'login.change.network': 'Sunucuya ulaşılamadı. Lütfen tekrar deneyin.',
    'login.ended.roleChanged': 'Rolünüz değiştirildi; lütfen tekrar giriş yapın.',
  },
  en: {
    'login.change.heading': 'Choose your new password',
    'login.change.note': 'An administrator gave you a one-time password. Choose your own to go on (at least 10 characters).',
    'login.change.current': 'Current (one-time) password',
    'login.change.new': 'New password',
    'login.change.repeat': 'New password (again)',
    'login.change.submit': 'Change password',
    'login.change.mismatch': 'The new passwords differ.',
    'login.change.network': 'The server cannot be reached. Please try again.',
    'login.ended.roleChanged': 'Your role was changed; please sign in again.',
  },
});

/**
 * Shows the change form instead of the sign-in form; `done` runs after the new password is set (the response set
 * the new session cookie).
 * @param {string} currentPassword '' when it must be asked
 * @param {() => void} done
 */
export function showPasswordChange(currentPassword, done) {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById('password-change-form'));
  const loginForm = document.getElementById('login-form');
  if (!form) return;
  const current = /** @type {HTMLInputElement} */ (form.querySelector('#current-password'));
  const next = /** @type {HTMLInputElement} */ (form.querySelector('#new-password'));
  const repeat = /** @type {HTMLInputElement} */ (form.querySelector('#repeat-password'));
  const errorBox = /** @type {HTMLElement} */ (form.querySelector('[data-testid="password-change-error"]'));
  const currentLabel = /** @type {HTMLElement} */ (form.querySelector('label[for="current-password"]'));
  current.value = currentPassword;
  currentLabel.hidden = currentPassword !== '';
  if (loginForm) loginForm.hidden = true;
  form.hidden = false;
  (currentPassword === '' ? current : next).focus();
  const fail = (/** @type {string} */ text) => {
    errorBox.textContent = text;
    errorBox.hidden = false;
  };
  form.onsubmit = async (event) => {
    event.preventDefault();
    errorBox.hidden = true;
    if (next.value !== repeat.value) return fail(t('login.change.mismatch'));
    try {
      const response = await fetch('/api/auth/password', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ currentPassword: current.value, newPassword: next.value }),
        credentials: 'same-origin',
      });
      if (response.ok) return done();
      const body = /** @type {{ error?: string, details?: unknown }} */ (await response.json().catch(() => ({})));
      const details = Array.isArray(body.details) ? body.details.map((/** @type {{ message?: string }} */ d) => d.message ?? '').join('; ') : '';
      fail(details || body.error || `HTTP ${response.status}`);
    } catch {
      fail(t('login.change.network'));
    }
  };
}
