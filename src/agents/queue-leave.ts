import { QueueActionError } from '../telephony/ami/ami-queue-actions.js';
import type { QueueActions } from '../telephony/ports.js';
import type { LogoutReport, QueueLeave } from './desk-protocol.js';

/**
 * Sends QueueRemove for every queue and reports each answer; no refusal stops the others. On a real
 * Asterisk 22 a logout that stopped at `Member not dynamic` (a queues.conf member of alo153-genel)
 * left the agent a dynamic member of alo153-hayvan, still offered calls after "logging out".
 */
export async function leaveQueues(actions: Pick<QueueActions, 'removeMember'>, agentInterface: string, queues: readonly string[]): Promise<LogoutReport> {
  const outcomes = await Promise.all([...queues].sort().map((queue) => leaveOne(actions, agentInterface, queue)));
  const remaining = outcomes.filter((leave) => leave.outcome === 'refused' || leave.outcome === 'pending').map((leave) => leave.queue);
  return { complete: remaining.length === 0, queues: outcomes, remaining };
}

async function leaveOne(actions: Pick<QueueActions, 'removeMember'>, agentInterface: string, queue: string): Promise<QueueLeave> {
  try {
    await actions.removeMember(queue, agentInterface);
    return { queue, outcome: 'removed' };
  } catch (error) {
    const problem = error instanceof QueueActionError ? error.problem : 'rejected';
    const message = error instanceof Error ? error.message : String(error);
    switch (problem) {
      case 'not-member':
      case 'no-such-queue':
        return { queue, outcome: 'not-member' };
      case 'not-dynamic':
        return { queue, outcome: 'refused', reason: 'static-member', message };
      case 'ami-unavailable':
        return { queue, outcome: 'pending', message };
      default:
        return { queue, outcome: 'refused', reason: 'rejected', message };
    }
  }
}

