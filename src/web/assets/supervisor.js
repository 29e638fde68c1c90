/**
 * /supervisor: the supervisor's workspace. Finds any ticket (search), opens it (fields, history, actions) and shows
 * the escalations (live). Turkish first; the header's toggle switches every text to English.
 */

import { t, translateStatic, toggleLang, onLangChange, getLang } from './i18n.js';
import { setCatalogue } from './desk-catalogue.js';
import * as api from './supervisor-api.js';
import { bootSearch, renderSearchLabels } from './supervisor-search.js';
import { lifecycle } from './supervisor-labels.js';
import { bootTicket, openTicket, rerenderTicket } from './supervisor-ticket.js';
import { bootEscalations, rerenderEscalations } from './supervisor-escalations.js';

const open = (/** @type {string} */ number) => {
  void openTicket(number).then(() => document.getElementById('ticket')?.scrollIntoView({ block: 'nearest' }));
};

async function boot() {
  document.documentElement.lang = getLang();
  translateStatic(document.body);
  const [me, catalogue, states] = await Promise.all([api.me(), api.catalogue(), api.lifecycle()]);
  if (states.ok) Object.assign(lifecycle, { statuses: states.body.statuses ?? [], sources: states.body.sources ?? [] });
  if (me.ok) /** @type {HTMLElement} */ (document.getElementById('user-name')).textContent = me.body.user?.displayName ?? '';
  if (catalogue.ok) setCatalogue(catalogue.body);
  else {
    const error = /** @type {HTMLElement} */ (document.getElementById('sup-error'));
    error.textContent = t('sup.error.catalogue');
    error.hidden = false;
  }
  renderSearchLabels();
  bootSearch(open);
  await bootTicket();
  bootEscalations(open);
  document.getElementById('lang-toggle')?.addEventListener('click', () => toggleLang());
  onLangChange(() => {
    document.documentElement.lang = getLang();
    translateStatic(document.body);
    renderSearchLabels();
    rerenderTicket();
    rerenderEscalations();
  });
  const wanted = new URLSearchParams(location.search).get('ticket');
  if (wanted && /^153-\d{4}-(?:\d{6}|[1-9]\d{6})$/.test(wanted)) open(wanted);
  document.body.dataset.ready = 'true';
}

void boot();
