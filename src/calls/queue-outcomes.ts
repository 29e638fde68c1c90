import type { Knex } from 'knex';
import { toDbTime } from '../storage/time.js';
import { shippedTicketWriter } from '../requests/create-requests.js';
import type { TicketWriter } from '../requests/ticket-writer.js';
import { writeSystemAction } from './system-actions.js';
import type { CallWrite } from './call-writes/call-write-batch.js';
import { createCallWrites } from './call-writes/call-writes.js';
import type { GroupCommit } from './call-writes/group-commit.js';
import type { PendingFacts } from './call-writes/pending-facts.js';

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
function updateCall(trx: Knex.Transaction, id: string, outcome: QueueOutcome, now: string): Promise<number> {
  const at = toDbTime(outcome.at);
  const call = trx('calls').where({ id });
  const endedIfUnknown = trx.raw('coalesce(ended_at, ?)', [at]);
  // The hand-off names the queue; a call whose hand-off write was lost still gets the queue app_queue reported.
  const queue = 'queue' in outcome ? { queue: trx.raw('coalesce(queue, ?)', [outcome.queue]) } : {};
  switch (outcome.kind) {
    case 'agent-answered':
      return call.whereNull('agent_connected_at').update({
        agent: outcome.agent,
        agent_name: outcome.agentName,
        agent_connected_at: at,
        wait_s: outcome.waitS,
        outcome: 'answered',
        ...queue,
        updated_at: now,
      });
    case 'agent-completed':
      // The answer itself may have been missed (AMI was down at AgentConnect): the completion still says who took it.
      return call.whereNull('talk_s').update({
        talk_s: outcome.talkS,
        agent: trx.raw('coalesce(agent, ?)', [outcome.agent]),
        outcome: 'answered',
        ended_at: endedIfUnknown,
        ...queue,
        updated_at: now,
      });
    case 'abandoned-in-queue':
      return call
        .whereNull('agent_connected_at')
        .update({ outcome: 'abandoned-in-queue', wait_s: outcome.waitS, ended_at: endedIfUnknown, ...queue, updated_at: now });
    case 'hung-up':
      // The channel is gone: nothing ends later than this, whatever AgentComplete or the abandon wrote first.
      return call.update({ ended_at: at, updated_at: now });
  }
}

/** The outcome on the call row and, but for the hang-up, as a fact in the ticket's history (inside a batch's transaction). */
export async function writeQueueOutcome(
  trx: Knex.Transaction,
  writer: TicketWriter,
  call: { id: string; ticketId: number | null },
  outcome: QueueOutcome,
  now: string,
  facts?: PendingFacts,
): Promise<void> {
  await updateCall(trx, call.id, outcome, now);
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
