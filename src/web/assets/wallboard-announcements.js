/**
 * The wallboard's live announcements: the board lists the live, planned and recent ones with how often each was
 * played, served the caller (they hung up after it without choosing) or went on to the menu, live from the
 * `announcements` stream (src/announcements/announcement-stream.ts). The "Duyurular" dialog sets, edits, ends and
 * deletes them (wallboard-announcements-form.js). Text only, never HTML.
 */

import { subscribe } from './realtime.js';
import { t, onLangChange, formatNumber, translateStatic } from './i18n.js';
import { shortIstanbul } from './wallboard-announcements-texts.js';
import { fillForm, scopeText, setScopes, currentScopes } from './wallboard-announcements-form.js';

/**
 * @typedef {{ id: number, text: string | null, source: 'text' | 'upload', scope: string, validFrom: string, validUntil: string,
 *   endedAt: string | null, status: 'scheduled' | 'active' | 'ended', played: number, served: number, continued: number }} AnnouncementItem
 */

const list = document.getElementById('ann-list');
const manage = document.getElementById('ann-manage');
const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('ann-dialog'));
const openButton = document.getElementById('announce-open');
const closeButton = document.getElementById('ann-close');
const newButton = document.getElementById('ann-new');

/** @type {AnnouncementItem[]} */
let items = [];
let textMaxLength = 500;
const STATUS_ORDER = { active: 0, scheduled: 1, ended: 2 };
/** The board keeps to what fits: live and planned first, then the latest ended. */
const BOARD_ROWS = 6;

/** @param {string} tag @param {string} className @param {string} text */
function el(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/** @param {AnnouncementItem} item */
function scopeLabel(item) {
  const scope = currentScopes().find((entry) => entry.id === item.scope);
  return scope ? scopeText(scope) : item.scope;
}

/** @param {AnnouncementItem} item */
function summary(item) {
  const box = document.createElement('div');
  box.className = 'ann-summary';
  const head = el('p', 'ann-head', '');
  head.append(el('span', `ann-status is-${item.status}`, t(`ann.status.${item.status}`)), el('span', 'ann-text', item.text ?? t('ann.recording')));
  const meta = el('p', 'ann-meta', `${scopeLabel(item)} · ${shortIstanbul(item.validFrom)}–${shortIstanbul(item.endedAt ?? item.validUntil)}`);
  const counts = el('p', 'ann-counts', '');
  for (const [key, value] of /** @type {const} */ ([['played', item.played], ['served', item.served], ['continued', item.continued]])) {
    const count = el('span', `ann-count ann-${key}`, `${t(`ann.${key}`)} `);
    const figure = el('strong', '', formatNumber(value));
    figure.dataset.testid = `ann-${key}`;
    count.append(figure);
    counts.append(count);
  }
  box.append(head, meta, counts);
  return box;
}

/** @param {string} method @param {string} url */
async function act(method, url) {
  const response = await fetch(url, { method, credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) console.warn('announcement action failed', method, url, response.status);
}

/** @param {AnnouncementItem} item */
function manageRow(item) {
  const row = document.createElement('li');
  row.className = 'ann-item';
  row.dataset.id = String(item.id);
  row.append(summary(item));
  const actions = el('div', 'ann-row-actions', '');
  if (item.status !== 'ended') {
    const edit = el('button', 'ann-button', t('ann.editAction'));
    edit.addEventListener('click', () => fillForm(item));
    const end = el('button', 'ann-button', t('ann.endAction'));
    end.addEventListener('click', () => void act('POST', `/api/announcements/${item.id}/end`));
    actions.append(edit, end);
  }
  const remove = el('button', 'ann-button is-danger', t('ann.deleteAction'));
  remove.addEventListener('click', () => {
    if (window.confirm(t('ann.confirmDelete'))) void act('DELETE', `/api/announcements/${item.id}`);
  });
  actions.append(remove);
  actions.querySelectorAll('button').forEach((button) => button.setAttribute('type', 'button'));
  row.append(actions);
  return row;
}

function render() {
  const sorted = [...items].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || Date.parse(b.validFrom) - Date.parse(a.validFrom));
  if (list) {
    const shown = sorted.slice(0, BOARD_ROWS).map((item) => {
      const row = document.createElement('li');
      row.className = 'ann-item';
      row.dataset.id = String(item.id);
      row.append(summary(item));
      return row;
    });
    list.replaceChildren(...(shown.length > 0 ? shown : [el('li', 'ann-empty', t('ann.none'))]));
  }
  manage?.replaceChildren(...sorted.map(manageRow));
}

if (list) {
  // The page translated itself before this module added its texts: these parts are translated again now.
  for (const root of [document.querySelector('.voice'), dialog, openButton?.parentElement]) if (root) translateStatic(root);
  subscribe('announcements', (stream) => {
    const meta = /** @type {{ scopes?: Array<{ id: string, label: string | null }>, textMaxLength?: number } | undefined} */ (stream.entries.meta);
    textMaxLength = meta?.textMaxLength ?? textMaxLength;
    if (meta?.scopes) setScopes(meta.scopes, textMaxLength);
    items = Object.entries(stream.entries)
      .filter(([key]) => key.startsWith('item:'))
      .map(([, value]) => /** @type {AnnouncementItem} */ (value));
    render();
    list.dataset.ready = 'true';
  });
  onLangChange(() => {
    setScopes(currentScopes(), textMaxLength);
    render();
  });
  openButton?.addEventListener('click', () => {
    fillForm(null);
    dialog?.showModal();
  });
  closeButton?.addEventListener('click', () => dialog?.close());
  newButton?.addEventListener('click', () => fillForm(null));
}
