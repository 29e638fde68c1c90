/**
 * The open ticket of the supervisor workspace: every field, the history in words (ticket-history.js), the field
 * edit (PATCH /api/tickets/:number) and the lifecycle actions a supervisor uses here — re-route (forward/transfer),
 * reassign, reopen — through POST /api/tickets/:number/actions. A 409 shows the ticket as it is now; a 400 puts each
 * field's message under that field.
 */

import { t, translateStatic } from './i18n.js';
import { renderHistory } from './ticket-history.js';
import { factListItems } from './fact-list.js';
import { catalogue, categoryName, priorityLabel } from './desk-catalogue.js';
import * as api from './supervisor-api.js';
import { statusName, sourceName, departmentLabel, when, fieldMessage, failureMessage } from './supervisor-labels.js';

/** The actions offered here, when the lifecycle allows them for this ticket. */
const OFFERED = ['forward', 'transfer', 'reassign', 'reopen'];
const EDITED = ['description', 'neighbourhood', 'address', 'callerName', 'callerNumber'];
/** What each action sends beside its name and the version. */
const NEEDS = /** @type {Record<string, string[]>} */ ({ forward: ['department', 'text'], transfer: ['department', 'text'], reassign: ['ownerUserId'], reopen: ['text'] });

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const panel = $('ticket');
const editForm = /** @type {HTMLFormElement} */ ($('edit-form'));
const actionForm = /** @type {HTMLFormElement} */ ($('action-form'));
const alert = $('ticket-alert');
const saved = $('ticket-saved');

/** @type {Record<string, any> | null} */
let ticket = null;
/** @type {string[]} */
let allowed = [];
/** @type {Array<{ id: number, username: string, displayName: string, role: string }>} */
let people = [];
/** username → display name, for the history's "who". */
let names = /** @type {Record<string, string>} */ ({});

const field = (/** @type {HTMLFormElement} */ form, /** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));
const choice = (/** @type {HTMLFormElement} */ form, /** @type {string} */ name) => /** @type {HTMLSelectElement} */ (form.elements.namedItem(name));

/** @param {HTMLFormElement} form @param {Record<string, { code?: string }>} [problems] */
function showFieldErrors(form, problems = {}) {
  form.querySelectorAll('[data-error-for]').forEach((element) => {
    const problem = problems[/** @type {HTMLElement} */ (element).dataset.errorFor ?? ''];
    element.textContent = problem ? fieldMessage(problem) : '';
    /** @type {HTMLElement} */ (element).hidden = !problem;
  });
}

/** @param {string} text */
function showAlert(text) {
  alert.textContent = text;
  alert.hidden = text === '';
}

function renderFacts() {
  if (!ticket) return;
  $('ticket-title').textContent = ticket.number;
  $('ticket-status').textContent = statusName(ticket.status);
  const owner = people.find((person) => person.id === ticket?.ownerUserId);
  const facts = [
    ['sup.fact.source', [sourceName(ticket.source), ticket.fieldEvent].filter(Boolean).join(' · ')],
    ['desk.form.category', ticket.categoryCode ? categoryName(ticket.categoryCode) : '—'],
    ['desk.form.department', departmentLabel(ticket.departmentCode)],
    ['desk.form.priority', priorityLabel(ticket.priority)],
    ['sup.fact.owner', owner?.displayName ?? (ticket.ownerUserId ? `#${ticket.ownerUserId}` : '—')],
    ['sup.fact.created', when(ticket.createdAt)],
    ['sup.fact.due', when(ticket.dueAt)],
    ['sup.fact.dueSoon', when(ticket.dueSoonAt)],
    ['sup.fact.ackDue', when(ticket.ackDueAt)],
    ['desk.form.district', ticket.district ?? '—'],
    ['sup.fact.answer', ticket.answer ?? '—'],
    ['sup.fact.question', ticket.question ?? '—'],
  ];
  $('ticket-facts').replaceChildren(...factListItems(facts));
  renderHistory(/** @type {HTMLElement} */ ($('ticket-history')), ticket.events ?? [], { names });
}

