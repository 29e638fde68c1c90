/**
 * /durum: a request's status by its number and the last four digits of the phone it was made with. The server
 * answers a wrong pair exactly as a missing request; the page shows only the steps and the relayed answer.
 */

import { getLang } from './i18n.js';
import { callPublicApi, showMessage, startPublicPage } from './public-page.js';
import { istanbulClockIn, istanbulDateTime, pt } from './public-strings.js';
import { dative } from './ticket-history.js';

/** @typedef {{ step: string, at: string, department?: string | null, reason?: string }} Step */
/** @typedef {{ number: string, status: string, category: string | null, createdAt: string, steps: Step[], answer: { text: string, at: string | null } | null }} CitizenView */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @type {CitizenView | null} */
let view = null;
/** @type {{ key: string, params?: Record<string, string | number> } | null} */
let message = null;
/** @type {Record<string, boolean>} */
let invalid = {};
let searching = false;

/** @param {Step} step */
function sentence(step) {
  if (step.step === 'forwarded') {
    if (!step.department) return pt('step.forwardedPlain');
    return pt('step.forwarded', { department: getLang() === 'tr' ? dative(step.department) : step.department });
  }
  if (step.step === 'closed') return pt(`step.closed.${step.reason ?? 'informed'}`);
  return pt(`step.${step.step}`);
}

function renderView() {
  $('status-result').hidden = view === null;
  if (!view) return;
  $('status-result-heading').textContent = pt('status.result', { number: view.number });
  $('status-now').textContent = pt('status.now', { status: pt(`status.state.${view.status}`) });
  $('status-category').textContent = view.category ? pt('status.category', { category: view.category }) : '';
  $('status-created').textContent = pt('status.created', { at: istanbulDateTime(view.createdAt) });
  $('status-steps').replaceChildren(
    ...view.steps.map((step) => {
      const item = document.createElement('li');
      const time = document.createElement('time');
      time.dateTime = step.at;
      time.textContent = istanbulDateTime(step.at);
      const what = document.createElement('span');
      what.textContent = sentence(step);
      item.append(time, ' — ', what);
      return item;
    }),
  );
  $('status-answer').hidden = view.answer === null;
  // The answer is the department's text: shown as text, never as markup.
  $('status-answer-text').textContent = view.answer?.text ?? '';
}

function renderErrors() {
  for (const field of ['number', 'lastFour']) {
    const error = $(`${field}-error`);
    error.textContent = invalid[field] ? pt(`status.field.${field}`) : '';
    error.hidden = !invalid[field];
    if (invalid[field]) input(field).setAttribute('aria-invalid', 'true');
    else input(field).removeAttribute('aria-invalid');
  }
}

function rerender() {
  renderView();
  renderErrors();
  showMessage($('status-message'), message ? pt(message.key, message.params) : null);
  $('status-submit').textContent = pt(searching ? 'status.searching' : 'status.submit');
}

async function lookup(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  if (searching) return;
  const number = input('number').value.trim();
  const lastFour = input('lastFour').value.trim();
  invalid = { number: !/^(?:153-)?\d{4}-\d{1,7}$/.test(number), lastFour: !/^\d{4}$/.test(lastFour) };
  view = null;
  message = null;
  if (invalid.number || invalid.lastFour) {
    rerender();
    input(invalid.number ? 'number' : 'lastFour').focus();
    return;
  }
  searching = true;
  rerender();
  const reply = await callPublicApi('POST', '/api/public/status', { number, lastFour });
  searching = false;
  if (reply.ok) {
    view = /** @type {CitizenView} */ (reply.body);
    rerender();
    $('live').textContent = `${pt('status.result', { number: view.number })}: ${pt(`status.state.${view.status}`)}`;
    $('status-result').focus();
    return;
  }
  const refusal = reply.refusal;
  if (refusal.error === 'not-found') message = { key: 'status.not-found' };
  else if (refusal.error === 'too-many') message = { key: 'error.too-many', params: { time: istanbulClockIn(refusal.retryAfterS ?? 60) } };
  else if (refusal.error === 'invalid-fields') {
    invalid = { number: Boolean(refusal.fields?.number), lastFour: Boolean(refusal.fields?.lastFour) };
  } else message = { key: refusal.error === 'network' ? 'error.network' : 'error.server' };
  rerender();
  if (message) $('status-message').focus();
}

startPublicPage(rerender);
const given = new URLSearchParams(window.location.search).get('numara');
if (given) input('number').value = given.slice(0, 40);
$('status-form').addEventListener('submit', (event) => void lookup(/** @type {SubmitEvent} */ (event)));
document.body.dataset.ready = 'true';
