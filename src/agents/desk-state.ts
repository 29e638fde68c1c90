import { agentStateOf, membershipsOf, pauseOf } from '../queues/agent-states.js';
import type { QueueState } from '../queues/queue-state-types.js';
import type { DeskState } from './desk-protocol.js';

/**
 * Pure: an agent's desk as AMI last described it. Asterisk is the truth for membership and pauses
 * (they outlive an alo153 restart); `pending` is what the agent asked for while AMI could not do it.
 * `paused` is the membership's, so a break chosen during a call shows on the desk at once, while the
 * board still shows the agent on the call.
 */
export function deskStateOf(state: QueueState, now: number, agentInterface: string | null, pending: DeskState['pending']): DeskState {
  const empty: DeskState = { loggedIn: false, queues: [], paused: false, reason: null, boardState: 'logged-out', wrapUpUntil: null, pending, currentCall: null, staticQueues: [] };
  const record = agentInterface ? state.agents[agentInterface] : undefined;
  if (!record) return empty;
  const view = agentStateOf(state, record, now);
  const memberships = membershipsOf(state, record.interface);
  const pause = pauseOf(memberships);
  return {
    loggedIn: memberships.length > 0,
    queues: view.queues,
    paused: pause.paused,
    reason: pause.paused ? pause.reason || null : null,
    boardState: view.state,
    wrapUpUntil: record.wrapUp && now < record.wrapUp.until ? record.wrapUp.until : null,
    pending,
    currentCall: record.onCall?.uniqueid ?? null,
    staticQueues: staticQueuesOf(state, record.interface),
  };
}

/** QueueStatus lists realtime members as `static` and events say `realtime`: neither can be removed over AMI. */
function staticQueuesOf(state: QueueState, agentInterface: string): string[] {
  return Object.values(state.queues)
    .filter((queue) => {
      const membership = queue.members[agentInterface]?.membership;
      return membership !== undefined && membership !== 'dynamic';
    })
    .map((queue) => queue.name)
    .sort();
}
