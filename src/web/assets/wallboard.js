/**
 * The supervisors' wall screen: queue tiles, the agents table, the hourly charts and the drop
 * banner, drawn from the `supervisors` stream. Everything that comes from the PBX (names, pause
 * reasons, queue names) is written as text, never parsed as HTML.
 */

import { connectRealtime } from './realtime.js';
import { renderHourlyChart, renderServiceLevelChart, serviceLevelClass } from './charts.js';
import {
  t,
  getLang,
  toggleLang,
  onLangChange,
  translateStatic,
  formatPercent,
  formatDuration,
  formatTime,
  formatHourMinute,
  formatDate,
  queueLabel,
  agentStateLabel,
} from './i18n.js';
import { loadSiteData, pauseReasonText, queueRank } from './site-data.js';
import { followSiteQueues } from './site-stream.js';

/** @typedef {import('../../realtime/protocol.js').QueueTile} QueueTile */
/** @typedef {import('../../realtime/protocol.js').AgentRow} AgentRow */
/** @typedef {import('../../realtime/protocol.js').BoardMeta} BoardMeta */
/** @typedef {import('../../realtime/protocol.js').LinkStatus} LinkStatus */
/** @typedef {import('../../realtime/protocol.js').HourPoint} HourPoint */
/** @typedef {import('../../realtime/protocol.js').BoardEntries} BoardEntries */
/** @typedef {import('../../realtime/protocol.js').SessionMessage} SessionMessage */
/** @typedef {import('./board-stream.js').BoardStream} BoardStream */
/** @typedef {import('./realtime.js').ConnectionState} ConnectionState */

/**
 * @typedef {object} TileView
 * @property {HTMLElement} root
 * @property {HTMLElement} name
 * @property {Record<string, HTMLElement>} fields
 * @property {QueueTile | null} data
 */

/**
 * @typedef {object} AgentView
 * @property {HTMLTableRowElement} row
 * @property {Record<string, HTMLElement>} fields
 * @property {AgentRow | null} data
 */

const SUPERVISORS = 'supervisors';
const BUSY_STATES = new Set(['ringing', 'on-call', 'wrap-up']);

/**
 * @param {string} selector
 * @returns {HTMLElement}
 */
function required(selector) {
  const element = document.querySelector(selector);
  if (!(element instanceof HTMLElement)) throw new Error(`wallboard page lacks ${selector}`);
  return element;
}

const page = {
  banner: required('[data-testid="banner"]'),
  bannerSocket: required('#banner-socket'),
  bannerAmi: required('#banner-ami'),
  bannerAmiSince: required('#banner-ami-since'),
  windowLabel: required('#window-label'),
  clock: required('#clock'),
  userName: required('#user-name'),
  langToggle: required('#lang-toggle'),
  logout: required('#logout'),
  tiles: required('#tiles'),
  agentRows: required('#agent-rows'),
  hourlyChart: required('#chart-hourly'),
  serviceLevelChart: required('#chart-service-level'),
  serviceLevelDefinition: required('#sl-definition'),
};

/** @type {Map<string, TileView>} */
const tileViews = new Map();
/** @type {Map<string, AgentView>} */
const agentViews = new Map();
/** @type {BoardEntries} */
let shown = {};
/** @type {ConnectionState} */
let connection = 'connecting';

/**
 * @param {Element} element
 * @param {string} text
 */
function setText(element, text) {
  if (element.textContent !== text) element.textContent = text;
}

/**
 * @param {string} tag
 * @param {string} [className]
 * @param {string} [text]
 */
function element(tag, className, text) {
  const created = document.createElement(tag);
  if (className) created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}

/**
 * A label over a value; the label carries its dictionary key so a language switch retranslates it.
 * @param {HTMLElement} parent
 * @param {string} field
 * @param {string} labelKey
 * @param {string} className
 * @param {Record<string, HTMLElement>} fields
 */
function addMetric(parent, field, labelKey, className, fields) {
  const metric = element('div', `metric ${className}`);
  const label = element('span', 'metric-label', t(labelKey));
  label.dataset.i18n = labelKey;
  const value = element('span', 'metric-value', '—');
  value.dataset.field = field;
  metric.append(label, value);
  parent.append(metric);
  fields[field] = value;
}

/**
 * @param {string} key entry key: `total` or `queue:<name>`
 * @returns {TileView}
 */
