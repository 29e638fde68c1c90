/**
 * A ticket's history as sentences a citizen's file would use: who (the user, or "Sistem (IVR)"), when (the
 * Istanbul clock) and what ("Ulaşım Dairesi'ne iletildi", "Cevaplandı: …", "Arama denemesi: ulaşılamadı (2.)").
 * Only the facts a reader needs are taken from an event's data, each by name: call ids, IVR steps, user
 * ids, channel ids, versions and dedupe keys never reach the screen. Importable from Node (no DOM until render).
 */

import { t, getLang, TIME_ZONE } from './i18n.js';
import { departmentName } from './desk-catalogue.js';

/** @typedef {{ id?: number, at: string, actor: string, kind: string, data: Record<string, unknown> }} HistoryEvent */
/** @typedef {{ who: string, when: string, what: string }} HistoryLine */

/** Event kinds whose sentence carries the event's text after a colon. */
const WITH_TEXT = new Set(['resolved', 'accepted', 'answered', 'returned', 'transferred', 'forwarded', 'question-asked', 'citizen-replied', 'reopened', 'informed', 'contact-attempt', 'portal-replied', 'referred']);
/** Ticket fields an edit may name (their form labels). */
const FIELDS = ['categoryCode', 'departmentCode', 'district', 'neighbourhood', 'address', 'description', 'priority', 'callerName', 'callerNumber', 'resolution', 'smsConsent', 'email'];

/** @param {unknown} value */
const text = (value) => (typeof value === 'string' ? value : '');
/** @param {unknown} value */
const count = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * A key's translation, or the fallback's when the key has none (an unknown code is never shown as a key).
 * @param {string} key
 * @param {string} fallback
 * @param {Record<string, string | number>} [params]
 * @param {import('./i18n.js').Lang} [lang]
 */
function known(key, fallback, params, lang) {
  const found = t(key, params, lang);
  return found === key ? t(fallback, params, lang) : found;
}

/**
 * The Turkish dative of a department's name, for "…'ne iletildi": vowel harmony on the last vowel, `n` after a
 * compound's possessive ("Dairesi'ne", "Başkanlığı'na"), `y` after another vowel ("Beyaz Masa'ya"), and an
 * abbreviation read by its letters ("A.Ş.'ye").
 * @param {string} name
 */
export function dative(name) {
  const trimmed = name.trim();
  if (trimmed === '') return trimmed;
  const lower = trimmed.toLocaleLowerCase('tr-TR');
  const abbreviation = /\.$/.test(trimmed) || /^[A-ZÇĞİÖŞÜ]{2,}$/.test(trimmed.split(/\s+/).at(-1) ?? '');
  const vowels = lower.replace(/[^aeıioöuü]/g, '');
  const last = abbreviation ? (/[aeıioöuü]$/.test(lower.replace(/\.$/, '')) ? lower.replace(/\.$/, '').at(-1) : 'e') : vowels.at(-1);
  const front = last === undefined || 'eiöü'.includes(last);
  const vowel = front ? 'e' : 'a';
  const endsInVowel = abbreviation || /[aeıioöuü]$/.test(lower);
  const possessive = !abbreviation && /\s/.test(trimmed) && /[ıiuü]$/.test(lower);
  const buffer = endsInVowel ? (possessive ? 'n' : 'y') : '';
  return `${trimmed}'${buffer}${vowel}`;
}

/**
 * "1 dk 20 sn" / "1 min 20 s".
 * @param {number} seconds
 * @param {import('./i18n.js').Lang} lang
 */
export function spokenDuration(seconds, lang) {
  const whole = Math.max(0, Math.round(seconds));
  const minutes = Math.floor(whole / 60);
  const rest = whole % 60;
  if (minutes === 0) return t('history.seconds', { s: rest }, lang);
  return rest === 0 ? t('history.minutes', { m: minutes }, lang) : t('history.minutesSeconds', { m: minutes, s: rest }, lang);
}

/**
 * @param {string} at
 * @param {import('./i18n.js').Lang} lang
 */
function when(at, lang) {
  const epoch = Date.parse(at);
  if (!Number.isFinite(epoch)) return '—';
  return new Intl.DateTimeFormat(lang === 'tr' ? 'tr-TR' : 'en-GB', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epoch);
}

/**
 * @param {string} actor `user:<username>` or `system:<name>`
 * @param {Record<string, string>} names display names by username, when the page knows them
 * @param {import('./i18n.js').Lang} lang
 */
