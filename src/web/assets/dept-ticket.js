/**
 * One request as its department works on it: the facts, the clock, the actions the server says this user may
 * take now (accept, answer, return, transfer, ask), each with a text box, and the history in sentences. An
 * error stays in the form with what was typed: a 409 says what the request became and offers a reload, a
 * 400 marks the field. Every text is written as text (never HTML).
 */

import * as api from './dept-api.js';
import { t, getLang } from './i18n.js';
import { catalogue, categoryName, departmentName } from './desk-catalogue.js';
import { make, setText } from './desk-page.js';
import { clockOf } from './dept-clock.js';
import { renderHistory } from './ticket-history.js';
import { formatDateTime } from './desk-form.js';

/** @typedef {{ key: string, params?: Record<string, string | number> }} Message */
/** @typedef {Record<string, unknown> & { number: string, status: string, version: number, departmentCode: string | null, events: import('./ticket-history.js').HistoryEvent[] }} Ticket */

const ACTIONS = ['accept', 'answer', 'return', 'transfer', 'ask'];
const INBOX = ['forwarded', 'in_progress'];

const el = {
  panel: make('aside', 'panel dept-detail'),
  title: make('h2', 'dept-detail-title'),
  close: /** @type {HTMLButtonElement} */ (make('button', 'btn btn-small')),
  message: make('p', 'muted'),
  facts: make('dl', 'facts dept-facts'),
  actions: make('div', 'dept-actions'),
  form: /** @type {HTMLFormElement} */ (make('form', 'dept-form')),
  textLabel: make('label', 'dept-form-label'),
  text: /** @type {HTMLTextAreaElement} */ (make('textarea')),
  textError: make('p', 'field-error'),
  departmentLabel: make('label', 'dept-form-label'),
  department: /** @type {HTMLSelectElement} */ (make('select')),
  departmentError: make('p', 'field-error'),
  formError: make('p', 'dept-form-error'),
  reload: /** @type {HTMLButtonElement} */ (make('button', 'btn btn-small')),
  submit: /** @type {HTMLButtonElement} */ (make('button', 'btn btn-primary')),
  cancel: /** @type {HTMLButtonElement} */ (make('button', 'btn')),
  historyTitle: make('h3'),
  history: make('ol', 'event-list'),
};

/** @type {Ticket | null} */
let ticket = null;
/** @type {string[]} */
let allowed = [];
/** @type {string | null} */
let chosen = null;
/** @type {Message | null} */
let loadMessage = null;
/** @type {Message | null} */
let formError = null;
/** @type {Record<string, Message>} */
let fieldErrors = {};
let sending = false;
let requests = 0;
/** @type {{ onChanged: (done: Message, left: boolean) => void, serverNow: () => number }} */
let hooks = { onChanged: () => {}, serverNow: () => Date.now() };

/** Builds the panel once, inside `host`. @param {HTMLElement} host @param {typeof hooks} callbacks */
export function mountDetail(host, callbacks) {
  hooks = callbacks;
  el.panel.dataset.testid = 'dept-detail';
  el.panel.hidden = true;
  el.title.dataset.testid = 'dept-detail-title';
  el.close.type = 'button';
  el.close.dataset.testid = 'dept-detail-close';
  el.text.id = 'dept-action-text';
  el.text.rows = 4;
  el.text.dataset.testid = 'dept-action-text';
  el.textLabel.setAttribute('for', el.text.id);
  el.department.id = 'dept-action-department';
  el.department.dataset.testid = 'dept-action-department';
  el.departmentLabel.setAttribute('for', el.department.id);
  el.textError.dataset.testid = 'dept-error-text';
  el.departmentError.dataset.testid = 'dept-error-department';
  el.formError.dataset.testid = 'dept-action-error';
  el.formError.setAttribute('role', 'alert');
  el.reload.type = 'button';
  el.reload.dataset.testid = 'dept-reload';
  el.submit.type = 'submit';
  el.submit.dataset.testid = 'dept-action-submit';
  el.cancel.type = 'button';
  el.history.dataset.testid = 'dept-history';
  const head = make('header', 'panel-head');
  head.append(el.title, el.close);
  const errorRow = make('div', 'dept-form-error-row');
  errorRow.append(el.formError, el.reload);
  const buttons = make('div', 'dept-form-buttons');
  buttons.append(el.submit, el.cancel);
  el.form.append(el.departmentLabel, el.department, el.departmentError, el.textLabel, el.text, el.textError, errorRow, buttons);
  el.form.noValidate = true;
  el.panel.append(head, el.message, el.facts, el.actions, el.form, el.historyTitle, el.history);
  host.append(el.panel);
  el.close.addEventListener('click', closeDetail);
  el.cancel.addEventListener('click', () => choose(null));
  el.reload.addEventListener('click', () => ticket && void openDetail(ticket.number, true));
  el.form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });
}

