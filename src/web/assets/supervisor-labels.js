/**
 * Names and messages of the supervisor workspace: statuses, sources and departments by their Turkish (or English)
 * names, Istanbul times, and every API refusal as a sentence for the form it belongs to.
 */

import { t, formatDate, formatHourMinute } from './i18n.js';
import { departmentName, label } from './desk-catalogue.js';

/** The lifecycle's statuses and sources, as GET /api/lifecycle lists them (set at boot). */
export const lifecycle = { statuses: /** @type {string[]} */ ([]), sources: /** @type {string[]} */ ([]) };

/** @param {string | null | undefined} status */
export const statusName = (status) => (status ? label('history.status', status) : '');
/** @param {string | null | undefined} source */
export const sourceName = (source) => (source ? label('ticket.source', source) : '');
/** @param {string | null | undefined} code */
export const departmentLabel = (code) => (code ? departmentName(code) : t('sup.noDepartment'));

/** @param {string | null | undefined} iso */
export function when(iso) {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? `${formatDate(ms)} ${formatHourMinute(ms)}` : '—';
}

const FIELD_CODES = new Set(['required', 'too-long', 'unknown-department', 'same-department', 'unknown-user', 'unchanged', 'invalid-phone', 'invalid-text', 'not-used']);

/** @param {{ code?: string } | undefined} problem */
export function fieldMessage(problem) {
  const code = problem?.code ?? '';
  return t(FIELD_CODES.has(code) ? `sup.field.${code}` : 'sup.field.invalid');
}

/**
 * The sentence for a failed call (not the per-field ones).
 * @param {{ status: number, body: any }} result
 */
export function failureMessage(result) {
  const body = result.body ?? {};
  if (result.status === 409 && body.error === 'ticket changed') return t('sup.error.changed', { status: statusName(body.current?.status), version: body.current?.version ?? '?' });
  if (result.status === 409) {
    const allowed = Array.isArray(body.allowed) ? body.allowed.map((/** @type {string} */ name) => t(`sup.action.${name}`)).join(', ') : '';
    return t('sup.error.refused', { status: statusName(body.status ?? body.current?.status), allowed: allowed || '—' });
  }
  if (result.status === 400) return t('sup.error.invalid');
  if (result.status === 403) return t('sup.error.forbidden');
  if (result.status === 404) return t('sup.error.notFound');
  return t('sup.error.failed', { status: result.status });
}
