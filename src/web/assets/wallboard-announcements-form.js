/**
 * The announcement form in the wallboard's "Duyurular" dialog: a new announcement spoken from a text or uploaded as
 * a WAV, or an edit of one (new text = new version; scope; window). Sends JSON to /api/announcements, the WAV as
 * its own body (audio/wav) to /api/announcements/upload or /:id/audio. The server's reason is shown under the form.
 */

import { t, getLang } from './i18n.js';
import { fromIstanbulInput, toIstanbulInput } from './wallboard-announcements-texts.js';

/** @typedef {{ id: string, label: string | null }} Scope */
/** @typedef {{ id: number, text: string | null, source: 'text' | 'upload', scope: string, validFrom: string, validUntil: string }} Editable */

/** @param {string} selector @returns {HTMLElement} */
function element(selector) {
  const found = document.querySelector(selector);
  if (!(found instanceof HTMLElement)) throw new Error(`missing ${selector}`);
  return found;
}

const form = /** @type {HTMLFormElement} */ (element('#ann-form'));
const title = element('#ann-form-title');
const text = /** @type {HTMLTextAreaElement} */ (element('#ann-text'));
const file = /** @type {HTMLInputElement} */ (element('#ann-file'));
const scope = /** @type {HTMLSelectElement} */ (element('#ann-scope'));
const from = /** @type {HTMLInputElement} */ (element('#ann-from'));
const until = /** @type {HTMLInputElement} */ (element('#ann-until'));
const error = element('#ann-error');
const save = /** @type {HTMLButtonElement} */ (element('#ann-save'));
const textRow = element('#ann-text-row');
const fileRow = element('#ann-file-row');

/** @type {Editable | null} */
let editing = null;
/** @type {Scope[]} */
let scopes = [];

/** @param {Scope} entry */
export const scopeText = (entry) => (entry.id === 'all' ? t('ann.scopeAll') : t('ann.scopeMenu', { label: entry.label ?? entry.id }));

function kind() {
  const checked = /** @type {HTMLInputElement | null} */ (form.querySelector('input[name="kind"]:checked'));
  return checked?.value === 'upload' ? 'upload' : 'text';
}

function showKind() {
  const upload = kind() === 'upload';
  textRow.hidden = upload;
  fileRow.hidden = !upload;
}

/** @param {string} message @param {'error' | 'ok'} [tone] */
function fail(message, tone = 'error') {
  error.textContent = message;
  error.dataset.tone = tone;
  error.hidden = false;
}

/** @param {Scope[]} list @param {number} maxLength */
export function setScopes(list, maxLength) {
  scopes = list;
  text.maxLength = maxLength;
  const chosen = scope.value;
  scope.replaceChildren(
    ...list.map((entry) => {
      const option = document.createElement('option');
      option.value = entry.id;
      option.textContent = scopeText(entry);
      return option;
    }),
  );
  if (chosen) scope.value = chosen;
}

/** Empties the form for a new announcement, or fills it with one to edit. @param {Editable | null} announcement */
export function fillForm(announcement) {
  editing = announcement;
  form.reset();
  error.hidden = true;
  title.textContent = t(announcement ? 'ann.edit' : 'ann.new');
  const now = Date.now();
  from.value = toIstanbulInput(announcement ? Date.parse(announcement.validFrom) : now);
  until.value = announcement ? toIstanbulInput(Date.parse(announcement.validUntil)) : '';
  scope.value = announcement?.scope ?? 'all';
  text.value = announcement?.text ?? '';
  const upload = /** @type {HTMLInputElement | null} */ (form.querySelector(`input[name="kind"][value="${announcement?.source === 'upload' ? 'upload' : 'text'}"]`));
  if (upload) upload.checked = true;
  showKind();
}

/** @param {Response} response */
async function reason(response) {
  if (response.status === 415) return t('ann.error.type');
  if (response.status === 413) return t('ann.error.size');
  try {
    const body = /** @type {{ error?: string, details?: Array<{ message: string }> | { code?: string } }} */ (await response.json());
    // The server's reasons are Turkish (machine codes beside them); English screens show them after a generic line.
    const detail = Array.isArray(body.details) ? body.details.map((d) => d.message).join('; ') : (body.error ?? '');
    return getLang() === 'tr' ? detail || t('ann.error.failed') : `${t('ann.error.failed')}: ${detail}`;
  } catch {
    return t('ann.error.failed');
  }
}

/** @param {string} method @param {string} url @param {BodyInit} body @param {string} type */
function send(method, url, body, type) {
  return fetch(url, { method, credentials: 'same-origin', headers: { 'content-type': type, accept: 'application/json' }, body });
}

async function submit() {
  error.hidden = true;
  const upload = kind() === 'upload';
  const chosen = file.files?.[0];
  const validFrom = fromIstanbulInput(from.value) ?? new Date();
  const validUntil = fromIstanbulInput(until.value);
  if (!validUntil) return fail(t('ann.error.until'));
  if (!upload && text.value.trim() === '') return fail(t('ann.error.text'));
  if (upload && !chosen && !(editing && editing.source === 'upload')) return fail(t('ann.error.file'));
  const fields = { scope: scope.value, validFrom: validFrom.toISOString(), validUntil: validUntil.toISOString() };
  /** @type {Response} */
  let response;
  if (!editing && upload && chosen) {
    response = await send('POST', `/api/announcements/upload?${new URLSearchParams(fields)}`, chosen, 'audio/wav');
  } else if (!editing) {
    response = await send('POST', '/api/announcements', JSON.stringify({ ...fields, text: text.value }), 'application/json');
  } else {
    response = await send('PATCH', `/api/announcements/${editing.id}`, JSON.stringify({ ...fields, ...(upload ? {} : { text: text.value }) }), 'application/json');
    if (response.ok && upload && chosen) response = await send('PUT', `/api/announcements/${editing.id}/audio`, chosen, 'audio/wav');
  }
  if (!response.ok) return fail(await reason(response));
  fillForm(null);
  fail(t('ann.saved'), 'ok');
}

form.addEventListener('change', (event) => {
  if (event.target instanceof HTMLInputElement && event.target.name === 'kind') showKind();
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  save.disabled = true;
  save.textContent = t('ann.saving');
  submit()
    .catch(() => fail(t('ann.error.network')))
    .finally(() => {
      save.disabled = false;
      save.textContent = t('ann.save');
    });
});

export const currentScopes = () => scopes;
