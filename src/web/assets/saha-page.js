/**
 * /saha, the offline field desk: choose the shift's event, take requests into the IndexedDB outbox
 * (saha-outbox.js) whatever the network does, and let saha-sync.js send them. The page works from the
 * service worker's cache when offline (saha-sw.js); the session is checked when the network allows.
 */

import { formatHourMinute, getLang, onLangChange, toggleLang } from './i18n.js';
import { clearForm, readForm, renderChoices, showErrors } from './saha-form.js';
import { errorText, st, translateSaha } from './saha-i18n.js';
import { addRow, listRows, removeRows } from './saha-outbox.js';
import { createSync } from './saha-sync.js';

/** @typedef {import('./saha-sync.js').SyncState} SyncState */
/** @typedef {import('./saha-sync.js').Confirmation} Confirmation */
/** @typedef {{ id: number, username: string, displayName: string }} StaffUser */

const USER_KEY = 'alo153.saha.user';
const EVENT_KEY = 'alo153.saha.event';

/** @template {Element} T @param {string} selector @param {new (...args: never[]) => T} type @returns {T} */
function required(selector, type) {
  const element = document.querySelector(selector);
  if (!(element instanceof type)) throw new Error(`/saha lacks ${selector}`);
  return element;
}

const page = {
  user: required('#user-name', HTMLElement),
  net: required('#net-status', HTMLElement),
  offlineReady: required('#offline-ready', HTMLElement),
  banner: required('#session-banner', HTMLElement),
  eventForm: required('#event-form', HTMLFormElement),
  eventInput: required('#event-input', HTMLInputElement),
  eventList: required('#event-list', HTMLDataListElement),
  eventError: required('#event-error', HTMLElement),
  eventChosen: required('#event-chosen', HTMLElement),
  eventCurrent: required('#event-current', HTMLElement),
  requestCard: required('#request-card', HTMLElement),
  catalogueMissing: required('#catalogue-missing', HTMLElement),
  form: required('#request-form', HTMLFormElement),
  savedNote: required('#saved-note', HTMLElement),
  count: required('#outbox-count', HTMLElement),
  syncStatus: required('#sync-status', HTMLElement),
  others: required('#outbox-others', HTMLElement),
  sendNow: required('#send-now', HTMLButtonElement),
  list: required('#outbox-list', HTMLUListElement),
  sent: required('#sent-list', HTMLUListElement),
};

/** @type {StaffUser | null} */
let user = readJson(USER_KEY);
let fieldEvent = localStorage.getItem(EVENT_KEY) ?? '';
let maxBatch = 50;
/** @type {SyncState} */
let syncState = { kind: 'idle', lastOkAt: null };
/** @type {Map<string, string>} category code → name */
let categoryNames = new Map();
/** @type {Confirmation[]} */
const confirmations = [];

/** @param {string} key @returns {any} */
function readJson(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

/**
 * GET through the service worker (network first); a copy it cached answers when the network cannot.
 * @param {string} path
 * @returns {Promise<{ status: number, body: any } | null>} null: no network and no copy
 */
async function getJson(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (response.ok) return { status: response.status, body: await response.json() };
    const copy = response.status === 401 && 'caches' in window ? await caches.match(path) : undefined;
    return copy ? { status: 200, body: await copy.json() } : { status: response.status, body: null };
  } catch {
    const copy = 'caches' in window ? await caches.match(path) : undefined;
    return copy ? { status: 200, body: await copy.json() } : null;
  }
}

async function checkSession() {
  const reply = await getJson('/api/auth/me');
  if (reply?.status === 200 && reply.body?.user) {
    const { id, username, displayName } = reply.body.user;
    user = { id, username, displayName };
    localStorage.setItem(USER_KEY, JSON.stringify(user));
    page.banner.hidden = true;
  } else if (reply?.status === 401) {
    page.banner.hidden = false;
  }
  page.user.textContent = user ? user.displayName : '';
}

