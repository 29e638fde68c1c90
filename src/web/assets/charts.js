/**
 * The wallboard's two hourly charts as plain SVG: nothing is fetched and no library is loaded,
 * so the page keeps its strict Content-Security-Policy and works on an isolated network.
 * The SVG is drawn at the container's pixel size, so text keeps its size whatever the panel.
 */

import { t, formatNumber, formatPercent, istanbulHour } from './i18n.js';

/** @typedef {import('../../realtime/protocol.js').HourPoint} HourPoint */

/**
 * @typedef {object} HourlyChartData
 * @property {HourPoint[]} points
 * @property {number | null} windowFrom start of the counting window (epoch ms), null when unknown
 * @property {number | null} windowTo
 */

/** @typedef {{ font: number, left: number, top: number, width: number, height: number }} Plot */

const SVG_NS = 'http://www.w3.org/2000/svg';
const HOUR_MS = 3_600_000;
export const SERVICE_LEVEL_TARGET = 0.8;
const SERVICE_LEVEL_WARNING = 0.6;

/** Chart text grows with the screen, as the rest of the board does (16 px on a full-HD wall). */
function fontPx() {
  const viewportWidth = typeof window === 'undefined' ? 1920 : window.innerWidth;
  return Math.round(Math.min(34, Math.max(14, viewportWidth * 0.0085)));
}

const SERIES = /** @type {const} */ ([
  { key: 'offered', label: 'chart.offered', className: 'bar-offered' },
  { key: 'answered', label: 'chart.answered', className: 'bar-answered' },
  { key: 'abandoned', label: 'chart.abandoned', className: 'bar-abandoned' },
]);

let chartIds = 0;

/**
 * @param {string} name
 * @param {Record<string, string | number>} [attributes]
 * @param {string} [text]
 * @returns {SVGElement}
 */
function svgElement(name, attributes = {}, text) {
  const element = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, name));
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/**
 * The Istanbul hours the window covers (a shift shows only its own hours); the whole day when
 * the window is unknown.
 * @param {HourlyChartData} data
 * @returns {number[]}
 */
function windowHours(data) {
  if (data.windowFrom === null || data.windowTo === null || data.windowTo <= data.windowFrom) return Array.from({ length: 24 }, (_, hour) => hour);
  const hours = [];
  for (let at = data.windowFrom; at < data.windowTo && hours.length < 24; at += HOUR_MS) hours.push(istanbulHour(at));
  return hours;
}

/** @param {number} hour */
const hourLabel = (hour) => String(hour).padStart(2, '0');

/**
 * A round axis maximum and step (1, 2 or 5 × 10ⁿ) giving about four gridlines.
 * @param {number} max
 */
