/**
 * One item of the relay list as DOM: built once per stream key and then only updated, so a live update of
 * the list never takes away what the agent is typing in its outcome form. Text only (no HTML from data).
 */

import { t, getLang, translateStatic } from './i18n.js';
import { formatDateTime } from './desk-form.js';
import { departmentName } from './desk-catalogue.js';
import { make, setText } from './desk-page.js';
import { callOf } from './desk-relay-call.js';

/**
 * @typedef {object} RelayTicketEntry
 * @property {'ticket'} kind
 * @property {string} number
 * @property {'answered' | 'needs_info'} status
 * @property {string | null} departmentCode
 * @property {string | null} text
 * @property {string} since
 * @property {number} contactAttempts
 * @property {string | null} callBackAt
 * @property {string | null} caller masked
 * @property {boolean} smsPossible
 * @property {boolean} smsOptOut
 * @property {number} version
 */
/**
 * @typedef {object} AbandonedEntry
 * @property {'abandoned'} kind
 * @property {string} callId
 * @property {string} caller masked
 * @property {string} lastAbandonedAt
 * @property {number} calls
 * @property {string | null} queue
 * @property {string | null} ticketNumber
 */

/**
 * @param {string} tag
 * @param {string} i18nKey
 * @param {Record<string, string>} [attributes]
 */
function labelled(tag, i18nKey, attributes = {}) {
  const element = make(tag, attributes.class);
  element.setAttribute('data-i18n', i18nKey);
  for (const [name, value] of Object.entries(attributes)) if (name !== 'class') element.setAttribute(name, value);
  return element;
}

/** @param {string} action @param {string} key @param {string} testId @param {string} [className] */
const button = (action, key, testId, className = 'btn btn-small') => labelled('button', key, { class: className, type: 'button', 'data-action': action, 'data-testid': testId });

/** @param {RelayTicketEntry} entry */
export function buildTicketItem(entry) {
  const item = make('li', 'relay-item');
  item.setAttribute('data-testid', `relay-item-${entry.number}`);
  const head = make('div', 'relay-head');
  const number = make('button', 'link ticket-number', entry.number);
  number.setAttribute('type', 'button');
  number.setAttribute('data-action', 'open');
  head.append(number, make('span', 'relay-department'), make('span', 'relay-kind'), make('span', 'relay-since muted'), make('span', 'relay-caller muted'), make('span', 'relay-attempts'), make('span', 'relay-callback'));
  head.querySelector('.relay-attempts')?.setAttribute('data-testid', 'relay-attempts');
  const text = make('p', 'relay-text');
  text.setAttribute('data-testid', 'relay-text');
  const actions = make('div', 'relay-actions');
  const progress = make('span', 'relay-progress');
  progress.setAttribute('role', 'status');
  progress.setAttribute('data-testid', 'relay-progress');
  actions.append(button('call', 'desk.relay.call', 'relay-call', 'btn btn-primary btn-small'), button('sms', 'desk.relay.sms', 'relay-sms'), progress);

  const outcomes = make('div', 'relay-outcomes');
  const informed = make('div', 'relay-outcome relay-informed');
  const channel = make('select', 'relay-channel');
  channel.setAttribute('data-testid', 'relay-channel');
  channel.setAttribute('data-i18n-aria-label', 'desk.relay.channel');
  for (const value of ['phone', 'sms']) {
    const option = labelled('option', `desk.relay.channel.${value}`, { value });
    channel.append(option);
  }
  informed.append(button('inform', 'desk.relay.informed', 'relay-informed', 'btn btn-good btn-small'), channel);
  const reply = make('div', 'relay-outcome relay-reply');
  const replyText = make('textarea', 'relay-reply-text');
  replyText.setAttribute('rows', '2');
  replyText.setAttribute('data-testid', 'relay-reply-text');
  replyText.setAttribute('data-i18n-aria-label', 'desk.relay.replyLabel');
  reply.append(replyText, button('reply', 'desk.relay.reply', 'relay-reply', 'btn btn-good btn-small'));
  const later = make('div', 'relay-outcome relay-later');
  const laterLabel = labelled('label', 'desk.relay.callLaterLabel');
  const laterAt = make('input', 'relay-later-at');
  laterAt.setAttribute('type', 'datetime-local');
  laterAt.setAttribute('data-testid', 'relay-call-later-at');
  laterAt.setAttribute('data-i18n-aria-label', 'desk.relay.callLaterLabel');
  later.append(laterLabel, laterAt, button('call-later', 'desk.relay.callLater', 'relay-call-later'));
  outcomes.append(informed, reply, button('not-reachable', 'desk.relay.unreachable', 'relay-unreachable', 'btn btn-small'), later);

  const error = make('p', 'field-error relay-error');
  error.setAttribute('role', 'alert');
  error.setAttribute('data-testid', 'relay-item-error');
  error.hidden = true;
  item.append(head, text, actions, outcomes, error);
  translateStatic(item);
  return item;
}