function createTile(key) {
  const queueName = key === 'total' ? null : key.slice('queue:'.length);
  const root = element('article', queueName === null ? 'tile tile-total' : 'tile');
  root.dataset.testid = queueName === null ? 'tile-total' : `tile-${queueName}`;
  const name = element('h2', 'tile-name');
  /** @type {Record<string, HTMLElement>} */
  const fields = {};

  const headline = element('div', 'tile-headline');
  addMetric(headline, 'waiting', 'tile.waiting', 'metric-big', fields);
  addMetric(headline, 'longest-wait', 'tile.longestWait', 'metric-mid', fields);
  addMetric(headline, 'service-level', 'tile.serviceLevel', 'metric-mid', fields);

  const stats = element('div', 'tile-stats');
  addMetric(stats, 'offered', 'tile.offered', 'metric-small', fields);
  addMetric(stats, 'answered', 'tile.answered', 'metric-small', fields);
  addMetric(stats, 'abandoned', 'tile.abandoned', 'metric-small', fields);
  addMetric(stats, 'asa', 'tile.asa', 'metric-small', fields);
  addMetric(stats, 'aht', 'tile.aht', 'metric-small', fields);
  addMetric(stats, 'abandonment-rate', 'tile.abandonmentRate', 'metric-small', fields);

  addMetric(stats, 'agents-ready', 'tile.agentsReady', 'metric-small metric-agents agents-ready', fields);
  addMetric(stats, 'agents-on-call', 'tile.agentsOnCall', 'metric-small metric-agents agents-on-call', fields);
  addMetric(stats, 'agents-paused', 'tile.agentsPaused', 'metric-small metric-agents agents-paused', fields);

  root.append(name, headline, stats);
  return { root, name, fields, data: null };
}

/**
 * @param {TileView} view
 * @param {QueueTile} tile
 * @param {string} key
 */
function fillTile(view, tile, key) {
  view.data = tile;
  setText(view.name, key === 'total' ? t('tile.total') : queueLabel(key.slice('queue:'.length)));
  const fields = view.fields;
  const set = (/** @type {string} */ field, /** @type {string} */ text) => {
    const target = fields[field];
    if (target) setText(target, text);
  };
  set('waiting', String(tile.waiting));
  set('offered', String(tile.offered));
  set('answered', String(tile.answered));
  set('abandoned', String(tile.abandoned));
  set('service-level', formatPercent(tile.serviceLevel));
  set('asa', formatDuration(tile.asaMs));
  set('aht', formatDuration(tile.ahtMs));
  set('abandonment-rate', formatPercent(tile.abandonmentRate));
  set('agents-ready', String(tile.agents.ready));
  set('agents-on-call', String(tile.agents.onCall));
  set('agents-paused', String(tile.agents.paused));
  const serviceLevel = fields['service-level'];
  if (serviceLevel) serviceLevel.className = `metric-value ${serviceLevelClass(tile.serviceLevel)}`;
  tickTile(view);
}

/**
 * The longest wait counts up on the server's clock; it turns red once past the service-level time.
 * @param {TileView} view
 */
function tickTile(view) {
  const tile = view.data;
  const longest = view.fields['longest-wait'];
  const waiting = view.fields.waiting;
  if (!tile || !longest || !waiting) return;
  const waitedMs = tile.longestWaitSince === null ? null : serverNow() - tile.longestWaitSince;
  setText(longest, formatDuration(waitedMs));
  const meta = /** @type {BoardMeta | undefined} */ (shown.meta);
  const limitMs = (meta?.serviceLevelSeconds ?? 20) * 1000;
  const level = waitedMs !== null && waitedMs > limitMs ? 'wait-bad' : tile.waiting > 0 ? 'wait-some' : 'wait-none';
  view.root.dataset.wait = level;
}

/** @param {string} key */
function tileOrder(key) {
  if (key === 'total') return [0, ''];
  const name = key.slice('queue:'.length);
  // config/site.json's order (GET /api/catalogue), so the tiles read like the menu callers hear; unknown queues follow by name.
  return [queueRank(name), name];
}

/**
 * @param {string} a
 * @param {string} b
 */
function compareTileKeys(a, b) {
  const [rankA, nameA] = tileOrder(a);
  const [rankB, nameB] = tileOrder(b);
  return Number(rankA) - Number(rankB) || String(nameA).localeCompare(String(nameB));
}

/**
 * @param {BoardEntries} entries
 * @param {boolean} force redraw even unchanged entries (language switch)
 */