function niceScale(max) {
  if (max <= 0) return { max: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const niceStep = Math.max(1, step);
  return { max: Math.ceil(max / niceStep) * niceStep, step: niceStep };
}

/**
 * @param {HTMLElement} container
 * @param {string} titleText
 * @param {string} descText
 */
function createSvg(container, titleText, descText) {
  const width = Math.max(240, container.clientWidth);
  const height = Math.max(160, container.clientHeight);
  const id = `chart-${++chartIds}`;
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-labelledby': `${id}-title ${id}-desc`, class: 'chart' });
  svg.append(svgElement('title', { id: `${id}-title` }, titleText), svgElement('desc', { id: `${id}-desc` }, descText));
  const font = fontPx();
  const margin = { top: font * 2.5, right: font, bottom: font * 2.1, left: font * 3.6 };
  const plot = { font, left: margin.left, top: margin.top, width: width - margin.left - margin.right, height: height - margin.top - margin.bottom };
  return { svg, plot, width, height };
}

/**
 * Horizontal gridlines with their labels, and the hour labels under the plot.
 * @param {SVGElement} svg
 * @param {Plot} plot
 * @param {{ values: number[], max: number, format: (value: number) => string }} yAxis
 * @param {number[]} hours
 * @param {string} yTitle
 */
function drawAxes(svg, plot, yAxis, hours, yTitle) {
  const font = plot.font;
  const axes = svgElement('g', { class: 'chart-axes', 'font-size': font });
  for (const value of yAxis.values) {
    const y = plot.top + plot.height - (value / yAxis.max) * plot.height;
    axes.append(
      svgElement('line', { x1: plot.left, x2: plot.left + plot.width, y1: y, y2: y, class: 'chart-grid' }),
      svgElement('text', { x: plot.left - 8, y: y + font * 0.35, 'text-anchor': 'end', class: 'chart-label' }, yAxis.format(value)),
    );
  }
  const slot = plot.width / hours.length;
  const every = slot >= font * 1.6 ? 1 : slot >= font * 0.8 ? 2 : 3;
  hours.forEach((hour, index) => {
    if (index % every !== 0) return;
    axes.append(svgElement('text', { x: plot.left + slot * (index + 0.5), y: plot.top + plot.height + font + 8, 'text-anchor': 'middle', class: 'chart-label' }, hourLabel(hour)));
  });
  axes.append(svgElement('line', { x1: plot.left, x2: plot.left + plot.width, y1: plot.top + plot.height, y2: plot.top + plot.height, class: 'chart-axis' }));
  axes.append(
    svgElement('text', { x: 4, y: plot.top - font * 0.9, 'text-anchor': 'start', class: 'chart-label chart-axis-title' }, yTitle),
    svgElement('text', { x: plot.left - 8, y: plot.top + plot.height + font + 8, 'text-anchor': 'end', class: 'chart-label chart-axis-title' }, t('chart.axis.hour')),
  );
  svg.append(axes);
  return slot;
}

/**
 * Right-aligned legend above the plot. Call once the SVG is in the document: the labels are
 * measured, as their width depends on the font the screen happens to have.
 * @param {SVGElement} svg
 * @param {Plot} plot
 * @param {{ label: string, className: string, dashed?: boolean }[]} items
 */
function drawLegend(svg, plot, items) {
  const font = plot.font;
  const legend = svgElement('g', { class: 'chart-legend', 'font-size': font });
  svg.append(legend);
  let x = plot.left + plot.width;
  for (const item of [...items].reverse()) {
    const label = /** @type {SVGTextElement} */ (svgElement('text', { y: font + 2, class: 'chart-label' }, item.label));
    legend.append(label);
    const measured = label.getComputedTextLength();
    x -= measured > 0 ? measured : item.label.length * font * 0.6;
    label.setAttribute('x', String(x));
    x -= font * 1.4;
    legend.append(
      item.dashed
        ? svgElement('line', { x1: x, x2: x + font, y1: font * 0.7, y2: font * 0.7, class: item.className })
        : svgElement('rect', { x, y: font * 0.25, width: font, height: font * 0.9, class: item.className }),
    );
    x -= font * 1.25;
  }
}

/**
 * Calls offered, answered and abandoned per hour of the window, as grouped bars.
 * @param {HTMLElement} container
 * @param {HourlyChartData} data
 */
export function renderHourlyChart(container, data) {
  const hours = windowHours(data);
  const byHour = new Map(data.points.map((point) => [point.hour, point]));
  const totals = { offered: 0, answered: 0, abandoned: 0 };
  for (const point of data.points) {
    totals.offered += point.offered;
    totals.answered += point.answered;
    totals.abandoned += point.abandoned;
  }
  const description = t('chart.hourly.desc', { offered: formatNumber(totals.offered), answered: formatNumber(totals.answered), abandoned: formatNumber(totals.abandoned) });
  const { svg, plot } = createSvg(container, t('chart.hourly.title'), description);
  const maxValue = Math.max(0, ...hours.map((hour) => byHour.get(hour)?.offered ?? 0));
  const scale = niceScale(maxValue);
  const ticks = [];
  for (let value = 0; value <= scale.max; value += scale.step) ticks.push(value);
  const slot = drawAxes(svg, plot, { values: ticks, max: scale.max, format: (value) => formatNumber(value) }, hours, t('chart.axis.calls'));

  const bars = svgElement('g', { class: 'chart-bars' });
  const groupWidth = slot * 0.8;
  const barWidth = groupWidth / SERIES.length;
  hours.forEach((hour, index) => {
    const point = byHour.get(hour);
    if (!point) return;
    SERIES.forEach((series, seriesIndex) => {
      const value = point[series.key];
      const barHeight = (value / scale.max) * plot.height;
      const bar = svgElement('rect', {
        x: plot.left + slot * index + (slot - groupWidth) / 2 + barWidth * seriesIndex,
        y: plot.top + plot.height - barHeight,
        width: Math.max(1, barWidth - 1),
        height: barHeight,
        class: series.className,
      });
      bar.append(svgElement('title', {}, t('chart.hourly.bar', { hour: hourLabel(hour), series: t(series.label), value: formatNumber(value) })));
      bars.append(bar);
    });
  });
  svg.append(bars);
  if (data.points.length === 0) drawNoData(svg, plot);
  container.replaceChildren(svg);
  drawLegend(svg, plot, SERIES.map((series) => ({ label: t(series.label), className: series.className })));
}

/**
 * @param {number | null} ratio
 */
export function serviceLevelClass(ratio) {
  if (ratio === null) return 'sl-none';
  if (ratio >= SERVICE_LEVEL_TARGET) return 'sl-good';
  if (ratio >= SERVICE_LEVEL_WARNING) return 'sl-warn';
  return 'sl-bad';
}

/**
 * Service level per hour as a line (broken where an hour answered nothing), with the target dashed.
 * @param {HTMLElement} container
 * @param {HourlyChartData} data
 */
export function renderServiceLevelChart(container, data) {
  const hours = windowHours(data);
  const byHour = new Map(data.points.map((point) => [point.hour, point]));
  const target = formatPercent(SERVICE_LEVEL_TARGET);
  const { svg, plot } = createSvg(container, t('chart.sl.title'), t('chart.sl.desc', { target }));
  const slot = drawAxes(svg, plot, { values: [0, 0.2, 0.4, 0.6, 0.8, 1], max: 1, format: (value) => formatPercent(value) }, hours, t('chart.sl.series'));

  /** @param {number} index */
  const xOf = (index) => plot.left + slot * (index + 0.5);
  /** @param {number} ratio */
  const yOf = (ratio) => plot.top + plot.height - Math.min(1, Math.max(0, ratio)) * plot.height;

  const targetY = yOf(SERVICE_LEVEL_TARGET);
  svg.append(svgElement('line', { x1: plot.left, x2: plot.left + plot.width, y1: targetY, y2: targetY, class: 'chart-target' }));

  /** @type {string[]} */
  const segments = [];
  let pen = 'M';
  /** @type {SVGElement[]} */
  const dots = [];
  hours.forEach((hour, index) => {
    const ratio = byHour.get(hour)?.serviceLevel ?? null;
    if (ratio === null) {
      pen = 'M';
      return;
    }
    segments.push(`${pen}${xOf(index).toFixed(1)},${yOf(ratio).toFixed(1)}`);
    pen = 'L';
    const dot = svgElement('circle', { cx: xOf(index), cy: yOf(ratio), r: Math.max(4, plot.font * 0.32), class: `chart-dot ${serviceLevelClass(ratio)}` });
    dot.append(svgElement('title', {}, t('chart.sl.point', { hour: hourLabel(hour), value: formatPercent(ratio) })));
    dots.push(dot);
  });
  if (segments.length > 0) svg.append(svgElement('path', { d: segments.join(' '), class: 'chart-line' }));
  svg.append(...dots);
  if (dots.length === 0) drawNoData(svg, plot);
  container.replaceChildren(svg);
  drawLegend(svg, plot, [{ label: t('chart.sl.target', { target }), className: 'chart-target', dashed: true }]);
}

/**
 * @param {SVGElement} svg
 * @param {Plot} plot
 */
function drawNoData(svg, plot) {
  svg.append(svgElement('text', { x: plot.left + plot.width / 2, y: plot.top + plot.height / 2, 'text-anchor': 'middle', class: 'chart-label chart-empty', 'font-size': plot.font * 1.25 }, t('chart.noData')));
}
