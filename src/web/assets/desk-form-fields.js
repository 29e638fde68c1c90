/**
 * The ticket form's controls as values: reading and writing them, and filling the choice lists
 * from the catalogue. No state of its own; what is being edited lives in desk-form-state.js.
 */

import { t } from './i18n.js';
import { OUTCOMES, NEW_TICKET_SOURCES, proposedDepartment } from './desk-form.js';
import { catalogue, priorityLabel } from './desk-catalogue.js';
import { page } from './desk-page.js';

/** @typedef {import('./desk-api.js').Outcome} Outcome */
/** @typedef {import('./desk-api.js').NewTicketSource} NewTicketSource */
/** @typedef {import('./desk-form.js').FormValues} FormValues */

/** @returns {FormValues} */
export function readValues() {
  return {
    category: page.category.value,
    subcategory: page.subcategory.value,
    departmentCode: page.department.value,
    district: page.district.value,
    neighbourhood: page.neighbourhood.value,
    address: page.address.value,
    description: page.description.value,
    priority: page.priority.value,
    callerName: page.callerName.value,
    callerNumber: page.callerNumber.value,
    resolution: page.resolution.value,
    smsConsent: page.smsConsent.value,
  };
}

/** @param {FormValues} values */
export function writeValues(values) {
  setSelect(page.category, values.category);
  fillSubcategories(values.category);
  setSelect(page.subcategory, values.subcategory);
  setSelect(page.department, values.departmentCode);
  setSelect(page.district, values.district);
  setSelect(page.priority, values.priority);
  page.neighbourhood.value = values.neighbourhood;
  page.address.value = values.address;
  page.description.value = values.description;
  page.callerName.value = values.callerName;
  page.callerNumber.value = values.callerNumber;
  page.resolution.value = values.resolution;
  setSelect(page.smsConsent, values.smsConsent);
}

/**
 * Picks `value`; a stored value the catalogue does not list is added as-is so it is shown and kept.
 * @param {HTMLSelectElement} select
 * @param {string} value
 */
function setSelect(select, value) {
  if (value && !Array.from(select.options).some((option) => option.value === value)) {
    const extra = new Option(value, value);
    extra.dataset.extra = 'true';
    select.append(extra);
  }
  select.value = value;
}

/** @returns {Outcome} */
export function readOutcome() {
  const checked = page.form.querySelector('input[name="outcome"]:checked');
  const value = checked instanceof HTMLInputElement ? checked.value : 'draft';
  return /** @type {Outcome} */ (OUTCOMES.find((outcome) => outcome === value) ?? 'draft');
}

/** @param {Outcome} outcome */
export function writeOutcome(outcome) {
  page.form.querySelectorAll('input[name="outcome"]').forEach((radio) => {
    if (radio instanceof HTMLInputElement) radio.checked = radio.value === outcome;
  });
}

/** @returns {NewTicketSource} */
export function readSource() {
  return NEW_TICKET_SOURCES.find((source) => source === page.source.value) ?? 'desk';
}

/** Fills (or, after a language switch, retranslates) every choice list; the chosen values stay. */
export function fillCatalogueSelects() {
  const choose = () => new Option(t('desk.form.choose'), '');
  const keep = (/** @type {HTMLSelectElement} */ select) => select.value;
  const category = keep(page.category);
  page.category.replaceChildren(choose(), ...catalogue.categories.map((entry) => new Option(entry.name, entry.code)));
  setSelect(page.category, category);
  const subcategory = keep(page.subcategory);
  fillSubcategories(page.category.value);
  setSelect(page.subcategory, subcategory);
  const department = keep(page.department);
  page.department.replaceChildren(choose(), ...catalogue.departments.map((entry) => new Option(entry.name, entry.code)));
  setSelect(page.department, department);
  const district = keep(page.district);
  page.district.replaceChildren(choose(), ...catalogue.districts.map((name) => new Option(name, name)));
  setSelect(page.district, district);
  const priority = keep(page.priority) || 'normal';
  page.priority.replaceChildren(...catalogue.priorities.map((code) => new Option(priorityLabel(code), code)));
  setSelect(page.priority, priority);
  const source = keep(page.source) || 'desk';
  page.source.replaceChildren(...NEW_TICKET_SOURCES.map((code) => new Option(t(`ticket.newSource.${code}`), code)));
  page.source.value = source;
}

/** @param {string} categoryCode */
export function fillSubcategories(categoryCode) {
  const children = catalogue.categories.find((entry) => entry.code === categoryCode)?.children ?? [];
  page.subcategory.replaceChildren(new Option(t('desk.form.noSubcategory'), ''), ...children.map((entry) => new Option(entry.name, entry.code)));
  page.subcategory.disabled = children.length === 0;
}

/** Choosing a topic proposes its department; the agent can still pick another. */
export function proposeDepartment() {
  const proposal = proposedDepartment(catalogue.categories, page.category.value, page.subcategory.value);
  if (proposal) setSelect(page.department, proposal);
}
