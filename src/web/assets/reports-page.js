/**
 * /raporlar: the centre's reports (calls, requests, agents, the yearly summary) for supervisors and admins. The
 * period and filters live in the address (a report link can be shared); each tab asks GET /api/reports/:report
 * with them when shown, and draws whatever tables the report holds. Turkish first; the toggle redraws in English.
 */

import { t, translateStatic, toggleLang, onLangChange, getLang, formatTime } from './i18n.js';
import { formatDay } from './reports-format.js';
import { renderAdminNav } from './admin-nav.js';
import { setSiteData } from './site-data.js';
import './reports-texts.js';
import { getJson, refusalMessages } from './reports-api.js';
import { fillSelect, setFilterSources } from './reports-filters.js';
import { FILTER_KEYS, istanbulToday, periodProblem, reportQuery, shiftDate, stateFromQuery, isPeriod } from './reports-period.js';
import { renderTable, listingLinks } from './reports-table.js';
import { isEmptyTable } from './reports-labels.js';
import { renderSummary } from './reports-summary.js';
import { bootTabs } from './reports-tabs.js';

/** @typedef {import('./reports-period.js').ReportState} ReportState */

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const form = /** @type {HTMLFormElement} */ (byId('rep-form'));
const input = (/** @type {string} */ name) => /** @type {HTMLInputElement | HTMLSelectElement} */ (form.elements.namedItem(name));
const errorBox = byId('rep-error');

const initial = new URLSearchParams(location.search);
/** @type {ReportState} */
let state = stateFromQuery(initial, istanbulToday());
/** What each report showed last: its query (to know whether it is current) and its answer. @type {Map<string, { query: string, body: any }>} */
const shown = new Map();
/** @type {AbortController | null} */
let inFlight = null;
/** The listings this server exports (GET /api/reports). @type {string[]} */
let listings = [];

function writeControls() {
  form.querySelectorAll('input[name="period"]').forEach((radio) => {
    /** @type {HTMLInputElement} */ (radio).checked = /** @type {HTMLInputElement} */ (radio).value === state.period;
  });
  input('date').value = state.date;
  input('from').value = state.from;
  input('to').value = state.to;
  const custom = state.period === 'custom';
  byId('rep-date-field').hidden = custom;
  byId('rep-from-field').hidden = !custom;
  byId('rep-to-field').hidden = !custom;
  /** @type {HTMLButtonElement} */ (byId('rep-prev')).disabled = custom;
  /** @type {HTMLButtonElement} */ (byId('rep-next')).disabled = custom;
}

function fillFilters() {
  for (const key of FILTER_KEYS) fillSelect(/** @type {HTMLSelectElement} */ (input(key)), key, state.filters[key] ?? '', getLang());
}

/** @returns {ReportState} */
function readControls() {
  const period = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="period"]:checked'))?.value;
  /** @type {Record<string, string>} */
  const filters = {};
  for (const key of FILTER_KEYS) filters[key] = input(key).value;
  return { period: isPeriod(period) ? period : 'month', date: input('date').value, from: input('from').value, to: input('to').value, filters };
}

/** @param {string[]} messages */
function showError(messages) {
  errorBox.replaceChildren(...messages.map((message) => Object.assign(document.createElement('p'), { textContent: message })));
  errorBox.hidden = messages.length === 0;
}

/** The period the server took (its Istanbul first and last days) and when the figures were read. @param {any} report */
function showRange(report) {
  const first = report?.period?.firstDay;
  const last = report?.period?.lastDay;
  const range = byId('rep-range');
  if (typeof first !== 'string' || typeof last !== 'string') return void (range.textContent = '');
  const lang = getLang();
  const period = first === last ? formatDay(first, lang) : t('rep.range', { from: formatDay(first, lang), to: formatDay(last, lang) });
  range.textContent = `${period} · ${t('rep.generated', { time: formatTime(Date.parse(report.generatedAt), lang) })}`;
}

/** The row listings (every call, every ticket of the period) as files, with the page's period and filters. */
function drawListings() {
  const links = listingLinks(listings, reportQuery(state, getLang()), getLang());
  byId('rep-listings').hidden = links.length === 0;
  byId('rep-listing-links').replaceChildren(...links);
}

/** @param {string} reportId */
function draw(reportId) {
  const panel = byId(`panel-${reportId}`);
  const entry = shown.get(reportId);
  if (!entry) return;
  const lang = getLang();
  const query = reportQuery(state, lang);
  const tables = Array.isArray(entry.body?.tables) ? entry.body.tables : [];
  // A period with nothing at all says so once, rather than under every table.
  const nothing = tables.every((/** @type {any} */ table) => isEmptyTable(table));
  const parts = nothing
    ? [Object.assign(document.createElement('p'), { className: 'panel rep-empty', textContent: t('rep.empty') })]
    : tables.map((/** @type {any} */ table) => renderTable(reportId, table, query, lang));
  const statement = reportId === 'summary' && !nothing ? renderSummary(entry.body, lang) : null;
  if (statement) parts.unshift(statement);
  if (nothing) parts[0]?.setAttribute('data-testid', `rep-empty-${reportId}`);
  panel.replaceChildren(...parts);
  panel.setAttribute('aria-busy', 'false');
  showRange(entry.body);
}