function renderActionForm() {
  const select = choice(actionForm, 'action');
  const chosen = select.value;
  const offered = OFFERED.filter((name) => allowed.includes(name));
  select.replaceChildren(...offered.map((name) => new Option(t(`sup.action.${name}`), name)));
  if (offered.includes(chosen)) select.value = chosen;
  actionForm.hidden = offered.length === 0;
  const departments = choice(actionForm, 'department');
  const department = departments.value;
  departments.replaceChildren(...catalogue.departments.filter((d) => d.code !== ticket?.departmentCode).map((d) => new Option(d.name, d.code)));
  if (department) departments.value = department;
  const owners = choice(actionForm, 'ownerUserId');
  owners.replaceChildren(...people.filter((p) => p.role === 'agent' || p.role === 'supervisor').map((p) => new Option(`${p.displayName} (${p.username})`, String(p.id))));
  const needs = NEEDS[select.value] ?? [];
  actionForm.querySelectorAll('[data-for]').forEach((element) => {
    /** @type {HTMLElement} */ (element).hidden = !needs.includes(/** @type {HTMLElement} */ (element).dataset.for ?? '');
  });
  translateStatic(actionForm);
}

function fillEditForm() {
  for (const name of EDITED) field(editForm, name).value = ticket?.[name] ?? '';
}

/** @param {string} number @param {{ keepMessages?: boolean }} [options] */
export async function openTicket(number, options = {}) {
  const [detail, actions] = await Promise.all([api.getTicket(number), api.allowedActions(number)]);
  if (!detail.ok) {
    panel.hidden = false;
    showAlert(failureMessage(detail));
    return;
  }
  ticket = detail.body;
  allowed = actions.ok && Array.isArray(actions.body.allowed) ? actions.body.allowed : [];
  panel.hidden = false;
  panel.dataset.number = number;
  if (!options.keepMessages) {
    showAlert('');
    saved.textContent = '';
    showFieldErrors(editForm);
    showFieldErrors(actionForm);
  }
  fillEditForm();
  renderFacts();
  renderActionForm();
}

/** @param {{ ok: boolean, status: number, body: any }} result @param {HTMLFormElement} form */
async function after(result, form) {
  if (result.ok) {
    if (form === actionForm) field(actionForm, 'text').value = '';
    await openTicket(/** @type {string} */ (ticket?.number));
    saved.textContent = t('sup.saved');
    return;
  }
  showFieldErrors(form, result.status === 400 ? result.body.fields ?? {} : {});
  showAlert(failureMessage(result));
  // A 409 says the ticket moved on: show it as it is now, keeping the message.
  if (result.status === 409 && ticket) await openTicket(ticket.number, { keepMessages: true });
}

function actionBody() {
  const name = field(actionForm, 'action').value;
  const text = field(actionForm, 'text').value;
  /** @type {Record<string, unknown>} */
  const body = { action: name, version: ticket?.version };
  if (NEEDS[name]?.includes('department')) body.department = field(actionForm, 'department').value;
  if (NEEDS[name]?.includes('text')) body.text = name === 'forward' && text.trim() === '' ? null : text;
  if (name === 'reassign') body.ownerUserId = Number(field(actionForm, 'ownerUserId').value);
  return body;
}

/** @param {() => Promise<{ ok: boolean, status: number, body: any }>} send @param {HTMLFormElement} form */
async function submit(send, form) {
  saved.textContent = '';
  try {
    await after(await send(), form);
  } catch {
    showAlert(t('sup.error.network'));
  }
}

export function rerenderTicket() {
  if (ticket) {
    renderFacts();
    renderActionForm();
  }
}

export async function bootTicket() {
  const list = await api.users();
  if (list.ok && Array.isArray(list.body.items)) {
    people = list.body.items;
    names = Object.fromEntries(people.map((person) => [person.username, person.displayName]));
  }
  field(actionForm, 'action').addEventListener('change', renderActionForm);
  editForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!ticket) return;
    /** @type {Record<string, string | null>} */
    const changes = {};
    for (const name of EDITED) changes[name] = field(editForm, name).value;
    const number = ticket.number;
    void submit(() => api.patchTicket(number, { version: ticket?.version ?? 0, changes }), editForm);
  });
  actionForm.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!ticket) return;
    const number = ticket.number;
    void submit(() => api.act(number, actionBody()), actionForm);
  });
}
