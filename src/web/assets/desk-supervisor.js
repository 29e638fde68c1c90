/**
 * The supervisors' view of the desk: every agent's state, queues (static memberships of queues.conf
 * flagged) and call, polled, with "pause" and "log out" (after a confirmation) per agent; a forced
 * logout that left the agent in some queues says which. Rows are kept across polls so a chosen reason
 * or an open confirmation survives them.
 */

import * as api from './desk-api.js';
import { t, getLang, translateStatic, formatDuration, formatTime } from './i18n.js';
import { deskStatus, pauseReasonLabel, formatIvrChoices } from './desk-form.js';
import { isDeskState } from './desk-messages.js';
import { catalogue, setCatalogue } from './desk-catalogue.js';
import { page, setText, make } from './desk-page.js';
import { setActionError, renderActionError } from './desk-header.js';
import { queueListLabel, queuesLeftBy } from './desk-logout-report.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */
/** @typedef {import('./desk-api.js').AgentDesk} AgentDesk */

/**
 * @typedef {object} AgentRowView
 * @property {HTMLTableRowElement} row
 * @property {{ name: HTMLElement, login: HTMLElement, state: HTMLElement, stateNote: HTMLElement, queues: HTMLElement, caller: HTMLElement, ivr: HTMLElement, ticket: HTMLElement }} cells
 * @property {HTMLSelectElement} reason
 * @property {HTMLButtonElement} pause
 * @property {HTMLButtonElement} logout
 * @property {HTMLElement} confirm
 * @property {HTMLElement} confirmText
 */

const AGENTS_POLL_MS = 2000;

/** @type {Map<number, AgentRowView>} */
const agentRows = new Map();
/** @type {AgentDesk[]} */
let agents = [];
let agentsStale = false;
let agentsLoadedAt = 0;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let agentsTimer;

async function pollAgents() {
  clearTimeout(agentsTimer);
  try {
    const result = await api.listAgents();
    if (result.ok && api.isRecord(result.body) && Array.isArray(result.body.items)) {
      agents = result.body.items.filter((item) => api.isRecord(item) && api.isRecord(item.user) && isDeskState(item.state));
      agentsStale = false;
      agentsLoadedAt = Date.now();
      document.body.dataset.ready = 'true';
    } else {
      agentsStale = true;
    }
  } catch {
    agentsStale = true;
  }
  renderAgents();
  agentsTimer = setTimeout(() => void pollAgents(), AGENTS_POLL_MS);
}

/**
 * @param {string} className
 * @param {string} testid
 * @param {string} [i18nKey]
 */
function smallButton(className, testid, i18nKey) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = `btn btn-small ${className}`;
  button.dataset.testid = testid;
  if (i18nKey) button.dataset.i18n = i18nKey;
  return button;
}

/**
 * @param {number} userId
 * @returns {AgentRowView}
 */
function createAgentRow(userId) {
  const row = document.createElement('tr');
  row.dataset.testid = `agent-${userId}`;
  const cell = (/** @type {string} */ name, /** @type {HTMLElement[]} */ ...content) => {
    const td = make('td', `col-${name}`);
    td.append(...content);
    row.append(td);
    return td;
  };
  const cells = {
    name: make('span', 'sup-name'),
    login: make('span', 'sup-login'),
    state: make('span', 'badge'),
    stateNote: make('span', 'sup-note'),
    queues: make('span', 'sup-queues'),
    caller: make('span', 'sup-caller'),
    ivr: make('span', 'sup-ivr'),
    ticket: make('span', 'ticket-number'),
  };
  cell('agent', cells.name, cells.login);
  cell('state', cells.state, cells.stateNote);
  cell('queues', cells.queues);
  cell('call', cells.caller, cells.ivr, cells.ticket);

  const controls = make('div', 'sup-controls');
  const reason = document.createElement('select');
  reason.className = 'sup-reason';
  reason.dataset.testid = 'pause-reason';
  const pauseButton = smallButton('', 'pause-agent');
  const logoutButton = smallButton('btn-danger', 'logout-agent');
  controls.append(reason, pauseButton, logoutButton);
  const confirm = make('div', 'sup-confirm');
  confirm.hidden = true;
  const confirmText = make('span', 'sup-confirm-text');
  const yes = smallButton('btn-danger', 'confirm-logout', 'desk.sup.yes');
  const no = smallButton('', 'cancel-logout', 'desk.sup.no');
  confirm.append(confirmText, yes, no);
  cell('actions', controls, confirm);

  /** @type {AgentRowView} */
  const view = { row, cells, reason, pause: pauseButton, logout: logoutButton, confirm, confirmText };
  const closeConfirm = () => {
    confirm.hidden = true;
    controls.hidden = false;
  };
  pauseButton.addEventListener('click', () => void supervisorAction(view, () => api.pauseAgent(userId, reason.value)));
  logoutButton.addEventListener('click', () => {
    controls.hidden = true;
    confirm.hidden = false;
    yes.focus();
  });
  no.addEventListener('click', closeConfirm);
  yes.addEventListener('click', () => {
    closeConfirm();
    const name = agents.find((agent) => agent.user.id === userId)?.user.displayName ?? '';
    void supervisorAction(view, () => api.logoutAgent(userId), name);
  });
  fillSupervisorLabels(view);
  return view;
}

