/**
 * The desk of a municipal department's staff: the tickets of their department, read-only, by status
 * (what was forwarded to them first) and search, a page at a time, newest first. A row opens the
 * read-only side panel with the ticket's history. The server already limits the list to their
 * department and refuses edits; this view only offers nothing to edit.
 */

import * as api from './desk-api.js';
import { t, getLang, formatTime } from './i18n.js';
import { formatDateTime, excerpt, searchQuery } from './desk-form.js';
import { setCatalogue, categoryName, departmentName, statusLabel, priorityLabel } from './desk-catalogue.js';
import { page, setText, make } from './desk-page.js';
import { openPanel, renderPanel, wireSidePanel } from './desk-side-panel.js';

/** @typedef {import('./desk-api.js').TicketJson} TicketJson */
/** @typedef {{ key: string, params?: Record<string, string | number> }} Message */

const STATUS_CHOICES = ['open', 'in_progress', 'forwarded', 'resolved', 'closed', 'all'];
/** What was routed to the department is what its staff come to see. */
const DEFAULT_STATUS = 'forwarded';
const PAGE_SIZE = 25;
const SEARCH_DEBOUNCE_MS = 300;
/** The page stays open all day: new forwards appear and due dates turn overdue without a reload. */
const REFRESH_MS = 60_000;
/** A due date no longer matters once the ticket is done with. */
const SETTLED = new Set(['resolved', 'closed', 'abandoned']);

/**
 * @template {HTMLElement} T
 * @param {string} selector
 * @param {new () => T} type
 * @returns {T}
 */
function required(selector, type) {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`desk page lacks ${selector}`);
  return found;
}

/** Looked up at boot, not on import: only department users' pages need them. */
function lookUpElements() {
  return {
    main: required('#dept-main', HTMLElement),
    name: required('#dept-name', HTMLElement),
    updated: required('#dept-updated', HTMLElement),
    noDepartment: required('#dept-no-department', HTMLElement),
    filters: required('#dept-filters', HTMLFormElement),
    status: required('#dept-status', HTMLSelectElement),
    search: required('#dept-search', HTMLInputElement),
    summary: required('#dept-summary', HTMLElement),
    rows: required('#dept-rows', HTMLElement),
    prev: required('#dept-prev', HTMLButtonElement),
    pager: required('#dept-pager', HTMLElement),
    next: required('#dept-next', HTMLButtonElement),
    pageLabel: required('#dept-page', HTMLElement),
  };
}

/** @type {ReturnType<typeof lookUpElements> | null} */
let els = null;
/** @type {string | null} */
let departmentCode = null;
let offset = 0;
/** @type {{ items: TicketJson[], total: number, offset: number } | null} */
let listing = null;
/** @type {Message | null} */
let listMessage = null;
let loadedAt = 0;
let requests = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let searchTimer;

/**
 * Past its due date and still waiting for someone.
 * @param {Pick<TicketJson, 'dueAt' | 'status'>} ticket
 * @param {number} now epoch ms
 */
function isOverdue(ticket, now) {
  if (!ticket.dueAt || SETTLED.has(ticket.status)) return false;
  const due = Date.parse(ticket.dueAt);
  return Number.isFinite(due) && due < now;
}

/** @returns {Record<string, string | number>} */
function listQuery() {
  if (!els) return {};
  /** @type {Record<string, string | number>} */
  const query = { limit: PAGE_SIZE, offset };
  if (els.status.value !== 'all') query.status = els.status.value;
  const search = searchQuery(els.search.value);
  if (search) Object.assign(query, search);
  return query;
}

async function loadTickets() {
  if (!els || departmentCode === null) return;
  const request = ++requests;
  listMessage = listing ? null : { key: 'desk.dept.loading' };
  renderSummary();
  try {
    const result = await api.searchTickets(listQuery());
    if (request !== requests) return;
    if (!result.ok) {
      listMessage = { key: 'desk.dept.failed', params: { status: result.status } };
    } else {
      const items = Array.isArray(result.body.items) ? result.body.items.filter(api.isTicket) : [];
      const total = typeof result.body.total === 'number' ? result.body.total : items.length;
      // The list shrank under a later page (tickets moved on): show its last page instead of an empty one.
      if (items.length === 0 && offset > 0 && total > 0) {
        offset = Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE;
        return void loadTickets();
      }
      listing = { items, total, offset };
      listMessage = null;
      loadedAt = Date.now();
    }
  } catch {
    if (request !== requests) return;
    listMessage = { key: 'desk.network' };
  }
  renderTickets();
  document.body.dataset.ready = 'true';
}

/** @param {boolean} immediately */
function restartFromFirstPage(immediately) {
  clearTimeout(searchTimer);
  offset = 0;
  if (immediately) void loadTickets();
  else searchTimer = setTimeout(() => void loadTickets(), SEARCH_DEBOUNCE_MS);
}

/**
 * @param {string} className
 * @param {...(Node | string)} content
 */
function cell(className, ...content) {
  const td = make('td', className);
  td.append(...content);
  return td;
}

/**
 * @param {TicketJson} ticket
 * @param {import('./i18n.js').Lang} lang
 * @param {number} now
 */
