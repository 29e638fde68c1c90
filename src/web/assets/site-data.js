/**
 * The site's own names, as GET /api/catalogue serves them from config/site.json: queue labels and
 * their order on screens, break reasons with their labels. No page script carries a copy: until the
 * catalogue has arrived (or when it cannot be had) a queue or a reason is shown by its PBX name, which
 * is what Asterisk knows it as. Importable from Node (no DOM; fetch only when asked).
 */

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {{ tr: string, en: string }} SiteLabel */
/** @typedef {{ name: string, label: SiteLabel, order: number }} SiteQueue */
/** @typedef {{ code: string, label: SiteLabel }} SitePauseReason */
/** @typedef {{ queues: SiteQueue[], pauseReasons: SitePauseReason[] }} SiteData */

/** @type {Map<string, SiteQueue>} */
let queues = new Map();
/** @type {SitePauseReason[]} */
let reasons = [];
/** @type {(() => void)[]} */
const listeners = [];

/** @param {unknown} value @returns {value is SiteLabel} */
const isLabel = (value) => typeof value === 'object' && value !== null && typeof (/** @type {SiteLabel} */ (value).tr) === 'string' && typeof (/** @type {SiteLabel} */ (value).en) === 'string';

/**
 * Keeps what the server sent; entries of the wrong shape are skipped rather than trusted.
 * @param {{ queues?: unknown, pauseReasons?: unknown }} data
 */
export function setSiteData(data) {
  const queueList = Array.isArray(data.queues) ? data.queues : [];
  queues = new Map();
  for (const queue of queueList) {
    if (typeof queue?.name === 'string' && isLabel(queue.label) && typeof queue.order === 'number') queues.set(queue.name, { name: queue.name, label: queue.label, order: queue.order });
  }
  const reasonList = Array.isArray(data.pauseReasons) ? data.pauseReasons : [];
  reasons = reasonList.filter((reason) => typeof reason?.code === 'string' && isLabel(reason.label)).map((reason) => ({ code: reason.code, label: reason.label }));
  for (const listener of listeners) listener();
}

/**
 * Called after every setSiteData (a screen redraws its labels).
 * @param {() => void} listener
 */
export function onSiteData(listener) {
  listeners.push(listener);
}

/**
 * @param {string} name the queue's PBX name
 * @param {Lang} lang
 */
export function siteQueueLabel(name, lang) {
  return queues.get(name)?.label[lang] ?? name;
}

/**
 * Where a queue goes on a screen: the site file's order; queues it does not list come after, by name.
 * @param {string} name
 * @returns {number}
 */
export function queueRank(name) {
  return queues.get(name)?.order ?? Number.MAX_SAFE_INTEGER;
}

/**
 * A break reason for people; one the site file does not list is shown as the PBX has it.
 * @param {string | null | undefined} code
 * @param {Lang} lang
 */
export function pauseReasonText(code, lang) {
  if (!code) return '';
  return reasons.find((reason) => reason.code === code)?.label[lang] ?? code;
}

/** The break reasons in the site file's order. @returns {SitePauseReason[]} */
export function pauseReasons() {
  return reasons;
}

/**
 * Fetches the catalogue (a screen that does not load it otherwise: the wallboard) and keeps its site part.
 * A failure leaves the PBX names on screen and is retried by the caller if it wants.
 * @returns {Promise<boolean>} whether it arrived
 */
export async function loadSiteData() {
  try {
    const response = await fetch('/api/catalogue', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!response.ok) return false;
    const body = /** @type {unknown} */ (await response.json());
    if (typeof body !== 'object' || body === null) return false;
    setSiteData(/** @type {{ queues?: unknown, pauseReasons?: unknown }} */ (body));
    return true;
  } catch {
    return false;
  }
}
