/**
 * The field desk's outbox in IndexedDB: every request taken at /saha is stored here first, with its
 * idempotency key (field:<uuid>) and the time it was taken, and leaves only when the server confirmed it
 * (created or duplicate). It survives a reload, a closed tab and an expired session.
 */

const DB_NAME = 'alo153-saha';
const STORE = 'outbox';

/**
 * What POST /api/field/requests takes for one row.
 * @typedef {{ key: string, takenAt: string, fieldEvent: string, categoryCode: string, description: string,
 *   district: string | null, neighbourhood: string | null, address: string | null, callerName: string | null,
 *   callerNumber: string | null, email: string | null, smsConsent: boolean, kvkkInformed: boolean }} FieldRequest
 */
/**
 * @typedef {{ key: string, takenAt: string, takenBy: number, request: FieldRequest,
 *   state: 'waiting' | 'refused', errors: Record<string, { code: string }> | null }} OutboxRow
 */

/** @type {Promise<IDBDatabase> | undefined} */
let opening;

/** @returns {Promise<IDBDatabase>} */
function database() {
  opening ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'key' });
      store.createIndex('takenAt', 'takenAt');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  return opening;
}

/**
 * Runs `work` in one transaction and resolves when it has committed (not merely when the request succeeded).
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest<T> | void} work
 * @returns {Promise<T | undefined>}
 */
async function inStore(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request ? request.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

/** A new request, waiting. @param {OutboxRow} row */
export function addRow(row) {
  return inStore('readwrite', (store) => store.add(row));
}

/** Oldest first. @returns {Promise<OutboxRow[]>} */
export async function listRows() {
  const rows = await inStore('readonly', (store) => /** @type {IDBRequest<OutboxRow[]>} */ (store.index('takenAt').getAll()));
  return rows ?? [];
}

/** Removes the rows the server confirmed, in one transaction. @param {readonly string[]} keys */
export function removeRows(keys) {
  return inStore('readwrite', (store) => {
    for (const key of keys) store.delete(key);
  });
}

/** Marks rows the server refused, with its reasons; they stay until deleted or fixed. @param {ReadonlyMap<string, Record<string, { code: string }>>} refusals */
export async function markRefused(refusals) {
  if (refusals.size === 0) return;
  const rows = await listRows();
  await inStore('readwrite', (store) => {
    for (const row of rows) {
      const errors = refusals.get(row.key);
      if (errors) store.put({ ...row, state: 'refused', errors });
    }
  });
}
