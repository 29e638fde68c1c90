/**
 * The field desk's request form: the catalogue's topics and districts as choices, what was typed as a
 * request row, and the same field rules as the server (src/channels/field/field-row.ts) so a request is
 * refused on the tablet, where it can still be fixed, rather than after the sync.
 */

import { errorText, st } from './saha-i18n.js';

/** @typedef {{ code: string, name: string, children?: { code: string, name: string }[] }} Category */
/** @typedef {{ categories: Category[], districts: string[] }} FormCatalogue */
/** @typedef {Omit<import('./saha-outbox.js').FieldRequest, 'key' | 'takenAt' | 'fieldEvent'>} FormValues */

const FIELDS = ['categoryCode', 'description', 'district', 'neighbourhood', 'address', 'callerName', 'callerNumber', 'email', 'kvkkInformed'];
const LIMITS = /** @type {Record<string, number>} */ ({ description: 4000, neighbourhood: 120, address: 500, callerName: 200 });

/** @param {ParentNode} root @param {string} name */
const control = (root, name) => /** @type {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} */ (root.querySelector(`[name="${name}"]`));

/** Fills the topic and district lists. @param {HTMLFormElement} form @param {FormCatalogue} catalogue */
export function renderChoices(form, catalogue) {
  const category = /** @type {HTMLSelectElement} */ (control(form, 'categoryCode'));
  const keep = category.value;
  const groups = catalogue.categories.map((entry) => {
    const children = entry.children ?? [];
    if (children.length === 0) return new Option(entry.name, entry.code);
    const group = document.createElement('optgroup');
    group.label = entry.name;
    group.append(new Option(entry.name, entry.code), ...children.map((child) => new Option(child.name, child.code)));
    return group;
  });
  category.replaceChildren(new Option(st('saha.form.categoryPick'), ''), ...groups);
  category.value = keep;
  const district = /** @type {HTMLSelectElement} */ (control(form, 'district'));
  const keepDistrict = district.value;
  district.replaceChildren(new Option(st('saha.form.districtNone'), ''), ...catalogue.districts.map((name) => new Option(name, name)));
  district.value = keepDistrict;
}

/** @param {string} value */
const blank = (value) => value.trim() === '';
/** @param {string} value */
const orNull = (value) => (blank(value) ? null : value.trim());

/**
 * What the form holds, or the problems per field.
 * @param {HTMLFormElement} form
 * @returns {{ values: FormValues } | { errors: Record<string, string> }}
 */
export function readForm(form) {
  const text = (/** @type {string} */ name) => control(form, name).value;
  const checked = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (control(form, name)).checked;
  /** @type {Record<string, string>} */
  const errors = {};
  if (blank(text('categoryCode'))) errors.categoryCode = 'required';
  if (blank(text('description'))) errors.description = 'required';
  for (const [name, max] of Object.entries(LIMITS)) if (text(name).trim().length > max) errors[name] = 'too-long';
  const number = text('callerNumber');
  const digits = number.replace(/\D/g, '');
  if (!blank(number) && (!/^[0-9 +()-]+$/.test(number) || digits.length < 7 || digits.length > 20)) errors.callerNumber = 'invalid-phone';
  const email = text('email').trim();
  if (email !== '' && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))) errors.email = 'invalid-email';
  const personal = !blank(text('callerName')) || !blank(number) || email !== '';
  if (personal && !checked('kvkkInformed')) errors.kvkkInformed = 'consent-required';
  if (Object.keys(errors).length > 0) return { errors };
  return {
    values: {
      categoryCode: text('categoryCode'),
      description: text('description').trim(),
      district: orNull(text('district')),
      neighbourhood: orNull(text('neighbourhood')),
      address: orNull(text('address')),
      callerName: orNull(text('callerName')),
      callerNumber: blank(number) ? null : digits,
      email: email === '' ? null : email,
      smsConsent: checked('smsConsent'),
      kvkkInformed: checked('kvkkInformed'),
    },
  };
}

/**
 * Shows each field's problem under it (aria-invalid, aria-describedby) and focuses the first.
 * @param {HTMLFormElement} form
 * @param {Record<string, string>} errors code per field
 */
export function showErrors(form, errors) {
  let first = true;
  for (const name of FIELDS) {
    const input = control(form, name);
    const note = /** @type {HTMLElement | null} */ (form.querySelector(`[data-error-for="${name}"]`));
    const code = errors[name];
    if (code === undefined) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
    if (note) {
      note.hidden = code === undefined;
      note.textContent = code === undefined ? '' : errorText(code);
    }
    if (code !== undefined && first) {
      input.focus();
      first = false;
    }
  }
}

/** Empties the citizen's fields for the next request; the shift's choices (event) are elsewhere. @param {HTMLFormElement} form */
export function clearForm(form) {
  form.reset();
  showErrors(form, {});
}
