/**
 * The escalation view: per department, how many items are due soon, overdue, or not accepted in time (the
 * `escalations` stream's `counts` entry, live), and the chosen kind's list (GET /api/escalations, oldest deadline
 * first). When the stream says an item started or changed, the list's first page is read again. A click on an item
 * opens it in the workspace.
 */

import { t, translateStatic } from './i18n.js';
import { subscribe } from './realtime.js';
import { renderDeadlineNotices } from './deadline-notices.js';
import { escalations } from './supervisor-api.js';
import { departmentLabel, sourceName, statusName, when, failureMessage } from './supervisor-labels.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const countsBody = $('esc-counts');
const list = $('esc-items');
const more = /** @type {HTMLButtonElement} */ ($('esc-more'));
const KINDS = /** @type {const} */ (['due-soon', 'overdue', 'ack-overdue']);
const FIELD = /** @type {Record<string, 'dueSoon' | 'overdue' | 'ackOverdue'>} */ ({ 'due-soon': 'dueSoon', overdue: 'overdue', 'ack-overdue': 'ackOverdue' });

let kind = 'overdue';
/** @type {string} '' = every department */
let department = '';
/** @type {string | null} */
let cursor = null;
/** @type {{ departments: Array<Record<string, any>>, total: Record<string, number> } | null} */
let counts = null;
/** When `counts` was counted: the page keeps the newer of the list's answer and the stream's entry. */
let countsAt = 0;
/** @type {(number: string) => void} */
let open = () => undefined;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let reloadTimer;

function renderCounts() {
  const rows = (counts?.departments ?? []).map((entry) => {
    const row = document.createElement('tr');
    const code = entry.departmentCode ?? '';
    row.dataset.testid = `esc-row-${code || 'none'}`;
    const name = document.createElement('th');
    name.scope = 'row';
    name.textContent = departmentLabel(entry.departmentCode);
    row.append(name);
    for (const each of KINDS) {
      const cell = document.createElement('td');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-small';
      button.dataset.testid = `esc-${code || 'none'}-${each}`;
      button.textContent = String(entry[FIELD[each] ?? 'overdue'] ?? 0);
      button.setAttribute('aria-pressed', String(kind === each && department === code));
      button.addEventListener('click', () => choose(each, code));
      cell.append(button);
      row.append(cell);
    }
    return row;
  });
  countsBody.replaceChildren(...rows);
  document.querySelectorAll('.esc-counts thead [data-kind]').forEach((button) => button.setAttribute('aria-pressed', String(department === '' && button.getAttribute('data-kind') === kind)));
  $('esc-list-title').textContent = t('sup.esc.listTitle', { kind: t(`sup.esc.kind.${kind}`), department: department ? departmentLabel(department) : t('sup.esc.all') });
}

/** @param {Record<string, any>} item */
function itemLine(item) {
  const li = document.createElement('li');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'btn sup-item';
  button.dataset.testid = `esc-item-${item.number}`;
  const deadline = kind === 'ack-overdue' ? item.ackDueAt : item.dueAt;
  button.textContent = [item.number, sourceName(item.source), departmentLabel(item.departmentCode), statusName(item.status), t('sup.esc.deadline', { time: when(deadline) })].join(' · ');
  button.addEventListener('click', () => open(item.number));
  li.append(button);
  return li;
}

/** @param {boolean} append */
async function load(append) {
  const result = await escalations({ kind, ...(department ? { department } : {}), ...(append && cursor ? { cursor } : {}) });
  if (!result.ok) {
    list.replaceChildren(Object.assign(document.createElement('li'), { textContent: failureMessage(result) }));
    return;
  }
  const at = Date.parse(result.body.now);
  if (!(at < countsAt)) {
    counts = result.body.counts;
    countsAt = at;
  }
  cursor = result.body.nextCursor;
  const lines = result.body.items.map(itemLine);
  if (append) list.append(...lines);
  else list.replaceChildren(...lines);
  if (!append && lines.length === 0) list.replaceChildren(Object.assign(document.createElement('li'), { className: 'muted', textContent: t('sup.esc.none') }));
  more.hidden = cursor === null;
  renderCounts();
  document.body.dataset.escalations = 'ready';
}

/** @param {string} nextKind @param {string} nextDepartment */
function choose(nextKind, nextDepartment) {
  kind = nextKind;
  department = nextDepartment;
  void load(false);
}

export function rerenderEscalations() {
  renderCounts();
  translateStatic($('esc-title').parentElement ?? document.body);
  void load(false);
}

/** @param {(number: string) => void} onOpen */
export function bootEscalations(onOpen) {
  open = onOpen;
  document.querySelectorAll('.esc-counts thead [data-kind]').forEach((button) => button.addEventListener('click', () => choose(button.getAttribute('data-kind') ?? 'overdue', '')));
  more.addEventListener('click', () => void load(true));
  void load(false);
  subscribe('escalations', (stream, change) => {
    renderDeadlineNotices($('deadline-notices'), stream.entries.notifications);
    const entry = stream.entries.counts;
    const at = entry && typeof entry === 'object' && 'at' in entry ? Date.parse(String(entry.at)) : NaN;
    if (at >= countsAt) {
      counts = /** @type {any} */ (entry);
      countsAt = at;
      renderCounts();
    }
    $('esc-live').textContent = t('sup.esc.live', { time: when(new Date(stream.serverNow()).toISOString()) });
    const items = change?.kind === 'delta' ? [...change.set, ...change.remove].some((key) => key.startsWith('item:')) : false;
    if (!items) return;
    // Several items often cross on the same tick: one read of the page for all of them.
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void load(false), 200);
  });
}
