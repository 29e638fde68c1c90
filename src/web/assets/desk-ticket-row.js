/**
 * One ticket in a list (the caller's history or search results): a button that opens it read-only.
 */

import { getLang } from './i18n.js';
import { formatDateTime, excerpt } from './desk-form.js';
import { categoryName, statusLabel } from './desk-catalogue.js';
import { make } from './desk-page.js';
import { openPanel } from './desk-side-panel.js';

/** @typedef {import('./desk-api.js').TicketJson} TicketJson */
/** @typedef {import('../../agents/desk-protocol.js').PopTicketSummary} PopTicketSummary */

/** @param {PopTicketSummary | TicketJson} ticket */
export function ticketRow(ticket) {
  const item = make('li', 'ticket-row');
  const button = make('button', 'ticket-row-button');
  button.setAttribute('type', 'button');
  button.dataset.ticket = ticket.number;
  const top = make('span', 'tr-top');
  top.append(make('span', 'ticket-number', ticket.number), make('span', 'tr-date', formatDateTime(ticket.createdAt, getLang())));
  const middle = make('span', 'tr-middle');
  const status = make('span', `ticket-status status-${ticket.status}`, statusLabel(ticket.status));
  middle.append(status, make('span', 'tr-category', categoryName(ticket.categoryCode)));
  const text = excerpt(ticket.description, 90);
  button.append(top, middle);
  if ('callerNumber' in ticket && ticket.callerNumber) button.append(make('span', 'tr-caller', [ticket.callerNumber, ticket.callerName].filter(Boolean).join(' · ')));
  if (text) button.append(make('span', 'tr-excerpt', text));
  button.addEventListener('click', () => void openPanel(ticket.number));
  item.append(button);
  return item;
}
