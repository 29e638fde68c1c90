import type { Knex } from 'knex';
import { z } from 'zod';
import { toDbTime } from '../storage/time.js';

/** What happened to a call in app_queue, as the ticket records it. */
export type QueueOutcome =
  | { kind: 'agent-answered'; at: Date; queue: string; agent: string; agentName: string; waitS: number }
  | { kind: 'agent-completed'; at: Date; queue: string; agent: string; talkS: number; reason: string }
  | { kind: 'abandoned-in-queue'; at: Date; queue: string; waitS: number };

export interface QueueOutcomeRecorder {
  /** False when no call of ours has this channel (an agent leg, a call from before alo153). Idempotent. */
  recordQueueOutcome(channelId: string, outcome: QueueOutcome): Promise<boolean>;
}

const QUEUE_ACTOR = 'system:queue';
const callSchema = z.object({ id: z.string(), ticket_id: z.coerce.number().int().nullable() });

/** Ties app_queue's facts to our call row and ticket history (the caller's Uniqueid is our ARI channel id). */
export class KnexQueueOutcomeRecorder implements QueueOutcomeRecorder {
  constructor(private readonly db: Knex) {}

  async recordQueueOutcome(channelId: string, outcome: QueueOutcome): Promise<boolean> {
    return this.db.transaction(async (trx) => {
      const row: unknown = await trx('calls').where({ channel_id: channelId }).first('id', 'ticket_id');
      if (!row) return false;
      const call = callSchema.parse(row);
      const at = toDbTime(outcome.at);
      if (outcome.kind === 'agent-answered') {
        // The first answer wins: a replayed or duplicated AgentConnect must not move the time.
        await trx('calls')
          .where({ id: call.id })
          .whereNull('agent_connected_at')
          .update({ agent: outcome.agent, agent_connected_at: at, updated_at: toDbTime(new Date()) });
      }
      if (call.ticket_id === null) return true;
      const { kind, at: _at, ...data } = outcome;
      await trx('ticket_events')
        .insert({ ticket_id: call.ticket_id, at, actor: QUEUE_ACTOR, kind, data: JSON.stringify(data), dedupe_key: `${kind}:${outcome.queue}` })
        .onConflict(['ticket_id', 'dedupe_key'])
        .ignore();
      return true;
    });
  }
}
