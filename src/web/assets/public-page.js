/**
 * What both public pages share: the language toggle (i18n.js's language, shown by public-strings.js) and
 * their JSON calls to /api/public, which answer `{ error, message, fields?, retryAfterS? }` when refused.
 */

import { getLang, onLangChange, toggleLang } from './i18n.js';
import { translatePage } from './public-strings.js';

/** @typedef {{ code: string, message: string }} FieldProblem */
/** @typedef {{ error: string, message?: string, fields?: Record<string, FieldProblem>, retryAfterS?: number }} Refusal */
/** @typedef {{ ok: true, status: number, body: any } | { ok: false, status: number, refusal: Refusal }} ApiReply */

/**
 * Wires the toggle, translates the page now and on every switch (then calls `rerender` for the dynamic parts).
 * @param {() => void} rerender
 */
export function startPublicPage(rerender) {
  const toggle = /** @type {HTMLButtonElement} */ (document.getElementById('lang-toggle'));
  const apply = () => {
    translatePage(document);
    // The button names the other language, in that language.
    toggle.lang = getLang() === 'tr' ? 'en' : 'tr';
    rerender();
  };
  toggle.addEventListener('click', () => toggleLang());
  onLangChange(apply);
  apply();
}

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<ApiReply>}
 */
export async function callPublicApi(method, path, body) {
  /** @type {Response} */
  let response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    return { ok: false, status: 0, refusal: { error: 'network' } };
  }
  /** @type {any} */
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  if (response.ok) return { ok: true, status: response.status, body: parsed };
  const refusal = parsed && typeof parsed.error === 'string' ? /** @type {Refusal} */ (parsed) : { error: 'server' };
  const header = Number(response.headers.get('retry-after'));
  if (refusal.retryAfterS === undefined && Number.isFinite(header) && header > 0) refusal.retryAfterS = header;
  return { ok: false, status: response.status, refusal };
}

/**
 * Shows `text` in a page's message box (role=alert), or hides it.
 * @param {HTMLElement} box
 * @param {string | null} text
 */
export function showMessage(box, text) {
  box.textContent = text ?? '';
  box.hidden = text === null;
}
