/**
 * The menus of the IVR editor: each menu's prompt, its optional timeouts and its options (key, label, target). Every
 * control carries the API's field path, so a problem the engine's schema reports lands next to its field.
 */

import { t } from './i18n.js';
import { el, field, select } from './admin-menu-dom.js';

/** @typedef {import('./admin-menu-state.js').MenuDraft} MenuDraft */
/** @typedef {import('./admin-menu-state.js').MenuRow} MenuRow */
/** @typedef {import('./admin-menu-state.js').OptionRow} OptionRow */
/** @typedef {{ queues: { value: string, label: string }[], categories: { value: string, label: string }[] }} Choices */

/**
 * @param {HTMLElement} container
 * @param {MenuDraft} draft
 * @param {Choices} choices
 * @param {(structural: boolean) => void} changed  structural: keys, names or kinds changed (the form is redrawn)
 */
export function renderMenus(container, draft, choices, changed) {
  const start = String(draft.rest.start ?? '');
  const menuNames = draft.menus.map((menu) => ({ value: menu.name, label: menu.name }));
  container.replaceChildren(...draft.menus.map((menu) => menuSection(menu, start, menuNames, choices, draft, changed)), addMenuControl(draft, changed));
}

/**
 * @param {MenuRow} menu @param {string} start @param {{ value: string, label: string }[]} menuNames @param {Choices} choices
 * @param {MenuDraft} draft @param {(structural: boolean) => void} changed
 */
function menuSection(menu, start, menuNames, choices, draft, changed) {
  const base = `menus.${menu.name}`;
  const prompt = /** @type {HTMLInputElement} */ (el('input', { value: menu.prompt, list: 'am-prompts', 'data-testid': `menu-${menu.name}-prompt`, autocomplete: 'off' }));
  prompt.addEventListener('input', () => ((menu.prompt = prompt.value), changed(false)));
  const numbers = /** @type {const} */ (['firstDigitTimeoutMs', 'interDigitTimeoutMs', 'maxRetries']).map((name) => {
    const input = /** @type {HTMLInputElement} */ (el('input', { type: 'number', min: '0', value: menu[name], inputmode: 'numeric' }));
    input.addEventListener('input', () => ((menu[name] = input.value), changed(false)));
    return field(t(`am.menu.${name}`), input, `${base}.${name}`);
  });
  const remove = el('button', { type: 'button', class: 'btn btn-small btn-danger', text: t('am.menu.remove'), hidden: menu.name === start });
  remove.addEventListener('click', () => {
    draft.menus.splice(draft.menus.indexOf(menu), 1);
    changed(true);
  });
  const legend = el('legend', { text: `${t('am.menu', { name: menu.name })}${menu.name === start ? ` ${t('am.menu.start')}` : ''}` });
  const table = el('table', { class: 'sup-table am-options', 'data-testid': `menu-${menu.name}-options` }, [
    el('caption', { class: 'visually-hidden', text: t('am.option.optionsOf', { menu: menu.name }) }),
    el('thead', {}, [el('tr', {}, ['am.option.key', 'am.option.label', 'am.option.kind', 'am.option.target', 'am.option.category', ''].map((key) => el('th', { scope: 'col', text: key ? t(key) : '' })))]),
    el('tbody', {}, menu.options.map((row) => optionRowElement(row, menu, menuNames, choices, changed))),
  ]);
  const add = el('button', { type: 'button', class: 'btn btn-small', text: t('am.option.add'), 'data-testid': `menu-${menu.name}-add` });
  add.addEventListener('click', () => {
    const used = new Set(menu.options.map((row) => row.key));
    const key = ['1', '2', '3', '4', '5', '6', '7', '0'].find((candidate) => !used.has(candidate)) ?? '';
    menu.options.push({ key, label: '', kind: 'queue', menu: '', queue: choices.queues[0]?.value ?? '', category: '' });
    changed(true);
  });
  return el('fieldset', { class: 'panel am-menu', 'data-menu': menu.name, 'data-testid': `menu-${menu.name}` }, [
    legend,
    el('span', { class: 'field-error', 'data-error-for': base, hidden: true }),
    el('div', { class: 'form-grid' }, [field(t('am.menu.prompt'), prompt, `${base}.prompt`), ...numbers]),
    table,
    el('span', { class: 'field-error', 'data-error-for': `${base}.options`, hidden: true }),
    el('div', { class: 'form-actions' }, [add, remove]),
  ]);
}

