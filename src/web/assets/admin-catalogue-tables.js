/**
 * /yonetim/katalog: categories and departments, one row each (rename, move, change department, delete) and a row to
 * add one. A refused delete (tickets use the category …) is the API's sentence, shown in the section's status line.
 */

import { t } from './i18n.js';
import { call } from './supervisor-api.js';
import { el, field, select, showProblems, clearProblems } from './admin-menu-dom.js';

/** @typedef {{ code: string, name: string, parentCode: string | null, departmentCode: string, tickets: number, deadline: Record<string, number> | null }} CategoryRow */
/** @typedef {{ code: string, name: string, tickets: number }} DepartmentRow */
/** @typedef {{ categories: CategoryRow[], departments: DepartmentRow[] }} Tables */

/** @param {Record<string, number> | null} spec */
export function deadlineText(spec) {
  if (!spec) return '—';
  const [unit, value] = Object.entries(spec)[0] ?? ['', 0];
  const words = { hours: ['saat', 'hours'], days: ['gün', 'days'], workingDays: ['iş günü', 'working days'] };
  const word = /** @type {Record<string, string[]>} */ (words)[unit] ?? [unit, unit];
  return `${value} ${word[document.documentElement.lang === 'en' ? 1 : 0]}`;
}

/**
 * Sends one change and reports it in `status`; problems go to their fields under `root`.
 * @param {HTMLElement} root @param {HTMLElement} status @param {string} method @param {string} path @param {unknown} [body]
 * @returns {Promise<boolean>}
 */
export async function send(root, status, method, path, body) {
  clearProblems(root);
  const answer = await call(method, path, body);
  if (answer.ok) {
    status.textContent = method === 'DELETE' ? t('ac.deleted') : t('ac.saved');
    status.dataset.tone = 'ok';
    return true;
  }
  const details = Array.isArray(answer.body?.details) ? answer.body.details : [];
  if (details.length > 0) showProblems(root, details);
  status.textContent = details.length > 0 ? `${t('ac.invalid')} ${details.map((/** @type {{ message: string }} */ d) => d.message).join(' · ')}` : t('ac.failed', { error: answer.body?.error ?? answer.status });
  status.dataset.tone = 'bad';
  return false;
}

/**
 * @param {HTMLElement} tbody @param {HTMLElement} status @param {Tables} tables @param {() => void} reload
 */
export function renderCategories(tbody, status, tables, reload) {
  const parents = [{ value: '', label: t('ac.noParent') }, ...tables.categories.filter((c) => c.parentCode === null).map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))];
  const departments = tables.departments.map((d) => ({ value: d.code, label: d.name }));
  const rows = tables.categories.map((row) => {
    const tr = el('tr', { 'data-code': row.code });
    const name = /** @type {HTMLInputElement} */ (el('input', { value: row.name, 'aria-label': `${t('ac.name')} ${row.code}`, 'data-path': 'name' }));
    const parent = select(parents.filter((p) => p.value !== row.code), row.parentCode ?? '', { 'aria-label': `${t('ac.parent')} ${row.code}`, 'data-path': 'parentCode' });
    const department = select(departments, row.departmentCode, { 'aria-label': `${t('ac.department')} ${row.code}`, 'data-path': 'departmentCode' });
    const save = el('button', { type: 'button', class: 'btn btn-small', text: t('ac.save') });
    save.addEventListener('click', async () => {
      if (await send(tr, status, 'PATCH', `/api/admin/catalogue/categories/${encodeURIComponent(row.code)}`, { name: name.value, parentCode: parent.value || null, departmentCode: department.value })) reload();
    });
    const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('ac.delete'), 'data-testid': `category-delete-${row.code}` });
    remove.addEventListener('click', async () => {
      if (await send(tr, status, 'DELETE', `/api/admin/catalogue/categories/${encodeURIComponent(row.code)}`)) reload();
    });
    const errors = el('span', { class: 'field-error', 'data-error-for': 'name', hidden: true });
    tr.append(el('td', { text: row.code }), el('td', {}, [name, errors]), el('td', {}, [parent]), el('td', {}, [department]), el('td', { text: String(row.tickets) }), el('td', { text: deadlineText(row.deadline) }), el('td', {}, [save, remove]));
    return tr;
  });
  tbody.replaceChildren(...rows, addCategoryRow(status, parents, departments, reload));
}

