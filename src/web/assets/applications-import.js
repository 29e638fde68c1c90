/**
 * The list import of /basvurular: the chosen CSV / XLSX file as the body of POST /api/applications/import, and
 * its report row by row (created, updated, unchanged, refused with each field's problem under the file's header).
 */

import { t } from './i18n.js';
import { problemText } from './applications-texts.js';

const form = /** @type {HTMLFormElement} */ (document.getElementById('import-form'));
const status = /** @type {HTMLElement} */ (document.getElementById('import-status'));
const table = /** @type {HTMLElement} */ (document.querySelector('[data-testid="import-report"]'));
const body = /** @type {HTMLElement} */ (document.getElementById('import-rows'));
const TYPES = /** @type {Record<string, string>} */ ({ csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });

/** @type {any} */
let report = null;

/** @param {any} row */
function detail(row) {
  if (row.status === 'updated') return t('apps.import.changed', { fields: (row.changed ?? []).map((/** @type {string} */ field) => t(`apps.field.${field}`)).join(', ') });
  if (row.status !== 'refused') return '';
  return Object.entries(row.fields ?? {})
    .map(([field, problem]) => `${report?.columns?.[field] ?? t(`apps.field.${field}`)}: ${problemText(/** @type {{ code?: string }} */ (problem))}`)
    .join(' · ');
}

export function renderReport() {
  if (!report) return;
  status.textContent = t('apps.import.summary', report.counts);
  body.replaceChildren(
    ...report.rows.map((/** @type {any} */ row) => {
      const line = document.createElement('tr');
      line.dataset.status = row.status;
      line.dataset.row = String(row.row);
      for (const text of [String(row.row), t(`apps.import.status.${row.status}`), row.externalRef ?? '—', row.ticket ?? '—', detail(row)]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        line.append(cell);
      }
      return line;
    }),
  );
  table.hidden = false;
}

/** @param {any} details */
function fileProblem(details) {
  const code = details?.code ?? '';
  const text = t(`apps.import.file.${code}`, { columns: (details?.columns ?? []).join(', '), rows: details?.rows ?? '', max: details?.max ?? '' });
  return text.startsWith('apps.import.file.') ? t('apps.import.failed', { status: 400 }) : text;
}

/** @param {() => void} changed */
export function bootImport(changed) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement} */ (form.elements.namedItem('file'));
    const file = input.files?.[0];
    if (!file) {
      status.textContent = t('apps.import.noFile');
      return;
    }
    const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) {
      status.textContent = t('apps.import.type');
      return;
    }
    const source = /** @type {HTMLSelectElement} */ (form.elements.namedItem('source')).value;
    const forward = /** @type {HTMLInputElement} */ (form.elements.namedItem('forward')).checked ? '1' : '0';
    status.textContent = t('apps.import.working');
    table.hidden = true;
    let response;
    try {
      response = await fetch(`/api/applications/import?${new URLSearchParams({ source, forward })}`, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': type, accept: 'application/json' }, body: file });
    } catch {
      status.textContent = t('sup.error.network');
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      report = answer;
      renderReport();
      changed();
      return;
    }
    report = null;
    if (response.status === 413) status.textContent = t('apps.import.tooLarge');
    else if (response.status === 415) status.textContent = t('apps.import.type');
    else if (response.status === 400) status.textContent = fileProblem(answer.details);
    else status.textContent = t('apps.import.failed', { status: response.status });
  });
}
