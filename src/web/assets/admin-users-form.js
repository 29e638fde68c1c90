/** The user forms of /yonetim: the same fields for "new user" and "edit", read back into the API's body. */

import './admin-users-texts.js';
import { t } from './i18n.js';
import { el, field, select } from './admin-menu-dom.js';

/** @typedef {'agent' | 'supervisor' | 'department' | 'admin'} Role */
/** @typedef {{ id: number, username: string, displayName: string, role: Role, phoneInterface: string | null, department: string | null, queues: string[] | null, active: boolean, mustChangePassword: boolean, lastLoginAt: string | null }} AdminUser */
/** @typedef {{ queues: { name: string, label: { tr: string, en: string } }[], departments: { code: string, name: string }[], actorRole: Role }} FormChoices */

export const ROLES = /** @type {Role[]} */ (['agent', 'supervisor', 'department', 'admin']);

/**
 * @param {string} name
 * @param {string} value
 * @param {Record<string, string | boolean | undefined>} [attrs]
 */
const input = (name, value, attrs = {}) => {
  const element = /** @type {HTMLInputElement} */ (el('input', { name, ...attrs }));
  element.value = value;
  return element;
};

/**
 * Fills `form` with the fields of a new user (`user` null) or of `user`; supervisors get the queues only.
 * @param {HTMLFormElement} form
 * @param {AdminUser | null} user
 * @param {FormChoices} choices
 */
export function renderUserForm(form, user, choices) {
  const admin = choices.actorRole === 'admin';
  const queuesMode = user === null || user.queues === null ? 'all' : 'list';
  const boxes = choices.queues.map((queue) => {
    const box = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', name: 'queue', value: queue.name, 'data-testid': `queue-${queue.name}` }));
    box.checked = user?.queues?.includes(queue.name) ?? false;
    return el('label', {}, [box, ` ${queue.label.tr}`]);
  });
  const all = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox', name: 'allQueues', 'data-testid': 'queues-all' }));
  all.checked = queuesMode === 'all';
  const children = [];
  if (user === null) children.push(field(t('au.username'), input('username', '', { autocomplete: 'off', maxlength: '40', 'data-testid': 'field-username' }), 'username'));
  if (admin) {
    children.push(
      field(t('au.displayName'), input('displayName', user?.displayName ?? '', { maxlength: '120', 'data-testid': 'field-displayName' }), 'displayName'),
      field(t('au.role'), select(ROLES.map((role) => ({ value: role, label: t(`au.role.${role}`) })), user?.role ?? 'agent', { name: 'role', 'data-testid': 'field-role' }), 'role'),
      field(
        t('au.department'),
        select([{ value: '', label: t('au.department.none') }, ...choices.departments.map((d) => ({ value: d.code, label: d.name }))], user?.department ?? '', { name: 'department' }),
        'department',
      ),
      field(t('au.phoneInterface'), input('phoneInterface', user?.phoneInterface ?? '', { maxlength: '80', 'data-testid': 'field-phoneInterface' }), 'phoneInterface'),
    );
    if (user === null) children.push(field(t('au.password'), input('password', '', { type: 'password', autocomplete: 'new-password', maxlength: '200' }), 'password'));
  }
  children.push(el('fieldset', {}, [el('legend', { text: t('au.queues') }), el('label', {}, [all, ` ${t('au.queues.all')}`]), ...boxes]));
  children.push(el('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': user === null ? 'user-add' : 'user-save', text: t(user === null ? 'au.add' : 'au.save') }));
  form.replaceChildren(...children);
}

/**
 * The API body from the form: only what the actor may send (supervisors: queues).
 * @param {HTMLFormElement} form
 * @param {Role} actorRole
 * @param {boolean} creating
 * @returns {Record<string, unknown>}
 */
export function readUserForm(form, actorRole, creating) {
  const data = new FormData(form);
  const text = (/** @type {string} */ name) => String(data.get(name) ?? '').trim();
  const queues = data.get('allQueues') ? null : data.getAll('queue').map(String);
  /** @type {Record<string, unknown>} */
  const body = { queues };
  if (creating) body.username = text('username');
  if (actorRole === 'admin') {
    body.displayName = text('displayName');
    body.role = text('role');
    body.department = text('department') || null;
    body.phoneInterface = text('phoneInterface') || null;
    if (creating && String(data.get('password') ?? '') !== '') body.password = String(data.get('password'));
  }
  return body;
}
