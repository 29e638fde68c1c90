import { agentStates } from '../queues/agent-states.js';
import type { QueueState } from '../queues/queue-state-types.js';
import type { DeskState } from './desk-protocol.js';

/**
 * Pure: an agent's desk as AMI last described it. Asterisk is the truth for membership and pauses
 * (they outlive an alo153 restart); `pending` is what the agent asked for while AMI could not do it.
 */
export function deskStateOf(state: QueueState, now: number, agentInterface: string | null, pending: DeskState['pending']): DeskState {
  const empty: DeskState = { loggedIn: false, queues: [], paused: false, reason: null, boardState: 'logged-out', wrapUpUntil: null, pending, currentCall: null };
  if (!agentInterface) return empty;
  const record = state.agents[agentInterface];
  const view = record ? agentStates({ ...state, agents: { [agentInterface]: record } }, now)[0] : undefined;
  if (!record || !view) return empty;
  const memberships = Object.values(state.queues)
    .map((queue) => queue.members[agentInterface])
    .filter((membership) => membership !== undefined);
  const paused = memberships.length > 0 && memberships.every((membership) => membership.paused);
  const latestPause = memberships.reduce<(typeof memberships)[number] | undefined>((latest, m) => (!latest || m.pausedSince > latest.pausedSince ? m : latest), undefined);
  return {
    loggedIn: memberships.length > 0,
    queues: view.queues,
    paused,
    reason: paused ? latestPause?.pausedReason || null : null,
    boardState: view.state,
    wrapUpUntil: record.wrapUp && now < record.wrapUp.until ? record.wrapUp.until : null,
    pending,
    currentCall: record.onCall?.uniqueid ?? null,
  };
}
