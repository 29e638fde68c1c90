/**
 * Shows the ticket form's state: title, unsaved mark, save button, the alert, the per-field notes of
 * a 400 (what is wrong) and of a 409 (what is stored now), and the confirmation of a save.
 */

import { t, getLang } from './i18n.js';
import { fieldErrorMessages, excerpt, ticketValue, categoryCodeOf } from './desk-form.js';
import { categoryName, departmentName, statusLabel, priorityLabel } from './desk-catalogue.js';
import { page, setText } from './desk-page.js';
import { form, formIsDirty } from './desk-form-state.js';

/** @typedef {import('./desk-form.js').FormValues} FormValues */
/** @typedef {import('./desk-form.js').TicketField} TicketField */

export function renderFormState() {
  const dirty = formIsDirty();
  page.dirtyMark.hidden = !dirty;
  document.body.dataset.formDirty = String(dirty);
  const target = form.target;
  if (target) setText(page.formTitle, target.mode === 'edit' ? t('desk.form.titleEdit', { number: target.number }) : t('desk.form.titleNew'));
  else if (page.formLoading.hidden) setText(page.formTitle, '');
  page.save.disabled = form.saving;
  setText(page.save, t(form.saving ? 'desk.form.saving' : 'desk.form.save'));
  renderFieldNotes();
  const message = form.message;
  page.formAlert.hidden = message === null;
  page.formAlert.className = `notice form-alert notice-${message?.tone ?? 'info'}`;
  if (message) setText(page.formAlert, [t(message.key, message.params), ...unplacedFieldErrors()].join(' '));
  const saved = form.saved;
  setText(page.formStatus, saved ? t(saved.key, { ...saved.params, status: statusLabel(String(saved.params.status)) }) : '');
}

export function renderFieldNotes() {
  const lang = getLang();
  const messages = form.fieldErrors ? fieldErrorMessages(form.fieldErrors, lang) : {};
  page.form.querySelectorAll('[data-error-for]').forEach((note) => {
    if (!(note instanceof HTMLElement)) return;
    const field = note.dataset.errorFor ?? '';
    const message = messages[field];
    note.hidden = message === undefined;
    setText(note, message ?? '');
    note.closest('.field')?.classList.toggle('has-error', message !== undefined);
  });
  const conflict = form.conflict;
  page.form.querySelectorAll('[data-conflict-for]').forEach((note) => {
    if (!(note instanceof HTMLElement)) return;
    const field = /** @type {TicketField} */ (note.dataset.conflictFor ?? '');
    const shown = conflict !== null && conflict.changed.includes(field);
    note.hidden = !shown;
    note.closest('.field')?.classList.toggle('has-conflict', shown);
    if (!conflict || !shown) return setText(note, '');
    const value = displayValue(field, conflict.stored) || t('desk.value.empty');
    setText(note, t(conflict.kept.includes(field) ? 'desk.form.conflictKept' : 'desk.form.conflictValue', { value }));
  });
}

/** 400 problems of fields that have no place in the form (a wrong version, say) go into the alert. */
function unplacedFieldErrors() {
  const fieldErrors = form.fieldErrors;
  if (!fieldErrors) return [];
  const placed = new Set(Array.from(page.form.querySelectorAll('[data-error-for]')).map((note) => note.getAttribute('data-error-for')));
  const messages = fieldErrorMessages(fieldErrors, getLang());
  return [...new Set(Object.keys(fieldErrors).filter((field) => !placed.has(field)).map((field) => messages[field] ?? ''))];
}

export function focusFirstError() {
  const first = page.form.querySelector('.field.has-error');
  const control = first?.querySelector('input, select, textarea');
  if (control instanceof HTMLElement) control.focus();
}

/**
 * A ticket field for people: names rather than codes.
 * @param {TicketField} field
 * @param {FormValues} values
 */
function displayValue(field, values) {
  const value = ticketValue(values, field);
  if (value === null) return '';
  if (field === 'categoryCode') return categoryName(categoryCodeOf(values));
  if (field === 'departmentCode') return departmentName(value);
  if (field === 'priority') return priorityLabel(value);
  if (field === 'smsConsent') return t(`desk.form.smsConsent.${value}`);
  return excerpt(value, 160);
}