/** @param {AgentRowView} view */
function fillSupervisorLabels(view) {
  const chosen = view.reason.value;
  view.reason.replaceChildren(...catalogue.pauseReasons.map((reason) => new Option(pauseReasonLabel(reason.code, getLang()), reason.code)));
  if (chosen) view.reason.value = chosen;
  view.reason.setAttribute('aria-label', t('desk.sup.pauseReason'));
  setText(view.pause, t('desk.sup.pause'));
  setText(view.logout, t('desk.sup.logout'));
  translateStatic(view.confirm);
}

/**
 * @param {AgentRowView} view
 * @param {() => Promise<api.ApiResult<DeskState>>} action
 * @param {string} [agentName] for the notice of a logout that left the agent in some queues
 */
async function supervisorAction(view, action, agentName = '') {
  view.pause.disabled = true;
  view.logout.disabled = true;
  setActionError(null);
  try {
    const result = await action();
    const left = result.ok ? queuesLeftBy(result.body) : null;
    if (left) setActionError({ key: 'desk.sup.logoutPartial', params: { name: agentName }, left });
    else if (!result.ok && result.status !== 401) setActionError({ key: 'desk.actionFailed', params: { status: result.status } });
  } catch {
    setActionError({ key: 'desk.network' });
  }
  renderActionError();
  await pollAgents();
}

/** Also called every second: wrap-up countdowns move between polls. */
export function renderAgents() {
  const lang = getLang();
  const present = new Set(agents.map((agent) => agent.user.id));
  for (const [id, view] of agentRows) {
    if (!present.has(id)) {
      view.row.remove();
      agentRows.delete(id);
    }
  }
  agents.forEach((agent, index) => {
    let view = agentRows.get(agent.user.id);
    if (!view) {
      view = createAgentRow(agent.user.id);
      agentRows.set(agent.user.id, view);
    }
    fillAgentRow(view, agent, lang);
    if (page.supRows.children[index] !== view.row) page.supRows.insertBefore(view.row, page.supRows.children[index] ?? null);
  });
  const empty = page.supRows.querySelector('.sup-empty');
  if (agents.length === 0 && !empty) {
    const row = make('tr', 'sup-empty');
    const cell = document.createElement('td');
    cell.colSpan = 5;
    cell.dataset.i18n = 'desk.sup.none';
    cell.textContent = t('desk.sup.none');
    row.append(cell);
    page.supRows.append(row);
  } else if (agents.length > 0 && empty) {
    empty.remove();
  }
  page.supStale.hidden = !agentsStale;
  setText(page.supUpdated, agentsLoadedAt ? t('desk.sup.updated', { time: formatTime(agentsLoadedAt) }) : '');
}

/**
 * @param {AgentRowView} view
 * @param {AgentDesk} agent
 * @param {import('./i18n.js').Lang} lang
 */
function fillAgentRow(view, agent, lang) {
  const { cells } = view;
  const status = deskStatus(agent.state);
  view.row.dataset.state = status.kind;
  setText(cells.name, agent.user.displayName);
  setText(cells.login, [agent.user.username, agent.user.phoneInterface].filter(Boolean).join(' · '));
  setText(cells.state, status.kind === 'paused' ? t('desk.status.paused', { reason: pauseReasonLabel(status.reason, lang) }) : t(`desk.status.${status.kind}`));
  cells.state.className = `badge state-${status.kind}`;
  const pending = agent.state.pending;
  const wrapUp = status.kind === 'wrap-up' && agent.state.wrapUpUntil !== null ? t('desk.wrapUp.left', { time: formatDuration(agent.state.wrapUpUntil - Date.now()) }) : '';
  setText(cells.stateNote, pending ? t('desk.sup.pending', { action: t(`desk.pending.${pending.action}`) }) : wrapUp);
  cells.stateNote.classList.toggle('sup-pending', pending !== null);
  const staticQueues = agent.state.staticQueues ?? [];
  const queues = queueListLabel(agent.state.queues, staticQueues);
  setText(cells.queues, queues || '—');
  cells.queues.title = agent.state.queues.join(', ');
  const call = agent.pop;
  setText(cells.caller, call ? [call.callerNumber || t('desk.pop.withheld'), call.callerName].filter(Boolean).join(' · ') : '—');
  setText(cells.ivr, call ? formatIvrChoices(call.ivrChoices) : '');
  setText(cells.ticket, call?.ticket?.number ?? '');
  setText(view.confirmText, t('desk.sup.confirm', { name: agent.user.displayName }));
  const unavailable = pending !== null || !agent.state.loggedIn;
  // Only dynamic memberships can be left: an agent left in static queues only has nothing to log out of.
  view.pause.disabled = unavailable;
  view.logout.disabled = unavailable || agent.state.queues.every((queue) => staticQueues.includes(queue));
  view.reason.disabled = unavailable;
}

/** After a language switch: labels, rows and the error in the new language. */
export function rerenderSupervisor() {
  for (const view of agentRows.values()) fillSupervisorLabels(view);
  renderAgents();
  renderActionError();
}

export function bootSupervisor() {
  document.body.dataset.view = 'supervisor';
  page.supMain.hidden = false;
  document.querySelectorAll('[data-agent-only]').forEach((element) => {
    if (element instanceof HTMLElement) element.hidden = true;
  });
  void api.getCatalogue().then((result) => {
    if (result.ok && api.isRecord(result.body) && Array.isArray(result.body.pauseReasons)) setCatalogue(result.body);
    for (const view of agentRows.values()) fillSupervisorLabels(view);
  }, () => undefined);
  void pollAgents();
}
