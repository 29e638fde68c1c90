/**
 * The report filters' choices, from what the server already serves: queues, topics (categories with their
 * sub-categories), departments and districts from GET /api/catalogue, ticket sources from GET /api/lifecycle,
 * agents from GET /api/users (supervisors and admins may list users). Nothing is a constant of this page.
 */

import { t } from './i18n.js';
import { siteQueueLabel } from './site-data.js';
import { codeLabel } from './reports-labels.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {{ value: string, text: string, indent?: boolean }} Choice */
/**
 * @typedef {object} FilterSources
 * @property {{ name: string }[]} queues
 * @property {{ code: string, name: string, children?: { code: string, name: string }[] }[]} categories
 * @property {{ code: string, name: string }[]} departments
 * @property {string[]} districts
 * @property {string[]} sources
 * @property {{ username: string, displayName: string }[]} agents
 */

/** @type {FilterSources} */
const sources = { queues: [], categories: [], departments: [], districts: [], sources: [], agents: [] };

/** @param {unknown} value */
const list = (value) => (Array.isArray(value) ? value : []);

/**
 * Keeps what arrived; a source that failed stays empty and its filter offers only "all".
 * @param {{ catalogue?: any, lifecycle?: any, users?: any }} bodies
 */
export function setFilterSources(bodies) {
  const catalogue = bodies.catalogue ?? {};
  sources.queues = list(catalogue.queues).filter((queue) => typeof queue?.name === 'string');
  sources.categories = list(catalogue.categories).filter((category) => typeof category?.code === 'string');
  sources.departments = list(catalogue.departments).filter((department) => typeof department?.code === 'string');
  sources.districts = list(catalogue.districts).filter((district) => typeof district === 'string');
  sources.sources = list(bodies.lifecycle?.sources).filter((source) => typeof source === 'string');
  sources.agents = list(bodies.users?.items).filter((user) => user?.role === 'agent' && typeof user.username === 'string');
}

/**
 * The choices of one filter, in the language asked for.
 * @param {string} key
 * @param {Lang} lang
 * @returns {Choice[]}
 */
export function filterChoices(key, lang) {
  switch (key) {
    case 'queue':
      return sources.queues.map((queue) => ({ value: queue.name, text: siteQueueLabel(queue.name, lang) }));
    case 'category':
      return sources.categories.flatMap((category) => [
        { value: category.code, text: category.name },
        ...list(category.children).map((child) => ({ value: child.code, text: child.name, indent: true })),
      ]);
    case 'department':
      return sources.departments.map((department) => ({ value: department.code, text: department.name }));
    case 'district':
      return sources.districts.map((district) => ({ value: district, text: district }));
    case 'source':
      return sources.sources.map((source) => ({ value: source, text: codeLabel('source', source, lang) ?? source }));
    case 'agent':
      return sources.agents.map((agent) => ({ value: agent.username, text: `${agent.displayName} (${agent.username})` }));
    default:
      return [];
  }
}

/**
 * Fills a <select> with "all" and the filter's choices, keeping the chosen value when it is still offered.
 * @param {HTMLSelectElement} select
 * @param {string} key
 * @param {string} chosen
 * @param {Lang} lang
 */
export function fillSelect(select, key, chosen, lang) {
  const all = new Option(t('rep.filter.all', undefined, lang), '');
  const options = filterChoices(key, lang).map((choice) => new Option(choice.indent ? `\u2003${choice.text}` : choice.text, choice.value));
  // A value from a shared link that the lists do not (yet) hold is kept, so the report still matches the address.
  if (chosen && !options.some((option) => option.value === chosen)) options.push(new Option(chosen, chosen));
  select.replaceChildren(all, ...options);
  select.value = chosen;
}
