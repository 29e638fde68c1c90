/**
 * /yonetim: the users. Admins create (a one-time password is shown once unless they type one), edit name, role,
 * department, phone and queues, reset a password, deactivate and reactivate; supervisors change agents' queues.
 * Each account's change history (who, when, old → new) is shown under its form. Rules and messages are the API's.
 */

import './admin-users-texts.js';
import { getLang, onLangChange, t, toggleLang, translateStatic } from './i18n.js';
import { renderAdminNav } from './admin-nav.js';
import { call, me } from './supervisor-api.js';
import { el, clearProblems, showProblems } from './admin-menu-dom.js';
import { istanbulDateTime, pbxText, refusalText, renderHistory } from './admin-users-common.js';
import { readUserForm, renderUserForm } from './admin-users-form.js';

/** @typedef {import('./admin-users-form.js').AdminUser} AdminUser */
/** @typedef {import('./admin-users-form.js').FormChoices} FormChoices */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const createForm = /** @type {HTMLFormElement} */ (byId('au-create'));
const editForm = /** @type {HTMLFormElement} */ (byId('au-edit'));

/** @type {AdminUser[]} */
let users = [];
/** @type {FormChoices} */
let choices = { queues: [], departments: [], actorRole: 'supervisor' };
/** @type {AdminUser | null} */
let editing = null;

/**
 * @param {string} text
 * @param {'ok' | 'bad'} tone
 * @param {string} [secret] a one-time password, in its own element so it can be copied
 */
function say(text, tone, secret) {
  const status = byId('au-status');
  status.className = `notice ${tone === 'ok' ? 'notice-info' : 'notice-bad'}`;
  status.replaceChildren(text);
  if (secret !== undefined) status.append(' ', el('code', { class: 'au-one-time', 'data-testid': 'one-time-password', text: secret }));
  status.hidden = false;
}

/**
 * @param {HTMLFormElement} form
 * @param {{ status: number, body: any }} answer
 */
function refused(form, answer) {
  const details = Array.isArray(answer.body.details) ? answer.body.details : answer.body.details?.field ? [{ path: answer.body.details.field, message: answer.body.error }] : [];
  showProblems(form, details);
  say(t('au.failed', { error: refusalText(answer.body) }), 'bad');
}

/** @param {AdminUser} user */
function queuesText(user) {
  if (user.queues === null) return t('au.queues.all');
  return user.queues.length === 0 ? t('au.queues.none') : user.queues.join(', ');
}

function renderUsers() {
  byId('au-users').replaceChildren(
    ...users.map((user) => {
      const edit = el('button', { type: 'button', class: 'btn btn-small', 'data-testid': `edit-${user.username}`, text: t('au.edit') });
      edit.addEventListener('click', () => void openEditor(user.id));
      const state = user.active ? t('au.active') + (user.mustChangePassword ? ` (${t('au.mustChange')})` : '') : t('au.inactive');
      return el('tr', { class: user.active ? '' : 'au-inactive', 'data-testid': `user-${user.username}` }, [
        el('td', { text: user.username }),
        el('td', { text: user.displayName }),
        el('td', { text: t(`au.role.${user.role}`) }),
        el('td', { text: user.phoneInterface ?? '—' }),
        el('td', { text: queuesText(user) }),
        el('td', { 'data-testid': 'user-state', text: state }),
        el('td', { text: user.lastLoginAt ? istanbulDateTime(user.lastLoginAt) : t('au.never') }),
        el('td', {}, [edit]),
      ]);
    }),
  );
}

async function reload() {
  const answer = await call('GET', '/api/admin/users');
  if (answer.ok) users = answer.body.items;
  renderUsers();
  if (editing) editing = users.find((user) => user.id === editing?.id) ?? null;
}

/** @param {number} id */
async function openEditor(id) {
  editing = users.find((user) => user.id === id) ?? null;
  if (!editing) return;
  byId('au-edit-panel').hidden = false;
  byId('au-edit-title').textContent = t('au.editing', { username: editing.username });
  renderUserForm(editForm, editing, choices);
  renderAccountActions(editing);
  const history = await call('GET', `/api/admin/users/${id}/history`);
  if (history.ok) renderHistory(byId('au-history'), history.body.items);
}

