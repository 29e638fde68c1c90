/**
 * The relay list's calls to the server: a callback ("Ara"), its progress, the desk's SMS and the lifecycle
 * actions that record how telling the citizen went. Every answer is `{ ok, status, body }` (desk-api.js).
 */

import { apiRequest } from './desk-api.js';

/** @typedef {{ id: string, status: string, outcome: string | null, ticketNumber: string | null, callId: string | null }} CallbackAttemptJson */

/** @param {{ ticketNumber: string } | { callId: string }} target */
export const startCallback = (target) => apiRequest('POST', '/api/callbacks', target);

/** @param {string} id */
export const getCallback = (id) => apiRequest('GET', `/api/callbacks/${encodeURIComponent(id)}`);

/** @param {string} number */
export const sendSms = (number) => apiRequest('POST', `/api/tickets/${encodeURIComponent(number)}/sms`, {});

/**
 * POST /api/tickets/:number/actions
 * @param {string} number
 * @param {Record<string, unknown>} body `{ action, version, ... }`
 */
export const act = (number, body) => apiRequest('POST', `/api/tickets/${encodeURIComponent(number)}/actions`, body);

/** @param {string} number */
export const actionsOf = (number) => apiRequest('GET', `/api/tickets/${encodeURIComponent(number)}/actions`);
