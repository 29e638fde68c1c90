/**
 * A ticket event's data in words, for the read-only panel's history: an edit's changes as
 * "Field: before → after" with names instead of codes, other facts as "key: value".
 */

import { isRecord } from './desk-api.js';
import { t } from './i18n.js';
import { excerpt } from './desk-form.js';
import { categoryName, departmentName, statusLabel, priorityLabel } from './desk-catalogue.js';

/** The form's label of a ticket field, for an event's list of changes. */
const FIELD_LABELS = /** @type {Record<string, string>} */ ({
  categoryCode: 'desk.form.category',
  departmentCode: 'desk.form.department',
  district: 'desk.form.district',
  neighbourhood: 'desk.form.neighbourhood',
  address: 'desk.form.address',
  description: 'desk.form.description',
  priority: 'desk.form.priority',
  callerName: 'desk.form.callerName',
  callerNumber: 'desk.form.callerNumber',
  resolution: 'desk.form.resolution',
  status: 'desk.panel.status',
});

/**
 * @param {string} field
 * @param {unknown} value
 */
function eventValue(field, value) {
  if (value === null || value === undefined || value === '') return t('desk.value.empty');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  if (field === 'categoryCode') return categoryName(text);
  if (field === 'departmentCode') return departmentName(text);
  if (field === 'status' || field === 'from') return statusLabel(text);
  if (field === 'priority') return priorityLabel(text);
  return excerpt(text, 80);
}

/**
 * @param {Record<string, unknown>} data
 */
export function eventDetails(data) {
  if (!isRecord(data)) return '';
  /** @type {string[]} */
  const parts = [];
  for (const [key, value] of Object.entries(data)) {
    if (key === 'changes' && isRecord(value)) {
      for (const [field, change] of Object.entries(value)) {
        const name = FIELD_LABELS[field] ? t(/** @type {string} */ (FIELD_LABELS[field])) : field;
        parts.push(isRecord(change) && 'to' in change ? `${name}: ${eventValue(field, change.from)} → ${eventValue(field, change.to)}` : `${name}: ${eventValue(field, change)}`);
      }
    } else if (key !== 'version' && ['string', 'number', 'boolean'].includes(typeof value)) {
      parts.push(`${key}: ${eventValue(key, value)}`);
    }
  }
  return excerpt(parts.join(' · '), 400);
}
