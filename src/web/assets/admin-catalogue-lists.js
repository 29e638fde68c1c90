/**
 * /yonetim/katalog: the lists that were config/site.json's (districts with neighbourhoods, break reasons), saved
 * whole and checked by the file's own schema, and the deadlines (shown; they are configuration).
 */

import { t } from './i18n.js';
import { el } from './admin-menu-dom.js';
import { deadlineText, send } from './admin-catalogue-tables.js';

/** @typedef {{ name: string, neighbourhoods?: string[] }} District */
/** @typedef {{ code: string, label: { tr: string, en: string } }} Reason */

/** "Melikgazi: Gesi, Ağırnas" per line. @param {District[]} districts */
const districtsText = (districts) => districts.map((d) => (d.neighbourhoods?.length ? `${d.name}: ${d.neighbourhoods.join(', ')}` : d.name)).join('\n');

/** @param {string} text @returns {District[]} */
function parseDistricts(text) {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const [name = '', rest] = line.split(/:(.*)/s);
      const neighbourhoods = (rest ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
      return neighbourhoods.length > 0 ? { name: name.trim(), neighbourhoods } : { name: name.trim() };
    });
}

/** @param {HTMLElement} root @param {District[]} districts @param {() => void} reload */
export function renderDistricts(root, districts, reload) {
  const area = /** @type {HTMLTextAreaElement} */ (el('textarea', { rows: '10', 'data-testid': 'districts-text', 'aria-describedby': 'ac-districts-hint', 'data-path': 'items' }));
  area.value = districtsText(districts);
  const status = el('p', { class: 'form-status', role: 'status', 'data-testid': 'districts-status' });
  const save = el('button', { type: 'button', class: 'btn btn-primary', text: t('ac.save'), 'data-testid': 'districts-save' });
  save.addEventListener('click', async () => {
    if (await send(root, status, 'PUT', '/api/admin/catalogue/districts', { items: parseDistricts(area.value) })) reload();
  });
  root.replaceChildren(el('p', { class: 'muted', id: 'ac-districts-hint', text: t('ac.districts.hint') }), area, el('span', { class: 'field-error', 'data-error-for': 'items', hidden: true }), el('div', { class: 'form-actions' }, [save, status]));
}

/** @param {HTMLElement} root @param {Reason[]} reasons @param {() => void} reload */
export function renderReasons(root, reasons, reload) {
  const rows = reasons.map((reason) => ({ ...reason, label: { ...reason.label } }));
  const tbody = el('tbody');
  const draw = () => {
    tbody.replaceChildren(
      ...rows.map((row, index) => {
        const input = (/** @type {string} */ value, /** @type {(v: string) => void} */ set, /** @type {string} */ label, /** @type {string} */ path) => {
          const element = /** @type {HTMLInputElement} */ (el('input', { value, 'aria-label': `${label} ${index + 1}`, 'data-path': path, 'data-testid': `reason-${index}-${path.split('.').pop()}` }));
          element.addEventListener('input', () => set(element.value));
          return el('td', {}, [element, el('span', { class: 'field-error', 'data-error-for': path, hidden: true })]);
        };
        const remove = el('button', { type: 'button', class: 'btn btn-small', text: t('ac.delete') });
        remove.addEventListener('click', () => (rows.splice(index, 1), draw()));
        return el('tr', {}, [
          input(row.code, (v) => (row.code = v), t('ac.code'), `items.${index}.code`),
          input(row.label.tr, (v) => (row.label.tr = v), t('ac.labelTr'), `items.${index}.label.tr`),
          input(row.label.en, (v) => (row.label.en = v), t('ac.labelEn'), `items.${index}.label.en`),
          el('td', {}, [remove]),
        ]);
      }),
    );
  };
  draw();
  const status = el('p', { class: 'form-status', role: 'status', 'data-testid': 'reasons-status' });
  const add = el('button', { type: 'button', class: 'btn btn-small', text: t('ac.add'), 'data-testid': 'reason-add' });
  add.addEventListener('click', () => (rows.push({ code: '', label: { tr: '', en: '' } }), draw()));
  const save = el('button', { type: 'button', class: 'btn btn-primary', text: t('ac.save'), 'data-testid': 'reasons-save' });
  save.addEventListener('click', async () => {
    if (await send(root, status, 'PUT', '/api/admin/catalogue/pause-reasons', { items: rows })) reload();
  });
  const head = el('thead', {}, [el('tr', {}, [t('ac.code'), t('ac.labelTr'), t('ac.labelEn'), ''].map((text) => el('th', { scope: 'col', text })))]);
  root.replaceChildren(el('table', { class: 'sup-table' }, [head, tbody]), el('span', { class: 'field-error', 'data-error-for': 'items', hidden: true }), el('div', { class: 'form-actions' }, [add, save, status]));
}

/**
 * @param {HTMLElement} root
 * @param {{ default: Record<string, number>, bySource: Record<string, Record<string, number>>, byCategory: Record<string, Record<string, number>>, departmentAck: Record<string, number> }} deadlines
 */
export function renderDeadlines(root, deadlines) {
  const items = [
    [t('ac.deadlines.default'), deadlineText(deadlines.default)],
    ...Object.entries(deadlines.bySource).map(([name, spec]) => [t('ac.deadlines.source', { name }), deadlineText(spec)]),
    ...Object.entries(deadlines.byCategory).map(([name, spec]) => [t('ac.deadlines.category', { name }), deadlineText(spec)]),
    [t('ac.deadlines.ack'), deadlineText(deadlines.departmentAck)],
  ];
  root.replaceChildren(el('p', { class: 'muted', text: t('ac.deadlines.note') }), el('dl', { class: 'facts', 'data-testid': 'deadlines' }, items.flatMap(([term, value]) => [el('dt', { text: term }), el('dd', { text: value })])));
}