async function loadSiteData() {
  const [catalogue, events] = await Promise.all([getJson('/api/catalogue'), getJson('/api/field/events')]);
  if (catalogue?.status === 200 && Array.isArray(catalogue.body?.categories)) {
    renderChoices(page.form, { categories: catalogue.body.categories, districts: catalogue.body.districts ?? [] });
    categoryNames = new Map();
    for (const entry of catalogue.body.categories) {
      categoryNames.set(entry.code, entry.name);
      for (const child of entry.children ?? []) categoryNames.set(child.code, `${entry.name} / ${child.name}`);
    }
    page.catalogueMissing.hidden = true;
  } else {
    page.catalogueMissing.hidden = false;
  }
  if (events?.status === 200 && Array.isArray(events.body?.events)) {
    page.eventList.replaceChildren(...events.body.events.map((/** @type {string} */ name) => new Option(name, name)));
    if (typeof events.body.maxBatch === 'number') maxBatch = events.body.maxBatch;
  }
}

function renderEvent() {
  page.eventForm.hidden = fieldEvent !== '';
  page.eventChosen.hidden = fieldEvent === '';
  page.requestCard.hidden = fieldEvent === '';
  page.eventCurrent.textContent = st('saha.event.current', { event: fieldEvent });
}

function renderNetwork() {
  page.net.textContent = st(navigator.onLine ? 'saha.online' : 'saha.offline');
  page.net.classList.toggle('is-offline', !navigator.onLine);
}

function renderSyncState() {
  const state = syncState;
  if (state.kind === 'session-expired') page.banner.hidden = false;
  page.sendNow.disabled = state.kind === 'sending';
  page.sendNow.textContent = st(state.kind === 'sending' ? 'saha.outbox.sending' : 'saha.outbox.sendNow');
  if (state.kind === 'retry') page.syncStatus.textContent = st('saha.sync.retryIn', { seconds: Math.max(1, Math.round((state.at - Date.now()) / 1000)) });
  else if (state.kind === 'offline') page.syncStatus.textContent = st('saha.sync.waitingNetwork');
  else if (state.kind === 'forbidden') page.syncStatus.textContent = st('saha.sync.forbidden');
  else if (state.kind === 'idle' && state.lastOkAt !== null) page.syncStatus.textContent = st('saha.sync.lastOk', { time: formatHourMinute(state.lastOkAt) });
  else if (state.kind !== 'sending') page.syncStatus.textContent = '';
}

async function renderOutbox() {
  const rows = await listRows();
  const mine = rows.filter((row) => user === null || row.takenBy === user.id || row.takenBy === 0);
  const others = rows.length - mine.length;
  page.count.textContent = mine.length === 0 ? st('saha.outbox.empty') : st('saha.outbox.count', { count: mine.length });
  page.count.dataset.count = String(mine.length);
  page.others.hidden = others === 0;
  page.others.textContent = st('saha.outbox.otherUser', { count: others });
  page.list.replaceChildren(...mine.map((row) => {
    const item = document.createElement('li');
    item.dataset.key = row.key;
    item.dataset.state = row.state;
    const title = document.createElement('strong');
    title.textContent = categoryNames.get(row.request.categoryCode) ?? row.request.categoryCode;
    const when = document.createElement('span');
    when.className = 'saha-when';
    when.textContent = st('saha.outbox.takenAt', { time: formatHourMinute(Date.parse(row.takenAt)) });
    const text = document.createElement('p');
    text.textContent = row.request.description.length > 140 ? `${row.request.description.slice(0, 140)}…` : row.request.description;
    item.append(title, ' ', when, text);
    if (row.state === 'refused') {
      const why = document.createElement('p');
      why.className = 'saha-error';
      why.textContent = `${st('saha.outbox.refused')} ${Object.values(row.errors ?? {}).map((error) => errorText(error.code)).join(' ')}`;
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.className = 'btn';
      remove.textContent = st('saha.outbox.delete');
      remove.addEventListener('click', async () => {
        if (!window.confirm(st('saha.outbox.deleteConfirm'))) return;
        await removeRows([row.key]);
        await renderOutbox();
      });
      item.append(why, remove);
    }
    return item;
  }));
}