export function closeDetail() {
  requests += 1;
  ticket = null;
  chosen = null;
  el.panel.hidden = true;
}

/** @param {string} number @param {boolean} [keepText] a reload after a 409 keeps what was typed */
export async function openDetail(number, keepText = false) {
  const request = ++requests;
  el.panel.hidden = false;
  if (!keepText) {
    chosen = null;
    el.text.value = '';
  }
  formError = null;
  fieldErrors = {};
  loadMessage = { key: 'inbox.detail.loading' };
  if (ticket?.number !== number) ticket = null;
  renderDetail();
  try {
    const [detail, actions] = await Promise.all([api.getTicket(number), api.getAllowed(number)]);
    if (request !== requests) return;
    if (!detail.ok || !actions.ok) {
      ticket = null;
      loadMessage = detail.status === 404 ? { key: 'inbox.error.notFound' } : { key: 'inbox.detail.failed', params: { status: detail.ok ? actions.status : detail.status } };
    } else {
      ticket = /** @type {Ticket} */ (detail.body);
      allowed = Array.isArray(actions.body.allowed) ? actions.body.allowed.filter((name) => typeof name === 'string' && ACTIONS.includes(name)) : [];
      if (chosen && !allowed.includes(chosen)) chosen = null;
      loadMessage = null;
    }
  } catch {
    if (request === requests) loadMessage = { key: 'desk.network' };
  }
  renderDetail();
}

/** @param {string | null} action */
function choose(action) {
  chosen = action;
  formError = null;
  fieldErrors = {};
  renderDetail();
  if (action) el.text.focus();
}

/** @param {unknown} status */
const statusName = (status) => t(`history.status.${typeof status === 'string' ? status : 'unknown'}`);

/** @param {Record<string, unknown>} body */
function fieldsOf(body) {
  /** @type {Record<string, Message>} */
  const fields = {};
  const given = body.fields && typeof body.fields === 'object' ? /** @type {Record<string, { code?: unknown, message?: unknown }>} */ (body.fields) : {};
  for (const [field, problem] of Object.entries(given)) {
    const code = typeof problem?.code === 'string' ? problem.code : 'other';
    const max = /(\d+)/.exec(typeof problem?.message === 'string' ? problem.message : '')?.[1] ?? '';
    const key = `inbox.error.field.${code}`;
    fields[field] = { key: t(key) === key ? 'inbox.error.field.other' : key, params: { max } };
  }
  return fields;
}

async function send() {
  if (!ticket || !chosen || sending) return;
  const action = chosen;
  const text = el.text.value;
  /** @type {{ action: string, version: number, text?: string, department?: string }} */
  const body = { action, version: ticket.version };
  if (text.trim() !== '' || action !== 'accept') body.text = text;
  // No department chosen: the server names the missing field (required), rather than an empty code.
  if (action === 'transfer' && el.department.value) body.department = el.department.value;
  sending = true;
  formError = null;
  fieldErrors = {};
  renderDetail();
  try {
    const reply = await api.act(ticket.number, body);
    if (reply.ok) {
      const after = /** @type {Ticket} */ (reply.body);
      const left = !INBOX.includes(after.status) || after.departmentCode !== ticket.departmentCode;
      el.text.value = '';
      chosen = null;
      hooks.onChanged({ key: `inbox.done.${action}` }, left);
      if (left) closeDetail();
      else void openDetail(after.number);
    } else if (reply.status === 409) {
      const current = reply.body.current && typeof reply.body.current === 'object' ? /** @type {Record<string, unknown>} */ (reply.body.current) : {};
      formError = { key: 'inbox.error.changed', params: { status: statusName(current.status ?? reply.body.status) } };
      el.reload.hidden = false;
    } else if (reply.status === 400) {
      fieldErrors = fieldsOf(reply.body);
      formError = { key: 'inbox.error.fix' };
    } else if (reply.status === 404) {
      formError = { key: 'inbox.error.notFound' };
    } else if (reply.status === 403) {
      formError = { key: 'inbox.error.forbidden' };
    } else {
      formError = { key: 'inbox.error.failed', params: { status: reply.status } };
    }
  } catch {
    formError = { key: 'desk.network' };
  } finally {
    sending = false;
  }
  renderDetail();
}

