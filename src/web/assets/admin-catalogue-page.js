/**
 * /yonetim/katalog: categories, departments, districts and neighbourhoods, break reasons and SMS texts, each saved at
 * once (the desk and forms read GET /api/catalogue, which has the change immediately), the deadlines as configured,
 * and the history of every change with who and when.
 */

import './admin-menu-texts.js';
import './admin-catalogue-texts.js';
import { TIME_ZONE, getLang, onLangChange, t, toggleLang, translateStatic } from './i18n.js';
import { renderAdminNav } from './admin-nav.js';
import { call, me } from './supervisor-api.js';
import { el } from './admin-menu-dom.js';
import { renderCategories, renderDepartments } from './admin-catalogue-tables.js';
import { renderDeadlines, renderDistricts, renderReasons } from './admin-catalogue-lists.js';
import { renderSms } from './admin-catalogue-sms.js';

const byId = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
/** @type {any} */
let data = null;

/** @param {string} iso */
const when = (iso) => new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'tr-TR', { timeZone: TIME_ZONE, dateStyle: 'medium', timeStyle: 'medium' }).format(Date.parse(iso));

async function renderHistory() {
  const answer = await call('GET', '/api/admin/catalogue/history');
  if (!answer.ok) return;
  byId('ac-history').replaceChildren(
    ...answer.body.changes.map((/** @type {{ entity: string, code: string, action: string, changedBy: string, changedAt: string }} */ change) =>
      el('tr', {}, [
        el('td', { text: `${t(`ac.entity.${change.entity}`)}${change.entity === 'category' || change.entity === 'department' ? ` ${change.code}` : ''}` }),
        el('td', { text: t(`ac.action.${change.action}`) }),
        el('td', { text: change.changedBy }),
        el('td', { text: when(change.changedAt) }),
      ]),
    ),
  );
}

/** Tables and history after a change; the list editors keep what is typed in them. */
async function reload() {
  const answer = await call('GET', '/api/admin/catalogue');
  if (!answer.ok) {
    byId('ac-error').textContent = t('ac.failed', { error: answer.body?.error ?? answer.status });
    byId('ac-error').hidden = false;
    return;
  }
  data = answer.body;
  renderCategories(byId('ac-categories'), byId('ac-categories-status'), data, () => void reload());
  renderDepartments(byId('ac-departments'), byId('ac-departments-status'), data, () => void reload());
  await renderHistory();
}

function renderLists() {
  renderDistricts(byId('ac-districts'), data.districts, () => void renderHistory());
  renderReasons(byId('ac-reasons'), data.pauseReasons, () => void renderHistory());
  renderSms(byId('ac-sms'), data.smsTemplates, () => void renderHistory());
  renderDeadlines(byId('ac-deadlines'), data.deadlines);
}

async function boot() {
  document.documentElement.lang = getLang();
  translateStatic(document);
  renderAdminNav(byId('admin-nav'), '/yonetim/katalog', getLang());
  const who = await me();
  if (who.ok) byId('user-name').textContent = who.body.user?.displayName ?? '';
  await reload();
  if (data) renderLists();
  byId('lang-toggle').addEventListener('click', () => toggleLang());
  onLangChange(() => {
    translateStatic(document);
    renderAdminNav(byId('admin-nav'), '/yonetim/katalog', getLang());
    void reload().then(() => data && renderLists());
  });
  document.body.dataset.ready = 'true';
}

void boot();
