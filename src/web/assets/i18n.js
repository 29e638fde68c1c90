/**
 * Screen texts in Turkish (default) and English, and every number, percentage, duration and time
 * as shown on a screen. Times are always on the Istanbul wall clock, whatever the PC's zone.
 * Importable from Node: the browser's storage and address are only read when present.
 */

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {Record<string, string | number>} Params */

export const TIME_ZONE = 'Europe/Istanbul';
const STORAGE_KEY = 'alo153.lang';

/** @type {Record<Lang, string>} */
const LOCALES = { tr: 'tr-TR', en: 'en-GB' };

/** @type {Record<string, string>} */
const tr = {
  'app.title': 'Alo 153 Canlı Durum',
  'window.today': 'Bugün',
  'window.shift': 'Vardiya: {name}',
  'header.logout': 'Çıkış',
  'header.langToggle': 'Dili İngilizceye çevir',
  'connection.connecting': 'Bağlanıyor…',
  'banner.socket': 'Sunucu bağlantısı koptu — yeniden bağlanılıyor…',
  'banner.ami': 'Santral bağlantısı (AMI) koptu — rakamlar güncel olmayabilir',
  'banner.amiSince': 'Kopma: {time} · {duration} önce',
  'tile.total': 'TOPLAM',
  'tile.waiting': 'Bekleyen',
  'tile.longestWait': 'En uzun bekleme',
  'tile.offered': 'Gelen',
  'tile.answered': 'Cevaplanan',
  'tile.abandoned': 'Kaçan',
  'tile.serviceLevel': 'Hizmet düzeyi',
  'tile.asa': 'Ort. cevap',
  'tile.aht': 'Ort. görüşme',
  'tile.abandonmentRate': 'Kaçan oranı',
  'tile.agentsReady': 'Hazır',
  'tile.agentsOnCall': 'Görüşmede',
  'tile.agentsPaused': 'Molada',
  'agents.title': 'Temsilciler',
  'agents.name': 'Ad',
  'agents.state': 'Durum',
  'agents.duration': 'Süre',
  'agents.detail': 'Mola / Çağrı',
  'agents.queues': 'Kuyruklar',
  'agents.none': 'Oturum açmış temsilci yok',
  'state.logged-out': 'Çıkış yaptı',
  'state.ready': 'Hazır',
  'state.ringing': 'Çalıyor',
  'state.on-call': 'Görüşmede',
  'state.wrap-up': 'Çağrı sonrası',
  'state.paused': 'Molada',
  'state.unavailable': 'Ulaşılamıyor',
  'queue.alo153-ulasim': 'Ulaşım',
  'queue.alo153-kentkart': 'Kentkart',
  'queue.alo153-cevre': 'Çevre ve Temizlik',
  'queue.alo153-hayvan': 'Hayvanlar',
  'queue.alo153-otopark': 'Otopark ve Trafik',
  'queue.alo153-sosyal': 'Sosyal Yardım',
  'queue.alo153-genel': 'Genel',
  'chart.hourly.title': 'Saatlik çağrılar',
  'chart.hourly.desc': 'Bugün saat başına gelen, cevaplanan ve kaçan çağrılar. Toplam: {offered} gelen, {answered} cevaplanan, {abandoned} kaçan.',
  'chart.hourly.bar': '{hour}:00 — {series}: {value}',
  'chart.offered': 'Gelen',
  'chart.answered': 'Cevaplanan',
  'chart.abandoned': 'Kaçan',
  'chart.axis.hour': 'Saat',
  'chart.axis.calls': 'Çağrı',
  'chart.sl.title': 'Saatlik hizmet düzeyi',
  'chart.sl.desc': 'Saat başına hizmet düzeyi; kesikli çizgi {target} hedefi.',
  'chart.sl.point': '{hour}:00 — {value}',
  'chart.sl.series': 'Hizmet düzeyi',
  'chart.sl.within': '{seconds} sn içinde cevaplanan',
  'chart.sl.target': 'Hedef {target}',
  'chart.noData': 'Henüz veri yok',
  'login.title': 'Alo 153 — Giriş',
  'login.heading': 'Alo 153 Yönetici Girişi',
  'login.username': 'Kullanıcı adı',
  'login.password': 'Parola',
  'login.submit': 'Giriş yap',
  'login.submitting': 'Giriş yapılıyor…',
  'login.error.credentials': 'Kullanıcı adı veya parola hatalı.',
  'login.error.tooMany': 'Çok fazla başarısız deneme. {seconds} saniye sonra tekrar deneyin.',
  'login.error.inactive': 'Bu hesap devre dışı. Sistem yöneticinize başvurun.',
  'login.error.forbidden': 'Bu hesabın canlı duruma erişim yetkisi yok.',
  'login.error.missing': 'Kullanıcı adı ve parola gerekli.',
  'login.error.network': 'Sunucuya ulaşılamadı. Bağlantınızı kontrol edip tekrar deneyin.',
  'login.error.unexpected': 'Beklenmeyen bir hata oluştu. Lütfen tekrar deneyin.',
  'lang.switchTo': 'EN',
};

