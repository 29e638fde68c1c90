/**
 * What the report charts draw, worked out apart from the SVG so it can be tested from Node: the hour × weekday
 * grid of a heat map with its colour steps, and the sentence a screen reader hears for each chart.
 */

import { t } from './i18n.js';
import { formatCell } from './reports-format.js';
import { cellText } from './reports-labels.js';

/** @typedef {'tr' | 'en'} Lang */
/** @typedef {import('./reports-format.js').ColumnKind} ColumnKind */
/** @typedef {Readonly<Record<string, string | number | null>>} Row */
/** @typedef {{ key: string, label: { tr: string, en: string }, kind: ColumnKind }} Column */

export const HOURS = 24;
export const WEEKDAYS = 7;
/** Colour steps of the heat map besides "none" (step 0). */
export const HEAT_STEPS = 5;

/**
 * A 7 × 24 grid (ISO weekday 1..7 → index 0..6, hour 0..23) summed from the rows; a missing cell is 0.
 * @param {readonly Row[]} rows
 * @param {{ xKey: string, yKey: string, valueKey: string }} hint
 */
export function heatGrid(rows, hint) {
  /** @type {number[][]} */
  const grid = Array.from({ length: WEEKDAYS }, () => new Array(HOURS).fill(0));
  let max = 0;
  let total = 0;
  let peak = { day: 1, hour: 0 };
  for (const row of rows) {
    const hour = Number(row[hint.xKey]);
    const day = Number(row[hint.yKey]);
    const value = Number(row[hint.valueKey] ?? 0);
    if (!Number.isInteger(hour) || hour < 0 || hour >= HOURS || !Number.isInteger(day) || day < 1 || day > WEEKDAYS || !Number.isFinite(value)) continue;
    const hours = /** @type {number[]} */ (grid[day - 1]);
    const sum = (hours[hour] ?? 0) + value;
    hours[hour] = sum;
    total += value;
    if (sum > max) {
      max = sum;
      peak = { day, hour };
    }
  }
  return { grid, max, total, peak };
}

/**
 * The colour step of a value: 0 for none, else 1..HEAT_STEPS by equal fifths of the maximum.
 * @param {number} value
 * @param {number} max
 */
export function heatStep(value, max) {
  if (value <= 0 || max <= 0) return 0;
  return Math.min(HEAT_STEPS, Math.max(1, Math.ceil((value / max) * HEAT_STEPS)));
}

/**
 * The legend's bands: step n covers (max·(n−1)/5, max·n/5].
 * @param {number} max
 * @returns {{ step: number, from: number, to: number }[]}
 */
export function heatLegend(max) {
  return Array.from({ length: HEAT_STEPS }, (_, index) => ({
    step: index + 1,
    from: Math.floor((max * index) / HEAT_STEPS) + 1,
    to: Math.floor((max * (index + 1)) / HEAT_STEPS),
  })).filter((band) => band.to >= band.from);
}

/** @param {number} hour */
export const hourText = (hour) => String(hour).padStart(2, '0');

/**
 * @param {readonly Column[]} columns
 * @param {string} key
 */
const columnOf = (columns, key) => columns.find((column) => column.key === key);

/**
 * The heat map's summary: what it counts, the busiest hour, the total.
 * @param {readonly Row[]} rows
 * @param {readonly Column[]} columns
 * @param {{ xKey: string, yKey: string, valueKey: string }} hint
 * @param {Lang} lang
 */
export function heatSummary(rows, columns, hint, lang) {
  const { max, total, peak } = heatGrid(rows, hint);
  const column = columnOf(columns, hint.valueKey);
  const kind = column?.kind ?? 'count';
  if (max <= 0) return `${column?.label[lang] ?? hint.valueKey}: ${t('rep.heat.none', undefined, lang)}`;
  return t('rep.heat.desc', { value: column?.label[lang] ?? hint.valueKey, day: t(`rep.day.${peak.day}`, undefined, lang), hour: hourText(peak.hour), max: formatCell(kind, max, lang), total: formatCell(kind, total, lang) }, lang);
}

/**
 * A bar or line chart's summary: the series' totals and the row with the highest first series.
 * @param {readonly Row[]} rows
 * @param {readonly Column[]} columns
 * @param {{ labelKey: string, valueKeys: readonly string[] }} hint
 * @param {Lang} lang
 */
export function seriesSummary(rows, columns, hint, lang) {
  const parts = hint.valueKeys.map((key) => {
    const column = columnOf(columns, key);
    const kind = column?.kind ?? 'count';
    // Only counts add up; a total of percentages or averages would mislead.
    if (kind !== 'count') return null;
    const sum = rows.reduce((total, row) => total + (typeof row[key] === 'number' ? Number(row[key]) : 0), 0);
    return `${column?.label[lang] ?? key} ${formatCell(kind, sum, lang)}`;
  });
  const sentences = [];
  const totals = parts.filter((part) => part !== null);
  if (totals.length > 0) sentences.push(t('rep.chart.total', { values: totals.join(', ') }, lang));
  const firstKey = hint.valueKeys[0];
  if (firstKey !== undefined && rows.length > 0) {
    const top = rows.reduce((best, row) => (Number(row[firstKey] ?? -Infinity) > Number(best[firstKey] ?? -Infinity) ? row : best));
    const column = columnOf(columns, firstKey);
    sentences.push(t('rep.chart.top', { label: cellText({ key: hint.labelKey, kind: 'text' }, top[hint.labelKey], lang), value: formatCell(column?.kind ?? 'count', top[firstKey] ?? null, lang) }, lang));
  }
  return sentences.join(' ');
}

/**
 * A round axis maximum (1, 2 or 5 × 10ⁿ steps, about four gridlines), as the wallboard's charts use; counts
 * never get a fractional step.
 * @param {number} max
 * @param {boolean} whole
 */
export function niceScale(max, whole) {
  if (max <= 0) return { max: 4, step: 1 };
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const found = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? 10 * magnitude;
  const step = whole ? Math.max(1, found) : found;
  return { max: Math.ceil(max / step) * step, step };
}
