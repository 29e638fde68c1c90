/**
 * A report table's chart as inline SVG, drawn from its ChartHint (bar, line, heat map): no library, no service,
 * nothing the strict CSP forbids (colours come from classes in reports.css). Each chart is role="img" with a
 * <title> and a <desc> that say what it shows; the table under it holds every figure for anyone who cannot see it.
 * The wallboard's charts.js draws live hourly data at screen size; these draw a fixed viewBox that scales.
 */

import { t } from './i18n.js';
import { formatCell } from './reports-format.js';
import { cellText } from './reports-labels.js';
import { heatGrid, heatStep, heatLegend, heatSummary, seriesSummary, niceScale, hourText, HOURS, WEEKDAYS } from './reports-chart-data.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {import('./reports-chart-data.js').Row} Row */
/** @typedef {import('./reports-chart-data.js').Column} Column */
/**
 * @typedef {{ kind: 'bar', labelKey: string, valueKeys: readonly string[] }
 *   | { kind: 'line', labelKey: string, valueKeys: readonly string[] }
 *   | { kind: 'heatmap', xKey: string, yKey: string, valueKey: string }} ChartHint
 */
/** @typedef {{ id: string, title: { tr: string, en: string }, columns: readonly Column[], rows: readonly Row[], chart?: ChartHint }} Table */

const SVG_NS = 'http://www.w3.org/2000/svg';
/** More bars than this and the chart is unreadable: it shows the first ones, the table shows all. */
const MAX_BARS = 15;
let chartIds = 0;

/**
 * @param {string} name
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 */
function svgElement(name, attributes = {}, text) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** @param {number} width @param {number} height @param {string} title @param {string} desc */
function chartSvg(width, height, title, desc) {
  const id = `rep-chart-${++chartIds}`;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'rep-chart', preserveAspectRatio: 'xMinYMin meet' });
  svg.append(svgElement('title', { id: `${id}-t` }, title), svgElement('desc', { id: `${id}-d` }, desc));
  return svg;
}

/** @param {readonly Column[]} columns @param {string} key */
const column = (columns, key) => columns.find((candidate) => candidate.key === key);
/** @param {string} text @param {number} max */
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** @param {Table} table @param {Extract<ChartHint, { kind: 'heatmap' }>} hint @param {Lang} lang */
function heatmap(table, hint, lang) {
  const { grid, max } = heatGrid(table.rows, hint);
  const kind = column(table.columns, hint.valueKey)?.kind ?? 'count';
  const cell = 32;
  const left = 48;
  const top = 26;
  const width = left + HOURS * cell + 8;
  const height = top + WEEKDAYS * cell + 56;
  const svg = chartSvg(width, height, table.title[lang], heatSummary(table.rows, table.columns, hint, lang));
  svg.classList.add('rep-heatmap');
  const labels = svgElement('g', { class: 'rep-chart-label', 'aria-hidden': 'true' });
  for (let hour = 0; hour < HOURS; hour += 1) labels.append(svgElement('text', { x: left + hour * cell + cell / 2, y: top - 8, 'text-anchor': 'middle' }, hourText(hour)));
  for (let day = 1; day <= WEEKDAYS; day += 1) labels.append(svgElement('text', { x: left - 8, y: top + (day - 1) * cell + cell / 2 + 5, 'text-anchor': 'end' }, t(`rep.day.${day}`, undefined, lang)));
  const cells = svgElement('g', {});
  grid.forEach((hours, dayIndex) => {
    hours.forEach((value, hour) => {
      const rect = svgElement('rect', { x: left + hour * cell + 1, y: top + dayIndex * cell + 1, width: cell - 2, height: cell - 2, rx: 3, class: `heat-${heatStep(value, max)}`, 'data-day': dayIndex + 1, 'data-hour': hour, 'data-value': value });
      rect.append(svgElement('title', {}, t('rep.heat.cell', { day: t(`rep.day.${dayIndex + 1}`, undefined, lang), hour: hourText(hour), value: formatCell(kind, value, lang) }, lang)));
      cells.append(rect);
    });
  });
  const legend = svgElement('g', { class: 'rep-legend', 'aria-label': t('rep.heat.legend', undefined, lang) });
  const legendTop = top + WEEKDAYS * cell + 18;
  [{ step: 0, from: 0, to: 0 }, ...heatLegend(max)].forEach((band, index) => {
    const x = left + index * 130;
    legend.append(
      svgElement('rect', { x, y: legendTop, width: 24, height: 18, rx: 3, class: `heat-${band.step}` }),
      svgElement('text', { x: x + 30, y: legendTop + 14, class: 'rep-chart-label' }, band.from === band.to ? formatCell(kind, band.to, lang) : `${formatCell(kind, band.from, lang)}–${formatCell(kind, band.to, lang)}`),
    );
  });
  svg.append(labels, cells, legend);
  return svg;
}