function ticketRow(ticket, lang, now) {
  const row = make('tr', 'dept-row');
  row.dataset.testid = `department-ticket-${ticket.number}`;
  row.dataset.status = ticket.status;
  const overdue = isOverdue(ticket, now);
  row.classList.toggle('dept-overdue', overdue);

  const open = make('button', 'link ticket-number', ticket.number);
  open.setAttribute('type', 'button');
  const due = cell('dept-due', ticket.dueAt ? formatDateTime(ticket.dueAt, lang) : '—');
  if (overdue) due.append(make('span', 'dept-overdue-mark', t('desk.dept.overdue')));
  row.append(
    cell('dept-number', open),
    cell('dept-date', formatDateTime(ticket.createdAt, lang)),
    cell('dept-status', make('span', `ticket-status status-${ticket.status}`, statusLabel(ticket.status))),
    cell('dept-category', categoryName(ticket.categoryCode) || '—'),
    cell('dept-place', [ticket.district, ticket.neighbourhood].filter(Boolean).join(' / ') || '—'),
    cell('dept-description', excerpt(ticket.description, 140) || '—'),
    cell('dept-priority', make('span', `dept-priority-${ticket.priority}`, priorityLabel(ticket.priority))),
    due,
  );
  // The number is a button for the keyboard; its click bubbles here, so the row opens the ticket once.
  row.addEventListener('click', () => void openPanel(ticket.number));
  return row;
}

function renderSummary() {
  if (!els) return;
  const { summary, pager, pageLabel, prev, next } = els;
  if (listMessage) {
    setText(summary, t(listMessage.key, listMessage.params));
  } else if (listing) {
    const { items, total } = listing;
    setText(summary, total === 0 ? t('desk.dept.none') : t('desk.dept.range', { from: listing.offset + 1, to: listing.offset + items.length, total }));
  } else {
    setText(summary, '');
  }
  summary.classList.toggle('dept-summary-bad', listMessage !== null && listMessage.key !== 'desk.dept.loading');
  const pages = listing ? Math.max(1, Math.ceil(listing.total / PAGE_SIZE)) : 1;
  const current = listing ? Math.floor(listing.offset / PAGE_SIZE) + 1 : 1;
  pager.hidden = pages === 1;
  setText(pageLabel, t('desk.dept.pageOf', { page: current, pages }));
  prev.disabled = !listing || listing.offset === 0;
  next.disabled = !listing || listing.offset + listing.items.length >= listing.total;
  setText(els.updated, loadedAt ? t('desk.dept.updated', { time: formatTime(loadedAt) }) : '');
}

function renderTickets() {
  if (!els) return;
  const lang = getLang();
  const now = Date.now();
  els.rows.replaceChildren(...(listing?.items ?? []).map((ticket) => ticketRow(ticket, lang, now)));
  renderSummary();
}

function renderHeading() {
  if (!els) return;
  setText(els.name, departmentCode === null ? '' : departmentName(departmentCode));
  document.title = t('desk.dept.pageTitle');
}

function fillStatusChoices() {
  if (!els) return;
  const chosen = els.status.value || DEFAULT_STATUS;
  els.status.replaceChildren(...STATUS_CHOICES.map((status) => new Option(status === 'all' ? t('desk.dept.statusAll') : statusLabel(status), status)));
  els.status.value = chosen;
}

/** After a language switch: the choices, rows, summary and the open ticket in the new language. */
export function rerenderDepartment() {
  fillStatusChoices();
  renderHeading();
  renderTickets();
  renderPanel();
}

function wireDepartment() {
  if (!els) return;
  els.filters.addEventListener('submit', (event) => {
    event.preventDefault();
    restartFromFirstPage(true);
  });
  els.status.addEventListener('change', () => restartFromFirstPage(true));
  els.search.addEventListener('input', () => restartFromFirstPage(false));
  els.prev.addEventListener('click', () => {
    offset = Math.max(0, offset - PAGE_SIZE);
    void loadTickets();
  });
  els.next.addEventListener('click', () => {
    offset += PAGE_SIZE;
    void loadTickets();
  });
  wireSidePanel();
  setInterval(() => void loadTickets(), REFRESH_MS);
}

/**
 * Shows the department view in place of the agent desk.
 * @param {import('./desk-api.js').MeUser & { department?: unknown }} me the signed-in user as /api/auth/me sent it
 */
export async function bootDepartment(me) {
  els = lookUpElements();
  departmentCode = typeof me.department === 'string' && me.department !== '' ? me.department : null;
  document.body.dataset.view = 'department';
  els.main.hidden = false;
  document.querySelectorAll('[data-agent-only]').forEach((element) => {
    if (element instanceof HTMLElement) element.hidden = true;
  });
  // The side panel lives in the agent desk, which stays hidden; "open in the form" is for agents only.
  els.main.append(page.ticketPanel);
  page.panelEdit.hidden = true;
  fillStatusChoices();
  wireDepartment();
  els.noDepartment.hidden = departmentCode !== null;
  renderHeading();
  const catalogueResult = await api.getCatalogue().catch(() => null);
  if (catalogueResult?.ok && api.isRecord(catalogueResult.body) && Array.isArray(catalogueResult.body.departments)) setCatalogue(catalogueResult.body);
  renderHeading();
  if (departmentCode === null) {
    els.filters.hidden = true;
    document.body.dataset.ready = 'true';
    return;
  }
  await loadTickets();
}
