/**
 * /basvuru: the public request form. The server hands out the form's token (its issue time, signed) with the
 * catalogue; each fill of the form has its own submission key, so a double click or a retried send opens one
 * request. The ticket number is announced (aria-live) and focused; refusals are worded in the page's language.
 */

import { getLang } from './i18n.js';
import { callPublicApi, showMessage, startPublicPage } from './public-page.js';
import { checkFields, serverCodes, showFieldErrors } from './public-form-errors.js';
import { istanbulClockIn, pt } from './public-strings.js';
import { startLocation } from './public-location.js';

/** @typedef {{ code: string, name: string, children: { code: string, name: string }[] }} Category */
/** @typedef {{ title: string, paragraphs: string[] }} Notice */
/** @typedef {{ token: string, sms: boolean, categories: Category[], districts: string[], neighbourhoods: Record<string, string[]>, kvkk: { tr: Notice, en: Notice } }} FormData */

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const input = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

/** @type {FormData | null} */
let data = null;
let submissionKey = crypto.randomUUID();
/** @type {{ codes: Record<string, string>, shown: boolean }} */
const errors = { codes: {}, shown: false };
/** @type {{ key: string, params?: Record<string, string | number> } | null} */
let message = null;
let sending = false;
const place = startLocation(document);

function renderKvkk() {
  if (!data) return;
  const notice = data.kvkk[getLang()];
  $('kvkk-title').textContent = notice.title;
  $('kvkk-body').replaceChildren(
    ...notice.paragraphs.map((text) => {
      const paragraph = document.createElement('p');
      paragraph.textContent = text;
      return paragraph;
    }),
  );
}

function renderMessage() {
  showMessage($('form-message'), message ? pt(message.key, message.params) : null);
}

function rerender() {
  renderKvkk();
  renderMessage();
  place.render();
  if (errors.shown) showFieldErrors(document, errors.codes, false);
  $('submit').textContent = pt(sending ? 'form.sending' : 'form.submit');
}

/** @param {FormData} form */
function renderChoices(form) {
  const category = /** @type {HTMLSelectElement} */ ($('categoryCode'));
  for (const entry of form.categories) {
    if (entry.children.length === 0) {
      category.append(new Option(entry.name, entry.code));
      continue;
    }
    const group = document.createElement('optgroup');
    group.label = entry.name;
    group.append(new Option(entry.name, entry.code), ...entry.children.map((child) => new Option(child.name, child.code)));
    category.append(group);
  }
  const district = /** @type {HTMLSelectElement} */ ($('district'));
  district.append(...form.districts.map((name) => new Option(name, name)));
  district.addEventListener('change', () => {
    const names = form.neighbourhoods[district.value] ?? [];
    $('neighbourhood-list').replaceChildren(...names.map((name) => new Option(name, name)));
  });
  $('sms-field').hidden = !form.sms;
}

async function loadForm() {
  const reply = await callPublicApi('GET', '/api/public/form');
  if (!reply.ok) {
    message = { key: 'error.loading' };
    renderMessage();
    return false;
  }
  const first = data === null;
  data = /** @type {FormData} */ (reply.body);
  if (first) renderChoices(data);
  renderKvkk();
  return true;
}

function values() {
  return {
    categoryCode: input('categoryCode').value,
    description: input('description').value,
    district: input('district').value,
    neighbourhood: input('neighbourhood').value,
    address: input('address').value,
    name: input('name').value,
    phone: input('phone').value,
    email: input('email').value,
    kvkkConsent: input('kvkkConsent').checked,
  };
}

/** @param {import('./public-page.js').Refusal} refusal */
async function refused(refusal) {
  if (refusal.error === 'invalid-fields' && refusal.fields) {
    errors.codes = serverCodes(refusal.fields);
    errors.shown = true;
    showFieldErrors(document, errors.codes, true);
    return;
  }
  const seconds = refusal.retryAfterS ?? 1;
  if (refusal.error === 'too-soon') message = { key: 'error.too-soon', params: { seconds } };
  else if (refusal.error === 'too-many') message = { key: 'error.too-many', params: { time: istanbulClockIn(seconds) } };
  else if (refusal.error === 'form-expired' || refusal.error === 'form-invalid') {
    // A fresh token; the entries stay where they are.
    message = { key: `error.${refusal.error}` };
    await loadForm();
  } else message = { key: refusal.error === 'network' ? 'error.network' : refusal.error === 'refused' ? 'error.refused' : 'error.server' };
  renderMessage();
  $('form-message').focus();
}

/** @param {{ number: string, created: boolean, sms: boolean }} result */
function showResult(result) {
  $('ticket-number').textContent = result.number;
  $('result-sms').hidden = !result.sms;
  $('result-repeat').hidden = result.created;
  /** @type {HTMLAnchorElement} */ ($('status-link')).href = `/durum?numara=${encodeURIComponent(result.number)}`;
  $('request-form').hidden = true;
  $('result').hidden = false;
  $('live').textContent = `${pt('result.heading')}. ${pt('result.number')} ${result.number}`;
  $('result').focus();
}

async function submit(/** @type {SubmitEvent} */ event) {
  event.preventDefault();
  if (sending || !data) return;
  const current = values();
  errors.codes = checkFields(current);
  errors.shown = true;
  showFieldErrors(document, errors.codes, true);
  message = null;
  renderMessage();
  if (Object.keys(errors.codes).length > 0) return;
  sending = true;
  rerender();
  const reply = await callPublicApi('POST', '/api/public/requests', {
    ...current,
    submissionKey,
    formToken: data.token,
    website: input('website').value,
    smsConsent: data.sms ? input('smsConsent').checked : true,
    ...place.position(),
  });
  sending = false;
  rerender();
  if (reply.ok) showResult(reply.body);
  else await refused(reply.refusal);
}

function startAgain() {
  /** @type {HTMLFormElement} */ ($('request-form')).reset();
  place.clear();
  submissionKey = crypto.randomUUID();
  errors.codes = {};
  errors.shown = false;
  showFieldErrors(document, {}, false);
  $('result').hidden = true;
  $('request-form').hidden = false;
  void loadForm().then(() => input('categoryCode').focus());
}

startPublicPage(rerender);
$('request-form').addEventListener('submit', (event) => void submit(/** @type {SubmitEvent} */ (event)));
$('again').addEventListener('click', startAgain);
void loadForm().then((loaded) => {
  if (loaded) document.body.dataset.ready = 'true';
});
