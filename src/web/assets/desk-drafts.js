/**
 * Unsaved forms survive a reload or a re-login: they are kept in sessionStorage under the user's id,
 * and only that user gets them back (a shared PC may change hands).
 */

import { isRecord } from './desk-api.js';
import { isDirty } from './desk-form.js';
import { form, snapshotForm } from './desk-form-state.js';

/** @typedef {import('./desk-form-state.js').FormSnapshot} FormSnapshot */

const DRAFT_KEY = 'alo153.desk.draft';

/** @type {number | null} */
let ownerId = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let draftTimer;

/** @param {number} userId the signed-in user, whose drafts are stored and restored */
export function setDraftOwner(userId) {
  ownerId = userId;
}

export function saveDraftSoon() {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(saveDraftNow, 400);
}

export function saveDraftNow() {
  if (ownerId === null) return;
  const current = snapshotForm();
  const unsaved = [...form.parked, ...(current && isDirty(current.target.baseline, current.values) ? [current] : [])];
  try {
    if (unsaved.length === 0) sessionStorage.removeItem(DRAFT_KEY);
    else sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ userId: ownerId, unsaved }));
  } catch {
    // Storage may be full or blocked; the form itself still holds the text.
  }
}

/**
 * The owner's stored unsaved forms, oldest first; empty when there are none or they are another's.
 * @returns {FormSnapshot[]}
 */
export function loadDrafts() {
  if (ownerId === null) return [];
  /** @type {unknown} */
  let stored = null;
  try {
    stored = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? 'null');
  } catch {
    return [];
  }
  if (!isRecord(stored) || stored.userId !== ownerId || !Array.isArray(stored.unsaved)) return [];
  return /** @type {FormSnapshot[]} */ (stored.unsaved.filter((entry) => isRecord(entry) && isRecord(entry.target) && isRecord(entry.values)));
}

export function forgetDrafts() {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
  } catch {
    // Nothing stored, nothing to forget.
  }
}
