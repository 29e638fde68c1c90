/**
 * The catalogue the desk shows names from (topics, departments, districts, queues, pause reasons), and
 * the labels built from it. Until the server answers it is empty, so the page renders without choices;
 * queue and break-reason labels live in site-data.js, which the wallboard shares.
 */

import { t } from './i18n.js';
import { setSiteData } from './site-data.js';

/** @typedef {import('./desk-api.js').Catalogue} Catalogue */

/** A live binding: importers always see the catalogue last set. @type {Catalogue} */
export let catalogue = { categories: [], departments: [], queues: [], pauseReasons: [], districts: [], neighbourhoods: {}, priorities: ['low', 'normal', 'high', 'urgent'] };

/** @param {Catalogue} next */
export function setCatalogue(next) {
  catalogue = next;
  setSiteData(next);
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