/** @param {Table} table @param {Extract<ChartHint, { kind: 'bar' }>} hint @param {Lang} lang */
function bars(table, hint, lang) {
  const rows = table.rows.slice(0, MAX_BARS);
  const series = hint.valueKeys.map((key) => ({ key, column: column(table.columns, key) }));
  const whole = series.every((entry) => entry.column?.kind === 'count');
  const scale = niceScale(Math.max(0, ...rows.flatMap((row) => series.map((entry) => Number(row[entry.key] ?? 0)))), whole);
  const barHeight = 16;
  const group = series.length * barHeight + 12;
  const left = 230;
  const plotWidth = 560;
  const top = 30;
  const width = left + plotWidth + 90;
  const height = top + rows.length * group + 10;
  const more = table.rows.length - rows.length;
  const desc = seriesSummary(table.rows, table.columns, hint, lang) + (more > 0 ? ` ${t('rep.chart.more', { count: more }, lang)}` : '');
  const svg = chartSvg(width, height, table.title[lang], desc);
  const legend = svgElement('g', { class: 'rep-chart-label', 'aria-hidden': 'true' });
  series.forEach((entry, index) => {
    legend.append(svgElement('rect', { x: left + index * 170, y: 6, width: 14, height: 14, class: `series-${index}` }), svgElement('text', { x: left + index * 170 + 20, y: 18 }, clip(entry.column?.label[lang] ?? entry.key, 22)));
  });
  svg.append(legend);
  rows.forEach((row, rowIndex) => {
    const y = top + rowIndex * group;
    const label = cellText({ key: hint.labelKey, kind: 'text' }, row[hint.labelKey], lang);
    svg.append(svgElement('text', { x: left - 8, y: y + group / 2, 'text-anchor': 'end', class: 'rep-chart-label' }, clip(label, 30)));
    series.forEach((entry, index) => {
      const value = Number(row[entry.key] ?? 0);
      const barWidth = scale.max > 0 ? (Math.max(0, value) / scale.max) * plotWidth : 0;
      const bar = svgElement('rect', { x: left, y: y + index * barHeight, width: barWidth, height: barHeight - 3, class: `series-${index}` });
      const shown = formatCell(entry.column?.kind ?? 'count', row[entry.key] ?? null, lang);
      bar.append(svgElement('title', {}, `${label} — ${entry.column?.label[lang] ?? entry.key}: ${shown}`));
      svg.append(bar, svgElement('text', { x: left + barWidth + 6, y: y + index * barHeight + barHeight - 5, class: 'rep-chart-value' }, shown));
    });
  });
  return svg;
}

/** @param {Table} table @param {Extract<ChartHint, { kind: 'line' }>} hint @param {Lang} lang */
function lines(table, hint, lang) {
  const rows = table.rows;
  const series = hint.valueKeys.map((key) => ({ key, column: column(table.columns, key) }));
  const whole = series.every((entry) => entry.column?.kind === 'count');
  const scale = niceScale(Math.max(0, ...rows.flatMap((row) => series.map((entry) => Number(row[entry.key] ?? 0)))), whole);
  const left = 70;
  const top = 34;
  const plotWidth = 800;
  const plotHeight = 220;
  const svg = chartSvg(left + plotWidth + 20, top + plotHeight + 36, table.title[lang], seriesSummary(rows, table.columns, hint, lang));
  const axes = svgElement('g', { class: 'rep-chart-label', 'aria-hidden': 'true' });
  const firstKind = series[0]?.column?.kind ?? 'count';
  for (let value = 0; value <= scale.max; value += scale.step) {
    const y = top + plotHeight - (value / scale.max) * plotHeight;
    axes.append(svgElement('line', { x1: left, x2: left + plotWidth, y1: y, y2: y, class: 'rep-grid' }), svgElement('text', { x: left - 6, y: y + 5, 'text-anchor': 'end' }, formatCell(firstKind, value, lang)));
  }
  const slot = rows.length > 1 ? plotWidth / (rows.length - 1) : 0;
  const every = Math.max(1, Math.ceil(rows.length / 12));
  rows.forEach((row, index) => {
    if (index % every === 0) axes.append(svgElement('text', { x: left + index * slot, y: top + plotHeight + 22, 'text-anchor': 'middle' }, clip(cellText({ key: hint.labelKey, kind: 'text' }, row[hint.labelKey], lang), 12)));
  });
  series.forEach((entry, index) => axes.append(svgElement('rect', { x: left + index * 170, y: 8, width: 14, height: 14, class: `series-${index}` }), svgElement('text', { x: left + index * 170 + 20, y: 20 }, clip(entry.column?.label[lang] ?? entry.key, 22))));
  svg.append(axes);
  series.forEach((entry, index) => {
    const points = rows.map((row, rowIndex) => ({ x: left + rowIndex * slot, y: top + plotHeight - (Math.max(0, Number(row[entry.key] ?? 0)) / scale.max) * plotHeight, row }));
    svg.append(svgElement('polyline', { points: points.map((point) => `${point.x},${point.y}`).join(' '), class: `rep-line series-line-${index}` }));
    for (const point of points) {
      const dot = svgElement('circle', { cx: point.x, cy: point.y, r: 3.5, class: `series-${index}` });
      dot.append(svgElement('title', {}, `${cellText({ key: hint.labelKey, kind: 'text' }, point.row[hint.labelKey], lang)} — ${entry.column?.label[lang] ?? entry.key}: ${formatCell(entry.column?.kind ?? 'count', point.row[entry.key] ?? null, lang)}`));
      svg.append(dot);
    }
  });
  return svg;
}

/**
 * The chart of a table, or null when it has none or nothing to draw.
 * @param {Table} table
 * @param {Lang} lang
 * @returns {SVGElement | null}
 */
export function drawChart(table, lang) {
  const hint = table.chart;
  if (!hint || table.rows.length === 0) return null;
  if (hint.kind === 'heatmap') return heatmap(table, hint, lang);
  if (hint.kind === 'bar') return bars(table, hint, lang);
  return lines(table, hint, lang);
}
