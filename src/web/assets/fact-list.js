import { t } from './i18n.js';

/**
 * A ticket's facts as the children of a <dl>: each label translated, each value as text (never markup).
 * @param {ReadonlyArray<ReadonlyArray<string | null | undefined>>} facts [label key, value] pairs
 * @returns {HTMLElement[]}
 */
export function factListItems(facts) {
  return facts.flatMap(([key, value]) => {
    const term = document.createElement('dt');
    term.textContent = t(key ?? '');
    const detail = document.createElement('dd');
    detail.textContent = value ?? '—';
    return [term, detail];
  });
}
