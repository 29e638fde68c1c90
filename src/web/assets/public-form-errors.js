/**
 * The request form's field errors: next to each field (aria-invalid, aria-describedby) and in the error summary
 * above the form, whose links move the focus to the field. Checks the browser can make before sending (the
 * server checks all of them again and words them the same).
 */

import { fieldMessage, pt } from './public-strings.js';

/** @typedef {Record<string, string>} FieldCodes field name → error code */

/** The form's fields in the order the summary lists them (the page's order). */
export const FIELD_ORDER = ['categoryCode', 'description', 'district', 'neighbourhood', 'address', 'latitude', 'name', 'phone', 'email', 'kvkkConsent'];

/**
 * @param {{ categoryCode: string, description: string, district: string, name: string, phone: string, email: string, kvkkConsent: boolean }} values
 * @returns {FieldCodes}
 */
export function checkFields(values) {
  /** @type {FieldCodes} */
  const codes = {};
  if (!values.categoryCode) codes.categoryCode = 'required';
  const description = values.description.trim();
  if (!description) codes.description = 'required';
  else if (description.length < 10) codes.description = 'too-short';
  if (!values.district) codes.district = 'required';
  if (!values.name.trim()) codes.name = 'required';
  const digits = values.phone.replace(/\D/g, '');
  if (!values.phone.trim()) codes.phone = 'required';
  else if (!/^[0-9 +()-]+$/.test(values.phone.trim()) || !/^(?:0|90|0090)?[2-5]\d{9}$/.test(digits)) codes.phone = 'invalid-phone';
  const email = values.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) codes.email = 'invalid-email';
  if (!values.kvkkConsent) codes.kvkkConsent = 'consent-required';
  return codes;
}

/**
 * Marks each field and fills the summary; `focus`: move the focus to the summary (after a submit).
 * @param {Document} doc
 * @param {FieldCodes} codes
 * @param {boolean} focus
 */
export function showFieldErrors(doc, codes, focus) {
  const summary = /** @type {HTMLElement} */ (doc.getElementById('error-summary'));
  const list = /** @type {HTMLElement} */ (doc.getElementById('error-summary-list'));
  const heading = /** @type {HTMLElement} */ (doc.getElementById('error-summary-heading'));
  const fields = FIELD_ORDER.filter((field) => codes[field]);
  for (const field of FIELD_ORDER) {
    const input = doc.getElementById(field === 'latitude' ? 'location-use' : field);
    const error = doc.getElementById(`${field}-error`);
    const code = codes[field];
    if (error) {
      error.textContent = code ? fieldMessage(field, code) : '';
      error.hidden = !code;
    }
    if (input && field !== 'latitude') {
      if (code) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }
  list.replaceChildren(
    ...fields.map((field) => {
      const item = doc.createElement('li');
      const link = doc.createElement('a');
      const target = field === 'latitude' ? 'location-use' : field;
      link.href = `#${target}`;
      link.textContent = fieldMessage(field, codes[field] ?? 'invalid');
      link.addEventListener('click', (event) => {
        event.preventDefault();
        doc.getElementById(target)?.focus();
      });
      item.append(link);
      return item;
    }),
  );
  heading.textContent = fields.length === 1 ? pt('summary.one') : pt('summary.heading', { count: fields.length });
  summary.hidden = fields.length === 0;
  if (focus && fields.length > 0) summary.focus();
}

/**
 * The server's field errors as codes (unknown field names go to the summary under the form's first field).
 * @param {Record<string, { code: string }>} fields
 * @returns {FieldCodes}
 */
export function serverCodes(fields) {
  /** @type {FieldCodes} */
  const codes = {};
  for (const [field, problem] of Object.entries(fields)) codes[FIELD_ORDER.includes(field) ? field : 'categoryCode'] = problem.code;
  return codes;
}
