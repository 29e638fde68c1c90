import type { QueueEvent } from './queue-events.js';
import { wrapUpMsFor, type QueueState } from './queue-state-types.js';
import { onCallerAbandon, onCallerJoin, onCallerLeave, onAgentComplete, onAgentConnect } from './queue-caller-events.js';
import { onAgentCalled, onAgentCompleted, onAgentConnected, onMemberInfo, onMemberRemoved, onRingEnded } from './queue-agent-events.js';
import { closeAllLiveCalls } from './queue-snapshot.js';

export { applySnapshot } from './queue-snapshot.js';
export { emptyQueueState } from './queue-state-types.js';
export type * from './queue-state-types.js';
export { pruneFacts } from './state-updates.js';

/**
 * Pure: the next state after one normalised AMI queue event. Never throws on odd input: duplicates,
 * events out of Timestamp order (fact 3) and unknown callers or members are absorbed; a QueueStatus
 * snapshot (applySnapshot) corrects whatever could not be known from the events alone.
 */
export function reduceQueueState(state: QueueState, event: QueueEvent): QueueState {
  switch (event.kind) {
    case 'callerJoin':
      return onCallerJoin(state, event);
    case 'callerLeave':
      return onCallerLeave(state, event);
    case 'callerAbandon':
      return onCallerAbandon(state, event);
    case 'agentCalled':
      return onAgentCalled(state, event);
    case 'agentRingNoAnswer':
    case 'agentDump':
      return onRingEnded(state, event);
    case 'agentConnect':
      return onAgentConnected(onAgentConnect(state, event), event);
    case 'agentComplete': {
      const wrapUpMs = wrapUpMsFor(state.config, event.queue);
      return onAgentCompleted(onAgentComplete(state, event, wrapUpMs), event, wrapUpMs);
    }
    case 'memberAdded':
    case 'memberStatus':
    case 'memberPause':
      return onMemberInfo(state, event);
    case 'memberRemoved':
      return onMemberRemoved(state, event);
    case 'fullyBooted':
      // Sent on every AMI login too, not only after a restart (fact 2); the QueueStatus snapshot that
      // follows decides which calls survived, so nothing is closed here.
      return state;
    case 'shutdown':
      return closeAllLiveCalls(state, event.at);
    default:
      return state;
  }
}
