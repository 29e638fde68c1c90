/**
 * The department page's REST calls: the inbox, a ticket, what the user may do to it, and the action itself.
 * Like the desk's calls they resolve to the status and the parsed body (a 400 or 409 is an answer to show);
 * only a dead network rejects. A 401 sends the page to the login page.
 */

import { redirectToLogin } from './realtime.js';

/** @typedef {import('../../requests/read/inbox-item.js').InboxItem} InboxItem */
/** @typedef {{ department: string | null, items: InboxItem[], total: number, nextCursor: string | null, now: string }} InboxPageJson */
/** @typedef {{ number: string, status: string, version: number, allowed: string[] }} AllowedJson */
/** @typedef {{ ok: boolean, status: number, body: Record<string, unknown> }} Reply */

/**
 * @param {'GET' | 'POST'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<Reply>}
 */
async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) redirectToLogin();
  /** @type {unknown} */
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = null;
  }
  const record = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? /** @type {Record<string, unknown>} */ (parsed) : {};
  return { ok: response.ok, status: response.status, body: record };
}

/** @param {{ state?: string, q?: string, cursor?: string }} query */
export function getInbox(query) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const search = params.toString();
  return call('GET', `/api/inbox${search ? `?${search}` : ''}`);
}

/** @param {string} number */
export const getTicket = (number) => call('GET', `/api/tickets/${encodeURIComponent(number)}`);

/** @param {string} number */
export const getAllowed = (number) => call('GET', `/api/tickets/${encodeURIComponent(number)}/actions`);

/**
 * @param {string} number
 * @param {{ action: string, version: number, text?: string, department?: string }} body
 */
export const act = (number, body) => call('POST', `/api/tickets/${encodeURIComponent(number)}/actions`, body);

export const getCatalogue = () => call('GET', '/api/catalogue');
