/**
 * Sends the field desk's outbox to POST /api/field/requests and removes exactly the rows the server
 * confirmed (created or duplicate: the key was stored, maybe by an earlier try whose answer was lost).
 * Runs on the `online` event, after every save, on "Şimdi gönder" and on a retry timer with backoff; it
 * never depends on Background Sync. One sync at a time per tab, and across tabs where Web Locks exist.
 */

import { listRows, markRefused, removeRows } from './saha-outbox.js';

/** @typedef {import('./saha-outbox.js').OutboxRow} OutboxRow */
/**
 * @typedef {{ kind: 'idle', lastOkAt: number | null } | { kind: 'sending' } | { kind: 'retry', at: number }
 *   | { kind: 'offline' } | { kind: 'session-expired' } | { kind: 'forbidden' }} SyncState
 */
/** @typedef {{ key: string, ticketNumber: string, duplicate: boolean, categoryCode: string }} Confirmation */
/** @typedef {{ key: string | null, status: string, ticketNumber?: string, errors?: Record<string, { code: string }> }} RowResult */

const RETRY_DELAYS_MS = [5_000, 10_000, 20_000, 40_000, 80_000, 160_000, 300_000];

/**
 * @param {{ userId: () => number | null, maxBatch: () => number, onState: (state: SyncState) => void,
 *   onConfirmed: (confirmations: Confirmation[]) => void, onRowsChanged: () => void }} hooks
 */
export function createSync(hooks) {
  /** @type {Promise<void> | null} */
  let running = null;
  let failures = 0;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {number | null} */
  let lastOkAt = null;

  /** @param {SyncState} state */
  const set = (state) => hooks.onState(state);

  /** @param {number} [delayMs] */
  const scheduleRetry = (delayMs) => {
    const delay = delayMs ?? RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)] ?? 300_000;
    failures += 1;
    clearTimeout(timer);
    timer = setTimeout(() => void syncNow(), delay);
    set(navigator.onLine ? { kind: 'retry', at: Date.now() + delay } : { kind: 'offline' });
  };

  /**
   * One batch. Returns how to go on: 'next' (done with these rows), 'halve' (413), a batch size the
   * server named (its maxBatch is smaller than the page knew), or a stop.
   * @param {OutboxRow[]} rows
   * @returns {Promise<'next' | 'halve' | 'stop' | number>}
   */
  const sendBatch = async (rows) => {
    /** @type {Response} */
    let response;
    try {
      response = await fetch('/api/field/requests', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ requests: rows.map((row) => row.request) }),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch {
      scheduleRetry();
      return 'stop';
    }
    if (response.status === 401) {
      // The outbox stays; the page offers the login link and syncs when it is opened again signed in.
      scheduleRetry(RETRY_DELAYS_MS[RETRY_DELAYS_MS.length - 1]);
      set({ kind: 'session-expired' });
      return 'stop';
    }
    if (response.status === 403) {
      set({ kind: 'forbidden' });
      return 'stop';
    }
    if (response.status === 413) return 'halve';
    if (response.status === 400) {
      /** @type {{ details?: { code?: unknown, maxBatch?: unknown } }} */
      const refusal = await response.json().catch(() => ({}));
      const limit = refusal.details?.maxBatch;
      if (refusal.details?.code === 'batch-too-large' && typeof limit === 'number' && limit >= 1 && limit < rows.length) return limit;
    }
    if (response.status === 429) {
      scheduleRetry(Math.max(1, Number(response.headers.get('Retry-After')) || 60) * 1000);
      return 'stop';
    }
    if (!response.ok) {
      scheduleRetry();
      return 'stop';
    }
    /** @type {{ results?: RowResult[] }} */
    const body = await response.json().catch(() => ({}));
    const results = Array.isArray(body.results) ? body.results : [];
    /** @type {Confirmation[]} */
    const confirmed = [];
    /** @type {Map<string, Record<string, { code: string }>>} */
    const refused = new Map();
    rows.forEach((row, index) => {
      const result = results[index];
      // Only an answer naming this very key counts; anything else leaves the row for the next try.
      if (!result || result.key !== row.key) return;
      if ((result.status === 'created' || result.status === 'duplicate') && typeof result.ticketNumber === 'string') {
        confirmed.push({ key: row.key, ticketNumber: result.ticketNumber, duplicate: result.status === 'duplicate', categoryCode: row.request.categoryCode });
      } else if (result.status === 'refused') {
        refused.set(row.key, result.errors ?? { _row: { code: 'invalid' } });
      }
    });
    await removeRows(confirmed.map((entry) => entry.key));
    await markRefused(refused);
    if (confirmed.length > 0) hooks.onConfirmed(confirmed);
    hooks.onRowsChanged();
    return 'next';
  };

  const run = async () => {
    const me = hooks.userId();
    const waiting = (await listRows()).filter((row) => row.state === 'waiting' && (row.takenBy === me || row.takenBy === 0));
    if (waiting.length === 0) {
      failures = 0;
      set({ kind: 'idle', lastOkAt });
      return;
    }
    set({ kind: 'sending' });
    let size = Math.max(1, hooks.maxBatch());
    let rest = waiting;
    while (rest.length > 0) {
      const batch = rest.slice(0, size);
      const next = await sendBatch(batch);
      if (next === 'stop') return;
      if (typeof next === 'number') {
        size = next;
        continue;
      }
      if (next === 'halve') {
        if (size === 1) {
          await markRefused(new Map([[batch[0]?.key ?? '', { _row: { code: 'too-long' } }]]));
          hooks.onRowsChanged();
          rest = rest.slice(1);
        } else size = Math.ceil(size / 2);
        continue;
      }
      rest = rest.slice(batch.length);
    }
    failures = 0;
    lastOkAt = Date.now();
    clearTimeout(timer);
    set({ kind: 'idle', lastOkAt });
  };

  /** Starts a sync, or joins the one under way. @returns {Promise<void>} */
  const syncNow = () => {
    running ??= (async () => {
      try {
        // Two tabs of /saha on one tablet: one sends, the other's turn finds the rows already gone.
        if (navigator.locks) await navigator.locks.request('alo153-saha-sync', run);
        else await run();
      } catch {
        scheduleRetry();
      } finally {
        running = null;
      }
    })();
    return running;
  };

  window.addEventListener('online', () => {
    failures = 0;
    void syncNow();
  });
  window.addEventListener('offline', () => set({ kind: 'offline' }));

  return { syncNow };
}