/** @type {Record<string, string>} */
const en = {
  'app.title': 'Alo 153 Live Status',
  'window.today': 'Today',
  'window.shift': 'Shift: {name}',
  'header.logout': 'Log out',
  'header.langToggle': 'Switch language to Turkish',
  'connection.connecting': 'Connecting…',
  'banner.socket': 'Connection to the server lost — reconnecting…',
  'banner.ami': 'Connection to the PBX (AMI) lost — figures may be out of date',
  'banner.amiSince': 'Lost at {time} · {duration} ago',
  'tile.total': 'TOTAL',
  'tile.waiting': 'Waiting',
  'tile.longestWait': 'Longest wait',
  'tile.offered': 'Offered',
  'tile.answered': 'Answered',
  'tile.abandoned': 'Abandoned',
  'tile.serviceLevel': 'Service level',
  'tile.asa': 'ASA',
  'tile.aht': 'AHT',
  'tile.abandonmentRate': 'Abandon rate',
  'tile.agentsReady': 'Ready',
  'tile.agentsOnCall': 'On call',
  'tile.agentsPaused': 'Paused',
  'agents.title': 'Agents',
  'agents.name': 'Name',
  'agents.state': 'State',
  'agents.duration': 'Time',
  'agents.detail': 'Pause / Call',
  'agents.queues': 'Queues',
  'agents.none': 'No agent is logged in',
  'state.logged-out': 'Logged out',
  'state.ready': 'Ready',
  'state.ringing': 'Ringing',
  'state.on-call': 'On call',
  'state.wrap-up': 'Wrap-up',
  'state.paused': 'Paused',
  'state.unavailable': 'Unavailable',
  'queue.alo153-ulasim': 'Transport',
  'queue.alo153-kentkart': 'Kentkart',
  'queue.alo153-cevre': 'Environment',
  'queue.alo153-hayvan': 'Animals',
  'queue.alo153-otopark': 'Parking & traffic',
  'queue.alo153-sosyal': 'Social aid',
  'queue.alo153-genel': 'General',
  'chart.hourly.title': 'Calls per hour',
  'chart.hourly.desc': 'Calls offered, answered and abandoned per hour today. Total: {offered} offered, {answered} answered, {abandoned} abandoned.',
  'chart.hourly.bar': '{hour}:00 — {series}: {value}',
  'chart.offered': 'Offered',
  'chart.answered': 'Answered',
  'chart.abandoned': 'Abandoned',
  'chart.axis.hour': 'Hour',
  'chart.axis.calls': 'Calls',
  'chart.sl.title': 'Service level per hour',
  'chart.sl.desc': 'Service level per hour; the dashed line is the {target} target.',
  'chart.sl.point': '{hour}:00 — {value}',
  'chart.sl.series': 'Service level',
  'chart.sl.within': 'answered within {seconds} s',
  'chart.sl.target': 'Target {target}',
  'chart.noData': 'No data yet',
  'login.title': 'Alo 153 — Sign in',
  'login.heading': 'Alo 153 Supervisor Sign-in',
  'login.username': 'Username',
  'login.password': 'Password',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.error.credentials': 'Wrong username or password.',
  'login.error.tooMany': 'Too many failed attempts. Try again in {seconds} seconds.',
  'login.error.inactive': 'This account is disabled. Please contact your administrator.',
  'login.error.forbidden': 'This account may not view the live status board.',
  'login.error.missing': 'Username and password are required.',
  'login.error.network': 'The server could not be reached. Check your connection and try again.',
  'login.error.unexpected': 'Something went wrong. Please try again.',
  'lang.switchTo': 'TR',
};

/** @type {Record<Lang, Record<string, string>>} */
const DICTIONARIES = { tr, en };

