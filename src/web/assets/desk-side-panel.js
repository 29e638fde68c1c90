/**
 * The read-only panel of one ticket (from the call's history, a search or the pop): its facts and
 * its history. "Open in form" hands it to the form; Escape or Close shuts it.
 */

import * as api from './desk-api.js';
import { t, getLang } from './i18n.js';
import { formatDateTime } from './desk-form.js';
import { categoryName, departmentName, label, statusLabel, priorityLabel } from './desk-catalogue.js';
import { page, setText, make } from './desk-page.js';
import { renderHistory } from './ticket-history.js';
import { openTicketInForm } from './desk-ticket.js';

/** @typedef {import('./desk-api.js').TicketDetailJson} TicketDetailJson */

let panelRequests = 0;
/** @type {string | null} */
let panelNumber = null;
/** @type {TicketDetailJson | null} */
let panelTicket = null;

/** @param {string} number */
export async function openPanel(number) {
  const request = ++panelRequests;
  panelNumber = number;
  panelTicket = null;
  page.ticketPanel.hidden = false;
  setText(page.panelTitle, t('desk.form.titleEdit', { number }));
  setText(page.panelMessage, t('desk.panel.loading'));
  page.panelFacts.replaceChildren();
  page.panelEvents.replaceChildren();
  page.panelClose.focus();
  try {
    const result = await api.getTicket(number);
    if (request !== panelRequests) return;
    if (!result.ok) return setText(page.panelMessage, t('desk.form.loadFailed', { status: result.status }));
    panelTicket = result.body;
    renderPanel();
  } catch {
    if (request === panelRequests) setText(page.panelMessage, t('desk.network'));
  }
}

export function renderPanel() {
  const ticket = panelTicket;
  if (!ticket) return;
  const lang = getLang();
  setText(page.panelMessage, '');
  setText(page.panelTitle, t('desk.form.titleEdit', { number: ticket.number }));
  /** @type {[string, string][]} */
  const facts = [
    ['desk.panel.status', statusLabel(ticket.status)],
    ['desk.form.priority', priorityLabel(ticket.priority)],
    // A field desk's ticket names its event or place beside the source.
    ['desk.panel.source', [label('ticket.source', ticket.source), ticket.fieldEvent].filter(Boolean).join(' · ')],
    ['desk.panel.created', formatDateTime(ticket.createdAt, lang)],
    ['desk.panel.updated', formatDateTime(ticket.updatedAt, lang)],
    ['desk.panel.due', ticket.dueAt ? formatDateTime(ticket.dueAt, lang) : ''],
    ['desk.panel.updatedBy', ticket.updatedBy ?? ''],
    ['desk.form.category', categoryName(ticket.categoryCode)],
    ['desk.form.department', departmentName(ticket.departmentCode)],
    ['desk.panel.place', [ticket.district, ticket.neighbourhood, ticket.address].filter(Boolean).join(' · ')],
    ['desk.panel.caller', [ticket.callerNumber, ticket.callerName].filter(Boolean).join(' · ')],
    ['desk.form.description', ticket.description ?? ''],
    ['desk.form.resolution', ticket.resolution ?? ''],
  ];
  if (ticket.resolvedAt) facts.splice(5, 0, ['desk.panel.resolvedAt', formatDateTime(ticket.resolvedAt, lang)]);
  if (ticket.forwardedAt) facts.splice(5, 0, ['desk.panel.forwardedAt', formatDateTime(ticket.forwardedAt, lang)]);
  page.panelFacts.replaceChildren(
    ...facts.flatMap(([key, value]) => {
      const term = make('dt', '', t(key));
      const detail = make('dd', key === 'desk.form.description' || key === 'desk.form.resolution' ? 'pre-line' : '', value || '—');
      return [term, detail];
    }),
  );
  // Sentences, never the events' internal keys (ticket-history.js).
  renderHistory(page.panelEvents, ticket.events, { lang });
}

function closePanel() {
  panelRequests += 1;
  panelNumber = null;
  panelTicket = null;
  page.ticketPanel.hidden = true;
}

export function wireSidePanel() {
  page.panelClose.addEventListener('click', closePanel);
  page.panelEdit.addEventListener('click', () => {
    const number = panelNumber;
    closePanel();
    if (number) void openTicketInForm(number);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && !page.ticketPanel.hidden) closePanel();
  });
}
