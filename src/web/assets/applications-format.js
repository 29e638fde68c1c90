/**
 * Shared helpers of /basvurular: Istanbul dates, the portal's name, field errors under their inputs, and the
 * datetime-local value of an instant (the form's inputs read and write Istanbul wall-clock time).
 */

import { t, getLang, TIME_ZONE } from './i18n.js';
import { problemText } from './applications-texts.js';

/** @param {string | null | undefined} iso @param {{ time?: boolean }} [options] */
export function istanbulDate(iso, options = { time: true }) {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return '—';
  return new Intl.DateTimeFormat(getLang() === 'tr' ? 'tr-TR' : 'en-GB', {
    timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', ...(options.time ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
  }).format(ms);
}

/** `2026-12-03T14:05` on the Istanbul clock, for a datetime-local input. @param {number} ms */
export function istanbulLocalInput(ms) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(ms)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** The instant an Istanbul datetime-local value names (Turkey keeps +03:00 all year). @param {string} value */
export const fromIstanbulLocalInput = (value) => new Date(`${value}:00+03:00`);

/** @param {string | null | undefined} source */
export const portalName = (source) => (source ? t(`apps.source.${source}`) : '');

/**
 * Puts each field's problem under it (and marks the field), clearing the rest.
 * @param {HTMLFormElement} form
 * @param {Record<string, { code?: string }>} [problems]
 */
export function showProblems(form, problems = {}) {
  form.querySelectorAll('[data-error-for]').forEach((element) => {
    const holder = /** @type {HTMLElement} */ (element);
    const problem = problems[holder.dataset.errorFor ?? ''];
    holder.textContent = problem ? problemText(problem) : '';
    holder.hidden = !problem;
    const field = holder.closest('.field');
    field?.classList.toggle('has-error', Boolean(problem));
    const input = field?.querySelector('input, select, textarea');
    if (input) {
      if (problem) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  });
  const first = /** @type {HTMLElement | null} */ (form.querySelector('.has-error input, .has-error select, .has-error textarea'));
  first?.focus();
}