/** @param {[string, string][]} facts */
function renderFacts(facts) {
  el.facts.replaceChildren(...facts.filter(([, value]) => value).flatMap(([key, value]) => [make('dt', '', t(key)), make('dd', 'pre-line', value)]));
}

/** @param {Message | null | undefined} message */
const say = (message) => (message ? t(message.key, message.params) : '');

export function renderDetail() {
  if (el.panel.hidden) return;
  const lang = getLang();
  setText(el.close, t('inbox.detail.close'));
  setText(el.message, say(loadMessage));
  setText(el.title, ticket ? t('inbox.detail.title', { number: ticket.number }) : '');
  setText(el.historyTitle, t('inbox.detail.history'));
  const value = (/** @type {string} */ key) => (typeof ticket?.[key] === 'string' ? /** @type {string} */ (ticket[key]) : '');
  const date = (/** @type {string} */ key) => (value(key) ? formatDateTime(value(key), lang) : '');
  const clock = ticket && INBOX.includes(ticket.status) ? clockOf({ dueAt: value('dueAt') || null, dueSoonAt: value('dueSoonAt') || null, ackDueAt: value('ackDueAt') || null, status: ticket.status }, hooks.serverNow(), lang) : null;
  renderFacts(
    ticket
      ? [
          ['inbox.detail.status', statusName(ticket.status)],
          ['inbox.detail.clock', clock ? [clock.text, clock.ack].filter(Boolean).join(' · ') : ''],
          ['inbox.detail.due', date('dueAt')],
          ['inbox.detail.ackDue', ticket.status === 'forwarded' ? date('ackDueAt') : ''],
          ['inbox.detail.forwarded', date('forwardedAt')],
          ['inbox.detail.category', categoryName(value('categoryCode'))],
          ['inbox.detail.place', [value('district'), value('neighbourhood'), value('address')].filter(Boolean).join(' · ')],
          ['inbox.detail.caller', value('callerName')],
          ['inbox.detail.description', value('description')],
          ['inbox.detail.question', value('question')],
          ['inbox.detail.answer', value('answer')],
        ]
      : [],
  );
  el.facts.dataset.tone = clock?.tone ?? 'none';
  const buttons = allowed.map((action) => {
    const button = /** @type {HTMLButtonElement} */ (make('button', `btn${action === chosen ? ' btn-primary' : ''}`, t(`inbox.action.${action}`)));
    button.type = 'button';
    button.dataset.testid = `dept-action-${action}`;
    button.addEventListener('click', () => choose(action));
    return button;
  });
  el.actions.replaceChildren(...(ticket ? (buttons.length ? buttons : [make('p', 'muted', t('inbox.detail.noActions'))]) : []));
  el.form.hidden = !ticket || chosen === null;
  el.form.dataset.action = chosen ?? '';
  setText(el.textLabel, chosen ? t(`inbox.form.text.${chosen}`) : '');
  const transferring = chosen === 'transfer';
  el.departmentLabel.hidden = el.department.hidden = !transferring;
  setText(el.departmentLabel, t('inbox.form.department'));
  if (transferring) fillDepartments();
  setText(el.textError, say(fieldErrors.text));
  el.textError.hidden = !fieldErrors.text;
  el.text.setAttribute('aria-invalid', String(Boolean(fieldErrors.text)));
  setText(el.departmentError, say(fieldErrors.department));
  el.departmentError.hidden = !fieldErrors.department;
  setText(el.formError, say(formError));
  el.formError.hidden = !formError;
  el.reload.hidden = formError?.key !== 'inbox.error.changed';
  setText(el.reload, t('inbox.error.reload'));
  setText(el.submit, sending ? t('inbox.form.sending') : t('inbox.form.submit'));
  el.submit.disabled = sending;
  setText(el.cancel, t('inbox.form.cancel'));
  renderHistory(el.history, ticket?.events ?? [], { lang });
}

/** The catalogue's departments but this one; the choice survives a re-render. */
function fillDepartments() {
  const picked = el.department.value;
  const options = catalogue.departments.filter((entry) => entry.code !== ticket?.departmentCode).map((entry) => new Option(departmentName(entry.code), entry.code));
  el.department.replaceChildren(new Option(t('inbox.form.chooseDepartment'), ''), ...options);
  el.department.value = picked;
}
