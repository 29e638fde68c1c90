import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import { shippedTicketWriter } from '../requests/create-requests.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import { writeSystemAction } from './system-actions.js';
import type { CallWrite } from './call-writes/call-write-batch.js';
import { createCallWrites } from './call-writes/call-writes.js';
import type { GroupCommit } from './call-writes/group-commit.js';
import type { PendingFacts } from './call-writes/pending-facts.js';
import type { CallRowChanges, CallState } from './call-writes/call-rows.js';

/** What happened to a call in app_queue (and when it really ended), as the call record and the ticket keep it. */
export type QueueOutcome =
  | { kind: 'agent-answered'; at: Date; queue: string; agent: string; agentName: string; waitS: number }
  | { kind: 'agent-completed'; at: Date; queue: string; agent: string; talkS: number; reason: string }
  | { kind: 'abandoned-in-queue'; at: Date; queue: string; waitS: number }
  /** AMI Hangup of our caller's channel after the hand-off: the call's real end (no ticket event). */
  | { kind: 'hung-up'; at: Date };

export interface QueueOutcomeRecorder {
  /** False when no call of ours has this channel (an agent leg, a call from before alo153). Idempotent. */
  recordQueueOutcome(channelId: string, outcome: QueueOutcome): Promise<boolean>;
}

const QUEUE_ACTOR = { kind: 'system', name: 'queue' } as const;

/**
 * The call row's part of each outcome. Each is guarded so that a replayed or duplicated AMI event, or events
 * a few ms out of order (Hangup before AgentComplete), leave the first answer and the real end in place.
 */
function updateCall(call: { id: string; state: CallState }, outcome: QueueOutcome, rows: CallRowChanges): void {
  const at = toDbTime(outcome.at);
  const { state } = call;
  const endedIfUnknown = state.ended_at ?? at;
  // The hand-off names the queue; a call whose hand-off write was lost still gets the queue app_queue reported.
  const queue = 'queue' in outcome ? { queue: state.queue ?? outcome.queue } : {};
  switch (outcome.kind) {
    case 'agent-answered':
      if (state.agent_connected_at !== null) return;
      return rows.set(call, { agent: outcome.agent, agent_name: outcome.agentName, agent_connected_at: at, wait_s: outcome.waitS, outcome: 'answered', ...queue });
    case 'agent-completed':
      if (state.talk_s !== null) return;
      // The answer itself may have been missed (AMI was down at AgentConnect): the completion still says who took it.
      return rows.set(call, { talk_s: outcome.talkS, agent: state.agent ?? outcome.agent, outcome: 'answered', ended_at: endedIfUnknown, ...queue });
    case 'abandoned-in-queue':
      if (state.agent_connected_at !== null) return;
      return rows.set(call, { outcome: 'abandoned-in-queue', wait_s: outcome.waitS, ended_at: endedIfUnknown, ...queue });
    case 'hung-up':
      // The channel is gone: nothing ends later than this, whatever AgentComplete or the abandon wrote first.
      return rows.set(call, { ended_at: at });
  }
}

/** The outcome on the call row and, but for the hang-up, as a fact in the ticket's history (inside a batch's transaction). */
export async function writeQueueOutcome(
  trx: Knex.Transaction,
  writer: TicketWriter,
  call: { id: string; ticketId: number | null; state: CallState },
  outcome: QueueOutcome,
  rows: CallRowChanges,
  facts?: PendingFacts,
): Promise<void> {
  updateCall(call, outcome, rows);
  if (call.ticketId === null || outcome.kind === 'hung-up') return;
  const { kind, at, ...data } = outcome;
  await writeSystemAction(writer, trx, { id: call.ticketId }, { name: 'note', kind, data }, QUEUE_ACTOR, at, `${kind}:${outcome.queue}`, facts);
}

/**
 * Ties app_queue's facts to our call row and ticket history (the caller's Uniqueid is our ARI channel id), through
 * the call path's group commit: pass the ticket store's (`KnexTicketStore.writes`) so they share its transactions.
 */
export class KnexQueueOutcomeRecorder implements QueueOutcomeRecorder {
  private readonly writes: GroupCommit<CallWrite>;

  constructor(db: Knex, writer?: TicketWriter, writes?: GroupCommit<CallWrite>) {
    this.writes = writes ?? createCallWrites(db, writer ?? shippedTicketWriter());
  }

  recordQueueOutcome(channelId: string, outcome: QueueOutcome): Promise<boolean> {
    return this.writes.submit<boolean>({ kind: 'queueOutcome', channelId, outcome });
  }
}
