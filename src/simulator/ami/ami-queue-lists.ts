import type { AmiMessage } from './ami-message.js';
import type { EntryView, MemberView, QueueStatusView, QueueSummaryView } from './ami-queue-backend.js';
import { withTrailingActionId } from './ami-replies.js';

// QueueEntry uses S_COR(valid, str, "unknown"): no angle brackets, unlike channel events.
const orUnknown = (value: string): string => (value === '' ? 'unknown' : value);

function queueParams(view: QueueStatusView): AmiMessage {
  return [
    ['Event', 'QueueParams'],
    ['Queue', view.queue],
    ['Max', String(view.max)],
    ['Strategy', view.strategy],
    ['Calls', String(view.calls)],
    ['Holdtime', String(view.holdtime)],
    ['TalkTime', String(view.talkTime)],
    ['Completed', String(view.completed)],
    ['Abandoned', String(view.abandoned)],
    ['ServiceLevel', String(view.serviceLevel)],
    ['ServicelevelPerf', view.servicelevelPerf.toFixed(1)],
    ['ServicelevelPerf2', view.servicelevelPerf2.toFixed(1)],
    ['Weight', String(view.weight)],
  ];
}

function queueMember(queue: string, m: MemberView): AmiMessage {
  return [
    ['Event', 'QueueMember'],
    ['Queue', queue],
    ['Name', m.name],
    ['Location', m.location],
    ['StateInterface', m.stateInterface],
    ['Membership', m.membership],
    ['Penalty', String(m.penalty)],
    ['CallsTaken', String(m.callsTaken)],
    ['LastCall', String(m.lastCall)],
    ['LastPause', String(m.lastPause)],
    ['LoginTime', String(m.loginTime)],
    ['InCall', String(m.inCall)],
    ['Status', String(m.status)],
    ['Paused', String(m.paused)],
    ['PausedReason', m.pausedReason],
    ['Wrapuptime', String(m.wrapuptime)],
  ];
}

function queueEntry(queue: string, e: EntryView): AmiMessage {
  return [
    ['Event', 'QueueEntry'],
    ['Queue', queue],
    ['Position', String(e.position)],
    ['Channel', e.channel],
    ['Uniqueid', e.uniqueid],
    ['CallerIDNum', orUnknown(e.callerIdNum)],
    ['CallerIDName', orUnknown(e.callerIdName)],
    ['ConnectedLineNum', orUnknown(e.connectedLineNum)],
    ['ConnectedLineName', orUnknown(e.connectedLineName)],
    ['Wait', String(e.wait)],
    ['Priority', String(e.priority)],
  ];
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * QueueParams, then its QueueMember events, then its QueueEntry events, queue by queue.
 * The filters are applied again here (queue name case-insensitive, member by exact interface or name,
 * as app_queue does) so a backend that ignores them still yields what Asterisk would send.
 */
export function queueStatusItems(views: QueueStatusView[], filter: { queue?: string; member?: string }, actionId: string | undefined): AmiMessage[] {
  const items: AmiMessage[] = [];
  for (const view of views) {
    if (filter.queue !== undefined && !sameName(view.queue, filter.queue)) continue;
    items.push(queueParams(view));
    for (const member of view.members) {
      if (filter.member !== undefined && member.location !== filter.member && member.name !== filter.member) continue;
      items.push(queueMember(view.queue, member));
    }
    for (const entry of view.entries) items.push(queueEntry(view.queue, entry));
  }
  return items.map((item) => withTrailingActionId(item, actionId));
}

export function queueSummaryItems(views: QueueSummaryView[], queue: string | undefined, actionId: string | undefined): AmiMessage[] {
  return views
    .filter((view) => queue === undefined || sameName(view.queue, queue))
    .map((view): AmiMessage => [
      ['Event', 'QueueSummary'],
      ['Queue', view.queue],
      ['LoggedIn', String(view.loggedIn)],
      ['Available', String(view.available)],
      ['Callers', String(view.callers)],
      ['HoldTime', String(view.holdTime)],
      ['TalkTime', String(view.talkTime)],
      ['LongestHoldTime', String(view.longestHoldTime)],
    ])
    .map((item) => withTrailingActionId(item, actionId));
}
