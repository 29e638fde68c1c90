/**
 * Ticket search: by number, phone or free text (searchQuery tells them apart), as the agent types,
 * twenty at a time with "more". Only the latest request's answer is shown.
 */

import * as api from './desk-api.js';
import { t } from './i18n.js';
import { searchQuery } from './desk-form.js';
import { page, setText } from './desk-page.js';
import { ticketRow } from './desk-ticket-row.js';

/** @typedef {import('./desk-api.js').TicketJson} TicketJson */

const SEARCH_PAGE = 20;
const SEARCH_DEBOUNCE_MS = 300;

let searchRequests = 0;
/** @type {{ query: Record<string, string>, items: TicketJson[], total: number } | null} */
let searchState = null;
/** @type {ReturnType<typeof setTimeout> | undefined} */
let searchTimer;

function scheduleSearch() {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => void runSearch(false), SEARCH_DEBOUNCE_MS);
}

/** @param {boolean} more */
async function runSearch(more) {
  const query = more && searchState ? searchState.query : searchQuery(page.search.value);
  const request = ++searchRequests;
  if (!query) {
    searchState = null;
    page.searchResults.replaceChildren();
    page.searchMore.hidden = true;
    setText(page.searchSummary, page.search.value.trim() ? t('desk.search.hint') : '');
    return;
  }
  const offset = more && searchState ? searchState.items.length : 0;
  page.searchMore.disabled = true;
  try {
    const result = await api.searchTickets({ ...query, limit: SEARCH_PAGE, offset });
    if (request !== searchRequests) return;
    if (!result.ok) {
      setText(page.searchSummary, t('desk.search.failed', { status: result.status }));
      return;
    }
    const items = more && searchState ? [...searchState.items, ...result.body.items] : result.body.items;
    searchState = { query: /** @type {Record<string, string>} */ (query), items, total: result.body.total };
    renderSearch(more ? result.body.items : items, more);
  } catch {
    if (request === searchRequests) setText(page.searchSummary, t('desk.network'));
  } finally {
    page.searchMore.disabled = false;
  }
}

/**
 * @param {TicketJson[]} items the rows to add (or all rows when not appending)
 * @param {boolean} append
 */
function renderSearch(items, append) {
  if (!searchState) return;
  const rows = items.map((ticket) => ticketRow(ticket));
  if (append) page.searchResults.append(...rows);
  else page.searchResults.replaceChildren(...rows);
  const shown = searchState.items.length;
  setText(page.searchSummary, shown === 0 ? t('desk.search.none') : t('desk.search.count', { shown, total: searchState.total }));
  page.searchMore.hidden = shown >= searchState.total;
}

/** After a language switch: the rows and the summary in the new language. */
export function rerenderSearch() {
  if (searchState) renderSearch(searchState.items, false);
  else if (page.search.value.trim()) setText(page.searchSummary, t('desk.search.hint'));
}

export function wireSearch() {
  page.search.addEventListener('input', scheduleSearch);
  page.search.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      clearTimeout(searchTimer);
      void runSearch(false);
    }
  });
  page.searchMore.addEventListener('click', () => void runSearch(true));
}