function renderSent() {
  page.sent.replaceChildren(...confirmations.map((entry) => {
    const item = document.createElement('li');
    item.dataset.ticket = entry.ticketNumber;
    item.textContent = `${st('saha.sent.item', { number: entry.ticketNumber, category: categoryNames.get(entry.categoryCode) ?? entry.categoryCode })}${entry.duplicate ? ` ${st('saha.sent.duplicate')}` : ''}`;
    return item;
  }));
}

const sync = createSync({
  userId: () => user?.id ?? null,
  maxBatch: () => maxBatch,
  onState: (state) => {
    syncState = state;
    renderSyncState();
  },
  onConfirmed: (confirmed) => {
    confirmations.unshift(...confirmed);
    confirmations.length = Math.min(confirmations.length, 50);
    renderSent();
  },
  onRowsChanged: () => void renderOutbox(),
});

page.eventForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const value = page.eventInput.value.trim();
  page.eventError.hidden = value !== '';
  page.eventError.textContent = value === '' ? st('saha.event.required') : '';
  if (value === '') {
    page.eventInput.setAttribute('aria-invalid', 'true');
    page.eventInput.focus();
    return;
  }
  page.eventInput.removeAttribute('aria-invalid');
  fieldEvent = value.slice(0, 120);
  localStorage.setItem(EVENT_KEY, fieldEvent);
  renderEvent();
  required('#f-category', HTMLSelectElement).focus();
});

required('#event-change', HTMLButtonElement).addEventListener('click', () => {
  page.eventInput.value = fieldEvent;
  fieldEvent = '';
  localStorage.removeItem(EVENT_KEY);
  renderEvent();
  page.eventInput.focus();
});

page.form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const read = readForm(page.form);
  if ('errors' in read) {
    showErrors(page.form, read.errors);
    return;
  }
  const takenAt = new Date().toISOString();
  const key = `field:${crypto.randomUUID()}`;
  await addRow({ key, takenAt, takenBy: user?.id ?? 0, state: 'waiting', errors: null, request: { key, takenAt, fieldEvent, ...read.values } });
  clearForm(page.form);
  page.savedNote.textContent = st('saha.form.saved');
  required('#f-category', HTMLSelectElement).focus();
  await renderOutbox();
  void sync.syncNow();
});

page.sendNow.addEventListener('click', () => void sync.syncNow());
required('#lang-toggle', HTMLButtonElement).addEventListener('click', toggleLang);
required('#logout', HTMLButtonElement).addEventListener('click', async () => {
  const waiting = Number(page.count.dataset.count ?? '0');
  if (waiting > 0 && !window.confirm(st('saha.logout.pending', { count: waiting }))) return;
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
  location.assign('/login?next=%2Fsaha');
});
window.addEventListener('online', () => {
  renderNetwork();
  void checkSession();
});
window.addEventListener('offline', renderNetwork);

function renderAll() {
  document.documentElement.lang = getLang();
  translateSaha(document);
  document.querySelectorAll('#lang-toggle [data-lang]').forEach((option) => option.classList.toggle('active', option.getAttribute('data-lang') === getLang()));
  renderNetwork();
  renderEvent();
  renderSyncState();
  renderSent();
  void renderOutbox();
}
onLangChange(() => {
  renderAll();
  void loadSiteData();
});

async function registerWorker() {
  if (!('serviceWorker' in navigator)) return;
  page.offlineReady.textContent = st('saha.offlineNotReady');
  await navigator.serviceWorker.register('/saha-sw.js', { scope: '/saha' });
  await navigator.serviceWorker.ready;
  page.offlineReady.textContent = st('saha.offlineReady');
  page.offlineReady.dataset.ready = 'true';
}

renderAll();
await Promise.all([checkSession(), loadSiteData()]);
await renderOutbox();
document.body.dataset.ready = 'true';
void registerWorker().catch(() => {
  page.offlineReady.textContent = '';
});
void sync.syncNow();
