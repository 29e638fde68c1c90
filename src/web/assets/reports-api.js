/**
 * The reports page's requests (same origin, the session cookie). An answer with a status is something to show,
 * so each call resolves to { ok, status, body }; an aborted request (a newer one replaced it) resolves to null.
 * A 401 goes to the login page and back here after it.
 */

import { loginPath } from './realtime.js';

/** @typedef {{ ok: boolean, status: number, body: any }} Answer */

/**
 * @param {string} path
 * @param {AbortSignal} [signal]
 * @returns {Promise<Answer | null>}
 */
export async function getJson(path, signal) {
  let response;
  try {
    response = await fetch(path, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal });
  } catch (error) {
    if (signal?.aborted) return null;
    // A dead network: the page says so instead of showing an old report as if it were this one.
    return { ok: false, status: 0, body: { error: error instanceof Error ? error.message : String(error) } };
  }
  if (response.status === 401) location.assign(loginPath(location.pathname + location.search));
  let body = null;
  try {
    body = await response.json();
  } catch {
    if (signal?.aborted) return null;
    body = { error: `HTTP ${response.status}` };
  }
  return { ok: response.ok, status: response.status, body };
}

/**
 * The messages of a refused report query, in the language asked for: the route answers
 * `{ error, fields: { <field>: { message (Turkish), en } } }`.
 * @param {any} body
 * @param {'tr' | 'en'} lang
 * @returns {string[]}
 */
export function refusalMessages(body, lang) {
  const fields = body && typeof body === 'object' ? body.fields : undefined;
  if (fields && typeof fields === 'object') {
    const messages = Object.values(fields)
      .map((field) => (lang === 'en' && typeof field?.en === 'string' ? field.en : field?.message))
      .filter((message) => typeof message === 'string');
    if (messages.length > 0) return messages;
  }
  return typeof body?.error === 'string' ? [body.error] : [];
}
