/**
 * The desk of a municipal department's staff: their inbox (what was forwarded to them and what they
 * accepted), the nearest deadline first, with each item's clock (time left, amber when due soon, red when
 * overdue), search by number or text, 50 a page. A row opens the request with its actions and history
 * (dept-ticket.js). New items arrive live from `inbox:<department>` and are highlighted for a minute.
 */

import * as api from './dept-api.js';
import { t, getLang, formatTime } from './i18n.js';
import { formatDateTime, excerpt } from './desk-form.js';
import { setCatalogue, categoryName, departmentName, priorityLabel } from './desk-catalogue.js';
import { setText, make } from './desk-page.js';
import { clockOf } from './dept-clock.js';
import { followInbox } from './dept-stream.js';
import { renderDeadlineNotices } from './deadline-notices.js';
import { closeDetail, mountDetail, openDetail, renderDetail } from './dept-ticket.js';

/** @typedef {import('./dept-api.js').InboxItem} InboxItem */
/** @typedef {{ key: string, params?: Record<string, string | number> }} Message */

const STATES = ['', 'forwarded', 'in_progress'];
const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 300;
/** Several changes in a burst (a forward is an edit and a forward) make one reload. */
const LIVE_RELOAD_MS = 200;
const FRESH_MS = 60_000;
const TICK_MS = 15_000;

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
    title: required('#dept-title', HTMLElement),
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
/** The cursor of each page seen so far (page 1's is ''): "previous" goes back along it. @type {string[]} */
let cursors = [''];
let pageIndex = 0;
/** @type {{ items: InboxItem[], total: number, nextCursor: string | null } | null} */
let listing = null;
/** @type {Message | null} */
let listMessage = null;
/** @type {Message | null} */
let notice = null;
let loadedAt = 0;
let clockOffsetMs = 0;
let requests = 0;
/** Numbers that arrived live, until when they stay highlighted. @type {Map<string, number>} */
const fresh = new Map();
/** @type {ReturnType<typeof setTimeout> | undefined} */
let searchTimer;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let liveTimer;
let live = true;

const serverNow = () => Date.now() + clockOffsetMs;

async function loadInbox() {
  if (!els || departmentCode === null) return;
  const request = ++requests;
  listMessage = listing ? null : { key: 'desk.dept.loading' };
  renderSummary();
  try {
    const result = await api.getInbox({ state: els.status.value, q: els.search.value.trim(), cursor: cursors[pageIndex] ?? '' });
    if (request !== requests) return;
    if (!result.ok) {
      listMessage = { key: 'desk.dept.failed', params: { status: result.status } };
    } else {
      const body = /** @type {import('./dept-api.js').InboxPageJson} */ (/** @type {unknown} */ (result.body));
      const items = Array.isArray(body.items) ? body.items : [];
      // The page emptied under us (its items were answered): go back to the first page.
      if (items.length === 0 && pageIndex > 0) {
        cursors = [''];
        pageIndex = 0;
        return void loadInbox();
      }
      listing = { items, total: typeof body.total === 'number' ? body.total : items.length, nextCursor: typeof body.nextCursor === 'string' ? body.nextCursor : null };
      const now = Date.parse(body.now);
      if (Number.isFinite(now)) clockOffsetMs = now - Date.now();
      listMessage = null;
      loadedAt = Date.now();
    }
  } catch {
    if (request !== requests) return;
    listMessage = { key: 'desk.network' };
  }
  renderRows();
  document.body.dataset.ready = 'true';
}

/** @param {boolean} immediately */
function restartFromFirstPage(immediately) {
  clearTimeout(searchTimer);
  cursors = [''];
  pageIndex = 0;
  if (immediately) void loadInbox();
  else searchTimer = setTimeout(() => void loadInbox(), SEARCH_DEBOUNCE_MS);
}

/** @param {string} className @param {...(Node | string)} content */
function cell(className, ...content) {
  const td = make('td', className);
  td.append(...content);
  return td;
}

/** @param {InboxItem} item @param {import('./i18n.js').Lang} lang @param {number} now */
function itemRow(item, lang, now) {
  const row = make('tr', 'dept-row');
  row.dataset.testid = `department-ticket-${item.number}`;
  row.dataset.status = item.status;
  const clock = clockOf(item, now, lang);
  row.dataset.clock = clock.tone;
  row.classList.toggle('dept-overdue', clock.tone === 'overdue');
  row.classList.toggle('dept-soon', clock.tone === 'soon');
  const isFresh = (fresh.get(item.number) ?? 0) > Date.now();
  row.classList.toggle('dept-new', isFresh);
  const open = make('button', 'link ticket-number', item.number);
  open.setAttribute('type', 'button');
  const number = cell('dept-number', open);
  if (isFresh) number.append(make('span', 'dept-new-mark', t('inbox.new')));
  const due = cell('dept-due', make('span', 'dept-clock', clock.text));
  if (clock.ack) due.append(make('span', 'dept-ack', clock.ack));
  if (item.dueAt) due.append(make('span', 'dept-due-date', formatDateTime(item.dueAt, lang)));
  row.append(
    number,
    cell('dept-date', formatDateTime(item.forwardedAt ?? item.createdAt, lang)),
    cell('dept-status', make('span', `ticket-status status-${item.status}`, t(`history.status.${item.status}`))),
    cell('dept-category', categoryName(item.categoryCode) || '—'),
    cell('dept-place', [item.district, item.neighbourhood].filter(Boolean).join(' / ') || '—'),
    cell('dept-description', excerpt(item.description, 140) || '—'),
    cell('dept-priority', make('span', `dept-priority-${item.priority}`, priorityLabel(item.priority))),
    due,
  );
  // The number is a button for the keyboard; its click bubbles here, so the row opens the request once.
  row.addEventListener('click', () => void openDetail(item.number));
  return row;
}