/**
 * @param {OptionRow} row @param {MenuRow} menu @param {{ value: string, label: string }[]} menuNames @param {Choices} choices
 * @param {(structural: boolean) => void} changed
 */
function optionRowElement(row, menu, menuNames, choices, changed) {
  const path = `menus.${menu.name}.options.${row.key}`;
  const id = `${menu.name}-${row.key}`;
  const cell = (/** @type {HTMLElement} */ control, /** @type {string} */ fieldPath, /** @type {string} */ label) => {
    control.dataset.path = fieldPath;
    control.setAttribute('aria-label', `${label} (${row.key})`);
    return el('td', {}, [control, el('span', { class: 'field-error', 'data-error-for': fieldPath, hidden: true })]);
  };
  const key = /** @type {HTMLInputElement} */ (el('input', { value: row.key, size: '3', inputmode: 'numeric', 'data-testid': `option-${id}-key` }));
  key.addEventListener('change', () => ((row.key = key.value.trim()), changed(true)));
  const label = /** @type {HTMLInputElement} */ (el('input', { value: row.label, 'data-testid': `option-${id}-label` }));
  label.addEventListener('input', () => ((row.label = label.value), changed(false)));
  const kinds = ['menu', 'queue', 'status'].map((value) => ({ value, label: t(`am.kind.${value}`) }));
  const kind = select(kinds, row.kind, { 'data-testid': `option-${id}-kind` });
  kind.addEventListener('change', () => ((row.kind = /** @type {OptionRow['kind']} */ (kind.value)), changed(true)));
  const targets = row.kind === 'menu' ? menuNames.filter((name) => name.value !== menu.name) : choices.queues;
  const target = select(targets, row.kind === 'menu' ? row.menu : row.queue, { 'data-testid': `option-${id}-target` });
  target.hidden = row.kind === 'status';
  target.addEventListener('change', () => {
    if (row.kind === 'menu') row.menu = target.value;
    else row.queue = target.value;
    changed(false);
  });
  const category = select([{ value: '', label: '—' }, ...choices.categories], row.category, { 'data-testid': `option-${id}-category` });
  category.hidden = row.kind !== 'queue';
  category.addEventListener('change', () => ((row.category = category.value), changed(false)));
  const remove = el('button', { type: 'button', class: 'btn btn-small', text: t('am.option.remove'), 'aria-label': `${t('am.option.remove')} ${row.key}` });
  remove.addEventListener('click', () => {
    menu.options.splice(menu.options.indexOf(row), 1);
    changed(true);
  });
  return el('tr', { 'data-row': path, 'data-testid': `option-${id}` }, [
    cell(key, `${path}`, t('am.option.key')),
    cell(label, `${path}.label`, t('am.option.label')),
    el('td', {}, [kind]),
    cell(target, `${path}.${row.kind === 'menu' ? 'menu' : 'queue'}`, t('am.option.target')),
    cell(category, `${path}.category`, t('am.option.category')),
    el('td', {}, [remove]),
  ]);
}

/** @param {MenuDraft} draft @param {(structural: boolean) => void} changed */
function addMenuControl(draft, changed) {
  const name = /** @type {HTMLInputElement} */ (el('input', { 'data-testid': 'menu-new-name', autocomplete: 'off', pattern: '[A-Za-z0-9][A-Za-z0-9_-]*' }));
  const add = el('button', { type: 'button', class: 'btn btn-small', text: t('am.menu.add'), 'data-testid': 'menu-add' });
  add.addEventListener('click', () => {
    const value = name.value.trim();
    if (value === '' || draft.menus.some((menu) => menu.name === value)) return;
    draft.menus.push({ name: value, prompt: '', firstDigitTimeoutMs: '', interDigitTimeoutMs: '', maxRetries: '', options: [] });
    changed(true);
  });
  return el('div', { class: 'form-actions am-add-menu' }, [field(t('am.menu.newName'), name, 'menus'), add]);
}
