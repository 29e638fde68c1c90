/**
 * The header of an agent's desk: their state badge and wrap-up countdown, the shift and break
 * buttons, the notice of an action still waiting for the PBX, and the error of a refused action
 * (also of a logout that left the agent in some queues).
 */

import * as api from './desk-api.js';
import { t, getLang, formatDuration } from './i18n.js';
import { deskStatus, pauseReasonLabel } from './desk-form.js';
import { isDeskState } from './desk-messages.js';
import { page, setText } from './desk-page.js';
import { followQueues, serverNow } from './desk-socket.js';
import { renderQueueStrip, setStaticQueues } from './desk-queue-strip.js';
import { describeLeftQueues, queuesLeftBy } from './desk-logout-report.js';
import { breakButtons, queuedBreak, renderBreakButtons, renderQueuedBreak, wireBreakButtons } from './desk-breaks.js';
import { confirmShiftEnd, renderEndConfirm } from './desk-end-confirm.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */
/** @typedef {import('./desk-logout-report.js').LeftQueue} LeftQueue */
/**
 * `left`: the queues a logout could not leave; they are described in the language shown at render time.
 * @typedef {{ key: string, params?: Record<string, string | number>, left?: LeftQueue[] }} ActionError
 */

/** The agent's state as last heard. A live binding. @type {DeskState | null} */
export let deskState = null;
let deskBusy = false;
/** @type {ActionError | null} */
let actionError = null;
/** @type {(() => void)[]} */
const stateListeners = [];

/**
 * Sets the error shown under the header; `renderActionError` shows it.
 * @param {ActionError | null} error
 */
export function setActionError(error) {
  actionError = error;
}

export function renderActionError() {
  page.actionError.hidden = actionError === null;
  if (actionError) setText(page.actionError, t(actionError.key, actionError.left ? { ...actionError.params, queues: describeLeftQueues(actionError.left) } : actionError.params));
}

export function renderDeskState() {
  const state = deskState;
  const status = state ? deskStatus(state) : { kind: 'logged-out', reason: null };
  const text = status.kind === 'paused' ? t('desk.status.paused', { reason: pauseReasonLabel(status.reason, getLang()) }) : t(`desk.status.${status.kind}`);
  setText(page.statusBadge, text);
  page.statusBadge.className = `badge state-${status.kind}`;
  document.body.dataset.deskState = status.kind;

  const loggedIn = state?.loggedIn === true;
  // Static members of queues.conf cannot leave those queues from the desk: only a dynamic membership is a shift to end.
  const staticQueues = state?.staticQueues ?? [];
  const onShift = loggedIn && state.queues.some((queue) => !staticQueues.includes(queue));
  const pending = state?.pending ?? null;
  const locked = deskBusy || pending !== null;
  page.shiftStart.hidden = onShift;
  page.shiftEnd.hidden = !onShift;
  page.shiftStart.disabled = locked || state === null;
  page.shiftEnd.disabled = locked;
  // A break waiting for the call to end counts as chosen: its button shows pressed.
  const pausedFor = status.kind === 'paused' ? status.reason : queuedBreak(state);
  renderBreakButtons();
  for (const button of breakButtons) {
    button.disabled = locked || !loggedIn || pausedFor === button.dataset.reason;
    button.setAttribute('aria-pressed', String(pausedFor === button.dataset.reason));
  }
  page.unpause.hidden = status.kind !== 'paused';
  page.unpause.disabled = locked;

  page.pendingNotice.hidden = pending === null;
  renderQueuedBreak(state, locked);
  renderEndConfirm();
  renderActionError();
  renderQueueStrip();
  tickDeskState();
}

/** Countdowns move every second: wrap-up and how long an AMI action has been waiting. */
export function tickDeskState() {
  const state = deskState;
  const wrapUpLeft = state && deskStatus(state).kind === 'wrap-up' && state.wrapUpUntil !== null ? Math.max(0, state.wrapUpUntil - serverNow()) : null;
  page.statusCountdown.hidden = wrapUpLeft === null;
  page.wrapupPanel.hidden = wrapUpLeft === null;
  if (wrapUpLeft !== null) {
    const left = formatDuration(wrapUpLeft);
    setText(page.statusCountdown, left);
    setText(page.wrapupLeft, t('desk.wrapUp.left', { time: left }));
  }
  const pending = state?.pending;
  if (pending) {
    setText(page.pendingDetail, t('desk.pending.action', { action: t(`desk.pending.${pending.action}`), since: formatDuration(serverNow() - pending.since) }));
  }
}

/**
 * Other parts of the page that depend on the agent's state (whether the call has ended, say).
 * @param {() => void} listener
 */
export function onDeskStateApplied(listener) {
  stateListeners.push(listener);
}

/** @param {DeskState} state */
export function applyDeskState(state) {
  deskState = state;
  setStaticQueues(state.staticQueues ?? []);
  followQueues(state.loggedIn ? state.queues : []);
  renderDeskState();
  for (const listener of stateListeners) listener();
}

/**
 * @param {() => Promise<api.ApiResult<DeskState>>} action
 */
async function runDeskAction(action) {
  if (deskBusy) return;
  deskBusy = true;
  actionError = null;
  renderDeskState();
  try {
    const result = await action();
    if (result.ok) {
      if (isDeskState(result.body)) applyDeskState(result.body);
      const left = queuesLeftBy(result.body);
      if (left) actionError = { key: 'desk.logout.partial', left };
    } else if (result.status !== 401) {
      actionError = { key: 'desk.actionFailed', params: { status: result.status } };
      console.warn('desk action refused', result.status, result.body.error);
    }
  } catch (error) {
    actionError = { key: 'desk.network' };
    console.warn('desk action failed', error instanceof Error ? error.message : error);
  } finally {
    deskBusy = false;
    renderDeskState();
  }
}

export function wireHeader() {
  page.shiftStart.addEventListener('click', () => void runDeskAction(api.startShift));
  page.shiftEnd.addEventListener('click', () => void endShift());
  page.unpause.addEventListener('click', () => void runDeskAction(api.unpause));
  page.breakQueuedCancel.addEventListener('click', () => void runDeskAction(api.unpause));
  wireBreakButtons((reason) => void runDeskAction(() => api.pause(reason)));
}

/** On a call or in wrap-up the agent confirms first: ending the shift there is seldom meant. */
async function endShift() {
  const kind = deskState ? deskStatus(deskState).kind : 'logged-out';
  const busy = kind === 'on-call' || kind === 'ringing' ? 'on-call' : kind === 'wrap-up' ? 'wrap-up' : null;
  if (busy !== null && !(await confirmShiftEnd(busy))) return;
  await runDeskAction(api.endShift);
}