function renderTiles(entries, force) {
  const keys = Object.keys(entries).filter((key) => key === 'total' || key.startsWith('queue:')).sort(compareTileKeys);
  for (const [key, view] of tileViews) {
    if (!(key in entries)) {
      view.root.remove();
      tileViews.delete(key);
    }
  }
  keys.forEach((key, index) => {
    let view = tileViews.get(key);
    if (!view) {
      view = createTile(key);
      tileViews.set(key, view);
    }
    const tile = /** @type {QueueTile} */ (entries[key]);
    if (force || view.data !== tile) fillTile(view, tile, key);
    if (page.tiles.children[index] !== view.root) page.tiles.insertBefore(view.root, page.tiles.children[index] ?? null);
  });
}

/** @param {AgentRow} agent */
function agentRank(agent) {
  if (BUSY_STATES.has(agent.state)) return 0;
  // Logged-out agents are not on the floor; they go last whatever their time in state.
  return agent.state === 'logged-out' ? 2 : 1;
}

/**
 * Busy first, then the longest in their state: who has been talking or idle too long shows first.
 * @param {AgentRow} a
 * @param {AgentRow} b
 */
function compareAgents(a, b) {
  return agentRank(a) - agentRank(b) || a.since - b.since || a.name.localeCompare(b.name, getLang());
}

/** @param {string} agentInterface */
function createAgentRow(agentInterface) {
  const row = document.createElement('tr');
  row.dataset.testid = `agent-${agentInterface}`;
  /** @type {Record<string, HTMLElement>} */
  const fields = {};
  // A pause reason and a call's queue never occur together, so they share the detail column.
  for (const { column, inner } of [
    { column: 'name', inner: [] },
    { column: 'state', inner: ['state'] },
    { column: 'duration', inner: [] },
    { column: 'detail', inner: ['reason', 'queue'] },
    { column: 'queues', inner: [] },
  ]) {
    const cell = element('td', `col-${column}`);
    if (inner.length === 0) {
      cell.dataset.field = column;
      fields[column] = cell;
    }
    for (const field of inner) {
      const target = element('span', field === 'state' ? 'badge' : `detail-${field}`);
      target.dataset.field = field;
      fields[field] = target;
      cell.append(target);
    }
    row.append(cell);
  }
  return { row, fields, data: null };
}

/**
 * @param {AgentView} view
 * @param {AgentRow} agent
 */
function fillAgentRow(view, agent) {
  view.data = agent;
  view.row.dataset.state = agent.state;
  const { fields } = view;
  const queues = agent.queues.map((queue) => queueLabel(queue)).join(', ');
  const values = {
    name: agent.name,
    state: agentStateLabel(agent.state),
    reason: agent.state === 'paused' ? pauseReasonText(agent.reason, getLang()) : '',
    queue: agent.queue ? queueLabel(agent.queue) : '',
    queues,
  };
  for (const [field, text] of Object.entries(values)) {
    const target = fields[field];
    if (target) setText(target, text);
  }
  if (fields.state) fields.state.className = `badge state-${agent.state}`;
  // Long queue lists are cut with an ellipsis on screen; the tooltip keeps the full list.
  fields.queues?.setAttribute('title', queues);
  fields.name?.setAttribute('title', agent.name);
  tickAgent(view);
}

/** @param {AgentView} view */
function tickAgent(view) {
  if (view.data && view.fields.duration) setText(view.fields.duration, formatDuration(serverNow() - view.data.since));
}

/**
 * @param {BoardEntries} entries
 * @param {boolean} force
 */
function renderAgents(entries, force) {
  /** @type {AgentRow[]} */
  const agents = [];
  for (const [key, entry] of Object.entries(entries)) if (key.startsWith('agent:')) agents.push(/** @type {AgentRow} */ (entry));
  agents.sort(compareAgents);
  const present = new Set(agents.map((agent) => agent.interface));
  for (const [agentInterface, view] of agentViews) {
    if (!present.has(agentInterface)) {
      view.row.remove();
      agentViews.delete(agentInterface);
    }
  }
  agents.forEach((agent, index) => {
    let view = agentViews.get(agent.interface);
    if (!view) {
      view = createAgentRow(agent.interface);
      agentViews.set(agent.interface, view);
    }
    if (force || view.data !== agent) fillAgentRow(view, agent);
    if (page.agentRows.children[index] !== view.row) page.agentRows.insertBefore(view.row, page.agentRows.children[index] ?? null);
  });
  const emptyRow = page.agentRows.querySelector('.agents-empty');
  if (agents.length === 0 && !emptyRow) {
    const row = element('tr', 'agents-empty');
    const cell = document.createElement('td');
    cell.textContent = t('agents.none');
    cell.colSpan = 5;
    cell.dataset.i18n = 'agents.none';
    row.append(cell);
    page.agentRows.append(row);
  } else if (agents.length > 0 && emptyRow) {
    emptyRow.remove();
  }
}

