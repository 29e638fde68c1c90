/**
 * Opening tickets in the form: a stored ticket, a new one, or an unsaved one the agent comes back to.
 * Typed text is never dropped: switching away parks the form in the "unsaved" list.
 */

import * as api from './desk-api.js';
import { t } from './i18n.js';
import { emptyFormValues, formValuesFromTicket, isDirty } from './desk-form.js';
import { catalogue } from './desk-catalogue.js';
import { page, setText, make } from './desk-page.js';
import { form, formIsDirty, snapshotForm } from './desk-form-state.js';
import { writeValues, writeOutcome, fillSubcategories, proposeDepartment } from './desk-form-fields.js';
import { renderFormState, renderFieldNotes } from './desk-form-render.js';
import { saveDraftSoon, loadDrafts } from './desk-drafts.js';

/** @typedef {import('./desk-api.js').Outcome} Outcome */
/** @typedef {import('./desk-api.js').NewTicketSource} NewTicketSource */
/** @typedef {import('./desk-form.js').FormValues} FormValues */
/** @typedef {import('./desk-form-state.js').FormTarget} FormTarget */
/** @typedef {import('./desk-form-state.js').FormSnapshot} FormSnapshot */

/** Keeps the current form in the "unsaved" list when it has typed text; the agent can come back to it. */
function parkCurrentForm() {
  const snapshot = snapshotForm();
  if (!snapshot || !isDirty(snapshot.target.baseline, snapshot.values)) return;
  form.parked = form.parked.filter((entry) => !sameTarget(entry.target, snapshot.target));
  form.parked.push(snapshot);
  renderParked();
}

/**
 * @param {FormTarget} a
 * @param {FormTarget} b
 */
function sameTarget(a, b) {
  if (a.mode === 'edit' && b.mode === 'edit') return a.number === b.number;
  return a === b;
}

/** @param {FormSnapshot} snapshot */
function restoreSnapshot(snapshot) {
  form.loads += 1;
  form.parked = form.parked.filter((entry) => entry !== snapshot);
  showForm(snapshot.target, snapshot.values, snapshot.outcome);
  page.source.value = snapshot.source;
  renderParked();
}

export function renderParked() {
  page.parked.hidden = form.parked.length === 0;
  page.parkedItems.replaceChildren(
    ...form.parked.map((snapshot) => {
      const name = snapshot.target.mode === 'edit' ? snapshot.target.number : t('desk.parked.new');
      const button = make('button', 'btn btn-small', name);
      button.setAttribute('type', 'button');
      button.title = t('desk.parked.open', { label: name });
      button.addEventListener('click', () => {
        parkCurrentForm();
        restoreSnapshot(snapshot);
      });
      return button;
    }),
  );
  saveDraftSoon();
}

/**
 * @param {FormTarget} next
 * @param {FormValues} values
 * @param {Outcome} outcome
 */
function showForm(next, values, outcome) {
  form.target = next;
  form.conflict = null;
  form.fieldErrors = null;
  form.message = null;
  form.saved = null;
  page.formEmpty.hidden = true;
  page.formLoading.hidden = true;
  page.form.hidden = false;
  page.formFields.disabled = false;
  page.sourceField.hidden = next.mode !== 'create';
  writeValues(values);
  writeOutcome(outcome);
  renderFormState();
  saveDraftSoon();
}

/**
 * Loads a ticket into the form. Typed text in the current form is parked first, never dropped.
 * @param {string} number
 */
export async function openTicketInForm(number) {
  const parkedCopy = form.parked.find((entry) => entry.target.mode === 'edit' && entry.target.number === number);
  if (parkedCopy) {
    parkCurrentForm();
    restoreSnapshot(parkedCopy);
    return;
  }
  parkCurrentForm();
  const load = ++form.loads;
  page.form.hidden = true;
  page.formEmpty.hidden = true;
  page.formLoading.hidden = false;
  setText(page.formLoading, t('desk.form.loading'));
  setText(page.formTitle, t('desk.form.titleEdit', { number }));
  page.dirtyMark.hidden = true;
  form.target = null;
  try {
    const result = await api.getTicket(number);
    if (load !== form.loads) return;
    if (!result.ok) {
      setText(page.formLoading, t('desk.form.loadFailed', { status: result.status }));
      return;
    }
    const ticket = result.body;
    showForm({ mode: 'edit', number: ticket.number, version: ticket.version, baseline: formValuesFromTicket(ticket, catalogue.categories) }, formValuesFromTicket(ticket, catalogue.categories), 'draft');
  } catch {
    if (load === form.loads) setText(page.formLoading, t('desk.form.network'));
  }
}

/**
 * @param {NewTicketSource} source
 * @param {Partial<FormValues>} [prefill]
 */
export function openNewForm(source, prefill = {}) {
  parkCurrentForm();
  form.loads += 1;
  // The prefill (the caller's number) is part of the baseline: it alone is nothing to protect.
  const values = emptyFormValues(prefill);
  showForm({ mode: 'create', baseline: values }, values, 'draft');
  page.source.value = source;
  page.category.focus();
}

/** Brings back this user's unsaved forms: the last one in the form, the others in the list. */
export function restoreDrafts() {
  const snapshots = loadDrafts();
  const last = snapshots[snapshots.length - 1];
  if (!last) return;
  form.parked = snapshots.slice(0, -1);
  restoreSnapshot(last);
}

export function wireTicketForm() {
  page.newTicket.addEventListener('click', () => openNewForm('desk'));
  page.category.addEventListener('change', () => {
    fillSubcategories(page.category.value);
    proposeDepartment();
  });
  page.subcategory.addEventListener('change', proposeDepartment);
  page.form.addEventListener('input', (event) => {
    const field = event.target instanceof HTMLElement ? event.target.closest('.field') : null;
    const errorNote = field?.querySelector('[data-error-for]');
    if (form.fieldErrors && errorNote instanceof HTMLElement && errorNote.dataset.errorFor) {
      delete form.fieldErrors[errorNote.dataset.errorFor];
      renderFieldNotes();
    }
    page.dirtyMark.hidden = !formIsDirty();
    document.body.dataset.formDirty = String(formIsDirty());
    saveDraftSoon();
  });
  page.form.addEventListener('change', () => {
    page.dirtyMark.hidden = !formIsDirty();
    saveDraftSoon();
  });
}
