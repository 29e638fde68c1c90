/** What /yonetim and /yonetim/kuyruklar share: Istanbul time, the history table, a PBX outcome in words. */

import './admin-users-texts.js';
import { TIME_ZONE, getLang, t } from './i18n.js';
import { el } from './admin-menu-dom.js';

/** @typedef {{ field: string, from: string | number | boolean | null, to: string | number | boolean | null }} FieldChange */
/** @typedef {{ id: number, at: string, actor: string, action: string, changes: FieldChange[] }} HistoryEntry */
/** @typedef {{ state: string, error: string | null }} PushOutcome */

/** @param {string | number | Date} at */
export function istanbulDateTime(at) {
  return new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'tr-TR', { timeZone: TIME_ZONE, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(at));
}

/** @param {FieldChange['from']} value */
const shown = (value) => (value === null || value === '' ? '—' : String(value));

/**
 * Fills a history table's body, newest first.
 * @param {HTMLElement} body
 * @param {HistoryEntry[]} items
 */
export function renderHistory(body, items) {
  if (items.length === 0) {
    body.replaceChildren(el('tr', {}, [el('td', { colspan: '4', class: 'muted', text: t('au.history.empty') })]));
    return;
  }
  body.replaceChildren(
    ...items.map((item) =>
      el('tr', { 'data-testid': 'history-row' }, [
        el('td', { text: istanbulDateTime(item.at) }),
        el('td', { text: item.actor }),
        el('td', { text: t(`au.action.${item.action}`) }),
        el('td', {}, [item.changes.map((change) => `${change.field}: ${shown(change.from)} → ${shown(change.to)}`).join('; ')]),
      ]),
    ),
  );
}

/**
 * A PBX outcome for people (`pbxPenalty`: what Asterisk has, for `in-pbx`).
 * @param {PushOutcome} outcome
 * @param {number | null} [penalty]
 */
export function pbxText(outcome, penalty = null) {
  return t(`aq.state.${outcome.state}`, { error: outcome.error ?? '', penalty: penalty ?? '' });
}

/**
 * The API's refusal in one line: the Turkish message, or each field's.
 * @param {{ error?: string, details?: unknown }} body
 */
export function refusalText(body) {
  if (Array.isArray(body.details)) return body.details.map((/** @type {{ path?: string, message?: string }} */ d) => `${d.path ?? ''}: ${d.message ?? ''}`).join('; ');
  return body.error ?? '';
}
