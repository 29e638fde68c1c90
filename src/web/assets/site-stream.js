/**
 * The `site` stream (src/admin/queues/queue-labels.ts): queue labels and order as an admin last set them at
 * /yonetim/kuyruklar, live on every open screen. The catalogue (GET /api/catalogue, cached a few minutes by the
 * browser) may still carry the labels of before: the stream's list wins, also when the catalogue arrives later.
 */

import { onSiteData, pauseReasons, queueRank, setSiteData, siteQueueLabel } from './site-data.js';

/** @typedef {{ name: string, label: { tr: string, en: string }, order: number }} SiteQueue */

/** @param {unknown} value @returns {value is SiteQueue[]} */
const isQueueList = (value) => Array.isArray(value) && value.every((queue) => typeof queue?.name === 'string' && typeof queue?.label?.tr === 'string' && typeof queue?.label?.en === 'string' && typeof queue?.order === 'number');

/**
 * Follows `site` on the page's stream client; `onChange` redraws what shows queue names.
 * @param {{ subscribe: (name: 'site', listener: (stream: { entries: Record<string, unknown> }) => void) => () => void }} client
 * @param {() => void} [onChange]
 * @returns {() => void} unsubscribe
 */
export function followSiteQueues(client, onChange) {
  /** @type {SiteQueue[] | null} */
  let latest = null;
  let applying = false;
  const apply = () => {
    if (!latest) return;
    applying = true;
    try {
      setSiteData({ queues: latest, pauseReasons: pauseReasons() });
    } finally {
      applying = false;
    }
    onChange?.();
  };
  const differs = () => latest !== null && latest.some((queue) => siteQueueLabel(queue.name, 'tr') !== queue.label.tr || siteQueueLabel(queue.name, 'en') !== queue.label.en || queueRank(queue.name) !== queue.order);
  onSiteData(() => {
    if (!applying && differs()) apply();
  });
  return client.subscribe('site', (stream) => {
    const queues = stream.entries.queues;
    if (!isQueueList(queues)) return;
    latest = queues;
    apply();
  });
}
