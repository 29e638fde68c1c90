/**
 * The IVR editor's preview: the menu as a caller walks it, from the start menu, as a tree (WAI-ARIA tree pattern:
 * one tab stop, ↑ ↓ move, → opens or goes in, ← closes or goes out, Home / End). A sub-menu already on the path is
 * shown as a way back, not opened again, so a loop in the menu stays a finite tree.
 */

import { t } from './i18n.js';
import { el } from './admin-menu-dom.js';

/** @typedef {import('./admin-menu-state.js').MenuDraft} MenuDraft */
/** @typedef {import('./admin-menu-state.js').MenuRow} MenuRow */

/** @param {MenuRow} menu @param {Map<string, MenuRow>} byName @param {string[]} path @returns {HTMLElement} */
function menuItem(menu, byName, path) {
  const group = el('ul', { role: 'group' });
  for (const row of menu.options) {
    const params = { key: row.key, label: row.label, menu: row.menu, queue: row.queue, category: row.category };
    const sub = row.kind === 'menu' ? byName.get(row.menu) : undefined;
    if (sub && !path.includes(sub.name)) {
      const item = menuItem(sub, byName, [...path, sub.name]);
      const label = /** @type {HTMLElement} */ (item.firstElementChild);
      label.textContent = `${t('am.preview.toMenu', params)} · ${label.textContent}`;
      group.append(item);
      continue;
    }
    const key = row.kind === 'status' ? 'am.preview.status' : row.kind === 'queue' ? 'am.preview.toQueue' : sub ? 'am.preview.loop' : 'am.preview.toMenu';
    group.append(el('li', { role: 'treeitem', tabindex: '-1', 'data-key': row.key }, [el('span', { text: t(key, params) })]));
  }
  return el('li', { role: 'treeitem', 'aria-expanded': 'true', tabindex: '-1', 'data-menu': menu.name }, [
    el('span', { text: t('am.preview.menu', { name: menu.name, prompt: menu.prompt }) }),
    group,
  ]);
}

/** @param {HTMLElement} container @param {MenuDraft} draft */
export function renderTree(container, draft) {
  const byName = new Map(draft.menus.map((menu) => [menu.name, menu]));
  const start = byName.get(String(draft.rest.start ?? ''));
  const tree = el('ul', { role: 'tree', 'aria-label': t('am.preview'), 'data-testid': 'menu-tree', class: 'am-tree' });
  if (start) tree.append(menuItem(start, byName, [start.name]));
  const reached = new Set(Array.from(tree.querySelectorAll('[data-menu]')).map((item) => /** @type {HTMLElement} */ (item).dataset.menu));
  const orphans = draft.menus.filter((menu) => !reached.has(menu.name));
  for (const orphan of orphans) tree.append(menuItem(orphan, byName, [orphan.name]));
  if (orphans.length > 0) tree.lastElementChild?.before(el('li', { role: 'none', class: 'muted', text: t('am.preview.unreachable') }));
  const first = /** @type {HTMLElement | null} */ (tree.querySelector('[role="treeitem"]'));
  if (first) first.tabIndex = 0;
  tree.addEventListener('keydown', (event) => onKey(tree, event));
  tree.addEventListener('click', (event) => {
    const item = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[role="treeitem"]'));
    if (item) focusItem(tree, item);
  });
  container.replaceChildren(tree);
}

/** @param {HTMLElement} tree */
const visibleItems = (tree) =>
  /** @type {HTMLElement[]} */ (Array.from(tree.querySelectorAll('[role="treeitem"]'))).filter((item) => !item.parentElement?.closest('[aria-expanded="false"]'));

/** @param {HTMLElement} tree @param {HTMLElement} item */
function focusItem(tree, item) {
  tree.querySelectorAll('[role="treeitem"]').forEach((other) => (/** @type {HTMLElement} */ (other).tabIndex = -1));
  item.tabIndex = 0;
  item.focus();
}

/** @param {HTMLElement} tree @param {KeyboardEvent} event */
function onKey(tree, event) {
  const item = /** @type {HTMLElement | null} */ (/** @type {HTMLElement} */ (event.target).closest('[role="treeitem"]'));
  if (!item) return;
  const items = visibleItems(tree);
  const index = items.indexOf(item);
  const expanded = item.getAttribute('aria-expanded');
  /** @type {HTMLElement | undefined} */
  let next;
  if (event.key === 'ArrowDown') next = items[index + 1];
  else if (event.key === 'ArrowUp') next = items[index - 1];
  else if (event.key === 'Home') next = items[0];
  else if (event.key === 'End') next = items[items.length - 1];
  else if (event.key === 'ArrowRight') {
    if (expanded === 'false') item.setAttribute('aria-expanded', 'true');
    else if (expanded === 'true') next = /** @type {HTMLElement | undefined} */ (item.querySelector('[role="treeitem"]') ?? undefined);
  } else if (event.key === 'ArrowLeft') {
    if (expanded === 'true') item.setAttribute('aria-expanded', 'false');
    else next = /** @type {HTMLElement | undefined} */ (item.parentElement?.closest('[role="treeitem"]') ?? undefined);
  } else return;
  event.preventDefault();
  if (next) focusItem(tree, next);
}
