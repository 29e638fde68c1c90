/**
 * The wallboard's "Talepler" section: per department the open requests, those due soon and overdue (red),
 * the median times to accept, to answer and to tell the citizen, and the shares answered within the
 * deadline (all, and CİMER's). From GET /api/figures/lifecycle (today), again every minute and whenever
 * the deadline clock says something on the `escalations` stream. Text only, never HTML.
 */

import { subscribe } from './realtime.js';
import { t, onLangChange, formatNumber, formatPercent } from './i18n.js';
import { compareRows, formatSpan } from './requests-format.js';

/** @typedef {import('./requests-format.js').FiguresRow} FiguresRow */
/** @typedef {{ byDepartment: FiguresRow[], total: FiguresRow }} Figures */

const REFRESH_MS = 60_000;
/** Several notifications in one clock run: one reload. */
const DEBOUNCE_MS = 1000;

const section = document.getElementById('requests');
const rows = document.getElementById('requests-rows');
const status = document.getElementById('requests-status');

/** @type {Figures | null} */
let shown = null;

/**
 * @param {string} tag
 * @param {string} className
 * @param {string} text
 */
function cell(tag, className, text) {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
}

/**
 * @param {FiguresRow} row
 * @param {boolean} total
 */
function renderRow(row, total) {
  const tr = document.createElement('tr');
  tr.dataset.department = total ? '*' : (row.department ?? '');
  if (total) tr.className = 'requests-total';
  const name = total ? t('requests.total') : (row.name ?? row.department ?? t('requests.noDepartment'));
  tr.append(
    cell('th', 'col-name', name),
    cell('td', 'num', formatNumber(row.open)),
    cell('td', `num${row.dueSoon > 0 ? ' is-warn' : ''}`, formatNumber(row.dueSoon)),
    cell('td', `num${row.overdue > 0 ? ' is-bad' : ''}`, formatNumber(row.overdue)),
    cell('td', 'span', formatSpan(row.acceptMedianS)),
    cell('td', 'span', formatSpan(row.answerMedianS)),
    cell('td', 'span', formatSpan(row.informMedianS)),
    cell('td', 'num', formatPercent(row.inTimeShare)),
    cell('td', 'num', formatPercent(row.cimer.inTimeShare)),
  );
  const th = tr.firstElementChild;
  if (th) th.setAttribute('scope', 'row');
  const overdue = tr.children[3];
  if (overdue) overdue.setAttribute('data-testid', 'requests-overdue');
  return tr;
}

function render() {
  if (!rows || !shown) return;
  const departments = [...shown.byDepartment].sort(compareRows);
  rows.replaceChildren(...departments.map((row) => renderRow(row, false)), renderRow(shown.total, true));
}

async function load() {
  try {
    const response = await fetch('/api/figures/lifecycle', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    shown = /** @type {Figures} */ (await response.json());
    if (status) status.hidden = true;
    render();
    if (section) section.dataset.ready = 'true';
  } catch (error) {
    // The last figures stay up, marked as not fresh; the next minute tries again.
    console.warn('request figures not loaded', error instanceof Error ? error.message : String(error));
    if (status) status.hidden = false;
  }
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;
function reloadSoon() {
  clearTimeout(pending);
  pending = setTimeout(() => void load(), DEBOUNCE_MS);
}

if (section && rows) {
  void load();
  setInterval(() => void load(), REFRESH_MS);
  let first = true;
  subscribe('escalations', () => {
    // The snapshot on (re)connect is not news; every later change is.
    if (first) {
      first = false;
      return;
    }
    reloadSoon();
  });
  onLangChange(render);
}