/** @param {AdminUser} user */
function renderAccountActions(user) {
  const box = byId('au-account-actions');
  if (choices.actorRole !== 'admin') return box.replaceChildren();
  const typed = /** @type {HTMLInputElement} */ (el('input', { type: 'password', autocomplete: 'new-password', maxlength: '200', 'aria-label': t('au.resetPassword'), placeholder: t('au.resetPassword'), 'data-testid': 'reset-password' }));
  const reset = el('button', { type: 'button', class: 'btn', 'data-testid': 'user-reset', text: t('au.reset') });
  reset.addEventListener('click', () => void resetPassword(user, typed.value));
  const toggle = el('button', { type: 'button', class: user.active ? 'btn btn-danger' : 'btn btn-good', 'data-testid': user.active ? 'user-deactivate' : 'user-activate', text: t(user.active ? 'au.deactivate' : 'au.activate') });
  toggle.addEventListener('click', () => void setActive(user, !user.active));
  box.replaceChildren(typed, reset, toggle);
}

/** @param {AdminUser} user @param {string} typed */
async function resetPassword(user, typed) {
  const answer = await call('POST', `/api/admin/users/${user.id}/password`, typed === '' ? undefined : { password: typed });
  if (!answer.ok) return say(t('au.failed', { error: refusalText(answer.body) }), 'bad');
  if (answer.body.oneTimePassword) say(t('au.oneTime', { password: '' }), 'ok', answer.body.oneTimePassword);
  else say(t('au.oneTimeTyped'), 'ok');
  await reload();
  await openEditor(user.id);
}

/** @param {AdminUser} user @param {boolean} active */
async function setActive(user, active) {
  const answer = await call('POST', `/api/admin/users/${user.id}/${active ? 'activate' : 'deactivate'}`);
  if (!answer.ok) return say(t('au.failed', { error: refusalText(answer.body) }), 'bad');
  say(t('au.saved'), 'ok');
  await reload();
  await openEditor(user.id);
}

createForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearProblems(createForm);
  const answer = await call('POST', '/api/admin/users', readUserForm(createForm, choices.actorRole, true));
  if (!answer.ok) return refused(createForm, answer);
  if (answer.body.oneTimePassword) say(t('au.oneTime', { password: '' }), 'ok', answer.body.oneTimePassword);
  else say(t('au.oneTimeTyped'), 'ok');
  renderUserForm(createForm, null, choices);
  await reload();
});

editForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!editing) return;
  clearProblems(editForm);
  const answer = await call('PATCH', `/api/admin/users/${editing.id}`, readUserForm(editForm, choices.actorRole, false));
  if (!answer.ok) return refused(editForm, answer);
  const pushes = Object.entries(answer.body.queues ?? {}).map(([queue, outcome]) => `${queue}: ${pbxText(/** @type {{ state: string, error: string | null }} */ (outcome))}`);
  say(pushes.length > 0 ? t('au.savedPbx', { pbx: pushes.join('; ') }) : t('au.saved'), 'ok');
  await reload();
  await openEditor(answer.body.user.id);
});

function renderLangToggle() {
  byId('lang-toggle').querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === getLang()));
}

async function start() {
  const [self, queues, catalogue] = await Promise.all([me(), call('GET', '/api/admin/queues'), call('GET', '/api/catalogue')]);
  const role = self.ok ? self.body.user.role : 'supervisor';
  choices = { actorRole: role, queues: queues.ok ? queues.body.items : [], departments: catalogue.ok ? catalogue.body.departments : [] };
  if (self.ok) byId('user-name').textContent = self.body.user.displayName;
  byId('au-create-panel').hidden = role !== 'admin';
  byId('au-supervisor-note').hidden = role === 'admin';
  renderUserForm(createForm, null, choices);
  await reload();
  document.body.dataset.ready = 'true';
}

byId('lang-toggle').addEventListener('click', toggleLang);
onLangChange(() => {
  document.documentElement.lang = getLang();
  translateStatic(document);
  renderAdminNav(byId('admin-nav'), '/yonetim', getLang());
  renderLangToggle();
  renderUsers();
  renderUserForm(createForm, null, choices);
  if (editing) void openEditor(editing.id);
});
document.documentElement.lang = getLang();
translateStatic(document);
renderAdminNav(byId('admin-nav'), '/yonetim', getLang());
renderLangToggle();
void start();
