import { getHeader, type AmiMessage } from './ami-message.js';
import { QueueActionMessages, type AmiQueueBackend, type AmiResult } from './ami-queue-backend.js';
import { queueStatusItems, queueSummaryItems } from './ami-queue-lists.js';
import { listAck, listComplete, response } from './ami-replies.js';

/** Asterisk's ast_true: these words (any case) mean yes; everything else means no. */
export function astTrue(value: string | undefined): boolean {
  return value !== undefined && ['yes', 'true', 'y', 't', '1', 'on'].includes(value.trim().toLowerCase());
}

/** app_queue's `sscanf("%30d") … < 0 → 0` for Penalty. */
function penaltyOf(value: string | undefined): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isNaN(parsed) || parsed < 0 ? 0 : parsed;
}

const reply = (result: AmiResult, actionId: string | undefined): AmiMessage =>
  response(result.ok ? 'Success' : 'Error', actionId, result.message);

function queueStatus(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const filter: { queue?: string; member?: string } = {};
  const queue = getHeader(action, 'Queue');
  const member = getHeader(action, 'Member');
  if (queue !== undefined) filter.queue = queue;
  if (member !== undefined) filter.member = member;
  const items = queueStatusItems(backend?.queueStatus(filter) ?? [], filter, actionId);
  return [listAck(actionId, 'Queue status will follow'), ...items, listComplete('QueueStatusComplete', actionId, items.length)];
}

function queueSummary(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const queue = getHeader(action, 'Queue');
  const items = queueSummaryItems(backend?.queueSummary(queue) ?? [], queue, actionId);
  return [listAck(actionId, 'Queue summary will follow'), ...items, listComplete('QueueSummaryComplete', actionId, items.length)];
}

function queueAdd(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const queue = getHeader(action, 'Queue');
  const iface = getHeader(action, 'Interface');
  if (queue === undefined) return [response('Error', actionId, "'Queue' not specified.")];
  if (iface === undefined) return [response('Error', actionId, "'Interface' not specified.")];
  if (!backend) return [response('Error', actionId, QueueActionMessages.addNoSuchQueue)];
  const memberName = getHeader(action, 'MemberName');
  const stateInterface = getHeader(action, 'StateInterface');
  const reason = getHeader(action, 'Reason');
  const result = backend.queueAdd({
    queue,
    iface,
    penalty: penaltyOf(getHeader(action, 'Penalty')),
    paused: astTrue(getHeader(action, 'Paused')),
    ...(memberName !== undefined ? { memberName } : {}),
    ...(stateInterface !== undefined ? { stateInterface } : {}),
    ...(reason !== undefined ? { reason } : {}),
  });
  return [reply(result, actionId)];
}

function queueRemove(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const queue = getHeader(action, 'Queue');
  const iface = getHeader(action, 'Interface');
  if (queue === undefined || iface === undefined) return [response('Error', actionId, "Need 'Queue' and 'Interface' parameters.")];
  if (!backend) return [response('Error', actionId, QueueActionMessages.removeNoSuchQueue)];
  return [reply(backend.queueRemove({ queue, iface }), actionId)];
}

function queuePause(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const iface = getHeader(action, 'Interface');
  const pausedText = getHeader(action, 'Paused');
  if (iface === undefined || pausedText === undefined) return [response('Error', actionId, "Need 'Interface' and 'Paused' parameters.")];
  if (!backend) return [response('Error', actionId, QueueActionMessages.pauseNotFound)];
  const queue = getHeader(action, 'Queue');
  const reason = getHeader(action, 'Reason');
  const result = backend.queuePause({
    iface,
    paused: astTrue(pausedText),
    ...(queue !== undefined ? { queue } : {}),
    ...(reason !== undefined ? { reason } : {}),
  });
  return [reply(result, actionId)];
}

/**
 * manager_queue_member_penalty (Asterisk 22): Interface and Penalty are required (an empty value counts as missing);
 * the penalty is atoi()'d, so "abc" is 0; a negative one, an unknown queue or an interface in none of the queues is
 * "Invalid interface, queuename or penalty". Success is an ack: `Response: Success`.
 */
function queuePenalty(action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined): AmiMessage[] {
  const iface = getHeader(action, 'Interface');
  const penaltyText = getHeader(action, 'Penalty');
  if (!iface || !penaltyText) return [response('Error', actionId, "Need 'Interface' and 'Penalty' parameters.")];
  if (!backend?.queuePenalty) return [response('Error', actionId, QueueActionMessages.penaltyInvalid)];
  const queue = getHeader(action, 'Queue');
  return [reply(backend.queuePenalty({ iface, penalty: atoi(penaltyText), ...(queue ? { queue } : {}) }), actionId)];
}

/** C's atoi: optional blanks and sign, then the leading digits; nothing numeric is 0. */
function atoi(text: string): number {
  const match = /^\s*([+-]?\d+)/.exec(text);
  return match?.[1] ? Number.parseInt(match[1], 10) : 0;
}

type QueueActionHandler = (action: AmiMessage, backend: AmiQueueBackend | undefined, actionId: string | undefined) => AmiMessage[];

/** Keyed by lower-case action name: Asterisk matches action names case-insensitively. */
export const queueActions: ReadonlyMap<string, QueueActionHandler> = new Map([
  ['queuestatus', queueStatus],
  ['queuesummary', queueSummary],
  ['queueadd', queueAdd],
  ['queueremove', queueRemove],
  ['queuepause', queuePause],
  ['queuepenalty', queuePenalty],
]);