/** @param {HTMLElement} status @param {{ value: string, label: string }[]} parents @param {{ value: string, label: string }[]} departments @param {() => void} reload */
function addCategoryRow(status, parents, departments, reload) {
  const tr = el('tr', { class: 'ac-new' });
  const code = /** @type {HTMLInputElement} */ (el('input', { 'data-testid': 'category-new-code', autocomplete: 'off' }));
  const name = /** @type {HTMLInputElement} */ (el('input', { 'data-testid': 'category-new-name', autocomplete: 'off' }));
  const parent = select(parents, '', { 'data-testid': 'category-new-parent' });
  const department = select(departments, departments[0]?.value ?? '', { 'data-testid': 'category-new-department' });
  const add = el('button', { type: 'button', class: 'btn btn-small btn-primary', text: t('ac.add'), 'data-testid': 'category-add' });
  add.addEventListener('click', async () => {
    if (await send(tr, status, 'POST', '/api/admin/catalogue/categories', { code: code.value, name: name.value, parentCode: parent.value || null, departmentCode: department.value })) reload();
  });
  tr.append(
    el('td', {}, [field(t('ac.code'), code, 'code')]),
    el('td', {}, [field(t('ac.name'), name, 'name')]),
    el('td', {}, [field(t('ac.parent'), parent, 'parentCode')]),
    el('td', {}, [field(t('ac.department'), department, 'departmentCode')]),
    el('td'),
    el('td'),
    el('td', {}, [add]),
  );
  return tr;
}

/** @param {HTMLElement} tbody @param {HTMLElement} status @param {Tables} tables @param {() => void} reload */
export function renderDepartments(tbody, status, tables, reload) {
  const rows = tables.departments.map((row) => {
    const tr = el('tr', { 'data-code': row.code });
    const name = /** @type {HTMLInputElement} */ (el('input', { value: row.name, 'aria-label': `${t('ac.name')} ${row.code}`, 'data-path': 'name' }));
    const save = el('button', { type: 'button', class: 'btn btn-small', text: t('ac.save') });
    save.addEventListener('click', async () => {
      if (await send(tr, status, 'PATCH', `/api/admin/catalogue/departments/${encodeURIComponent(row.code)}`, { name: name.value })) reload();
    });
    const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('ac.delete'), 'data-testid': `department-delete-${row.code}` });
    remove.addEventListener('click', async () => {
      if (await send(tr, status, 'DELETE', `/api/admin/catalogue/departments/${encodeURIComponent(row.code)}`)) reload();
    });
    tr.append(el('td', { text: row.code }), el('td', {}, [name, el('span', { class: 'field-error', 'data-error-for': 'name', hidden: true })]), el('td', { text: String(row.tickets) }), el('td', {}, [save, remove]));
    return tr;
  });
  const tr = el('tr', { class: 'ac-new' });
  const code = /** @type {HTMLInputElement} */ (el('input', { 'data-testid': 'department-new-code', autocomplete: 'off' }));
  const name = /** @type {HTMLInputElement} */ (el('input', { 'data-testid': 'department-new-name', autocomplete: 'off' }));
  const add = el('button', { type: 'button', class: 'btn btn-small btn-primary', text: t('ac.add'), 'data-testid': 'department-add' });
  add.addEventListener('click', async () => {
    if (await send(tr, status, 'POST', '/api/admin/catalogue/departments', { code: code.value, name: name.value })) reload();
  });
  tr.append(el('td', {}, [field(t('ac.code'), code, 'code')]), el('td', {}, [field(t('ac.name'), name, 'name')]), el('td'), el('td', {}, [add]));
  tbody.replaceChildren(...rows, tr);
}