/** @param {BoardMeta | undefined} meta */
function renderWindow(meta) {
  if (!meta) return;
  page.windowLabel.removeAttribute('data-i18n');
  const text = meta.shift
    ? `${t('window.shift', { name: meta.shift })} · ${formatHourMinute(meta.windowFrom)}–${formatHourMinute(meta.windowTo)}`
    : `${t('window.today')} · ${formatDate(meta.windowFrom)}`;
  setText(page.windowLabel, text);
}

function renderCharts() {
  const meta = /** @type {BoardMeta | undefined} */ (shown.meta);
  setText(page.serviceLevelDefinition, meta ? t('chart.sl.within', { seconds: meta.serviceLevelSeconds }) : '');
  const hourly = /** @type {HourPoint[] | undefined} */ (shown.hourly);
  const data = { points: Array.isArray(hourly) ? hourly : [], windowFrom: meta?.windowFrom ?? null, windowTo: meta?.windowTo ?? null };
  renderHourlyChart(page.hourlyChart, data);
  renderServiceLevelChart(page.serviceLevelChart, data);
}

/**
 * Shows the banner while the server or the PBX link is down, and greys the figures with it.
 * It hides itself once both are back.
 */
function renderBanner() {
  const status = /** @type {LinkStatus | undefined} */ (shown.status);
  const socketDown = connection === 'disconnected';
  const amiDown = status !== undefined && status.ami !== 'connected';
  page.bannerSocket.hidden = !socketDown;
  page.bannerAmi.hidden = !amiDown;
  page.banner.hidden = !socketDown && !amiDown;
  document.body.classList.toggle('is-stale', socketDown || amiDown);
  if (amiDown && status) {
    setText(page.bannerAmiSince, t('banner.amiSince', { time: formatTime(status.amiSince), duration: formatDuration(serverNow() - status.amiSince) }));
  }
}

/**
 * @param {BoardEntries} entries
 * @param {boolean} force
 */
function renderBoard(entries, force) {
  const previous = shown;
  shown = entries;
  if (force || previous.meta !== entries.meta) renderWindow(/** @type {BoardMeta | undefined} */ (entries.meta));
  renderTiles(entries, force || previous.meta !== entries.meta);
  renderAgents(entries, force);
  if (force || previous.hourly !== entries.hourly || previous.meta !== entries.meta) renderCharts();
  renderBanner();
}

function tick() {
  const now = serverNow();
  setText(page.clock, formatTime(now));
  page.clock.setAttribute('datetime', new Date(now).toISOString());
  for (const view of tileViews.values()) tickTile(view);
  for (const view of agentViews.values()) tickAgent(view);
  renderBanner();
}

/** Ticks on the server's second boundary so every counter on the screen turns over together. */
function scheduleTick() {
  tick();
  setTimeout(scheduleTick, 1000 - (serverNow() % 1000) + 5);
}

function renderLangToggle() {
  const lang = getLang();
  page.langToggle.querySelectorAll('[data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === lang));
}

/** @param {SessionMessage} session */
function renderSession(session) {
  setText(page.userName, session.user.displayName);
}

async function logout() {
  try {
    await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  } finally {
    location.assign('/login');
  }
}

const realtime = connectRealtime({
  onSession: renderSession,
  onChange: (/** @type {BoardStream} */ stream) => {
    if (stream.stream !== SUPERVISORS) return;
    renderBoard(stream.entries, false);
    document.body.dataset.ready = 'true';
  },
  onConnection: (/** @type {ConnectionState} */ state) => {
    connection = state;
    renderBanner();
  },
});

function serverNow() {
  return realtime.serverNow();
}

page.langToggle.addEventListener('click', toggleLang);
page.logout.addEventListener('click', () => void logout());
onLangChange(() => {
  translateStatic(document);
  renderLangToggle();
  renderBoard(shown, true);
  tick();
});

let resizeTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(renderCharts, 150);
});

document.documentElement.lang = getLang();
translateStatic(document);
renderLangToggle();
renderCharts();
scheduleTick();
// Labels and order an admin changes at /yonetim/kuyruklar: drawn again as they arrive.
followSiteQueues(realtime, () => renderBoard(shown, true));
// Queue labels and order, break reason labels: drawn again once the site data is here.
void loadSiteData().then((loaded) => {
  if (loaded) renderBoard(shown, true);
});
