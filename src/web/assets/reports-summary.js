/**
 * The yearly summary as the centre publishes it: a few sentences a manager can paste into the municipality's
 * report ("2025 yılında: 1.200.000 gelen çağrı, 1.190.000 karşılanan çağrı …"), made from the summary report's
 * own tables: every one-row table's counts, and the first rows of each ranked table (the top topics, channels).
 * The tables follow, so every figure is also there to read and export.
 */

import { t, addTexts } from './i18n.js';
import { formatCell, formatDay } from './reports-format.js';
import { cellText } from './reports-labels.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {import('./reports-charts.js').Table} Table */

addTexts({
  tr: {
    'rep.summary.year': '{year} yılında',
    'rep.summary.period': '{from} – {to} döneminde',
    'rep.summary.figures': '{when}: {figures}.',
    'rep.summary.top': '{title}: {items}.',
    'rep.summary.item': '{label} ({value})',
  },
  en: {
    'rep.summary.year': 'In {year}',
    'rep.summary.period': 'From {from} to {to}',
    'rep.summary.figures': '{when}: {figures}.',
    'rep.summary.top': '{title}: {items}.',
    'rep.summary.item': '{label} ({value})',
  },
});

/** How many of a ranked table's rows the statement names. */
const TOP = 3;

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
 * The sentences of the statement.
 * @param {any} report
 * @param {Lang} lang
 * @returns {string[]}
 */
export function summarySentences(report, lang) {
  /** @type {Table[]} */
  const tables = Array.isArray(report?.tables) ? report.tables : [];
  const figures = [];
  const sentences = [];
  for (const table of tables) {
    const labelColumn = table.columns.find((column) => column.kind === 'text');
    const counts = table.columns.filter((column) => column.kind === 'count');
    if (table.rows.length === 1 && !labelColumn) {
      const row = table.rows[0] ?? {};
      for (const column of counts) figures.push(`${formatCell('count', row[column.key] ?? null, lang)} ${column.label[lang].toLocaleLowerCase(lang === 'tr' ? 'tr-TR' : 'en-GB')}`);
    } else if (labelColumn && counts[0] && table.rows.length > 0) {
      const first = counts[0];
      const items = table.rows.slice(0, TOP).map((row) => t('rep.summary.item', { label: cellText(labelColumn, row[labelColumn.key], lang), value: formatCell('count', row[first.key] ?? null, lang) }, lang));
      sentences.push(t('rep.summary.top', { title: table.title[lang], items: items.join(', ') }, lang));
    }
  }
  if (figures.length > 0) sentences.unshift(t('rep.summary.figures', { when: periodPhrase(report, lang), figures: figures.join(', ') }, lang));
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
