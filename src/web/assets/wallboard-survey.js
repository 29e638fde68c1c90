/**
 * The wallboard's post-call survey: the average score (1–5) and count per queue and per agent over the board's
 * counting window (shift, else the Istanbul day), live from the `survey` stream (src/survey/survey-stream.ts).
 */

import { subscribe } from './realtime.js';
import { t, onLangChange, formatNumber, queueLabel } from './i18n.js';

/** @typedef {{ count: number, average: number | null }} Figure */
/** @typedef {{ total: Figure, byQueue: Array<Figure & { queue: string }>, byAgent: Array<Figure & { agent: string, agentName: string | null }> }} SurveyFigures */

const rows = document.getElementById('survey-rows');
/** @type {SurveyFigures | null} */
let shown = null;

/** @param {string} tag @param {string} className @param {string} text */
function cell(tag, className, text) {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
}

/** @param {number | null} average */
const averageText = (average) => (average === null ? '—' : new Intl.NumberFormat(document.documentElement.lang === 'en' ? 'en-GB' : 'tr-TR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(average));

/** @param {string} kind @param {string} key @param {string} name @param {Figure} figure */
function row(kind, key, name, figure) {
  const tr = document.createElement('tr');
  tr.dataset.kind = kind;
  tr.dataset.key = key;
  const th = cell('th', 'col-name', name);
  th.setAttribute('scope', 'row');
  tr.append(th, cell('td', 'num survey-average', averageText(figure.average)), cell('td', 'num survey-count', formatNumber(figure.count)));
  return tr;
}

/** @param {string} text */
function heading(text) {
  const tr = document.createElement('tr');
  tr.className = 'survey-group';
  const th = cell('th', 'col-name', text);
  th.setAttribute('colspan', '3');
  th.setAttribute('scope', 'colgroup');
  tr.append(th);
  return tr;
}

function render() {
  if (!rows || !shown) return;
  if (shown.total.count === 0) {
    const empty = document.createElement('tr');
    const td = cell('td', 'survey-empty', t('survey.none'));
    td.setAttribute('colspan', '3');
    empty.append(td);
    rows.replaceChildren(empty);
    return;
  }
  rows.replaceChildren(
    row('total', '*', t('survey.total'), shown.total),
    heading(t('survey.queues')),
    ...shown.byQueue.map((q) => row('queue', q.queue, queueLabel(q.queue), q)),
    heading(t('survey.agents')),
    ...shown.byAgent.map((a) => row('agent', a.agent, a.agentName ?? a.agent, a)),
  );
}

if (rows) {
  subscribe('survey', (stream) => {
    const figures = /** @type {SurveyFigures | undefined} */ (stream.entries.figures);
    if (!figures) return;
    shown = figures;
    render();
    rows.dataset.ready = 'true';
  });
  onLangChange(render);
}