function renderSummary() {
  if (!els) return;
  const { summary, pager, pageLabel, prev, next } = els;
  if (listMessage) setText(summary, t(listMessage.key, listMessage.params));
  else if (listing) {
    const from = pageIndex * PAGE_SIZE + 1;
    setText(summary, listing.total === 0 ? t('desk.dept.none') : t('desk.dept.range', { from, to: from + listing.items.length - 1, total: listing.total }));
  } else setText(summary, '');
  summary.classList.toggle('dept-summary-bad', listMessage !== null && listMessage.key !== 'desk.dept.loading');
  const pages = listing ? Math.max(1, Math.ceil(listing.total / PAGE_SIZE)) : 1;
  pager.hidden = pages === 1 && pageIndex === 0;
  setText(pageLabel, t('desk.dept.pageOf', { page: pageIndex + 1, pages }));
  prev.disabled = pageIndex === 0;
  next.disabled = !listing?.nextCursor;
  const status = !live ? t('inbox.live.lost') : notice ? t(notice.key, notice.params) : loadedAt ? t('desk.dept.updated', { time: formatTime(loadedAt) }) : '';
  setText(els.updated, status);
  els.updated.classList.toggle('dept-live-lost', !live);
}

function renderRows() {
  if (!els) return;
  const lang = getLang();
  const now = serverNow();
  els.rows.replaceChildren(...(listing?.items ?? []).map((item) => itemRow(item, lang, now)));
  renderSummary();
}

function renderHeading() {
  if (!els) return;
  setText(els.title, t('inbox.title'));
  setText(els.name, departmentCode === null ? '' : departmentName(departmentCode));
  els.search.placeholder = t('inbox.searchPlaceholder');
  document.title = t('desk.dept.pageTitle');
}

function fillStatusChoices() {
  if (!els) return;
  const chosen = els.status.value;
  els.status.replaceChildren(...STATES.map((state) => new Option(state === '' ? t('inbox.stateAll') : t(`history.status.${state}`), state)));
  els.status.value = chosen;
}

/** After a language switch: the choices, rows, summary and the open request in the new language. */
export function rerenderDepartment() {
  fillStatusChoices();
  renderHeading();
  renderRows();
  renderDetail();
}

/** @param {import('./dept-stream.js').InboxNews} news */
function onNews(news) {
  const shown = new Set((listing?.items ?? []).map((item) => item.number));
  if (!news.snapshot) {
    for (const number of news.set) {
      if (shown.has(number)) continue;
      fresh.set(number, Date.now() + FRESH_MS);
      notice = { key: 'inbox.arrived', params: { number } };
    }
  }
  clearTimeout(liveTimer);
  liveTimer = setTimeout(() => void loadInbox(), LIVE_RELOAD_MS);
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
    pageIndex = Math.max(0, pageIndex - 1);
    void loadInbox();
  });
  els.next.addEventListener('click', () => {
    if (!listing?.nextCursor) return;
    cursors = [...cursors.slice(0, pageIndex + 1), listing.nextCursor];
    pageIndex += 1;
    void loadInbox();
  });
  mountDetail(els.main, {
    serverNow,
    onChanged: (done) => {
      notice = done;
      void loadInbox();
    },
  });
  // The clocks move on by themselves; the highlight of a new item fades.
  setInterval(() => {
    for (const [number, until] of fresh) if (until <= Date.now()) fresh.delete(number);
    renderRows();
    renderDetail();
  }, TICK_MS);
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
  fillStatusChoices();
  wireDepartment();
  els.noDepartment.hidden = departmentCode !== null;
  renderHeading();
  const catalogueResult = await api.getCatalogue().catch(() => null);
  if (catalogueResult?.ok && Array.isArray(catalogueResult.body.departments)) setCatalogue(/** @type {import('./desk-api.js').Catalogue} */ (/** @type {unknown} */ (catalogueResult.body)));
  renderHeading();
  if (departmentCode === null) {
    els.filters.hidden = true;
    document.body.dataset.ready = 'true';
    return;
  }
  await loadInbox();
  followInbox(departmentCode, {
    onNews,
    onNotifications: (entry) => renderDeadlineNotices(/** @type {HTMLElement} */ (document.getElementById('dept-notices')), entry),
    onConnection: (connected) => {
      live = connected;
      renderSummary();
    },
  });
  window.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') closeDetail();
  });
}