export function who(actor, names, lang) {
  const [kind, ...rest] = actor.split(':');
  const name = rest.join(':');
  if (kind === 'user' && name) return names[name] ?? name;
  if (kind === 'system') return known(`history.system.${name}`, 'history.system', undefined, lang);
  return t('history.system', undefined, lang);
}

/** @param {string} status @param {import('./i18n.js').Lang} lang */
const statusName = (status, lang) => known(`history.status.${status}`, 'history.status.unknown', undefined, lang);

/** @param {string} code @param {import('./i18n.js').Lang} lang */
const department = (code, lang) => {
  const name = departmentName(code) || t('history.unknownDepartment', undefined, lang);
  return lang === 'tr' ? dative(name) : name;
};

/**
 * What happened, in one sentence.
 * @param {HistoryEvent} event
 * @param {import('./i18n.js').Lang} lang
 */
function what(event, lang) {
  const data = event.data ?? {};
  const says = (/** @type {string} */ key, /** @type {Record<string, string | number>} */ params = {}) => t(key, params, lang);
  /** @type {string} */
  let sentence;
  switch (event.kind) {
    case 'forwarded':
    case 'transferred':
    case 'reopened':
      sentence = says(`history.${event.kind}`, { department: department(text(data.department), lang) });
      break;
    case 'portal-replied':
      sentence = says('history.portal-replied', { at: when(text(data.enteredAt), lang) });
      break;
    case 'informed':
      sentence = says('history.informed', { channel: says(`history.channel.${text(data.channel) === 'sms' ? 'sms' : 'phone'}`) });
      break;
    case 'contact-attempt':
      sentence = says('history.contact-attempt', { outcome: known(`history.outcome.${text(data.outcome)}`, 'history.outcome.unknown', undefined, lang), attempt: count(data.attempt) ?? 1 });
      if (text(data.callBackAt)) sentence += says('history.callBackAt', { at: when(text(data.callBackAt), lang) });
      break;
    case 'callback-attempt': {
      const outcome = known(`history.callback.${text(data.outcome)}`, 'history.callback.unknown', undefined, lang);
      const talk = count(data.talkS);
      sentence = says('history.callback-attempt', { outcome }) + (talk !== null && talk > 0 ? `, ${spokenDuration(talk, lang)}` : '');
      break;
    }
    case 'updated': {
      const changes = data.changes && typeof data.changes === 'object' ? Object.keys(data.changes).filter((field) => FIELDS.includes(field)) : [];
      sentence = changes.length ? says('history.updatedFields', { fields: changes.map((field) => says(`history.field.${field}`)).join(', ') }) : says('history.updated');
      break;
    }
    default:
      sentence = known(`history.${event.kind}`, 'history.other', undefined, lang);
  }
  const body = WITH_TEXT.has(event.kind) ? text(data.text).trim() : '';
  if (body) sentence += `: ${body}`;
  const from = text(data.from);
  const to = text(data.to);
  if (from && to && from !== to) sentence += says('history.statusMove', { from: statusName(from, lang), to: statusName(to, lang) });
  return sentence;
}

/**
 * @param {HistoryEvent} event
 * @param {{ lang?: import('./i18n.js').Lang, names?: Record<string, string> }} [options]
 * @returns {HistoryLine}
 */
export function historyLine(event, options = {}) {
  const lang = options.lang ?? getLang();
  return { who: who(event.actor, options.names ?? {}, lang), when: when(event.at, lang), what: what(event, lang) };
}

/**
 * Fills an <ol> with the events, oldest first, as "when · who" and the sentence.
 * @param {HTMLElement} list
 * @param {readonly HistoryEvent[]} events
 * @param {{ lang?: import('./i18n.js').Lang, names?: Record<string, string> }} [options]
 */
export function renderHistory(list, events, options = {}) {
  const items = events.map((event) => {
    const line = historyLine(event, options);
    const item = document.createElement('li');
    item.className = 'event history-line';
    item.dataset.kind = event.kind;
    const head = document.createElement('span');
    head.className = 'event-head';
    const time = document.createElement('span');
    time.className = 'event-time';
    time.textContent = line.when;
    const actor = document.createElement('span');
    actor.className = 'event-actor';
    actor.textContent = line.who;
    head.append(time, actor);
    const sentence = document.createElement('span');
    sentence.className = 'event-kind history-what';
    sentence.textContent = line.what;
    item.append(head, sentence);
    return item;
  });
  if (items.length === 0) {
    const empty = document.createElement('li');
    empty.className = 'muted';
    empty.textContent = t('history.none', undefined, options.lang ?? getLang());
    items.push(empty);
  }
  list.replaceChildren(...items);
}
