/**
 * One application on /basvurular (GET /api/applications/:number): its facts and history, and once the department
 * has answered, the reply text to paste into CİMER / Açık Kapı with a copy button and "CİMER'e cevap girildi"
 * (portal-reply, with the moment it was entered); "Başka kuruma iade" (refer, with its note) while it is at the desk.
 */

import { t } from './i18n.js';
import { categoryName } from './desk-catalogue.js';
import { renderHistory } from './ticket-history.js';
import { factListItems } from './fact-list.js';
import { call, act } from './supervisor-api.js';
import { departmentLabel, failureMessage, statusName } from './supervisor-labels.js';
import { fromIstanbulLocalInput, istanbulDate, istanbulLocalInput, portalName, showProblems } from './applications-format.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const panel = $('detail');
const alert = $('detail-alert');
const saved = $('detail-saved');
const replyBox = $('reply');
const replyText = /** @type {HTMLTextAreaElement} */ ($('reply-text'));
const copied = $('reply-copied');
const portalForm = /** @type {HTMLFormElement} */ ($('portal-form'));
const referForm = /** @type {HTMLFormElement} */ ($('refer-form'));
const input = (/** @type {HTMLFormElement} */ form, /** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name));

/** @type {{ ticket: any, replyText: string | null, allowed: string[] } | null} */
let shown = null;
/** @type {() => void} */
let changed = () => {};

/** @param {string} text */
function showAlert(text) {
  alert.textContent = text;
  alert.hidden = text === '';
}

function render() {
  if (!shown) return;
  const { ticket } = shown;
  $('detail-title').textContent = ticket.number;
  $('detail-status').textContent = statusName(ticket.status);
  const facts = [
    ['apps.fact.portal', `${portalName(ticket.source)} ${ticket.externalRef ?? ''}`],
    ['apps.fact.appliedAt', istanbulDate(ticket.appliedAt)],
    ['apps.field.callerName', ticket.callerName ?? '—'],
    ['apps.field.callerNumber', ticket.callerNumber ?? '—'],
    ['apps.field.email', ticket.email ?? '—'],
    ['apps.field.categoryCode', ticket.categoryCode ? categoryName(ticket.categoryCode) : '—'],
    ['apps.fact.department', departmentLabel(ticket.departmentCode)],
    ['apps.fact.due', istanbulDate(ticket.dueAt)],
    ['apps.field.description', ticket.description ?? '—'],
    ['apps.fact.answer', ticket.answer ?? '—'],
  ];
  $('detail-facts').replaceChildren(...factListItems(facts));
  replyBox.hidden = shown.replyText === null;
  replyText.value = shown.replyText ?? '';
  portalForm.hidden = !shown.allowed.includes('portal-reply');
  referForm.hidden = !shown.allowed.includes('refer');
  renderHistory($('detail-history'), ticket.events ?? []);
}

/** @param {string} number @param {{ keepMessages?: boolean }} [options] */
export async function openApplication(number, options = {}) {
  const result = await call('GET', `/api/applications/${encodeURIComponent(number)}`);
  panel.hidden = false;
  if (!options.keepMessages) {
    showAlert('');
    saved.textContent = '';
    copied.textContent = '';
    showProblems(portalForm);
    showProblems(referForm);
  }
  if (!result.ok) {
    shown = null;
    showAlert(failureMessage(result));
    return;
  }
  shown = result.body;
  input(portalForm, 'enteredAt').value = istanbulLocalInput(Date.now());
  render();
  panel.focus();
}

export const rerenderDetail = render;

/** @param {HTMLFormElement} form @param {Record<string, unknown>} body */
async function send(form, body) {
  if (!shown) return;
  saved.textContent = '';
  const number = shown.ticket.number;
  let result;
  try {
    result = await act(number, { ...body, version: shown.ticket.version });
  } catch {
    showAlert(t('sup.error.network'));
    return;
  }
  if (result.ok) {
    form.reset();
    await openApplication(number);
    saved.textContent = t('apps.saved');
    changed();
    return;
  }
  showProblems(form, result.status === 400 ? (result.body.fields ?? {}) : {});
  showAlert(result.status === 400 ? t('apps.entry.invalid') : failureMessage(result));
  if (result.status === 409) await openApplication(number, { keepMessages: true });
}

async function copy() {
  try {
    await navigator.clipboard.writeText(replyText.value);
    copied.textContent = t('apps.reply.copied');
  } catch {
    // No clipboard permission (plain HTTP on a LAN): select the text so Ctrl+C copies it.
    replyText.select();
    copied.textContent = t('apps.reply.copyFailed');
  }
}

/** @param {() => void} onChange */
export function bootDetail(onChange) {
  changed = onChange;
  $('reply-copy').addEventListener('click', () => void copy());
  portalForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const entered = input(portalForm, 'enteredAt').value;
    const note = input(portalForm, 'text').value.trim();
    if (!entered) {
      showProblems(portalForm, { enteredAt: { code: 'required' } });
      return;
    }
    void send(portalForm, { action: 'portal-reply', enteredAt: fromIstanbulLocalInput(entered).toISOString(), text: note === '' ? null : note });
  });
  referForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void send(referForm, { action: 'refer', text: input(referForm, 'text').value });
  });
}
