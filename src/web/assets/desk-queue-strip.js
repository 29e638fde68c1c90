/**
 * The strip of the agent's queues: callers waiting, the longest wait, colleagues ready and on a call.
 * A queue the agent is a static member of (queues.conf) is flagged: ending the shift does not leave it.
 * Tiles are kept across renders so only changed figures are rewritten.
 */

import { t, formatDuration, queueLabel } from './i18n.js';
import { page, setText, make } from './desk-page.js';
import { followedQueues, queueTile, serverNow } from './desk-socket.js';
import { queueRank } from './site-data.js';

/** @type {Map<string, { root: HTMLElement, name: HTMLElement, staticMark: HTMLElement, waiting: HTMLElement, longest: HTMLElement, ready: HTMLElement, onCall: HTMLElement }>} */
const queueTiles = new Map();
/** @type {readonly string[]} */
let staticQueues = [];

/** @param {readonly string[]} queues the agent's static memberships (DeskState.staticQueues) */
export function setStaticQueues(queues) {
  staticQueues = queues;
}

/**
 * @param {HTMLElement} parent
 * @param {string} labelKey
 * @param {string} className
 */
function tileFigure(parent, labelKey, className) {
  const figure = make('span', `qt-figure ${className}`);
  const caption = make('span', 'qt-label', t(labelKey));
  caption.dataset.i18n = labelKey;
  const value = make('span', 'qt-value', '—');
  figure.append(caption, value);
  parent.append(figure);
  return value;
}

/** @param {string} queue */
function createQueueTile(queue) {
  const root = make('article', 'queue-tile');
  root.dataset.testid = `queue-${queue}`;
  const name = make('h3', 'qt-name');
  const staticMark = make('span', 'qt-static');
  staticMark.dataset.testid = 'queue-static';
  const waiting = make('span', 'qt-waiting', '—');
  waiting.dataset.field = 'waiting';
  const figures = make('div', 'qt-figures');
  const longest = tileFigure(figures, 'tile.longestWait', 'qt-longest');
  const ready = tileFigure(figures, 'tile.agentsReady', 'qt-ready');
  const onCall = tileFigure(figures, 'tile.agentsOnCall', 'qt-oncall');
  longest.dataset.field = 'longest-wait';
  ready.dataset.field = 'agents-ready';
  onCall.dataset.field = 'agents-on-call';
  const waitingBox = make('div', 'qt-waiting-box');
  const waitingLabel = make('span', 'qt-label', t('tile.waiting'));
  waitingLabel.dataset.i18n = 'tile.waiting';
  waitingBox.append(waiting, waitingLabel);
  const head = make('div', 'qt-head');
  head.append(name, staticMark);
  root.append(head, waitingBox, figures);
  return { root, name, staticMark, waiting, longest, ready, onCall };
}

export function renderQueueStrip() {
  for (const [queue, view] of queueTiles) {
    if (!followedQueues.includes(queue)) {
      view.root.remove();
      queueTiles.delete(queue);
    }
  }
  // The site file's order (GET /api/catalogue), as on the wallboard; queues it does not list follow by name.
  const ordered = [...followedQueues].sort((a, b) => queueRank(a) - queueRank(b) || a.localeCompare(b));
  ordered.forEach((queue, index) => {
    let view = queueTiles.get(queue);
    if (!view) {
      view = createQueueTile(queue);
      queueTiles.set(queue, view);
    }
    setText(view.name, queueLabel(queue));
    view.name.title = queue;
    const isStatic = staticQueues.includes(queue);
    view.root.dataset.static = String(isStatic);
    view.staticMark.hidden = !isStatic;
    setText(view.staticMark, isStatic ? t('desk.queues.static') : '');
    view.staticMark.title = isStatic ? t('desk.queues.staticHint') : '';
    const tile = queueTile(queue);
    setText(view.waiting, tile ? String(tile.waiting) : '—');
    setText(view.ready, tile ? String(tile.agents.ready) : '—');
    setText(view.onCall, tile ? String(tile.agents.onCall) : '—');
    if (page.queueStrip.children[index + 1] !== view.root) page.queueStrip.insertBefore(view.root, page.queueStrip.children[index + 1] ?? null);
  });
  page.queueStripEmpty.hidden = followedQueues.length > 0;
  tickQueueTiles();
}

/** The longest wait grows every second without any news from the server. */
export function tickQueueTiles() {
  for (const [queue, view] of queueTiles) {
    const tile = queueTile(queue);
    const waited = tile && tile.longestWaitSince !== null ? serverNow() - tile.longestWaitSince : null;
    setText(view.longest, formatDuration(waited));
    view.root.dataset.wait = !tile || tile.waiting === 0 ? 'none' : waited !== null && waited > 60_000 ? 'long' : 'some';
  }
}