/**
 * @param {unknown} value
 * @returns {value is Lang}
 */
export function isLang(value) {
  return value === 'tr' || value === 'en';
}

/** `?lang=` wins over the stored choice so that a link can force a language on a shared screen. */
function initialLang() {
  const fromQuery = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('lang');
  if (isLang(fromQuery)) return fromQuery;
  const stored = readStoredLang();
  return isLang(stored) ? stored : 'tr';
}

function readStoredLang() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage may be blocked (private mode, policy); the default language still works.
    return null;
  }
}

/** @type {Lang} */
let currentLang = initialLang();
/** @type {Set<(lang: Lang) => void>} */
const listeners = new Set();

/** @returns {Lang} */
export function getLang() {
  return currentLang;
}

/** @param {Lang} lang */
export function setLang(lang) {
  if (lang === currentLang) return;
  currentLang = lang;
  try {
    if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembering the choice is acceptable; switching still works for this page.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  for (const listener of listeners) listener(lang);
}

export function toggleLang() {
  setLang(currentLang === 'tr' ? 'en' : 'tr');
}

/**
 * @param {(lang: Lang) => void} listener
 * @returns {() => void} unsubscribe
 */
export function onLangChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * @param {string} key
 * @param {Params} [params]
 * @param {Lang} [lang]
 */
export function t(key, params, lang = currentLang) {
  const template = DICTIONARIES[lang][key] ?? DICTIONARIES.tr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** Sets the text of every `[data-i18n]` element under `root` (and `[data-i18n-aria-label]` labels). @param {ParentNode} root */
export function translateStatic(root) {
  root.querySelectorAll('[data-i18n]').forEach((element) => {
    const key = element.getAttribute('data-i18n');
    if (key) element.textContent = t(key);
  });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((element) => {
    const key = element.getAttribute('data-i18n-aria-label');
    if (key) element.setAttribute('aria-label', t(key));
  });
}

/**
 * @param {number} value
 * @param {Lang} [lang]
 */
export function formatNumber(value, lang = currentLang) {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 0 }).format(value);
}

/**
 * A ratio 0..1 as a whole percentage ("%85" in Turkish, "85%" in English); "—" when undefined.
 * @param {number | null | undefined} ratio
 * @param {Lang} [lang]
 */
export function formatPercent(ratio, lang = currentLang) {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/**
 * mm:ss, or h:mm:ss from an hour on; "—" when undefined. Negative values (clock skew) show as zero.
 * @param {number | null | undefined} ms
 */
export function formatDuration(ms) {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** @type {Map<string, Intl.DateTimeFormat>} */
const dateFormats = new Map();

/**
 * @param {Lang} lang
 * @param {string} name
 * @param {Intl.DateTimeFormatOptions} options
 */
function dateFormat(lang, name, options) {
  const cacheKey = `${lang}:${name}`;
  let format = dateFormats.get(cacheKey);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: TIME_ZONE, ...options });
    dateFormats.set(cacheKey, format);
  }
  return format;
}

/**
 * HH:mm:ss on the Istanbul clock.
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatTime(epochMs, lang = currentLang) {
  return dateFormat(lang, 'time', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/**
 * HH:mm on the Istanbul clock.
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatHourMinute(epochMs, lang = currentLang) {
  return dateFormat(lang, 'hm', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/**
 * The Istanbul calendar date with weekday ("28 Kasım 2025 Cuma").
 * @param {number} epochMs
 * @param {Lang} [lang]
 */
export function formatDate(epochMs, lang = currentLang) {
  return dateFormat(lang, 'date', { dateStyle: 'full' }).format(epochMs);
}

/**
 * The Istanbul hour 0–23 of an instant.
 * @param {number} epochMs
 */
export function istanbulHour(epochMs) {
  return Number(dateFormat('en', 'hour', { hour: '2-digit', hourCycle: 'h23' }).format(epochMs));
}

/**
 * The friendly name of a queue; a queue this screen does not know is shown by its PBX name.
 * @param {string} name
 * @param {Lang} [lang]
 */
export function queueLabel(name, lang = currentLang) {
  const key = `queue.${name}`;
  return DICTIONARIES[lang][key] ?? name;
}

/**
 * @param {string} state
 * @param {Lang} [lang]
 */
export function agentStateLabel(state, lang = currentLang) {
  const key = `state.${state}`;
  return DICTIONARIES[lang][key] ?? state;
}
