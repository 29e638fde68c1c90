import type { QueueEvent } from '../queues/queue-events.js';

type Connect = Extract<QueueEvent, { kind: 'agentConnect' }>;

/** Calls whose end never reached alo153 (AMI was down) must not grow the table without bound. */
const MAX_WAITING = 10_000;

/**
 * How long the caller waited before `connect`: from their QueueCallerJoin (AMI Timestamps, to the
 * millisecond) when alo153 saw it, else Asterisk's own HoldTime (whole seconds since the caller entered
 * the queue: it also covers a join that happened before alo153 started). A join after the answer is a
 * mismatch (clock or a reused id), so HoldTime wins then too.
 */
export function waitSeconds(joinedAt: number | undefined, connect: Pick<Connect, 'at' | 'holdTimeS'>): number {
  if (joinedAt !== undefined && joinedAt <= connect.at) return Math.round((connect.at - joinedAt) / 1000);
  return Math.max(0, Math.round(connect.holdTimeS));
}

/**
 * The queue join time of each caller still waiting, by their channel's Uniqueid. Asterisk sends
 * QueueCallerLeave *before* AgentConnect when a call is answered, so a leave does not forget the join;
 * the answer, an abandon or the caller's hangup do.
 */
export class QueueJoinTimes {
  private readonly joined = new Map<string, number>();

  get size(): number {
    return this.joined.size;
  }

  handle(event: QueueEvent): void {
    switch (event.kind) {
      case 'callerJoin':
        if (this.joined.size >= MAX_WAITING) this.joined.clear();
        this.joined.set(event.uniqueid, event.at);
        return;
      case 'callerAbandon':
      case 'callerHangup':
        this.joined.delete(event.uniqueid);
        return;
      case 'fullyBooted':
        // Asterisk restarted: every call is gone.
        this.joined.clear();
        return;
      default:
        return;
    }
  }

  /** The wait that ended with `connect`, in whole seconds; the join is forgotten. */
  answered(connect: Connect): number {
    const waited = waitSeconds(this.joined.get(connect.uniqueid), connect);
    this.joined.delete(connect.uniqueid);
    return waited;
  }
}