/**
 * What to say when a report is refused: the server's own per-field Turkish messages for a bad period (400).
 * @param {import('./reports-api.js').Answer} answer
 */
function refusal(answer) {
  if (answer.status === 0) return [t('rep.error.network')];
  if (answer.status === 403) return [t('rep.error.forbidden')];
  const messages = refusalMessages(answer.body, getLang());
  return answer.status === 400 && messages.length > 0 ? messages : [t('rep.error.failed', { status: answer.status }), ...messages];
}

/** @param {string} reportId */
async function load(reportId) {
  const problem = periodProblem(state);
  if (problem) return showError([t(problem)]);
  const query = reportQuery(state, 'tr');
  query.delete('lang');
  const key = query.toString();
  if (shown.get(reportId)?.query === key) {
    showError([]);
    return draw(reportId);
  }
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const panel = byId(`panel-${reportId}`);
  panel.setAttribute('aria-busy', 'true');
  panel.replaceChildren(Object.assign(document.createElement('p'), { className: 'muted', textContent: t('rep.loading') }));
  const answer = await getJson(`/api/reports/${reportId}?${key}`, controller.signal);
  if (answer === null || controller.signal.aborted) return;
  inFlight = null;
  panel.setAttribute('aria-busy', 'false');
  if (!answer.ok) {
    panel.replaceChildren();
    return showError(refusal(answer));
  }
  showError([]);
  shown.set(reportId, { query: key, body: answer.body });
  draw(reportId);
}

let tabs = /** @type {ReturnType<typeof bootTabs> | null} */ (null);

/** The address holds the period, the filters and the tab; the language stays with the browser's choice. */
function apply() {
  const before = state;
  state = readControls();
  // Switching to Özel starts from the period on screen rather than two empty dates.
  const onScreen = shown.get(tabs?.selected() ?? '')?.body?.period;
  if (state.period === 'custom' && before.period !== 'custom' && !state.from && !state.to && onScreen) state = { ...state, from: String(onScreen.firstDay ?? ''), to: String(onScreen.lastDay ?? '') };
  writeControls();
  const address = reportQuery(state, getLang());
  address.delete('lang');
  address.set('report', tabs?.selected() ?? 'calls');
  history.replaceState(null, '', `${location.pathname}?${address}`);
  drawListings();
  if (tabs) void load(tabs.selected());
}

async function boot() {
  document.documentElement.lang = getLang();
  translateStatic(document.body);
  renderAdminNav(byId('admin-nav'), '/raporlar', getLang());
  writeControls();
  const [me, catalogue, lifecycle, users, available] = await Promise.all(['/api/auth/me', '/api/catalogue', '/api/lifecycle', '/api/users', '/api/reports'].map((path) => getJson(path)));
  listings = available?.ok && Array.isArray(available.body.listings) ? available.body.listings.filter((/** @type {unknown} */ id) => typeof id === 'string') : [];
  if (me?.ok) byId('user-name').textContent = me.body.user?.displayName ?? '';
  if (catalogue?.ok) setSiteData(catalogue.body);
  setFilterSources({ catalogue: catalogue?.ok ? catalogue.body : undefined, lifecycle: lifecycle?.ok ? lifecycle.body : undefined, users: users?.ok ? users.body : undefined });
  fillFilters();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  // A choice applies at once; a date input fires change only once its date is whole.
  form.addEventListener('change', () => apply());
  for (const [id, step] of /** @type {const} */ ([['rep-prev', -1], ['rep-next', 1]])) {
    byId(id).addEventListener('click', () => {
      if (state.period === 'custom') return;
      input('date').value = shiftDate(state.period, input('date').value || state.date, step);
      apply();
    });
  }
  byId('rep-clear').addEventListener('click', () => {
    for (const key of FILTER_KEYS) input(key).value = '';
    apply();
  });
  tabs = bootTabs(/** @type {HTMLElement} */ (document.querySelector('[role="tablist"]')), () => apply());
  byId('lang-toggle').addEventListener('click', () => toggleLang());
  const markLang = () => byId('lang-toggle').querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === getLang()));
  markLang();
  onLangChange((lang) => {
    document.documentElement.lang = lang;
    translateStatic(document.body);
    renderAdminNav(byId('admin-nav'), '/raporlar', lang);
    markLang();
    fillFilters();
    drawListings();
    if (tabs) draw(tabs.selected());
  });
  tabs.select(initial.get('report') ?? 'calls');
  document.body.dataset.ready = 'true';
}

void boot();
