/**
 * What the ticket form is editing, shared by the modules that open, render, save and park forms.
 * One object rather than loose variables so each of them reads and writes the same state.
 */

import { isDirty } from './desk-form.js';
import { page } from './desk-page.js';
import { readValues, readOutcome, readSource } from './desk-form-fields.js';

/** @typedef {import('./desk-api.js').Outcome} Outcome */
/** @typedef {import('./desk-api.js').NewTicketSource} NewTicketSource */
/** @typedef {import('./desk-api.js').FieldProblem} FieldProblem */
/** @typedef {import('./desk-form.js').FormValues} FormValues */
/** @typedef {import('./desk-form.js').TicketField} TicketField */

/**
 * What the form is editing. `baseline` is the ticket as last read or saved: dirty = differs from it.
 * @typedef {{ mode: 'edit', number: string, version: number, baseline: FormValues }
 *   | { mode: 'create', baseline: FormValues }} FormTarget
 */
/** @typedef {{ target: FormTarget, values: FormValues, outcome: Outcome, source: NewTicketSource }} FormSnapshot */
/** @typedef {{ key: string, params?: Record<string, string | number> }} Message */

/**
 * @typedef {object} FormState
 * @property {FormTarget | null} target
 * @property {FormSnapshot[]} parked unsaved forms the agent switched away from
 * @property {number} loads counts form loads, so a slow load cannot overwrite a later one
 * @property {boolean} saving
 * @property {{ changed: TicketField[], kept: TicketField[], stored: FormValues } | null} conflict
 * @property {Record<string, FieldProblem> | null} fieldErrors the 400's problems, kept as codes so a language switch retranslates them
 * @property {(Message & { tone: 'bad' | 'warn' }) | null} message
 * @property {{ key: string, params: Record<string, string | number> } | null} saved
 */

/** @type {FormState} */
export const form = {
  target: null,
  parked: [],
  loads: 0,
  saving: false,
  conflict: null,
  fieldErrors: null,
  message: null,
  saved: null,
};

export function formIsDirty() {
  return form.target !== null && !page.form.hidden && isDirty(form.target.baseline, readValues());
}

/** @returns {FormSnapshot | null} */
export function snapshotForm() {
  if (!form.target) return null;
  return { target: form.target, values: readValues(), outcome: readOutcome(), source: readSource() };
}
