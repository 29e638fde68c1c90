/**
 * /basvurular: CİMER / Açık Kapı applications at the Beyaz Masa — enter one, import a list export, the open ones
 * by deadline, and an answered one's reply text with "CİMER'e cevap girildi". Turkish first; the header's toggle
 * switches every text to English.
 */

import './applications-texts.js';
import { t, translateStatic, toggleLang, onLangChange, getLang } from './i18n.js';
import { setCatalogue } from './desk-catalogue.js';
import * as api from './supervisor-api.js';
import { bootEntry, renderEntryChoices } from './applications-entry.js';
import { bootImport, renderReport } from './applications-import.js';
import { bootList, reloadList, renderList } from './applications-list.js';
import { bootDetail, openApplication, rerenderDetail } from './applications-detail.js';

const open = (/** @type {string} */ number) => void openApplication(number);
const refresh = () => void reloadList();

async function boot() {
  document.documentElement.lang = getLang();
  translateStatic(document);
  const [me, catalogue] = await Promise.all([api.me(), api.catalogue()]);
  if (me.ok) {
    /** @type {HTMLElement} */ (document.getElementById('user-name')).textContent = me.body.user?.displayName ?? '';
    /** @type {HTMLElement} */ (document.getElementById('nav-supervisor')).hidden = !['supervisor', 'admin'].includes(me.body.user?.role);
  }
  if (catalogue.ok) setCatalogue(catalogue.body);
  else {
    const error = /** @type {HTMLElement} */ (document.getElementById('page-error'));
    error.textContent = t('sup.error.catalogue');
    error.hidden = false;
  }
  renderEntryChoices();
  bootEntry(open, refresh);
  bootImport(refresh);
  bootList(open);
  bootDetail(refresh);
  await reloadList();
  document.getElementById('lang-toggle')?.addEventListener('click', () => toggleLang());
  onLangChange(() => {
    document.documentElement.lang = getLang();
    translateStatic(document);
    renderEntryChoices();
    renderReport();
    renderList();
    rerenderDetail();
  });
  const wanted = new URLSearchParams(location.search).get('ticket');
  if (wanted && /^153-\d{4}-(?:\d{6}|[1-9]\d{6})$/.test(wanted)) open(wanted);
  document.body.dataset.ready = 'true';
}

void boot();
