/**
 * The IVR editor's general settings: every field of config/ivr.json outside `menus` (src/ivr/definition.ts has the
 * rules), drawn from the menu itself so a field the schema gains shows up too, under its path until it has a label.
 */

import { getLang } from './i18n.js';
import { el, field, select } from './admin-menu-dom.js';
import { getAt, setAt } from './admin-menu-state.js';

/** @type {Record<string, [string, string]>} */
const LABELS = {
  language: ['Dil (Asterisk dil kodu)', 'Language (Asterisk code)'],
  soundPrefix: ['Ses öneki', 'Sound prefix'],
  welcome: ['Karşılama anonsu', 'Welcome prompt'],
  start: ['Başlangıç menüsü', 'Start menu'],
  'prompts.invalid': ['Geçersiz tuş anonsu', 'Invalid key prompt'],
  'prompts.noInput': ['Tuşlama yok anonsu', 'No input prompt'],
  'prompts.ticketPrefix': ['Başvuru numarası öncesi anons', 'Before the ticket number'],
  'prompts.transfer': ['Aktarma anonsu', 'Transfer prompt'],
  'prompts.pause': ['Kısa sessizlik', 'Short pause'],
  readbackYear: ['Numarayı okurken yılı da söyle', 'Say the year in the read-back'],
  readbackTransfer: ['Numaradan sonra "Aktarıyorum" de', 'Say "transferring" after the number'],
  'statusLookup.enter': ['Durum: numara isteme anonsu', 'Status: enter number prompt'],
  'statusLookup.notFound': ['Durum: bulunamadı anonsu', 'Status: not found prompt'],
  'statusLookup.unavailable': ['Durum: şu an söylenemiyor anonsu', 'Status: unavailable prompt'],
  'statusLookup.due': ['Durum: son tarih anonsu', 'Status: due date prompt'],
  'statusLookup.phrases.received': ['Durum: alındı', 'Status: received'],
  'statusLookup.phrases.forwarded': ['Durum: birime iletildi', 'Status: forwarded'],
  'statusLookup.phrases.needsInfo': ['Durum: bilgi bekleniyor', 'Status: needs information'],
  'statusLookup.phrases.answered': ['Durum: cevaplandı', 'Status: answered'],
  'statusLookup.phrases.closed': ['Durum: kapandı', 'Status: closed'],
  'statusLookup.maxTries': ['Durum: deneme sayısı', 'Status: tries'],
  'statusLookup.interDigitTimeoutMs': ['Durum: tuşlar arası bekleme (ms)', 'Status: between keys (ms)'],
  'statusLookup.firstDigitTimeoutMs': ['Durum: ilk tuş bekleme (ms)', 'Status: first key (ms)'],
  'statusLookup.budgetMs': ['Durum: sorgu süresi (ms)', 'Status: lookup budget (ms)'],
  'returning.prompt': ['Tekrar arayan: teklif anonsu', 'Returning caller: offer prompt'],
  'returning.statusKey': ['Tekrar arayan: durum tuşu', 'Returning caller: status key'],
  'returning.newKey': ['Tekrar arayan: yeni talep tuşu', 'Returning caller: new request key'],
  'returning.timeoutMs': ['Tekrar arayan: bekleme (ms)', 'Returning caller: timeout (ms)'],
  'returning.lookupBudgetMs': ['Tekrar arayan: sorgu süresi (ms, 0: kapalı)', 'Returning caller: lookup budget (ms, 0: off)'],
  'survey.key': ['Anket onay tuşu', 'Survey consent key'],
  'survey.hint': ['Anket bilgi anonsu', 'Survey hint prompt'],
  'survey.confirm': ['Anket onay anonsu', 'Survey confirmation prompt'],
  announcementServedWindowMs: ['Duyuru dinlenme süresi (ms)', 'Announcement served window (ms)'],
  firstDigitTimeoutMs: ['İlk tuş bekleme (ms)', 'First key timeout (ms)'],
  interDigitTimeoutMs: ['Tuşlar arası bekleme (ms)', 'Between keys timeout (ms)'],
  maxRetries: ['Tekrar sayısı', 'Retries'],
  ticketWaitMs: ['Başvuru numarası bekleme (ms)', 'Ticket number wait (ms)'],
  'defaultTarget.queue': ['Tekrarlar bitince: kuyruk', 'After the retries: queue'],
  'defaultTarget.category': ['Tekrarlar bitince: kategori', 'After the retries: category'],
};

/** Fields that name a prompt: typed with the manifest's names offered (a name not there is refused with the reason). */
const PROMPT = /^(welcome|prompts\..+|statusLookup\.(enter|notFound|unavailable|due|phrases\..+)|returning\.prompt|survey\.(hint|confirm))$/;

/** @param {Record<string, any>} object @param {string} [prefix] @returns {string[]} */
function leaves(object, prefix = '') {
  return Object.entries(object).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? leaves(value, path) : [path];
  });
}

/**
 * @param {HTMLElement} container
 * @param {import('./admin-menu-state.js').MenuDraft} draft
 * @param {import('./admin-menu-form.js').Choices} choices
 * @param {() => void} changed
 */
export function renderSettings(container, draft, choices, changed) {
  const lang = getLang() === 'en' ? 1 : 0;
  const controls = leaves(draft.rest).map((path) => {
    const value = getAt(draft.rest, path);
    const label = LABELS[path]?.[lang] ?? path;
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let control;
    if (typeof value === 'boolean') {
      const box = /** @type {HTMLInputElement} */ (el('input', { type: 'checkbox' }));
      box.checked = value;
      box.addEventListener('change', () => (setAt(draft.rest, path, box.checked), changed()));
      control = box;
    } else if (path === 'start' || path === 'defaultTarget.queue' || path === 'defaultTarget.category') {
      const list = path === 'start' ? draft.menus.map((menu) => ({ value: menu.name, label: menu.name })) : path === 'defaultTarget.queue' ? choices.queues : choices.categories;
      control = select(list, String(value), {});
      const chosen = control;
      chosen.addEventListener('change', () => (setAt(draft.rest, path, chosen.value), changed()));
    } else {
      const numeric = typeof value === 'number';
      const input = /** @type {HTMLInputElement} */ (el('input', { value: String(value), type: numeric ? 'number' : 'text', autocomplete: 'off', list: PROMPT.test(path) ? 'am-prompts' : undefined }));
      input.addEventListener('input', () => {
        const number = Number(input.value);
        setAt(draft.rest, path, numeric && input.value.trim() !== '' && Number.isFinite(number) ? number : input.value);
        changed();
      });
      control = input;
    }
    control.dataset.testid = `setting-${path}`;
    return field(label, control, path);
  });
  container.replaceChildren(el('div', { class: 'form-grid' }, controls));
}
