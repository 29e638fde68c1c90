/**
 * The screen pop of the call on the agent's phone: who calls, what they chose in the IVR, their
 * ticket and earlier tickets. A new call opens in the form unless the agent has typed something;
 * then it waits in a banner until they switch.
 */

import { t, formatDuration, formatTime, queueLabel } from './i18n.js';
import { formatIvrChoices } from './desk-form.js';
import { page, setText } from './desk-page.js';
import { serverNow } from './desk-socket.js';
import { deskState } from './desk-header.js';
import { form, formIsDirty } from './desk-form-state.js';
import { openTicketInForm, openNewForm } from './desk-ticket.js';
import { openPanel } from './desk-side-panel.js';
import { ticketRow } from './desk-ticket-row.js';

/** @typedef {import('./desk-api.js').ScreenPop} ScreenPop */

/** The pop shown. A live binding. @type {ScreenPop | null} */
export let pop = null;
/** A pop that arrived while the agent was editing another ticket. @type {ScreenPop | null} */
let waitingPop = null;

/** @param {ScreenPop} incoming */
export function receivePop(incoming) {
  const repeated = pop?.uniqueid === incoming.uniqueid;
  pop = incoming;
  renderPop();
  if (repeated) return;
  if (formShowsPop(incoming)) return;
  if (formIsDirty()) {
    waitingPop = incoming;
    renderWaitingPop();
    return;
  }
  openPopInForm(incoming);
}

/** @param {ScreenPop} candidate */
function formShowsPop(candidate) {
  const target = form.target;
  return candidate.ticket !== null && target?.mode === 'edit' && target.number === candidate.ticket.number;
}

/** @param {ScreenPop} chosen */
function openPopInForm(chosen) {
  waitingPop = null;
  renderWaitingPop();
  if (chosen.ticket) void openTicketInForm(chosen.ticket.number);
  else openNewForm('phone', { callerNumber: chosen.callerNumber ?? '', callerName: chosen.callerName ?? '' });
}

export function renderPop() {
  page.popEmpty.hidden = pop !== null;
  page.popBody.hidden = pop === null;
  if (!pop) {
    page.popEnded.hidden = true;
    return;
  }
  setText(page.popNumber, pop.callerNumber || t('desk.pop.withheld'));
  setText(page.popName, pop.callerName ?? '');
  setText(page.popWait, typeof pop.waitS === 'number' ? t('desk.pop.waited', { time: formatWait(pop.waitS) }) : '');
  const ivr = formatIvrChoices(pop.ivrChoices);
  setText(page.popIvr, ivr || t('desk.pop.noIvr'));
  page.popIvr.classList.toggle('muted', ivr === '');
  setText(page.popTicket, pop.ticket?.number ?? t('desk.pop.noTicket'));
  page.popTicket.disabled = pop.ticket === null;
  setText(page.popQueue, pop.queue ? queueLabel(pop.queue) : '—');
  renderHistory();
  renderPopEnded();
  tickPop();
}

/**
 * A queue wait as people say it: m:ss ("0:42", "12:05"), h:mm:ss past an hour.
 * @param {number} seconds
 */
export function formatWait(seconds) {
  const total = Math.max(0, Math.round(seconds));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  const pad = (/** @type {number} */ n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** The call's duration grows every second. */
export function tickPop() {
  if (!pop) return;
  const connectedAt = Date.parse(pop.connectedAt);
  if (!Number.isFinite(connectedAt)) return setText(page.popConnected, '—');
  const live = !callEnded();
  setText(page.popConnected, live ? `${formatTime(connectedAt)} · ${formatDuration(serverNow() - connectedAt)}` : formatTime(connectedAt));
}

/** The caller hanging up ends the call, not the work: the pop and the form stay as they are. */
function callEnded() {
  if (!pop || !deskState) return false;
  return deskState.currentCall === null || (deskState.currentCall !== pop.uniqueid && deskState.currentCall !== pop.callId);
}

export function renderPopEnded() {
  page.popEnded.hidden = !callEnded();
  page.pop.classList.toggle('pop-live', pop !== null && !callEnded());
}

function renderHistory() {
  const history = pop?.history ?? [];
  page.popHistory.replaceChildren(...history.map((ticket) => ticketRow(ticket)));
  page.popHistoryEmpty.hidden = history.length > 0;
}

export function renderWaitingPop() {
  page.newPop.hidden = waitingPop === null;
  if (!waitingPop) return;
  const caller = [waitingPop.callerNumber || t('desk.pop.withheld'), waitingPop.callerName].filter(Boolean).join(' · ');
  setText(page.newPopText, t('desk.newPop', { caller }));
  setText(page.newPopTicket, waitingPop.ticket ? t('desk.newPop.ticket', { number: waitingPop.ticket.number }) : '');
}

export function wirePop() {
  page.popTicket.addEventListener('click', () => {
    if (pop?.ticket) void openPanel(pop.ticket.number);
  });
  page.newPopSwitch.addEventListener('click', () => {
    if (waitingPop) openPopInForm(waitingPop);
  });
}
