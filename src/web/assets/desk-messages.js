/**
 * Shape checks for what the server sends the desk. The server is trusted, but a desk used all day
 * must not die of one odd message.
 */

import { isRecord } from './desk-api.js';

/** @typedef {import('./desk-api.js').DeskState} DeskState */
/** @typedef {import('./desk-api.js').ScreenPop} ScreenPop */

/**
 * @param {unknown} value
 * @returns {value is DeskState}
 */
export function isDeskState(value) {
  return isRecord(value) && typeof value.loggedIn === 'boolean' && Array.isArray(value.queues) && value.queues.every((queue) => typeof queue === 'string') && typeof value.boardState === 'string';
}

/**
 * @param {unknown} value
 * @returns {value is ScreenPop}
 */
export function isPop(value) {
  return (
    isRecord(value) &&
    typeof value.uniqueid === 'string' &&
    Array.isArray(value.ivrChoices) &&
    value.ivrChoices.every((choice) => typeof choice === 'string') &&
    Array.isArray(value.history) &&
    (value.ticket === null || (isRecord(value.ticket) && typeof value.ticket.number === 'string'))
  );
}
