/**
 * One report table on the page, drawn from its columns and rows whatever the report: a <caption>, column headers
 * with scope, the first text column as row headers, figures formatted by kind, its chart above it and its
 * CSV / Excel links (the page's current period and filters). A heat map's 168 rows are folded under the chart.
 */

import { t } from './i18n.js';
import { drawChart } from './reports-charts.js';
import { isNumericKind } from './reports-format.js';
import { cellText, isEmptyTable } from './reports-labels.js';
import { exportUrl, listingUrl } from './reports-period.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {import('./reports-charts.js').Table} Table */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {string} [text]
 */
function element(tag, attributes = {}, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** @param {Table} table @param {Lang} lang */
function dataTable(table, lang) {
  const node = element('table', { class: 'rep-table', 'data-testid': `rep-table-${table.id}` });
  // The section's heading shows the title; the caption names the table for a screen reader's table list.
  node.append(element('caption', { class: 'visually-hidden' }, table.title[lang]));
  const headRow = element('tr');
  for (const column of table.columns) headRow.append(element('th', { scope: 'col', class: isNumericKind(column.kind) ? 'num' : '', 'data-key': column.key }, column.label[lang]));
  const head = element('thead');
  head.append(headRow);
  node.append(head);
  const body = element('tbody');
  // The first text column names the row (a queue, a topic, an agent): a screen reader reads it with each figure.
  const rowHeader = table.columns.findIndex((column) => column.kind === 'text');
  for (const row of table.rows) {
    const tr = element('tr');
    table.columns.forEach((column, index) => {
      const attributes = { class: isNumericKind(column.kind) ? 'num' : '', 'data-key': column.key };
      tr.append(index === rowHeader ? element('th', { ...attributes, scope: 'row' }, cellText(column, row[column.key], lang)) : element('td', attributes, cellText(column, row[column.key], lang)));
    });
    body.append(tr);
  }
  node.append(body);
  return node;
}

/**
 * @param {string} reportId
 * @param {Table} table
 * @param {URLSearchParams} query
 * @param {Lang} lang
 */
function exportLinks(reportId, table, query, lang) {
  const links = element('p', { class: 'rep-exports' });
  for (const [format, key] of /** @type {const} */ ([['csv', 'rep.csv'], ['xlsx', 'rep.xlsx']])) {
    const text = t(key, undefined, lang);
    links.append(element('a', { class: 'btn btn-small', href: exportUrl(reportId, table.id, format, query), download: '', 'data-testid': `rep-${format}-${table.id}`, 'aria-label': t('rep.exportOf', { table: table.title[lang], format: text }, lang) }, text));
  }
  return links;
}

/**
 * @param {string} reportId
 * @param {Table} table
 * @param {URLSearchParams} query
 * @param {Lang} lang
 * @returns {HTMLElement}
 */
export function renderTable(reportId, table, query, lang) {
  const section = element('section', { class: 'panel rep-section', 'data-testid': `rep-section-${table.id}`, 'aria-labelledby': `rep-h-${reportId}-${table.id}` });
  section.append(element('h3', { id: `rep-h-${reportId}-${table.id}` }, table.title[lang]));
  if (isEmptyTable(table)) {
    section.append(element('p', { class: 'muted rep-empty', 'data-testid': `rep-empty-${table.id}` }, t('rep.empty', undefined, lang)));
    return section;
  }
  const chart = drawChart(table, lang);
  if (chart) {
    const figure = element('figure', { class: 'rep-figure', 'data-testid': `rep-chart-${table.id}` });
    figure.append(chart);
    section.append(figure);
  }
  const data = dataTable(table, lang);
  if (table.chart?.kind === 'heatmap') {
    const folded = element('details', { class: 'rep-details' });
    folded.append(element('summary', {}, t('rep.asTable', undefined, lang)), data);
    section.append(folded);
  } else section.append(data);
  section.append(exportLinks(reportId, table, query, lang));
  return section;
}

/**
 * The download links of the row listings (GET /api/reports names them: calls, tickets).
 * @param {readonly string[]} listings
 * @param {URLSearchParams} query
 * @param {Lang} lang
 */
export function listingLinks(listings, query, lang) {
  return listings.flatMap((listing) =>
    /** @type {const} */ ([['csv', 'rep.csv'], ['xlsx', 'rep.xlsx']]).map(([format, key]) => {
      const named = t(`rep.listing.${listing}`, undefined, lang);
      const name = named === `rep.listing.${listing}` ? listing : named;
      return element('a', { class: 'btn btn-small', href: listingUrl(listing, format, query), download: '', 'data-testid': `rep-listing-${listing}-${format}` }, `${name} — ${t(key, undefined, lang)}`);
    }),
  );
}
