/**
 * The desk header's break buttons, one per break reason of the catalogue (config/site.json), and the
 * notice of a break chosen during a call: app_queue pauses the membership at once, but the call goes
 * on and the break only starts when it ends — without the notice the agent could not tell it was taken.
 */

import { t, getLang } from './i18n.js';
import { pauseReasons, pauseReasonText } from './site-data.js';
import { deskStatus, pauseReasonLabel } from './desk-form.js';
import { page, setText } from './desk-page.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */

/** The buttons drawn for the reasons last seen; a live binding. @type {HTMLButtonElement[]} */
export let breakButtons = [];
/** @type {(reason: string) => void} */
let choose = () => undefined;

/** @param {(reason: string) => void} onChoose */
export function wireBreakButtons(onChoose) {
  choose = onChoose;
}

/** Draws the buttons when the reasons changed (the catalogue arrived), and labels them in the language shown. */
export function renderBreakButtons() {
  const reasons = pauseReasons();
  const codes = reasons.map((reason) => reason.code).join('\n');
  if (page.breakGroup.dataset.codes !== codes) {
    breakButtons = reasons.map((reason) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'btn btn-break';
      button.dataset.reason = reason.code;
      button.addEventListener('click', () => choose(reason.code));
      return button;
    });
    page.breakGroup.replaceChildren(...breakButtons);
    page.breakGroup.dataset.codes = codes;
  }
  const lang = getLang();
  for (const button of breakButtons) setText(button, pauseReasonText(button.dataset.reason, lang));
}

/**
 * The break waiting for the call (or its wrap-up) to end, if any.
 * @param {DeskState | null} state
 * @returns {string | null}
 */
export function queuedBreak(state) {
  if (!state?.paused || !state.reason || state.reason === 'wrap-up') return null;
  const kind = deskStatus(state).kind;
  return kind === 'on-call' || kind === 'ringing' || kind === 'wrap-up' ? state.reason : null;
}

/**
 * @param {DeskState | null} state
 * @param {boolean} locked an action is under way or waits for the PBX
 */
export function renderQueuedBreak(state, locked) {
  const reason = queuedBreak(state);
  page.breakQueued.hidden = reason === null;
  if (reason !== null) setText(page.breakQueuedText, t('desk.breakQueued', { reason: pauseReasonLabel(reason, getLang()) }));
  page.breakQueuedCancel.disabled = locked;
}
