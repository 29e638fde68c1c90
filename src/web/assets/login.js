/**
 * The sign-in form. On success it goes back to the page that sent the user here (`?next=`), but
 * only within this site, so a crafted link cannot bounce a supervisor to a look-alike page; without
 * one, each role goes to its own page (agents and department staff to the desk, supervisors to the wallboard).
 * The helpers are exported for tests; the form is only wired when there is a document.
 */

import { t, getLang, toggleLang, onLangChange, translateStatic } from './i18n.js';
import { showPasswordChange } from './login-password-change.js';

/** @typedef {import('../../auth/roles.js').Role} Role */
/** @typedef {{ key: string, retryUntil?: number }} LoginError */

/** Each role's own page when no `next` says otherwise; department staff read their tickets at the desk. */
const HOME_BY_ROLE = new Map([
  ['agent', '/desk'],
  ['department', '/desk'],
  ['supervisor', '/wallboard'],
  ['admin', '/wallboard'],
]);
/** Mirrors requirePageRole in src/http/routes/pages.ts: a `next` the role may not open would only bounce back here. */
export const PAGE_ROLES = new Map([
  ['/wallboard', ['supervisor', 'admin']],
  ['/desk', ['agent', 'supervisor', 'admin', 'department']],
  ['/supervisor', ['supervisor', 'admin']],
  ['/raporlar', ['supervisor', 'admin']],
  ['/basvurular', ['agent', 'supervisor', 'admin']],
  ['/saha', ['agent', 'supervisor', 'admin']],
  ['/yonetim', ['supervisor', 'admin']],
  ['/yonetim/kuyruklar', ['supervisor', 'admin']],
  ['/yonetim/menu', ['admin']],
  ['/yonetim/katalog', ['admin']],
]);

/**
 * The path to go to after sign-in, or null when `next` could lead off this origin
 * ("//host", "/\host", or anything the URL parser would resolve elsewhere).
 * @param {string | null} next
 * @param {string} origin e.g. location.origin
 * @returns {string | null}
 */
export function safeNextPath(next, origin) {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return null;
  try {
    const url = new URL(next, origin);
    return url.origin === origin ? url.pathname + url.search + url.hash : null;
  } catch {
    return null;
  }
}

/**
 * The page a safe path opens: routing ignores case and a trailing slash, and so must the role check.
 * @param {string} path
 */
