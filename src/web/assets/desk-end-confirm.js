/**
 * Ending the shift during a call or its wrap-up asks first, in the page: a modal <dialog> takes the
 * focus (on "Cancel", the safe answer), Escape cancels, and screen readers read its title and text.
 * window.confirm would freeze the page's timers and sockets while open and speaks no Turkish title.
 */

import { t } from './i18n.js';
import { page, setText } from './desk-page.js';

/** @typedef {'on-call' | 'wrap-up'} BusyKind */

/** @type {BusyKind | null} */
let asking = null;

/**
 * Resolves true when the agent confirms, false when they cancel (button, Escape).
 * @param {BusyKind} kind
 * @returns {Promise<boolean>}
 */
export function confirmShiftEnd(kind) {
  const dialog = page.endConfirm;
  if (dialog.open) return Promise.resolve(false);
  asking = kind;
  renderEndConfirm();
  return new Promise((resolve) => {
    /** @param {boolean} answer */
    const finish = (answer) => {
      page.endConfirmYes.removeEventListener('click', yes);
      page.endConfirmNo.removeEventListener('click', no);
      dialog.removeEventListener('cancel', cancel);
      asking = null;
      if (dialog.open) dialog.close();
      page.shiftEnd.focus();
      resolve(answer);
    };
    const yes = () => finish(true);
    const no = () => finish(false);
    /** @param {Event} event */
    const cancel = (event) => {
      event.preventDefault();
      finish(false);
    };
    page.endConfirmYes.addEventListener('click', yes);
    page.endConfirmNo.addEventListener('click', no);
    dialog.addEventListener('cancel', cancel);
    dialog.showModal();
    page.endConfirmNo.focus();
  });
}

/** Retranslates an open dialog (language switch). */
export function renderEndConfirm() {
  if (asking) setText(page.endConfirmText, t(`desk.endConfirm.${asking}`));
}