/** @param {HTMLElement} item @param {RelayTicketEntry} entry @param {number} now */
export function updateTicketItem(item, entry, now) {
  const lang = getLang();
  const q = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (item.querySelector(selector));
  item.classList.toggle('relay-question', entry.status === 'needs_info');
  const due = entry.callBackAt !== null && Date.parse(entry.callBackAt) <= now;
  item.classList.toggle('relay-due', due);
  setText(q('.relay-department'), departmentName(entry.departmentCode));
  setText(q('.relay-kind'), t(entry.status === 'answered' ? 'desk.relay.kind.answer' : 'desk.relay.kind.question'));
  setText(q('.relay-since'), formatDateTime(entry.since, lang));
  setText(q('.relay-caller'), entry.caller ?? t('desk.relay.noNumber'));
  setText(q('.relay-attempts'), t('desk.relay.attempts', { count: entry.contactAttempts }));
  setText(q('.relay-callback'), entry.callBackAt ? t(due ? 'desk.relay.callBackDue' : 'desk.relay.callBackAt', { at: formatDateTime(entry.callBackAt, lang) }) : '');
  setText(q('.relay-text'), entry.text ?? '');
  q('.relay-informed').hidden = entry.status !== 'answered';
  q('.relay-reply').hidden = entry.status !== 'needs_info';
  const sms = /** @type {HTMLButtonElement} */ (q('[data-action="sms"]'));
  sms.disabled = !entry.smsPossible;
  sms.title = entry.smsPossible ? '' : t(entry.smsOptOut ? 'desk.relay.sms.opted-out' : 'desk.relay.sms.not-mobile');
  renderProgress(item, `ticket:${entry.number}`);
}

/** @param {AbandonedEntry} entry */
export function buildAbandonedItem(entry) {
  const item = make('li', 'relay-item relay-abandoned-item');
  item.setAttribute('data-testid', `relay-abandoned-${entry.callId}`);
  const head = make('div', 'relay-head');
  head.append(make('span', 'relay-caller'), make('span', 'relay-since muted'), make('span', 'relay-calls'), make('span', 'relay-ticket muted'));
  const actions = make('div', 'relay-actions');
  const progress = make('span', 'relay-progress');
  progress.setAttribute('role', 'status');
  progress.setAttribute('data-testid', 'relay-progress');
  actions.append(button('call', 'desk.relay.call', 'relay-call', 'btn btn-primary btn-small'), progress, button('new-ticket', 'desk.relay.newTicket', 'relay-new-ticket'), button('dismiss', 'desk.relay.dismiss', 'relay-dismiss'));
  const error = make('p', 'field-error relay-error');
  error.setAttribute('role', 'alert');
  error.setAttribute('data-testid', 'relay-item-error');
  error.hidden = true;
  item.append(head, actions, error);
  translateStatic(item);
  return item;
}

/** @param {HTMLElement} item @param {AbandonedEntry} entry */
export function updateAbandonedItem(item, entry) {
  const q = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (item.querySelector(selector));
  setText(q('.relay-caller'), entry.caller);
  setText(q('.relay-since'), formatDateTime(entry.lastAbandonedAt, getLang()));
  setText(q('.relay-calls'), t('desk.relay.abandonedCalls', { count: entry.calls }));
  setText(q('.relay-ticket'), entry.ticketNumber ?? '');
  const key = `abandoned:${entry.callId}`;
  const ended = callOf(key)?.phase === 'ended';
  q('[data-action="new-ticket"]').hidden = !ended || entry.ticketNumber === null;
  q('[data-action="dismiss"]').hidden = !ended;
  renderProgress(item, key);
}

/** The last SMS answer of an item ("sırasına alındı", "zaten gönderildi"), shown while no call is. @type {Map<string, string>} */
const notices = new Map();

/** @param {string} key @param {string} i18nKey */
export function setNotice(key, i18nKey) {
  notices.set(key, i18nKey);
}

/** The call's phase (and outcome) in words, and "Ara" only while no call of this item is under way. */
export function renderProgress(/** @type {HTMLElement} */ item, /** @type {string} */ key) {
  const call = callOf(key);
  const notice = notices.get(key);
  const progress = /** @type {HTMLElement} */ (item.querySelector('.relay-progress'));
  const callButton = /** @type {HTMLButtonElement} */ (item.querySelector('[data-action="call"]'));
  let text = '';
  if (call?.phase === 'refused' && call.error) text = t(call.error.key, call.error.params);
  else if (call?.phase === 'ended') text = t('desk.relay.phase.ended', { outcome: t(`desk.relay.outcome.${call.outcome ?? 'failed'}`) });
  else if (call) text = t(`desk.relay.phase.${call.phase}`);
  else if (notice) text = t(notice);
  setText(progress, text);
  progress.dataset.phase = call?.phase ?? '';
  progress.classList.toggle('relay-progress-bad', call?.phase === 'refused' || (call?.phase === 'ended' && call.outcome !== 'answered'));
  callButton.disabled = Boolean(call && call.phase !== 'ended' && call.phase !== 'refused');
}

/** @param {HTMLElement} item @param {string} text */
export function showItemError(item, text) {
  const error = /** @type {HTMLElement} */ (item.querySelector('.relay-error'));
  setText(error, text);
  error.hidden = text === '';
}
