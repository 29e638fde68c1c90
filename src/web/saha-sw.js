/**
 * The field desk's service worker (scope /saha). It keeps the page shell, its scripts and styles and the
 * form's site data (the catalogue, the event list: no personal data) so /saha opens and works offline.
 * Network first for all of them, the cached copy only when the network fails; every other request,
 * /api/field/requests and the session included, goes straight to the network and is never cached.
 * Bump VERSION when SHELL changes: the old cache is dropped on activation.
 */

const VERSION = 'v1';
const CACHE = `alo153-saha-${VERSION}`;
const SHELL = [
  '/saha',
  '/saha.webmanifest',
  '/assets/style.css',
  '/assets/saha.css',
  '/assets/saha-icon.svg',
  '/assets/saha-page.js',
  '/assets/saha-form.js',
  '/assets/saha-i18n.js',
  '/assets/saha-outbox.js',
  '/assets/saha-sync.js',
  '/assets/i18n.js',
  '/assets/site-data.js',
];
/** Site data the form needs offline; GET only, answers for a signed-in user, the same for everyone. */
const SITE_DATA = ['/api/catalogue', '/api/field/events'];
/** A network slower than this (a crowded event's Wi-Fi) counts as gone for the shell. */
const NETWORK_TIMEOUT_MS = 5000;

/** @typedef {Event & { waitUntil(promise: Promise<unknown>): void }} ExtendableEventLike */
/** @typedef {ExtendableEventLike & { request: Request, respondWith(response: Promise<Response>): void }} FetchEventLike */

const worker = /** @type {{ addEventListener(type: string, listener: (event: any) => void): void, skipWaiting(): Promise<void>, clients: { claim(): Promise<void> }, location: Location }} */ (
  /** @type {unknown} */ (self)
);

/** @param {Response} response */
const cacheable = (response) => response.ok && response.type === 'basic' && !response.redirected;

/** A fetch that gives up after NETWORK_TIMEOUT_MS. @param {Request | string} request */
async function fetchInTime(request) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
  try {
    return await fetch(request, { signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

worker.addEventListener('install', (/** @type {ExtendableEventLike} */ event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Not cache.addAll: it would store the login page under /saha when a redirect is followed.
      /** @param {string} path */
      const keep = async (path) => {
        const response = await fetch(path, { cache: 'no-store', credentials: 'same-origin', redirect: 'error' });
        if (!cacheable(response)) throw new Error(`${path}: ${response.status}`);
        await cache.put(path, response);
      };
      await Promise.all(SHELL.map(keep));
      // The page asked for these before the worker controlled it; a failure here (no session) is mended by the next online load.
      await Promise.allSettled(SITE_DATA.map(keep));
      await worker.skipWaiting();
    })(),
  );
});

worker.addEventListener('activate', (/** @type {ExtendableEventLike} */ event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('alo153-saha-') && name !== CACHE) await caches.delete(name);
      await worker.clients.claim();
    })(),
  );
});

/**
 * @param {Request} request
 * @param {string} key the cache entry (the path, without a query)
 */
async function networkFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetchInTime(request);
    if (cacheable(response)) await cache.put(key, response.clone());
    // Anything else (a redirect to the login page, a 401) is the answer as it is, and is not kept.
    return response;
  } catch (error) {
    const copy = await cache.match(key);
    if (copy) return copy;
    throw error;
  }
}

worker.addEventListener('fetch', (/** @type {FetchEventLike} */ event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== worker.location.origin) return;
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (request.mode === 'navigate' && path === '/saha') event.respondWith(networkFirst(request, '/saha'));
  else if (SHELL.includes(path) || SITE_DATA.includes(path)) event.respondWith(networkFirst(request, path));
});
