/**
 * The supervisor workspace's REST calls (same origin, the session cookie). A 4xx is an answer to show, so every call
 * resolves to { ok, status, body }; only a dead network rejects. A 401 goes to the login page.
 */

import { loginPath } from './realtime.js';

/**
 * @param {string} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<{ ok: boolean, status: number, body: any }>}
 */
export async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) location.assign(loginPath(location.pathname + location.search));
  let parsed = null;
  try {
    parsed = await response.json();
  } catch {
    parsed = { error: `HTTP ${response.status}` };
  }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** @param {Record<string, string>} query */
export const searchTickets = (query) => call('GET', `/api/tickets?${new URLSearchParams(query)}`);
/** @param {string} number */
export const getTicket = (number) => call('GET', `/api/tickets/${encodeURIComponent(number)}`);
/** @param {string} number */
export const allowedActions = (number) => call('GET', `/api/tickets/${encodeURIComponent(number)}/actions`);
/** @param {string} number @param {Record<string, unknown>} body */
export const act = (number, body) => call('POST', `/api/tickets/${encodeURIComponent(number)}/actions`, body);
/** @param {string} number @param {{ version: number, changes: Record<string, string | null> }} patch */
export const patchTicket = (number, patch) => call('PATCH', `/api/tickets/${encodeURIComponent(number)}`, patch);
/** @param {Record<string, string>} query */
export const escalations = (query) => call('GET', `/api/escalations?${new URLSearchParams(query)}`);
export const users = () => call('GET', '/api/users');
export const me = () => call('GET', '/api/auth/me');
export const catalogue = () => call('GET', '/api/catalogue');
export const lifecycle = () => call('GET', '/api/lifecycle');
