/**
 * What a logout left behind, for people: Asterisk refuses to remove a static member of queues.conf
 * ("Member not dynamic"), so "shift ended" can still mean "calls from alo153-genel keep coming".
 */

import { isRecord } from './desk-api.js';
import { t, queueLabel } from './i18n.js';

/** @typedef {import('../../agents/desk-protocol.js').LogoutReport} LogoutReport */
/** @typedef {import('../../agents/desk-protocol.js').QueueLeave} QueueLeave */
/** @typedef {{ queue: string, outcome: string, reason?: string, message?: string }} LeftQueue */

/**
 * The `logout` part of a logout answer, if it is one and not every queue was left.
 * @param {unknown} body
 * @returns {LeftQueue[] | null}
 */
export function queuesLeftBy(body) {
  if (!isRecord(body) || !isRecord(body.logout) || body.logout.complete !== false || !Array.isArray(body.logout.queues)) return null;
  /** @type {LeftQueue[]} */
  const left = [];
  for (const leave of body.logout.queues) {
    if (!isRecord(leave) || typeof leave.queue !== 'string' || (leave.outcome !== 'refused' && leave.outcome !== 'pending')) continue;
    left.push({
      queue: leave.queue,
      outcome: leave.outcome,
      ...(typeof leave.reason === 'string' ? { reason: leave.reason } : {}),
      ...(typeof leave.message === 'string' ? { message: leave.message } : {}),
    });
  }
  return left.length > 0 ? left : null;
}

/**
 * "Genel (statik üye — …), Hayvanlar (santral bekleniyor)" in the page's language.
 * @param {LeftQueue[]} left
 */
export function describeLeftQueues(left) {
  return left
    .map((leave) => {
      const queue = queueLabel(leave.queue);
      if (leave.outcome === 'pending') return t('desk.logout.pendingQueue', { queue });
      if (leave.reason === 'static-member') return t('desk.logout.staticQueue', { queue });
      return t('desk.logout.refusedQueue', { queue, message: leave.message ?? '' });
    })
    .join(', ');
}

/**
 * The agent's queues for a list, static memberships flagged: "Genel (statik), Hayvanlar".
 * @param {readonly string[]} queues
 * @param {readonly string[] | undefined} staticQueues
 */
export function queueListLabel(queues, staticQueues) {
  return queues.map((queue) => (staticQueues?.includes(queue) ? t('desk.queues.staticLabel', { queue: queueLabel(queue) }) : queueLabel(queue))).join(', ');
}
