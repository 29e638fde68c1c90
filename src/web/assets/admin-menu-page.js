/**
 * /yonetim/menu: the IVR menu in a form (menus, options, targets, prompts, timeouts, retries), a tree preview, check
 * and apply (new calls take it at once, calls in the menu finish on theirs), and the versions with restore. The rules
 * are the engine's (the API checks with src/ivr/definition.ts); this page only places the problems it reports.
 */

import './admin-menu-texts.js';
import { getLang, onLangChange, t, toggleLang, translateStatic } from './i18n.js';
import { renderAdminNav } from './admin-nav.js';
import { call, catalogue as getCatalogue, me } from './supervisor-api.js';
import { el, clearProblems, showProblems } from './admin-menu-dom.js';
import { definitionOf, draftOf, localProblems } from './admin-menu-state.js';
import { renderMenus } from './admin-menu-form.js';
import { renderSettings } from './admin-menu-settings.js';
import { renderTree } from './admin-menu-tree.js';
import { renderVersions } from './admin-menu-versions.js';

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @type {import('./admin-menu-state.js').MenuDraft} */
let draft = { menus: [], rest: {} };
/** @type {import('./admin-menu-form.js').Choices} */
let choices = { queues: [], categories: [] };
let version = 0;

/** @param {string} text @param {'ok' | 'bad' | ''} tone */
function say(text, tone) {
  const status = byId('am-status');
  status.textContent = text;
  status.dataset.tone = tone;
}

/** @param {{ path: string, message: string }[]} problems */
function listProblems(problems) {
  const list = byId('am-problems');
  list.replaceChildren(...problems.map((p) => el('li', {}, [el('code', { text: p.path }), ` ${p.message}`])));
  list.hidden = problems.length === 0;
  showProblems(byId('am-form'), problems);
}

let previewTimer = 0;
/** @param {boolean} structural */
function changed(structural) {
  if (structural) renderForm();
  window.clearTimeout(previewTimer);
  previewTimer = window.setTimeout(() => renderTree(byId('am-tree'), draft), structural ? 0 : 150);
}

function renderForm() {
  renderMenus(byId('am-menus'), draft, choices, changed);
  renderSettings(byId('am-settings'), draft, choices, () => changed(false));
  byId('am-current').textContent = version === 0 ? t('am.currentSeed') : t('am.current', { version });
}

async function reloadVersions() {
  const list = await call('GET', '/api/admin/ivr/versions');
  if (list.ok) renderVersions(byId('am-versions'), list.body, (id) => void restore(id));
}

async function loadCurrent() {
  const current = await call('GET', '/api/admin/ivr');
  if (!current.ok) throw new Error(current.body?.error ?? `HTTP ${current.status}`);
  version = current.body.version;
  draft = draftOf(current.body.definition);
  byId('am-prompts').replaceChildren(...current.body.prompts.map((/** @type {string} */ name) => new Option(name, name)));
  renderForm();
  renderTree(byId('am-tree'), draft);
  listProblems([]);
}

/** @param {'check' | 'apply'} what */
async function submit(what) {
  clearProblems(byId('am-form'));
  const local = localProblems(draft);
  if (local.length > 0) {
    listProblems(local);
    say(t('am.invalid', { count: local.length }), 'bad');
    return;
  }
  const body = { definition: definitionOf(draft) };
  // Checked first (a 200 with the problems), so a refused menu is an answer on the page, not a failed request.
  const checked = await call('POST', '/api/admin/ivr/check', body);
  if (!checked.ok) return say(t('am.failed', { error: checked.body?.error ?? checked.status }), 'bad');
  if (!checked.body.ok) {
    listProblems(checked.body.problems);
    return say(t('am.invalid', { count: checked.body.problems.length }), 'bad');
  }
  listProblems([]);
  if (what === 'check') return say(t('am.checked'), 'ok');
  const answer = await call('PUT', '/api/admin/ivr', body);
  if (answer.status === 400 && Array.isArray(answer.body?.details)) {
    listProblems(answer.body.details);
    return say(t('am.invalid', { count: answer.body.details.length }), 'bad');
  }
  if (!answer.ok) return say(t('am.failed', { error: answer.body?.error ?? answer.status }), 'bad');
  await loadCurrent();
  await reloadVersions();
  say(t('am.applied', { version: answer.body.version }), 'ok');
}

/** @param {number} id */
async function restore(id) {
  const answer = await call('POST', `/api/admin/ivr/versions/${id}/restore`);
  if (answer.status === 400 && Array.isArray(answer.body?.details)) {
    listProblems(answer.body.details);
    return say(t('am.invalid', { count: answer.body.details.length }), 'bad');
  }
  if (!answer.ok) return say(t('am.failed', { error: answer.body?.error ?? answer.status }), 'bad');
  await loadCurrent();
  await reloadVersions();
  say(t('am.restored', { from: id, version: answer.body.version }), 'ok');
}

async function boot() {
  document.documentElement.lang = getLang();
  translateStatic(document);
  renderAdminNav(byId('admin-nav'), '/yonetim/menu', getLang());
  const [who, catalogue] = await Promise.all([me(), getCatalogue()]);
  if (who.ok) byId('user-name').textContent = who.body.user?.displayName ?? '';
  if (catalogue.ok) {
    choices = {
      queues: catalogue.body.queues.map((/** @type {{ name: string, label: Record<string, string> }} */ q) => ({ value: q.name, label: `${q.label[getLang()] ?? q.name} (${q.name})` })),
      categories: catalogue.body.categories.flatMap((/** @type {any} */ c) => [c, ...c.children]).map((/** @type {{ code: string, name: string }} */ c) => ({ value: c.code, label: `${c.name} (${c.code})` })),
    };
  }
  try {
    await loadCurrent();
  } catch (error) {
    say(t('am.load', { error: /** @type {Error} */ (error).message }), 'bad');
  }
  await reloadVersions();
  byId('am-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void submit('apply');
  });
  byId('am-check').addEventListener('click', () => void submit('check'));
  byId('lang-toggle').addEventListener('click', () => toggleLang());
  onLangChange(() => {
    translateStatic(document);
    renderAdminNav(byId('admin-nav'), '/yonetim/menu', getLang());
    renderForm();
    renderTree(byId('am-tree'), draft);
    void reloadVersions();
  });
  document.body.dataset.ready = 'true';
}

void boot();
