/**
 * The catalogue the desk shows names from (topics, departments, districts, pause reasons), and the
 * labels built from it. Until the server answers, it holds defaults so the page can render empty.
 */

import { t } from './i18n.js';

/** @typedef {import('./desk-api.js').Catalogue} Catalogue */

const FALLBACK_PAUSE_REASONS = ['mola', 'yemek', 'eğitim', 'toplantı'];

/** A live binding: importers always see the catalogue last set. @type {Catalogue} */
export let catalogue = { categories: [], departments: [], districts: [], priorities: ['low', 'normal', 'high', 'urgent'], pauseReasons: FALLBACK_PAUSE_REASONS };

/** @param {Catalogue} next */
export function setCatalogue(next) {
  catalogue = next;
}

/** @param {string | null | undefined} code */
export function categoryName(code) {
  if (!code) return '';
  for (const category of catalogue.categories) {
    if (category.code === code) return category.name;
    const child = category.children.find((candidate) => candidate.code === code);
    if (child) return `${category.name} › ${child.name}`;
  }
  return code;
}

/** @param {string | null | undefined} code */
export function departmentName(code) {
  if (!code) return '';
  return catalogue.departments.find((department) => department.code === code)?.name ?? code;
}

/**
 * A translated label for a code, or the code itself when there is no translation for it.
 * @param {string} prefix
 * @param {string | null | undefined} value
 */
export function label(prefix, value) {
  if (!value) return '';
  const key = `${prefix}.${value}`;
  const text = t(key);
  return text === key ? value : text;
}

export const statusLabel = (/** @type {string} */ status) => label('ticket.status', status);
export const priorityLabel = (/** @type {string | null} */ priority) => label('ticket.priority', priority);
