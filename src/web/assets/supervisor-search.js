/**
 * The supervisor's search form: number (short forms too: 26, 2026-26, 153-2026-), phone, text, department, status,
 * source, overdue; 50 results a page from GET /api/tickets. A result opens the ticket in the workspace.
 */

import { t, translateStatic } from './i18n.js';
import { searchTickets } from './supervisor-api.js';
import { lifecycle, statusName, sourceName, departmentLabel, when, failureMessage } from './supervisor-labels.js';
import { catalogue } from './desk-catalogue.js';

const PAGE = 50;
const form = /** @type {HTMLFormElement} */ (document.getElementById('find-form'));
const results = /** @type {HTMLElement} */ (document.getElementById('find-results'));
const summary = /** @type {HTMLElement} */ (document.getElementById('find-summary'));
const error = /** @type {HTMLElement} */ (document.getElementById('find-error'));
const pager = /** @type {HTMLElement} */ (document.getElementById('find-pager'));
const prev = /** @type {HTMLButtonElement} */ (document.getElementById('find-prev'));
const next = /** @type {HTMLButtonElement} */ (document.getElementById('find-next'));

let offset = 0;
/** @type {Record<string, string>} */
let lastQuery = {};
/** @type {(number: string) => void} */
let open = () => undefined;

/** @param {HTMLSelectElement} select @param {string[]} values @param {(value: string) => string} name */
function fill(select, values, name) {
  const chosen = select.value;
  select.replaceChildren(new Option(t('sup.find.any'), ''), ...values.map((value) => new Option(name(value), value)));
  select.value = chosen;
}

export function renderSearchLabels() {
  fill(/** @type {HTMLSelectElement} */ (form.elements.namedItem('department')), catalogue.departments.map((d) => d.code), departmentLabel);
  fill(/** @type {HTMLSelectElement} */ (form.elements.namedItem('status')), lifecycle.statuses, statusName);
  fill(/** @type {HTMLSelectElement} */ (form.elements.namedItem('source')), lifecycle.sources, sourceName);
  translateStatic(form);
}

/** @param {number} at */
async function run(at) {
  error.hidden = true;
  const result = await searchTickets({ ...lastQuery, limit: String(PAGE), offset: String(at) });
  if (!result.ok) {
    const details = result.status === 400 && Array.isArray(result.body?.details) ? result.body.details : [];
    const field = details[0]?.path ?? '';
    error.textContent = field === 'number' ? t('sup.find.badNumber') : field === 'phone' ? t('sup.find.badPhone') : failureMessage(result);
    error.hidden = false;
    return;
  }
  offset = at;
  /** @type {Array<Record<string, any>>} */
  const items = result.body.items;
  results.replaceChildren(
    ...items.map((ticket) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn sup-item';
      button.dataset.testid = `find-${ticket.number}`;
      button.textContent = [ticket.number, statusName(ticket.status), sourceName(ticket.source), departmentLabel(ticket.departmentCode), when(ticket.createdAt)].join(' · ');
      button.addEventListener('click', () => open(ticket.number));
      item.append(button);
      return item;
    }),
  );
  summary.textContent = t('sup.find.summary', { total: result.body.total, from: items.length ? at + 1 : 0, to: at + items.length });
  pager.hidden = result.body.total <= PAGE;
  prev.disabled = at === 0;
  next.disabled = at + PAGE >= result.body.total;
  const only = items.length === 1 && at === 0 ? items[0] : undefined;
  if (only) open(only.number);
}

/** @param {(number: string) => void} onOpen */
export function bootSearch(onOpen) {
  open = onOpen;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    lastQuery = {};
    for (const name of ['number', 'phone', 'q', 'department', 'status', 'source']) {
      const value = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
      if (value !== '') lastQuery[name] = value;
    }
    if (/** @type {HTMLInputElement} */ (form.elements.namedItem('overdue')).checked) lastQuery.overdue = '1';
    void run(0).catch(() => ((error.textContent = t('sup.error.network')), (error.hidden = false)));
  });
  prev.addEventListener('click', () => void run(Math.max(0, offset - PAGE)));
  next.addEventListener('click', () => void run(offset + PAGE));
}
