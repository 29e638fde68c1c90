/**
 * Saving the ticket form and taking in the answer: a save becomes the new baseline, a 400 marks the
 * fields, a 409 merges the stored ticket with what the agent typed. Typed text is never lost.
 */

import * as api from './desk-api.js';
import { formValuesFromTicket, isDirty, changedFields, patchBody, createBody, mergeConflict } from './desk-form.js';
import { catalogue } from './desk-catalogue.js';
import { page } from './desk-page.js';
import { form } from './desk-form-state.js';
import { readValues, writeValues, readOutcome, readSource } from './desk-form-fields.js';
import { renderFormState, focusFirstError } from './desk-form-render.js';
import { renderParked } from './desk-ticket.js';
import { saveDraftSoon } from './desk-drafts.js';

/** @typedef {import('./desk-api.js').TicketJson} TicketJson */
/** @typedef {import('./desk-api.js').SaveResult} SaveResult */
/** @typedef {import('./desk-form.js').FormValues} FormValues */
/** @typedef {import('./desk-form-state.js').FormTarget} FormTarget */

async function saveForm() {
  if (!form.target || form.saving) return;
  const current = form.target;
  const values = readValues();
  const outcome = readOutcome();
  form.saving = true;
  form.message = null;
  renderFormState();
  /** @type {SaveResult} */
  let result;
  try {
    result =
      current.mode === 'edit'
        ? await api.saveTicket(current.number, patchBody(current.baseline, values, current.version, outcome))
        : await api.createTicket(createBody(values, outcome, readSource()));
  } catch {
    result = { kind: 'failed', status: 0, error: 'network' };
  }
  form.saving = false;
  // The agent may have switched tickets while the save was under way; its answer belongs to that one.
  if (form.target !== current) {
    applySaveToParked(current, result, values);
    renderFormState();
    return;
  }
  applySaveResult(current, result, values);
}

/**
 * @param {FormTarget} saved
 * @param {SaveResult} result
 * @param {FormValues} sentValues
 */
function applySaveResult(saved, result, sentValues) {
  switch (result.kind) {
    case 'saved': {
      const ticket = result.ticket;
      const stored = storedValues(ticket, sentValues);
      // Keep whatever was typed after the save was sent; only the sent values became the new baseline.
      const typedSince = changedFields(sentValues, readValues());
      form.target = { mode: 'edit', number: ticket.number, version: ticket.version, baseline: stored };
      if (typedSince.length === 0) writeValues(stored);
      form.conflict = null;
      form.fieldErrors = null;
      form.message = null;
      form.saved = { key: saved.mode === 'create' ? 'desk.form.created' : 'desk.form.saved', params: { number: ticket.number, status: ticket.status } };
      page.sourceField.hidden = true;
      break;
    }
    case 'invalid':
      form.fieldErrors = { ...result.fields };
      form.message = { key: 'desk.form.invalid', tone: 'bad' };
      form.saved = null;
      renderFormState();
      focusFirstError();
      break;
    case 'conflict': {
      if (saved.mode !== 'edit') break;
      const merge = mergeConflict(saved.baseline, readValues(), result.current, catalogue.categories);
      form.target = { mode: 'edit', number: saved.number, version: merge.version, baseline: merge.baseline };
      writeValues(merge.values);
      form.conflict = { changed: merge.changed, kept: merge.kept, stored: merge.baseline };
      form.fieldErrors = null;
      form.message = { key: 'desk.form.conflict', tone: 'warn' };
      form.saved = null;
      break;
    }
    case 'forbidden':
      form.message = { key: 'desk.form.forbidden', tone: 'bad' };
      break;
    case 'failed':
      form.message = result.status === 0 ? { key: 'desk.form.network', tone: 'bad' } : { key: 'desk.form.failed', params: { status: result.status }, tone: 'bad' };
      if (result.status !== 0) console.warn('ticket save failed', result.status, result.error);
      break;
  }
  renderFormState();
  saveDraftSoon();
}

/**
 * The saved ticket as the form's new baseline. A server that does not echo the resolution note
 * must not make the note look unsaved.
 * @param {TicketJson} ticket
 * @param {FormValues} sentValues
 * @returns {FormValues}
 */
function storedValues(ticket, sentValues) {
  const stored = formValuesFromTicket(ticket, catalogue.categories);
  return ticket.resolution === undefined ? { ...stored, resolution: sentValues.resolution } : stored;
}

/**
 * A save finished for a form the agent has parked meanwhile: only a success changes the parked copy.
 * @param {FormTarget} saved
 * @param {SaveResult} result
 * @param {FormValues} sentValues
 */
function applySaveToParked(saved, result, sentValues) {
  if (result.kind !== 'saved') return;
  const entry = form.parked.find((candidate) => candidate.target === saved);
  if (!entry) return;
  const ticket = result.ticket;
  entry.target = { mode: 'edit', number: ticket.number, version: ticket.version, baseline: storedValues(ticket, sentValues) };
  if (!isDirty(entry.target.baseline, entry.values)) form.parked = form.parked.filter((candidate) => candidate !== entry);
  renderParked();
}

export function wireTicketSave() {
  page.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveForm();
  });
}
