/**
 * "Geri dönüşler" on the agent desk: the citizens the call centre owes a message (the department's answer or
 * question) and the callers who hung up waiting, live from the `relay` stream. Each item: "Ara" (callback with
 * its progress), "SMS gönder", and the outcome form (Bilgilendirildi / Ulaşılamadı / Daha sonra aranmak
 * istedi / Vatandaşın cevabı). The stream carries masked numbers only; the ticket itself opens in the panel.
 */

import { subscribe } from './realtime.js';
import { isRecord } from './desk-api.js';
import { t } from './i18n.js';
import { setText } from './desk-page.js';
import { serverNow } from './desk-socket.js';
import { act, sendSms } from './desk-relay-api.js';
import { callOf, forgetCall, onCallChange, placeCall } from './desk-relay-call.js';
import { buildAbandonedItem, buildTicketItem, renderProgress, setNotice, showItemError, updateAbandonedItem, updateTicketItem } from './desk-relay-item.js';
import { openPanel } from './desk-side-panel.js';
import { openTicketInForm } from './desk-ticket.js';

/** @typedef {import('./desk-relay-item.js').RelayTicketEntry} RelayTicketEntry */
/** @typedef {import('./desk-relay-item.js').AbandonedEntry} AbandonedEntry */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {Record<string, RelayTicketEntry | AbandonedEntry>} */
let entries = {};
/** @type {Map<string, HTMLElement>} stream key → its item */
const items = new Map();
/** Abandoned callers this desk closed after calling them back (they leave the server's list on an answered callback). */
const dismissed = new Set();
/** The abandoned callers as last seen. @type {Map<string, AbandonedEntry>} */
const lastAbandoned = new Map();

/** Lifecycle refusals and field codes in words. @param {{ status: number, body: Record<string, unknown> }} result */
function actionError(result) {
  const body = result.body;
  if (result.status === 409 && body.error === 'ticket changed') return t('desk.relay.error.changed');
  if (result.status === 409) return t('desk.relay.error.refused');
  if (result.status === 403) return t('desk.relay.error.forbidden');
  if (result.status === 400 && isRecord(body.fields)) {
    const codes = Object.values(body.fields).map((field) => (isRecord(field) && typeof field.code === 'string' ? field.code : 'invalid'));
    return codes.map((code) => t(`desk.relay.error.field.${code}`)).join(' ');
  }
  return t('desk.relay.error.failed', { status: result.status });
}

/** The datetime-local value as Istanbul wall time (UTC+3 all year since 2016), with its offset. @param {string} value */
const istanbulIso = (value) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) ? `${value}:00+03:00` : null);

/** @param {HTMLElement} item @param {RelayTicketEntry} entry @param {string} action */
async function outcome(item, entry, action) {
  /** @type {Record<string, unknown>} */
  let body;
  if (action === 'inform') {
    const channel = /** @type {HTMLSelectElement} */ (item.querySelector('.relay-channel')).value;
    body = { action: 'inform', version: entry.version, channel };
  } else if (action === 'not-reachable') body = { action: 'attempt', outcome: 'not-reachable', version: entry.version };
  else if (action === 'call-later') {
    const at = istanbulIso(/** @type {HTMLInputElement} */ (item.querySelector('.relay-later-at')).value);
    if (!at) return showItemError(item, t('desk.relay.error.field.required-date'));
    body = { action: 'attempt', outcome: 'call-later', callBackAt: at, version: entry.version };
  } else {
    const text = /** @type {HTMLTextAreaElement} */ (item.querySelector('.relay-reply-text')).value.trim();
    if (!text) return showItemError(item, t('desk.relay.error.field.required'));
    body = { action: 'reply', text, version: entry.version };
  }
  const result = await act(entry.number, body).catch(() => null);
  if (!result) return showItemError(item, t('desk.network'));
  if (!result.ok) return showItemError(item, actionError(result));
  showItemError(item, '');
  forgetCall(`ticket:${entry.number}`);
}

/** @param {HTMLElement} item @param {RelayTicketEntry} entry */
async function sms(item, entry) {
  const result = await sendSms(entry.number).catch(() => null);
  if (!result) return showItemError(item, t('desk.network'));
  if (!result.ok) {
    const details = isRecord(result.body.details) ? result.body.details : {};
    return showItemError(item, typeof details.reason === 'string' ? t(`desk.relay.sms.${details.reason}`) : t('desk.relay.error.failed', { status: result.status }));
  }
  showItemError(item, '');
  const key = `ticket:${entry.number}`;
  setNotice(key, isRecord(result.body) && result.body.duplicate ? 'desk.relay.sms.duplicate' : 'desk.relay.sms.queued');
  renderProgress(item, key);
}

/** @param {MouseEvent} event */
function onClick(event) {
  const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
  const item = target?.closest('.relay-item');
  if (!target || !(item instanceof HTMLElement)) return;
  const key = [...items].find(([, element]) => element === item)?.[0];
  const entry = key ? entries[key] : undefined;
  if (!key || !entry) return;
  const action = target.getAttribute('data-action') ?? '';
  if (entry.kind === 'abandoned') {
    if (action === 'call') void placeCall(key, { callId: entry.callId });
    else if (action === 'new-ticket' && entry.ticketNumber) {
      // The call's own ticket, in the form: the agent writes down what the citizen wants now.
      show('desk');
      void openTicketInForm(entry.ticketNumber);
    }
    if (action === 'new-ticket' || action === 'dismiss') {
      dismissed.add(key);
      forgetCall(key);
      render();
    }
    return;
  }
  if (action === 'open') void openPanel(entry.number);
  else if (action === 'call') void placeCall(key, { ticketNumber: entry.number });
  else if (action === 'sms') void sms(item, entry);
  else void outcome(item, entry, action);
}

