/**
 * The yearly summary as the centre publishes it: a few sentences a manager can paste into the municipality's
 * report ("2025 yılında Alo 153'e 1.200.000 çağrı geldi; 1.190.000 çağrı cevaplandı (%99,2) …"), made from the
 * summary report's own tables (src/reports/summary: totals, by-channel, top-topics): the totals row in words, and
 * the first rows of each ranked table by its chart's label and value. A one-row table this page does not know is
 * listed as figures, so a new column is never silently left out. The tables follow with every figure.
 */

import { t, addTexts } from './i18n.js';
import { formatCell, formatDay } from './reports-format.js';
import { cellText } from './reports-labels.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {import('./reports-charts.js').Table} Table */
/** @typedef {import('./reports-chart-data.js').Row} Row */

addTexts({
  tr: {
    'rep.summary.year': '{year} yılında',
    'rep.summary.period': '{from} – {to} döneminde',
    'rep.summary.calls': "{when} Alo 153'e {received} çağrı geldi; {answered} çağrı cevaplandı{pct}.",
    'rep.summary.requests': '{opened} başvuru açıldı, {answered} başvuru yanıtlandı{inTime}.',
    'rep.summary.inTime': '; yanıtların {pct} süresinde verildi',
    'rep.summary.figures': '{when}: {figures}.',
    'rep.summary.top': '{title}: {items}.',
    'rep.summary.item': '{label} ({value})',
  },
  en: {
    'rep.summary.year': 'In {year}',
    'rep.summary.period': 'From {from} to {to}',
    'rep.summary.calls': '{when} Alo 153 received {received} calls; {answered} were answered{pct}.',
    'rep.summary.requests': '{opened} requests were opened and {answered} answered{inTime}.',
    'rep.summary.inTime': ', {pct} of them within their deadline',
    'rep.summary.figures': '{when}: {figures}.',
    'rep.summary.top': '{title}: {items}.',
    'rep.summary.item': '{label} ({value})',
  },
});

/** How many of a ranked table's rows the statement names. */
const TOP = 5;

/**
 * "2025 yılında" for a calendar year, else the period's first and last days.
 * @param {any} report
 * @param {Lang} lang
 */
export function periodPhrase(report, lang) {
  const period = report?.period ?? {};
  const first = String(period.firstDay ?? '');
  const last = String(period.lastDay ?? '');
  if (/^\d{4}-01-01$/.test(first) && last === `${first.slice(0, 4)}-12-31`) return t('rep.summary.year', { year: first.slice(0, 4) }, lang);
  return t('rep.summary.period', { from: formatDay(first, lang), to: formatDay(last, lang) }, lang);
}

/**
 * The summary's totals row in words; null when the row lacks the figures the sentences need.
 * @param {Row} row
 * @param {string} when
 * @param {Lang} lang
 */
function totalsSentences(row, when, lang) {
  const has = (/** @type {string} */ key) => typeof row[key] === 'number';
  if (!has('calls_received') || !has('calls_answered') || !has('requests_opened') || !has('requests_answered')) return null;
  const count = (/** @type {string} */ key) => formatCell('count', row[key] ?? null, lang);
  const pct = (/** @type {string} */ key) => formatCell('percent', row[key] ?? null, lang);
  return [
    t('rep.summary.calls', { when, received: count('calls_received'), answered: count('calls_answered'), pct: has('calls_answered_pct') ? ` (${pct('calls_answered_pct')})` : '' }, lang),
    t('rep.summary.requests', { opened: count('requests_opened'), answered: count('requests_answered'), inTime: has('in_time_pct') ? t('rep.summary.inTime', { pct: pct('in_time_pct') }, lang) : '' }, lang),
  ];
}

/**
 * The sentences of the statement.
 * @param {any} report
 * @param {Lang} lang
 * @returns {string[]}
 */
export function summarySentences(report, lang) {
  /** @type {Table[]} */
  const tables = Array.isArray(report?.tables) ? report.tables : [];
  const when = periodPhrase(report, lang);
  const sentences = [];
  for (const table of tables) {
    const chart = table.chart;
    if (table.rows.length === 1 && !table.columns.some((column) => column.kind === 'text')) {
      const row = table.rows[0] ?? {};
      const known = totalsSentences(row, when, lang);
      const figures = table.columns.filter((column) => column.kind === 'count').map((column) => `${column.label[lang]} ${formatCell('count', row[column.key] ?? null, lang)}`);
      if (known) sentences.push(...known);
      else if (figures.length > 0) sentences.push(t('rep.summary.figures', { when, figures: figures.join(', ') }, lang));
    } else if ((chart?.kind === 'bar' || chart?.kind === 'line') && chart.valueKeys[0] !== undefined && table.rows.length > 0) {
      // A ranked table names its rows as its chart does: the chart's label column and first value.
      const label = { key: chart.labelKey, kind: /** @type {const} */ ('text') };
      const value = table.columns.find((column) => column.key === chart.valueKeys[0]);
      const items = table.rows.slice(0, TOP).map((row) => t('rep.summary.item', { label: cellText(label, row[label.key], lang), value: formatCell(value?.kind ?? 'count', row[value?.key ?? ''] ?? null, lang) }, lang));
      sentences.push(t('rep.summary.top', { title: table.title[lang], items: items.join(', ') }, lang));
    }
  }
  return sentences;
}

/**
 * @param {any} report
 * @param {Lang} lang
 * @returns {HTMLElement | null} null when the report has no figure to state
 */
export function renderSummary(report, lang) {
  const sentences = summarySentences(report, lang);
  if (sentences.length === 0) return null;
  const section = document.createElement('section');
  section.className = 'panel rep-section';
  section.dataset.testid = 'rep-statement';
  const heading = Object.assign(document.createElement('h3'), { id: 'rep-statement-title', textContent: t('rep.summary.title', undefined, lang) });
  section.setAttribute('aria-labelledby', heading.id);
  const text = Object.assign(document.createElement('p'), { className: 'rep-statement', textContent: sentences.join(' ') });
  section.append(heading, text);
  return section;
}