function pageOf(path) {
  return (path.split(/[?#]/, 1)[0] ?? '').replace(/\/+$/, '').toLowerCase() || '/';
}

/**
 * Where to go after signing in as `role`: a safe `next` the role may open, else the role's own page
 * (an agent sent to the wallboard goes to the desk). Null when the role has no page at all
 * (a role this page does not know), where the caller shows "no access".
 * @param {string} role as the server sent it; a role this page does not know has no page
 * @param {string | null} next the raw `?next=` value
 * @param {string} origin e.g. location.origin
 * @returns {string | null}
 */
export function afterLoginPath(role, next, origin) {
  const home = HOME_BY_ROLE.get(role);
  if (home === undefined) return null;
  const target = safeNextPath(next, origin);
  if (target === null) return home;
  const allowed = PAGE_ROLES.get(pageOf(target));
  return allowed === undefined || allowed.includes(role) ? target : home;
}

/**
 * Seconds to wait from a Retry-After header: delta-seconds or an HTTP date.
 * @param {string | null} header
 * @param {number} [now]
 * @returns {number | null}
 */
export function retryAfterSeconds(header, now = Date.now()) {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/**
 * What the page says for a refused login.
 * @param {number} status
 * @param {string | null} retryAfter
 * @param {number} [now]
 * @returns {LoginError}
 */
export function loginErrorFor(status, retryAfter, now = Date.now()) {
  if (status === 401) return { key: 'login.error.credentials' };
  if (status === 403) return { key: 'login.error.inactive' };
  if (status === 429) return { key: 'login.error.tooMany', retryUntil: now + (retryAfterSeconds(retryAfter, now) ?? 60) * 1000 };
  // Too many logins waiting for a password check at once (shift change): nothing this user did wrong.
  if (status === 503) return { key: 'login.error.busy', retryUntil: now + (retryAfterSeconds(retryAfter, now) ?? 2) * 1000 };
  return { key: 'login.error.unexpected' };
}

/** `?ended=` (src/web/assets/realtime.js): why the server ended the last session. */
const ENDED_NOTICES = new Map([
  ['deactivated', 'login.ended.deactivated'],
  ['password-changed', 'login.ended.passwordChanged'],
  ['role-changed', 'login.ended.roleChanged'],
  ['revoked', 'login.ended.revoked'],
  ['expired', 'login.ended.expired'],
]);

/** The heading names the page being signed into; the role is not known before sign-in. */
const HEADING_BY_PAGE = new Map([
  ['/desk', 'login.heading.desk'],
  ['/wallboard', 'login.heading.wallboard'],
  ['/saha', 'login.heading.saha'],
]);

/**
 * The heading's dictionary key for `?next=`: the desk's or the wallboard's, else a neutral "Alo 153 Girişi".
 * @param {string | null} next the raw `?next=` value
 * @param {string} origin e.g. location.origin
 */
export function loginHeadingKey(next, origin) {
  const target = safeNextPath(next, origin);
  return (target === null ? undefined : HEADING_BY_PAGE.get(pageOf(target))) ?? 'login.heading';
}

/**
 * The notice to show for `?ended=`, or null.
 * @param {string | null} reason
 * @returns {LoginError | null}
 */
export function endedSessionNotice(reason) {
  const key = ENDED_NOTICES.get(reason ?? '');
  return key === undefined ? null : { key };
}

/**
 * @param {string} selector
 * @returns {HTMLElement}
 */
function required(selector) {
  const element = document.querySelector(selector);
  if (!(element instanceof HTMLElement)) throw new Error(`login page lacks ${selector}`);
  return element;
}

function wireLoginPage() {
  const form = /** @type {HTMLFormElement} */ (required('#login-form'));
  const username = /** @type {HTMLInputElement} */ (required('#username'));
  const password = /** @type {HTMLInputElement} */ (required('#password'));
  const submit = /** @type {HTMLButtonElement} */ (required('button[type="submit"]'));
  const errorBox = required('[data-testid="login-error"]');
  const langToggle = required('#lang-toggle');
  required('h1').dataset.i18n = loginHeadingKey(new URLSearchParams(location.search).get('next'), location.origin);

  /** @type {LoginError | null} */
  let error = endedSessionNotice(new URLSearchParams(location.search).get('ended'));
  let busy = false;
  /** @type {ReturnType<typeof setInterval> | undefined} */
  let countdown;

  const renderLangToggle = () => {
    const lang = getLang();
    langToggle.querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === lang));
  };

  const render = () => {
    const waitSeconds = error?.retryUntil === undefined ? 0 : Math.max(0, Math.ceil((error.retryUntil - Date.now()) / 1000));
    if (error?.retryUntil !== undefined && waitSeconds === 0) {
      error = null;
      clearInterval(countdown);
    }
    errorBox.hidden = error === null;
    errorBox.textContent = error ? t(error.key, { seconds: waitSeconds }) : '';
    submit.disabled = busy || waitSeconds > 0;
    submit.textContent = t(busy ? 'login.submitting' : 'login.submit');
  };

  /** @param {LoginError | null} next */
  const showError = (next) => {
    error = next;
    clearInterval(countdown);
    if (next?.retryUntil !== undefined) countdown = setInterval(render, 1000);
    render();
  };

  /** @param {Response} response */
  const errorFor = (response) => loginErrorFor(response.status, response.headers.get('Retry-After'));

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (busy) return;
    const credentials = { username: username.value.trim(), password: password.value };
    if (!credentials.username || !credentials.password) return showError({ key: 'login.error.missing' });
    busy = true;
    showError(null);
    try {
      const response = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(credentials),
        credentials: 'same-origin',
      });
      if (!response.ok) {
        busy = false;
        password.value = '';
        showError(errorFor(response));
        password.focus();
        return;
      }
      const body = /** @type {{ user?: { role?: Role, mustChangePassword?: boolean } }} */ (await response.json());
      const target = afterLoginPath(body.user?.role ?? '', new URLSearchParams(location.search).get('next'), location.origin);
      // An admin's one-time password: the user chooses their own before any page (every API refuses until then).
      if (body.user?.mustChangePassword && target !== null) {
        busy = false;
        render();
        showPasswordChange(credentials.password, () => location.assign(target));
        return;
      }
      if (target === null) {
        // No page would let this account in; end the session so the next person starts clean.
        await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
        busy = false;
        showError({ key: 'login.error.forbidden' });
        return;
      }
      location.assign(target);
    } catch {
      busy = false;
      showError({ key: 'login.error.network' });
    }
  });

  langToggle.addEventListener('click', toggleLang);
  onLangChange(() => {
    translateStatic(document);
    renderLangToggle();
    render();
  });

  document.documentElement.lang = getLang();
  translateStatic(document);
  renderLangToggle();
  render();
  // Sent back by a page while signed in with a one-time password (requirePageRole): the change form at once.
  const query = new URLSearchParams(location.search);
  if (query.get('change') === '1') showPasswordChange('', () => location.assign(safeNextPath(query.get('next'), location.origin) ?? '/'));
}

if (typeof document !== 'undefined') wireLoginPage();