/** @param {HTMLElement} list @param {string[]} keys */
function place(list, keys) {
  keys.forEach((key, index) => {
    const element = items.get(key);
    if (element && list.children[index] !== element) list.insertBefore(element, list.children[index] ?? null);
  });
  while (list.children.length > keys.length) list.lastElementChild?.remove();
}

export function render() {
  const now = serverNow();
  const tickets = /** @type {RelayTicketEntry[]} */ (Object.values(entries).filter((entry) => entry.kind === 'ticket'));
  const abandoned = /** @type {AbandonedEntry[]} */ (Object.values(entries).filter((entry) => entry.kind === 'abandoned' && !dismissed.has(`abandoned:${entry.callId}`)));
  const isLater = (/** @type {RelayTicketEntry} */ e) => e.callBackAt !== null && Date.parse(e.callBackAt) > now;
  const dueAt = (/** @type {RelayTicketEntry} */ e) => (e.callBackAt !== null && !isLater(e) ? Date.parse(e.callBackAt) : null);
  // Due call-backs first by their time, then the oldest message first (the server's order, src/requests/read/relay-list.ts).
  const ordered = tickets.filter((e) => !isLater(e)).sort((a, b) => {
    const da = dueAt(a), db = dueAt(b);
    if ((da === null) !== (db === null)) return da === null ? 1 : -1;
    return (da ?? Date.parse(a.since)) - (db ?? Date.parse(b.since)) || a.number.localeCompare(b.number);
  });
  const later = tickets.filter(isLater).sort((a, b) => Date.parse(a.callBackAt ?? '') - Date.parse(b.callBackAt ?? ''));
  abandoned.sort((a, b) => Date.parse(a.lastAbandonedAt) - Date.parse(b.lastAbandonedAt));

  for (const [key, element] of items) if (!(key in entries) || dismissed.has(key)) items.delete(key) && element.remove();
  for (const entry of [...ordered, ...later]) {
    const key = `ticket:${entry.number}`;
    if (!items.has(key)) items.set(key, buildTicketItem(entry));
    updateTicketItem(/** @type {HTMLElement} */ (items.get(key)), entry, now);
  }
  for (const entry of abandoned) {
    const key = `abandoned:${entry.callId}`;
    if (!items.has(key)) items.set(key, buildAbandonedItem(entry));
    updateAbandonedItem(/** @type {HTMLElement} */ (items.get(key)), entry);
  }
  place($('relay-tickets'), ordered.map((e) => `ticket:${e.number}`));
  place($('relay-later'), later.map((e) => `ticket:${e.number}`));
  place($('relay-abandoned'), abandoned.map((e) => `abandoned:${e.callId}`));
  const answered = ordered.filter((e) => e.status === 'answered').length;
  setText($('relay-counts'), t('desk.relay.counts', { answered, questions: ordered.length - answered, later: later.length, abandoned: abandoned.length }));
  setText($('relay-count'), String(ordered.length + abandoned.length));
  $('relay-empty').hidden = ordered.length + later.length + abandoned.length > 0;
  $('relay-later-section').hidden = later.length === 0;
  $('relay-abandoned-section').hidden = abandoned.length === 0;
}

/** @param {'desk' | 'relay'} tab */
function show(tab) {
  $('tab-desk').setAttribute('aria-selected', String(tab === 'desk'));
  $('tab-relay').setAttribute('aria-selected', String(tab === 'relay'));
  /** @type {HTMLElement} */ (document.querySelector('.desk-columns')).hidden = tab !== 'desk';
  $('relay-panel').hidden = tab !== 'relay';
}

/** Agents only (supervisors have their own overview): the tabs, the live list and the item buttons. */
export function wireRelay() {
  $('desk-tabs').hidden = false;
  $('tab-desk').addEventListener('click', () => show('desk'));
  $('tab-relay').addEventListener('click', () => show('relay'));
  $('relay-panel').addEventListener('click', onClick);
  onCallChange((key) => {
    const element = items.get(key);
    if (!element) return;
    const entry = entries[key];
    if (entry?.kind === 'abandoned') updateAbandonedItem(element, entry);
    else renderProgress(element, key);
  });
  subscribe('relay', (stream) => {
    /** @type {Record<string, RelayTicketEntry | AbandonedEntry>} */
    const next = { ...(/** @type {Record<string, RelayTicketEntry | AbandonedEntry>} */ (stream.entries)) };
    // An answered callback takes its caller off the server's list; the item stays until "Yeni talep aç" or "Kapat".
    for (const [key, entry] of lastAbandoned) if (!(key in next) && callOf(key)?.phase === 'ended' && !dismissed.has(key)) next[key] = entry;
    lastAbandoned.clear();
    for (const [key, entry] of Object.entries(next)) if (entry.kind === 'abandoned') lastAbandoned.set(key, entry);
    entries = next;
    render();
  });
}

/** Once a second: a call-back time that came moves its item from "later" to the top. */
export function tickRelay() {
  if (!$('relay-panel').hidden || $('relay-later').children.length > 0) render();
}
